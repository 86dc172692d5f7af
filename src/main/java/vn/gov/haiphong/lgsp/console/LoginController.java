package vn.gov.haiphong.lgsp.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login and logout pages, in Vietnamese. Spring Security handles what they post
 * ({@code POST /login}, {@code POST /logout}, both with the page's CSRF token); a failed login
 * comes back as {@code /login?error}, a logout as {@code /login?logout}.
 */
@Controller
public class LoginController {

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/logout")
    String logout() {
        return "console/logout";
    }
}
