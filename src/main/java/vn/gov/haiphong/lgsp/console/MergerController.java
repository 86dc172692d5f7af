package vn.gov.haiphong.lgsp.console;

import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.haiphong.lgsp.console.MergerBoard.Serving;
import vn.gov.haiphong.lgsp.console.MergerCutOver.Plan;
import vn.gov.haiphong.lgsp.console.MergerCutOver.Refused;

/**
 * The merger board ({@code /console/merger}): the units of the former Hải Dương and who serves
 * them, documents per route over the last week, the cut-over's progress, the import conflicts;
 * and, for administrators only ({@code /console/merger/cut-over}, guarded by the security chain),
 * cutting a unit over through a confirmation page.
 */
@Controller
@RequestMapping("/console/merger")
public class MergerController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM");

    private final MergerBoard board;
    private final MergerCutOver cutOver;
    private final MessageSource messages;

    public MergerController(MergerBoard board, MergerCutOver cutOver, MessageSource messages) {
        this.board = board;
        this.cutOver = cutOver;
        this.messages = messages;
    }

    @GetMapping
    String board(@RequestParam(required = false) String served, @RequestParam(required = false) String q,
                 @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                 Model model) {
        Serving serving = serving(served);
        String text = ConsoleInputs.blankToNull(q);
        int p = ConsolePage.page(page);
        int s = ConsolePage.size(size);
        model.addAttribute("slice", ConsolePage.of(board.units(serving, text, (long) p * s, s), p, s));
        model.addAttribute("served", serving == null ? null : serving.name());
        model.addAttribute("q", text);
        model.addAttribute("progress", board.progress());
        MergerBoard.RouteDays routes = board.routesPerDay(Instant.now());
        model.addAttribute("routes", routes);
        model.addAttribute("chartDays", routes.days().stream().map(d -> DAY.format(d)).toList());
        List<Map<String, Object>> datasets = new ArrayList<>();
        routes.counts().forEach((route, counts) -> datasets.add(Map.of("label",
                messages.getMessage("merger.route." + route, null, route, LocaleContextHolder.getLocale()),
                "data", counts)));
        model.addAttribute("chartRoutes", datasets);
        model.addAttribute("eligible", board.eligibleSystems());
        model.addAttribute("imports", board.imports(10));
        model.addAttribute("registryWide", board.registryWide());
        return "console/merger";
    }

    /** ADMIN: the confirmation (unit, from, to), or the choice of a system when none was given. */
    @GetMapping("/cut-over")
    String confirm(@RequestParam(required = false) String unit, @RequestParam(required = false) String to,
                   Model model) {
        model.addAttribute("unitCode", unit);
        model.addAttribute("to", to);
        model.addAttribute("eligible", board.eligibleSystems());
        board.unit(unit == null ? "" : unit.strip()).ifPresent(u -> model.addAttribute("unit", u));
        try {
            model.addAttribute("plan", cutOver.plan(unit, to));
        } catch (Refused refused) {
            model.addAttribute("refused", refused);
        }
        return "console/merger-cut-over";
    }

    /** ADMIN: cuts the unit over, then back to the board with what was done. */
    @PostMapping("/cut-over")
    String cutOver(@RequestParam(required = false) String unit, @RequestParam(required = false) String to,
                   Principal person, Model model, RedirectAttributes redirect) {
        Plan plan;
        try {
            plan = cutOver.cutOver(unit, to, person.getName());
        } catch (Refused refused) {
            return confirm(unit, to, withRefusal(model, refused));
        }
        redirect.addFlashAttribute("cutOverUnit", plan.unit().code() + " " + plan.unit().name());
        redirect.addFlashAttribute("cutOverFrom", String.join(", ", plan.from().stream().map(s -> s.systemId()).toList()));
        redirect.addFlashAttribute("cutOverTo", plan.to().systemId());
        redirect.addAttribute("q", plan.unit().code());
        return "redirect:/console/merger";
    }

    private static Model withRefusal(Model model, Refused refused) {
        model.addAttribute("postRefused", refused);
        return model;
    }

    static Serving serving(String served) {
        if (served == null) {
            return null;
        }
        for (Serving s : Serving.values()) {
            if (s.name().equalsIgnoreCase(served.strip())) {
                return s;
            }
        }
        return null;
    }
}
