package vn.gov.haiphong.lgsp.exchange.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Delivery;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.DeliveryView;

/** Operators' view of deliveries given up, and their replay. */
@RestController
@RequestMapping("/api/admin/exchange/dead-letters")
@Tag(name = "exchange", description = "Document exchange: dead letters and their replay")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** One dead letter: which document, to whom, through which route, and why it was given up. */
    public record DeadLetterView(long deliveryId, String docId, String fromCode, String recipientCode,
                                 String recipientSystem, String route, String queue, int attempts, String reason,
                                 Instant acceptedAt, Instant deadLetteredAt) {
        static DeadLetterView of(DeliveryView view) {
            Delivery d = view.delivery();
            return new DeadLetterView(d.id(), d.docId(), view.document().fromCode(), d.recipientCode(),
                    d.recipientSystem(), d.route(), DeliveryDispatcher.deadLetterQueueOf(d.targetSystem()),
                    d.transferAttempts(), d.lastError(), view.document().receivedAt(), d.updatedAt());
        }
    }

    @Operation(summary = "List dead-lettered deliveries (newest first), optionally of one target system")
    @GetMapping
    public List<DeadLetterView> list(@RequestParam(required = false) String target,
                                     @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(target, limit).stream().map(DeadLetterView::of).toList();
    }

    @Operation(summary = "Replay one dead letter: back on its target's queue with a full set of attempts")
    @PostMapping("/{deliveryId}/replay")
    public Map<String, Object> replay(@PathVariable long deliveryId, Principal principal) {
        Delivery delivery = deadLetters.replay(deliveryId, principal.getName());
        return Map.of("deliveryId", delivery.id(), "docId", delivery.docId(), "transferState",
                delivery.transferState().name());
    }

    @Operation(summary = "Replay every dead letter of one target system")
    @PostMapping("/replay")
    public Map<String, Object> replayAll(@RequestParam String target, Principal principal) {
        return Map.of("target", target, "replayed", deadLetters.replayAll(target, principal.getName()));
    }
}
