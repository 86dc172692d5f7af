package vn.gov.haiphong.lgsp.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import vn.gov.haiphong.lgsp.security.SecurityConfig;

/**
 * The page a refused console request ends on (the security chain forwards here): which role the
 * page or action needs, which roles this account has, or that the form's CSRF token was stale.
 */
@Controller
public class RefusedController {

    @RequestMapping(SecurityConfig.CONSOLE_REFUSED)
    String refused(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object reason = request.getAttribute(SecurityConfig.REFUSAL_ATTRIBUTE);
        model.addAttribute("reason", reason == null ? "OPERATOR" : reason.toString());
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "console/refused";
    }
}
