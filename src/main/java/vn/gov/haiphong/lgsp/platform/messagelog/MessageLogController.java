package vn.gov.haiphong.lgsp.platform.messagelog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;

/**
 * The message log for operators ({@code /api/admin/**}: roles OPERATOR and ADMIN, see
 * SecurityConfig). Read-only: searching and verifying never change the log.
 */
@RestController
@RequestMapping("/api/admin/message-log")
@Tag(name = "message-log", description = "The hash-chained message log of the exchange and the gateway")
public class MessageLogController {

    static final int MAX_PAGE = 10_000;

    private final MessageLog messageLog;
    private final ObjectMapper json;

    public MessageLogController(MessageLog messageLog, ObjectMapper json) {
        this.messageLog = messageLog;
        this.json = json;
    }

    /** A row as the API shows it: detail as JSON, not text. */
    public record RowView(long id, Long chainSeq, Instant recordedAt, String node, String kind, String messageId,
                          String actor, String fromCode, String toCode, String route, String outcome, String sha256,
                          Long sizeBytes, JsonNode detail, String prevHash, String hash) {
    }

    public record PageView(int page, int size, boolean more, List<RowView> items) {
    }

    @Operation(summary = "Search the log, newest first: by messageId, kind, and recorded time from (inclusive) "
            + "to (exclusive), ISO-8601 instants; page from 0, size 1-200")
    @GetMapping
    public PageView search(@RequestParam(required = false) String messageId,
                           @RequestParam(required = false) String kind,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to,
                           @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "50") int size) {
        if (messageId != null && messageId.length() > 200) {
            throw invalid("messageId", "at most 200 characters");
        }
        if (kind != null && kind.length() > 40) {
            throw invalid("kind", "at most 40 characters");
        }
        if (page < 0 || page > MAX_PAGE) {
            throw invalid("page", "from 0 to " + MAX_PAGE);
        }
        if (size < 1 || size > MessageLog.MAX_PAGE_SIZE) {
            throw invalid("size", "from 1 to " + MessageLog.MAX_PAGE_SIZE);
        }
        MessageLog.Query query = new MessageLog.Query(blankToNull(messageId), blankToNull(kind), instant("from", from),
                instant("to", to));
        MessageLog.Page result = messageLog.search(query, page, size);
        return new PageView(result.page(), result.size(), result.more(), result.items().stream().map(this::view).toList());
    }

    @Operation(summary = "Recompute every link of the chain: OK with the row count and head hash, or the first broken link")
    @PostMapping("/verify")
    public VerificationReport verify() {
        return messageLog.verify();
    }

    private RowView view(MessageLogRow row) {
        return new RowView(row.id(), row.chainSeq(), row.recordedAt(), row.node(), row.kind(), row.messageId(),
                row.actor(), row.fromCode(), row.toCode(), row.route(), row.outcome(), row.sha256(), row.sizeBytes(),
                detail(row.detail()), row.prevHash(), row.hash());
    }

    private JsonNode detail(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text); // not JSON any more (changed by hand): shown as it is
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "an ISO-8601 instant such as 2025-07-15T00:00:00Z or 2025-07-15T07:00:00+07:00");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LgspException invalid(String field, String expected) {
        return new LgspException(ErrorCode.VALIDATION_FAILED, field + " must be " + expected,
                Map.of("fields", Map.of(field, expected)));
    }
}
