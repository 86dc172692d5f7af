package vn.gov.haiphong.lgsp.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A way of presenting a password or secret that {@link LoginThrottleFilter} watches, and how it
 * reads the account named (never the secret). The tag names it in metrics and logs.
 */
public enum LoginMechanism {

    /** The login page's form ({@code POST /login}). */
    FORM("form") {
        @Override
        String account(HttpServletRequest request) {
            return LOGIN_FORM.matches(request) ? request.getParameter("username") : null;
        }
    },
    /** HTTP Basic with an operator account ({@code /api/admin/**}, {@code /actuator/**}). */
    BASIC_OPERATOR("basic-operator") {
        @Override
        String account(HttpServletRequest request) {
            return basicUsername(request);
        }
    },
    /** HTTP Basic with a connected system's id and secret ({@code /api/data/**}). */
    BASIC_SYSTEM("basic-system") {
        @Override
        String account(HttpServletRequest request) {
            return basicUsername(request);
        }
    },
    /**
     * A client secret at the authorization server ({@code client_secret_basic}, whose client id is
     * form-encoded, or {@code client_secret_post}); public clients present none and are not counted.
     */
    TOKEN("token") {
        @Override
        String account(HttpServletRequest request) {
            String basic = basicUsername(request);
            if (basic != null) {
                try {
                    return URLDecoder.decode(basic, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return basic;
                }
            }
            boolean post = HttpMethod.POST.matches(request.getMethod());
            return post && request.getParameter("client_secret") != null ? request.getParameter("client_id") : null;
        }
    };

    private static final RequestMatcher LOGIN_FORM = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/login");
    private static final BasicAuthenticationConverter BASIC = new BasicAuthenticationConverter();

    private final String tag;

    LoginMechanism(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The account this request presents credentials for, or null when it presents none. */
    abstract String account(HttpServletRequest request);

    private static String basicUsername(HttpServletRequest request) {
        try {
            UsernamePasswordAuthenticationToken token = BASIC.convert(request);
            return token == null ? null : token.getName();
        } catch (AuthenticationException malformed) {
            // Not Base64 or no colon: the Basic filter refuses it without checking any password.
            return null;
        }
    }
}
