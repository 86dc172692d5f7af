package vn.gov.haiphong.lgsp.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.CookieSession;
import vn.gov.haiphong.lgsp.PlatformTestSupport;

/**
 * Browser sessions live in the database every node shares (Spring Session JDBC), not in one
 * node's memory: a login is a row any node can read, and without that row the same cookie is
 * worth nothing on this node either.
 */
class SharedSessionsTest extends PlatformTestSupport {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aLoginIsARowOfTheSharedDatabaseAndNothingElse() {
        CookieSession session = CookieSession.login(baseUrl(), "operator", "operator-dev-2025");
        HttpResponse<String> console = session.get("/console/");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("Tổng quan");
        assertThat(session.cookie("JSESSIONID")).as("the session cookie keeps its name").isNotNull();
        long rows = jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name = 'operator'")
                .query(Long.class).single();
        assertThat(rows).as("the operator's session, in the database").isPositive();

        // Another node would read the same row; take it away and this node knows the cookie no more.
        jdbc.sql("DELETE FROM spring_session WHERE principal_name = 'operator'").update();
        HttpResponse<String> after = session.get("/console/");
        assertThat(after.statusCode()).as("sent to the login page").isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
    }
}
