package vn.gov.haiphong.lgsp.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells Hawtio who is logged in. Hawtio asks {@code GET /actuator/hawtio/user}; its own servlet
 * answers {@code "public"} unless Hawtio's JAAS login is on (Hawtio's bridge from Spring Security
 * to it, {@code hawtio-springboot-security}, is not published where this build can reach), and for
 * {@code "public"} Hawtio hides its "Log out". The answer here is the person of the platform's
 * login, as Hawtio's servlet would give it: a JSON string.
 */
final class HawtioUser extends OncePerRequestFilter {

    static final String PATH = "/actuator/hawtio/user";

    private final ObjectMapper json;

    HawtioUser(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("GET".equals(request.getMethod()) && PATH.equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        if (person == null || !person.isAuthenticated() || person instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), person.getName());
    }
}
