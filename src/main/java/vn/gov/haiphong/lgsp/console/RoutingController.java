package vn.gov.haiphong.lgsp.console;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.platform.routing.RoutingDeployments;
import vn.gov.haiphong.lgsp.platform.routing.RoutingSource;
import vn.gov.haiphong.lgsp.platform.routing.RoutingTables;

/**
 * The routing tables in the console ({@code /console/routing}): what routes now, the last change
 * refused and every reason (file, case, expected and got), and, where the tables are stored
 * (database source), the versions with the way back to one (administrators).
 */
@Controller
@RequestMapping("/console/routing")
public class RoutingController {

    private final RoutingTables tables;
    private final RoutingSource source;
    private final RoutingDeployments deployments;

    public RoutingController(RoutingTables tables, RoutingSource source, RoutingDeployments deployments) {
        this.tables = tables;
        this.source = source;
        this.deployments = deployments;
    }

    @GetMapping
    String routing(Model model) {
        RoutingTables.Status status = tables.status();
        model.addAttribute("source", source.name());
        model.addAttribute("routesDir", source.routesDir().toString());
        model.addAttribute("active", status.active());
        model.addAttribute("refusal", status.lastRefusal());
        model.addAttribute("versions", source.storedVersions());
        return "console/routing";
    }

    @PostMapping("/versions/{version}/activate")
    String activate(@PathVariable long version, Principal principal, RedirectAttributes redirect) {
        try {
            deployments.activate(version, principal.getName());
            redirect.addFlashAttribute("activated", version);
        } catch (LgspException e) {
            redirect.addFlashAttribute("activateError", e.getMessage());
        }
        return "redirect:/console/routing";
    }
}
