package vn.gov.haiphong.lgsp.console;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.gov.haiphong.lgsp.security.Roles;

/**
 * Where a person lands after the login: what this account may use, in Vietnamese. Operators and
 * administrators get the consoles (Hawtio, Swagger UI, health, metrics) and what their role allows
 * there; anyone else is told that the account has no operator role.
 */
@Controller
public class HomeController {

    @GetMapping("/")
    String home(Authentication person, Model model) {
        List<String> roles = person.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(name -> name.startsWith("ROLE_")).map(name -> name.substring("ROLE_".length())).sorted().toList();
        model.addAttribute("username", person.getName());
        model.addAttribute("roles", roles);
        model.addAttribute("admin", roles.contains(Roles.ADMIN));
        model.addAttribute("operator", roles.contains(Roles.OPERATOR) || roles.contains(Roles.ADMIN));
        return "console/home";
    }
}
