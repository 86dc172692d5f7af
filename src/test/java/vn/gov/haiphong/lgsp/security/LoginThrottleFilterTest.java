package vn.gov.haiphong.lgsp.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.ProblemJson;

/**
 * The filter counts a login's outcome before the answer can reach the client: a client that
 * guesses again as soon as it has its 401 must find the failure already counted.
 */
class LoginThrottleFilterTest {

    static final String ADDRESS = "10.0.0.9";

    /** One failure of a pair locks it, so "counted" shows as "locked". */
    final LoginThrottle throttle = new LoginThrottle(new LoginThrottleSettings(true, 1, 20, 50,
            Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofMinutes(15), 1000), new SimpleMeterRegistry());
    final LoginThrottleFilter filter = new LoginThrottleFilter(throttle, new ObjectMapper(),
            LoginMechanism.FORM, LoginMechanism.BASIC_OPERATOR);
    /** Whether the pair was locked at the moment the answer left, as each chain saw it. */
    final List<Boolean> lockedWhenAnswered = new ArrayList<>();

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aFailureWrittenAndClosedByTheEntryPointIsCountedBeforeTheBodyLeaves() throws Exception {
        run(basic("alice"), (request, response) -> {
            // As the platform's entry point does: the problem is written and its stream closed.
            ProblemJson.write((HttpServletResponse) response, new ObjectMapper(),
                    ErrorCode.UNAUTHENTICATED, "wrong password");
            lockedWhenAnswered.add(lockedNow("alice"));
        });
        assertThat(lockedWhenAnswered).containsExactly(true);
    }

    @Test
    void aFailedFormLoginIsCountedWhenItsRedirectIsSent() throws Exception {
        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/login");
        form.setParameter("username", "alice");
        run(form, (request, response) -> {
            ((HttpServletResponse) response).sendRedirect("/login?error");
            lockedWhenAnswered.add(lockedNow("alice"));
        });
        assertThat(lockedWhenAnswered).containsExactly(true);
    }

    @Test
    void anAuthenticatedRequestIsASuccessEvenWhenItsAnswerIs401() throws Exception {
        throttle.failed(LoginMechanism.BASIC_OPERATOR, "alice", "10.0.0.10");
        run(basic("alice"), (request, response) -> {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "alice", null, AuthorityUtils.createAuthorityList("ROLE_OPERATOR")));
            // An upstream's own 401, relayed: not a failed login here.
            ((HttpServletResponse) response).setStatus(401);
            response.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
            lockedWhenAnswered.add(lockedNow("alice"));
        });
        assertThat(lockedWhenAnswered).containsExactly(false);
    }

    @Test
    void credentialsThatCouldNotBeCheckedAreNoFailure() throws Exception {
        run(basic("alice"), (request, response) -> ProblemJson.write((HttpServletResponse) response, new ObjectMapper(),
                ErrorCode.DATABASE_UNAVAILABLE, null));
        assertThat(lockedNow("alice")).as("a 503 while the database is away").isFalse();
        assertThat(throttle.entries()).isZero();
    }

    @Test
    void aRequestWithoutCredentialsCountsForNothing() throws Exception {
        run(new MockHttpServletRequest("GET", "/api/admin/agencies"), (request, response) ->
                ((HttpServletResponse) response).sendError(401));
        assertThat(throttle.entries()).isZero();
    }

    private void run(MockHttpServletRequest request, FilterChain chain) throws Exception {
        request.setRemoteAddr(ADDRESS);
        filter.doFilter(request, new MockHttpServletResponse(), chain);
    }

    private boolean lockedNow(String account) {
        return !throttle.locked(LoginMechanism.BASIC_OPERATOR, account, ADDRESS).isZero();
    }

    private static MockHttpServletRequest basic(String user) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/admin/agencies");
        request.addHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":guess").getBytes(StandardCharsets.UTF_8)));
        return request;
    }
}
