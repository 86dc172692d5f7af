package vn.gov.haiphong.lgsp.console;

import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.haiphong.lgsp.console.DeliveryTargets.DeadLetter;
import vn.gov.haiphong.lgsp.console.DeliveryTargets.DeadLetterFilter;
import vn.gov.haiphong.lgsp.exchange.delivery.DeadLetters;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;

/**
 * The console's delivery targets and dead letters ({@code /console/targets}): every connected
 * system with its backlog, last delivery and last failure; the dead letters; and their replay
 * (one, a selection, or all of a target), each through a confirmation page. Operators and
 * administrators replay; {@link DeadLetters} audits each replay with the person as actor.
 */
@Controller
@RequestMapping("/console/targets")
public class TargetsController {

    static final List<String> MODES = List.of("PULL", "PUSH", "RELAY");

    private final DeliveryTargets targets;
    private final DeadLetters deadLetters;

    public TargetsController(DeliveryTargets targets, DeadLetters deadLetters) {
        this.targets = targets;
        this.deadLetters = deadLetters;
    }

    @GetMapping
    String targets(@RequestParam(required = false) String mode, @RequestParam(required = false) String q,
                   @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                   Model model) {
        String asked = ConsoleInputs.blankToNull(mode);
        String modeFilter = asked != null && MODES.contains(asked) ? asked : null;
        String text = ConsoleInputs.blankToNull(q);
        int p = ConsolePage.page(page);
        int s = ConsolePage.size(size);
        model.addAttribute("slice", ConsolePage.of(targets.targets(modeFilter, text, (long) p * s, s), p, s));
        model.addAttribute("modes", MODES);
        model.addAttribute("mode", modeFilter);
        model.addAttribute("q", text);
        return "console/targets";
    }

    @GetMapping("/dead-letters")
    String deadLetters(@RequestParam(required = false) String target, @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to, @RequestParam(required = false) String reason,
                       @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                       Model model) {
        List<Problem> problems = new ArrayList<>();
        Instant fromInstant = parseTime(from, "from", problems);
        Instant toInstant = parseTime(to, "to", problems);
        DeadLetterFilter filter = new DeadLetterFilter(ConsoleInputs.blankToNull(target), fromInstant, toInstant,
                ConsoleInputs.blankToNull(reason));
        int p = ConsolePage.page(page);
        int s = ConsolePage.size(size);
        model.addAttribute("slice", ConsolePage.of(targets.deadLetters(filter, (long) p * s, s), p, s));
        model.addAttribute("filter", filter);
        model.addAttribute("systems", targets.systemIds());
        model.addAttribute("problems", problems);
        return "console/targets-dead-letters";
    }

    /** The confirmation: exactly what will be replayed (a selection by id, or every dead letter of a target). */
    @GetMapping("/replay")
    String confirm(@RequestParam(name = "id", required = false) List<String> ids,
                   @RequestParam(required = false) String target, Model model) {
        List<Problem> problems = new ArrayList<>();
        String system = ConsoleInputs.blankToNull(target);
        List<DeadLetter> letters;
        if (system != null) {
            if (!targets.systemIds().contains(system)) {
                problems.add(new Problem("unknownTarget", system));
                letters = List.of();
            } else {
                letters = targets.deadLettersOf(system, DeadLetters.MAX_LIST);
            }
        } else {
            Set<Long> asked = parseIds(ids, problems);
            letters = targets.deadLettersAmong(asked);
            Set<Long> found = new LinkedHashSet<>(letters.stream().map(DeadLetter::id).toList());
            for (Long id : asked) {
                if (!found.contains(id)) {
                    problems.add(new Problem("notDeadLetter", String.valueOf(id)));
                }
            }
        }
        if (system == null && (ids == null || ids.isEmpty())) {
            problems.add(new Problem("nothingSelected", null));
        }
        model.addAttribute("target", system);
        model.addAttribute("letters", letters);
        model.addAttribute("problems", problems);
        return "console/targets-replay";
    }

    /** Replays what the confirmation showed, then shows how many were replayed. */
    @PostMapping("/replay")
    String replay(@RequestParam(name = "id", required = false) List<String> ids,
                  @RequestParam(required = false) String target, Principal person, RedirectAttributes redirect) {
        List<Problem> problems = new ArrayList<>();
        int replayed = 0;
        List<Long> replayedIds = new ArrayList<>();
        String system = ConsoleInputs.blankToNull(target);
        if (system != null) {
            if (!targets.systemIds().contains(system)) {
                problems.add(new Problem("unknownTarget", String.valueOf(system)));
            } else {
                replayed = deadLetters.replayAll(system, person.getName());
            }
        } else {
            Set<Long> asked = parseIds(ids, problems);
            if (asked.isEmpty() && problems.isEmpty()) {
                problems.add(new Problem("nothingSelected", null));
            }
            for (Long id : asked) {
                try {
                    deadLetters.replay(id, person.getName());
                    replayed++;
                    replayedIds.add(id);
                } catch (LgspException e) {
                    problems.add(new Problem("notDeadLetter", String.valueOf(id)));
                }
            }
        }
        redirect.addFlashAttribute("replayed", replayed);
        redirect.addFlashAttribute("replayedIds", replayedIds);
        redirect.addFlashAttribute("target", system);
        redirect.addFlashAttribute("problems", problems);
        return "redirect:/console/targets/replayed";
    }

    @GetMapping("/replayed")
    String replayed(Model model) {
        if (!model.containsAttribute("replayed")) {
            // Reloaded after the flash was used: nothing to report, back to the list.
            return "redirect:/console/targets/dead-letters";
        }
        @SuppressWarnings("unchecked")
        List<Long> ids = (List<Long>) model.getAttribute("replayedIds");
        model.addAttribute("states", targets.states(ids == null ? List.of() : ids));
        return "console/targets-replayed";
    }

    // --- input --------------------------------------------------------------------------------

    /** Delivery ids as asked; what is not a number becomes a problem ("badId:..."), never an error page. */
    static Set<Long> parseIds(List<String> ids, List<Problem> problems) {
        Set<Long> parsed = new LinkedHashSet<>();
        if (ids == null) {
            return parsed;
        }
        for (String id : ids) {
            if (id == null || id.isBlank()) {
                continue;
            }
            try {
                parsed.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
                problems.add(new Problem("badId", id.length() > 40 ? id.substring(0, 40) + "…" : id));
            }
            if (parsed.size() > DeadLetters.MAX_LIST) {
                problems.add(new Problem("tooMany", String.valueOf(DeadLetters.MAX_LIST)));
                break;
            }
        }
        return parsed;
    }

    /** A {@code datetime-local} value in the city's time; a problem named after the field when it is not one. */
    static Instant parseTime(String value, String field, List<Problem> problems) {
        Optional<Instant> time = ConsoleInputs.localTime(value);
        if (time.isEmpty() && ConsoleInputs.blankToNull(value) != null) {
            problems.add(new Problem("badTime", field));
        }
        return time.orElse(null);
    }

    /** Why (part of) a request could not be done: a message key {@code targets.problem.<key>} and its argument. */
    public record Problem(String key, String arg) implements Serializable {
    }
}
