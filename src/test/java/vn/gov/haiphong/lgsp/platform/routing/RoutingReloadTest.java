package vn.gov.haiphong.lgsp.platform.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.gov.haiphong.lgsp.PlatformTestSupport;
import vn.gov.haiphong.lgsp.TestHttp;
import vn.gov.haiphong.lgsp.exchange.delivery.RoutingTable;
import vn.gov.haiphong.lgsp.security.Roles;

/**
 * Edits of the routing tables in the running platform (files source): an edit that does not
 * load, or that breaks a case, is refused, the last good table keeps routing, and the operator
 * reads why in the admin API and (once) in the log; a good edit is live within seconds.
 */
@ExtendWith(OutputCaptureExtension.class)
class RoutingReloadTest extends PlatformTestSupport {

    static final Path TABLE = Path.of(ROUTES_DIR, "document-routing.camel.yaml");
    static final RoutingTable.Facts RELAYED = new RoutingTable.Facts("000.00.61.H27", true, true, "hd.lgsp-cu",
            "RELAY", "edoc");

    /** The relay rule's target in routes/document-routing.camel.yaml, as written there. */
    static final String RELAY_TARGET_RULE = "                      constant: relay\n                  - setHeader:\n"
            + "                      name: lgspTarget\n                      simple: \"${header.lgspSystemId}\"\n";

    @Autowired
    RoutingTable routingTable;

    @Autowired
    RoutingTables tables;

    @AfterEach
    void restoreTheShippedTable() throws Exception {
        Files.copy(Path.of("routes/document-routing.camel.yaml"), TABLE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(30)).until(() -> tables.status().lastRefusal() == null
                && tables.status().active().sha256().equals(RouteFiles.fromDirectory(Path.of(ROUTES_DIR)).sha256()));
    }

    @Test
    void anEditThatBreaksACaseIsRefusedAndTheLastGoodTableKeepsRouting(CapturedOutput output) throws Exception {
        String activeBefore = tables.status().active().sha256();
        Files.writeString(TABLE, Files.readString(TABLE).replace("constant: relay", "constant: national-axis"));

        await().atMost(Duration.ofSeconds(30)).until(() -> tables.status().lastRefusal() != null);
        assertThat(tables.status().active().sha256()).isEqualTo(activeBefore);
        // The live table still relays: the refused edit routes nothing.
        assertThat(routingTable.decide(RELAYED)).contains(new RoutingTable.Decision(RoutingTable.Route.RELAY, "hd.lgsp-cu"));

        var response = TestHttp.get(baseUrl() + "/api/admin/routing", credentialsWithRole(Roles.OPERATOR));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = read(response.body());
        assertThat(status.path("source").asText()).isEqualTo("files");
        assertThat(status.path("active").path("sha256").asText()).isEqualTo(activeBefore);
        JsonNode problem = status.path("lastRefusal").path("problems").get(0);
        assertThat(problem.path("file").asText()).isEqualTo("tests/document-routing.yaml");
        assertThat(problem.path("case").asText()).isEqualTo("a unit not yet cut over is relayed to the old Hải Dương platform");
        assertThat(problem.path("message").asText()).isEqualTo("lgspRoute expected \"relay\", got \"national-axis\"");

        // Logged once, however many polls see the same refused edit.
        Thread.sleep(2_500);
        assertThat(output.getOut().lines().filter(l -> l.contains("REFUSED")).count()).isEqualTo(1);
    }

    @Test
    void anEditThatDoesNotParseIsRefused() throws Exception {
        Files.writeString(TABLE, Files.readString(TABLE).replace("- choice:", "- choise:"));
        await().atMost(Duration.ofSeconds(30)).until(() -> tables.status().lastRefusal() != null);
        RoutingTables.Refusal refusal = tables.status().lastRefusal();
        assertThat(refusal.problems().get(0).file()).isEqualTo("document-routing.camel.yaml");
        assertThat(refusal.problems().get(0).message()).startsWith("does not load: ").contains("choise");
        assertThat(routingTable.decide(RELAYED)).map(RoutingTable.Decision::route).contains(RoutingTable.Route.RELAY);
    }

    @Test
    void aGoodEditIsLiveWithinSeconds() throws Exception {
        // Relay units' documents go to a (test) system of their own: the case is changed with the rule.
        Path cases = Path.of(ROUTES_DIR, "tests/document-routing.yaml");
        String shippedCases = Files.readString(cases);
        try {
            Files.writeString(cases, shippedCases.replace("lgspRoute: relay\n        lgspTarget: hd.lgsp-cu",
                    "lgspRoute: relay\n        lgspTarget: test.relay-override"));
            String table = Files.readString(TABLE);
            assertThat(table).contains(RELAY_TARGET_RULE);
            Files.writeString(TABLE, table.replace(RELAY_TARGET_RULE, RELAY_TARGET_RULE.replace(
                    "simple: \"${header.lgspSystemId}\"", "constant: test.relay-override")));
            await().atMost(Duration.ofSeconds(30)).until(() -> routingTable.decide(RELAYED)
                    .map(RoutingTable.Decision::targetSystem).orElse("").equals("test.relay-override"));
            assertThat(tables.status().lastRefusal()).isNull();
            assertThat(tables.status().active().casesRun()).isEqualTo(21);
        } finally {
            Files.writeString(cases, shippedCases);
        }
    }

    @Test
    void aSetIsCheckedThroughTheApiWithoutBeingDeployed() throws Exception {
        RouteFiles shipped = RouteFiles.fromDirectory(Path.of("routes"));
        var passed = TestHttp.send("POST", baseUrl() + "/api/admin/routing/check", credentialsWithRole(Roles.OPERATOR),
                "application/json", json.writeValueAsBytes(java.util.Map.of("tables", shipped.tables(),
                        "cases", shipped.cases())));
        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(200);
        assertThat(read(passed.body()).path("casesRun").asInt()).isEqualTo(21);

        var edited = new java.util.HashMap<>(shipped.tables());
        edited.put("document-routing.camel.yaml", edited.get("document-routing.camel.yaml")
                .replace("constant: local-push", "constant: local-pull"));
        String live = tables.status().active().sha256();
        var refused = TestHttp.send("POST", baseUrl() + "/api/admin/routing/check", credentialsWithRole(Roles.OPERATOR),
                "application/json", json.writeValueAsBytes(java.util.Map.of("tables", edited, "cases", shipped.cases())));
        JsonNode problem = assertProblem(refused, 400, "LGSP-400");
        assertThat(problem.path("problems").get(0).path("case").asText()).isEqualTo("a unit whose system takes pushes is pushed to");
        assertThat(problem.path("problems").get(0).path("message").asText())
                .isEqualTo("lgspRoute expected \"local-push\", got \"local-pull\"");
        // Only checked: the live tables and their status are untouched.
        assertThat(tables.status().active().sha256()).isEqualTo(live);
        assertThat(tables.status().lastRefusal()).isNull();

        var badName = TestHttp.send("POST", baseUrl() + "/api/admin/routing/check", credentialsWithRole(Roles.OPERATOR),
                "application/json", "{\"tables\":{\"../x.camel.yaml\":\"[]\"}}".getBytes(StandardCharsets.UTF_8));
        assertProblem(badName, 400, "LGSP-400");
    }

    @Test
    void uploadsAreRefusedWhereTheFilesAreTheSource() {
        var response = TestHttp.send("POST", baseUrl() + "/api/admin/routing/versions", credentialsWithRole(Roles.ADMIN),
                "application/json", "{\"tables\":{\"a.camel.yaml\":\"[]\"}}".getBytes(StandardCharsets.UTF_8));
        assertProblem(response, 405, "LGSP-405");
        assertThat(read(response.body()).path("detail").asText()).contains("lgsp.routing.source=files");
        assertThat(response.headers().allValues("Allow")).as("what /versions still takes").containsExactly("GET");
        var activate = TestHttp.send("POST", baseUrl() + "/api/admin/routing/versions/1/activate",
                credentialsWithRole(Roles.ADMIN), "application/json", new byte[0]);
        assertProblem(activate, 405, "LGSP-405");
        assertThat(activate.headers().allValues("Allow")).as("what /activate takes here: nothing").containsExactly("");
    }
}
