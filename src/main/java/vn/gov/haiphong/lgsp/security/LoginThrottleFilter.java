package vn.gov.haiphong.lgsp.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.ProblemJson;

/**
 * Puts a security chain's logins under the {@link LoginThrottle}: placed before the chain's
 * authentication filters, it reads the account a request presents credentials for (see
 * {@link LoginMechanism}), refuses it unchecked while locked (429 {@code LGSP-429} with
 * {@code Retry-After}; the login form gets a page saying so), and otherwise records the outcome:
 * a 401 or the form's redirect to {@code /login?error} is a failure, an authenticated principal
 * a success. Requests that present no credentials, or are refused before their credentials are
 * checked (CSRF), count for nothing.
 * <p>
 * The outcome is recorded when the answer is decided (its status set, a redirect sent, its body
 * begun), not after the chain returns: an entry point that writes and closes its body has sent
 * the answer by then, and a client's next guess could arrive before its failure was counted.
 * <p>
 * The address is {@code getRemoteAddr()}: behind a reverse proxy, set
 * {@code server.forward-headers-strategy=native} (Tomcat's RemoteIpValve, which trusts
 * {@code X-Forwarded-For} only from internal proxies) so that it is the client's, not the proxy's.
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final ObjectMapper json;
    private final List<LoginMechanism> mechanisms;

    /** Watches the first of {@code mechanisms} that a request uses. */
    public LoginThrottleFilter(LoginThrottle throttle, ObjectMapper json, LoginMechanism... mechanisms) {
        this.throttle = throttle;
        this.json = json;
        this.mechanisms = List.of(mechanisms);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        LoginMechanism mechanism = null;
        String account = null;
        for (LoginMechanism candidate : mechanisms) {
            account = candidate.account(request);
            if (account != null) {
                mechanism = candidate;
                break;
            }
        }
        if (mechanism == null || !throttle.enabled()) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        Duration locked = throttle.locked(mechanism, account, address);
        if (!locked.isZero()) {
            refuse(mechanism, request, response, (locked.toMillis() + 999) / 1000);
            return;
        }
        OutcomeRecorder recorder = new OutcomeRecorder(response, mechanism, account, address);
        chain.doFilter(request, recorder);
        recorder.settle();
    }

    /** Records the login's outcome once, at the first point where the answer could leave. */
    private final class OutcomeRecorder extends HttpServletResponseWrapper {
        private final LoginMechanism mechanism;
        private final String account;
        private final String address;
        private boolean settled;

        OutcomeRecorder(HttpServletResponse response, LoginMechanism mechanism, String account, String address) {
            super(response);
            this.mechanism = mechanism;
            this.account = account;
            this.address = address;
        }

        void settle() {
            if (settled) {
                return;
            }
            if (authenticated()) {
                settled = true;
                throttle.succeeded(account, address);
            } else if (failed(mechanism, this)) {
                settled = true;
                throttle.failed(mechanism, account, address);
            }
        }

        @Override
        public void setStatus(int sc) {
            super.setStatus(sc);
            settle();
        }

        @Override
        public void sendError(int sc) throws IOException {
            // Before the error is sent: the status is what settle() reads.
            super.setStatus(sc);
            settle();
            super.sendError(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            super.setStatus(sc);
            settle();
            super.sendError(sc, msg);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            super.setStatus(HttpStatus.FOUND.value());
            super.setHeader(HttpHeaders.LOCATION, location);
            settle();
            super.sendRedirect(location);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            settle();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            settle();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            settle();
            super.flushBuffer();
        }
    }

    private static boolean authenticated() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    private static boolean failed(LoginMechanism mechanism, HttpServletResponse response) {
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            return true;
        }
        String location = response.getHeader(HttpHeaders.LOCATION);
        return mechanism == LoginMechanism.FORM && location != null && location.contains("/login?error");
    }

    private void refuse(LoginMechanism mechanism, HttpServletRequest request, HttpServletResponse response,
                        long seconds) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        if (mechanism != LoginMechanism.FORM) {
            ProblemJson.write(response, json, ErrorCode.LOGIN_THROTTLED, "Too many failed logins for this account "
                    + "or from this address: locked for " + seconds + " s; the lock lifts by itself");
            return;
        }
        // A person at the login page: a page that says what happened and when to try again.
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="vi"><head><meta charset="utf-8"><title>Tạm khóa đăng nhập</title></head>
                <body><h1>Đăng nhập sai quá nhiều lần</h1>
                <p>Đăng nhập vào tài khoản này, hoặc từ địa chỉ của bạn, bị tạm khóa %1$d giây (%2$s) sau nhiều lần
                sai mật khẩu. Mật khẩu vừa nhập không được kiểm tra. Khóa tự mở; hãy thử lại sau thời gian đó.</p>
                <p lang="en">Too many failed logins: locked for %1$d seconds; the password was not checked. The lock
                lifts by itself.</p>
                <p><a href="%3$s/login">Quay lại trang đăng nhập</a></p></body></html>
                """.formatted(seconds, ErrorCode.LOGIN_THROTTLED.code(), request.getContextPath()));
    }
}
