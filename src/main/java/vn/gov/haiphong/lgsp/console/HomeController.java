package vn.gov.haiphong.lgsp.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where a person lands after the login: what this account may use, in Vietnamese. Operators and
 * administrators get the operations console and the tools (Hawtio, Swagger UI, health, metrics)
 * and what their role allows there; anyone else is told that the account has no operator role.
 * The person ({@code person}) comes from {@link ConsoleAdvice}.
 */
@Controller
public class HomeController {

    @GetMapping("/")
    String home() {
        return "console/home";
    }
}
