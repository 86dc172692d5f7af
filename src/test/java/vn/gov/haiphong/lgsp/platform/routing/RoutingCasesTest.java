package vn.gov.haiphong.lgsp.platform.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of routes/tests/ against the routing tables of routes/, loaded by Camel's YAML DSL
 * as the platform loads them; and that the runner names the file, the case, what was expected and
 * what came back when a table is wrong.
 */
class RoutingCasesTest {

    @Test
    void everyShippedCaseFileMatchesThePublishedSchema() throws Exception {
        var schema = vn.gov.haiphong.lgsp.PublishedSchemas.load("routing/route-cases.schema.json");
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        for (var file : RouteFiles.fromDirectory(Path.of("routes")).cases().entrySet()) {
            assertThat(schema.validate(yaml.readTree(file.getValue()))).as(file.getKey()).isEmpty();
        }
        assertThat(schema.validate(yaml.readTree("route: x\ncases:\n  - name: y\n    expect: {heders: {}}\n")))
                .as("a misspelt key is caught").isNotEmpty();
    }

    private static RouteCaseRunner runner() throws Exception {
        return new RouteCaseRunner(RouteCheckTool.platformSettings());
    }

    @Test
    void theShippedTablesPassEveryCaseWrittenForThem() throws Exception {
        RouteFiles files = RouteFiles.fromDirectory(Path.of("routes"));
        RouteCaseRunner.Verdict verdict = runner().check(files);
        assertThat(verdict.passed()).as(verdict.report()).isTrue();
        assertThat(files.cases()).containsOnlyKeys("document-routing.yaml", "gateway-routing.yaml",
                "gateway-bridge-hd-donvi.yaml");
        assertThat(verdict.casesRun()).isEqualTo(21);
        assertThat(verdict.routesByTable()).containsEntry("document-routing.camel.yaml", java.util.List.of("document-routing"));
    }

    @Test
    void aChangedRuleFailsItsCaseNamingFileCaseExpectedAndGot() throws Exception {
        RouteFiles shipped = RouteFiles.fromDirectory(Path.of("routes"));
        Map<String, String> tables = new HashMap<>(shipped.tables());
        tables.put("document-routing.camel.yaml", tables.get("document-routing.camel.yaml")
                .replace("constant: relay", "constant: national-axis"));
        RouteCaseRunner.Verdict verdict = runner().check(new RouteFiles(tables, shipped.cases()));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.problems()).hasSize(2);
        assertThat(verdict.report()).contains("FAIL tests/document-routing.yaml › case \"a unit not yet cut over is "
                + "relayed to the old Hải Dương platform\": lgspRoute expected \"relay\", got \"national-axis\"");
    }

    @Test
    void aTableThatDoesNotParseIsReportedByFile() throws Exception {
        RouteFiles shipped = RouteFiles.fromDirectory(Path.of("routes"));
        Map<String, String> tables = new HashMap<>(shipped.tables());
        tables.put("gateway-routing.camel.yaml", tables.get("gateway-routing.camel.yaml")
                .replace("      steps:\n        - setHeader:\n            name: unitCode", "      steps:\n        - setHeadr:\n            name: unitCode"));
        RouteCaseRunner.Verdict verdict = runner().check(new RouteFiles(tables, shipped.cases()));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.problems().get(0).file()).isEqualTo("gateway-routing.camel.yaml");
        assertThat(verdict.problems().get(0).message()).startsWith("does not load: ").contains("setHeadr");
    }

    @Test
    void theCommandExitsZeroOnTheShippedTablesAndOneOnABrokenCase(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(RouteCheckTool.run(new String[] {"test-routes", "routes"}, print(out), print(err))).contains(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK: 21 case(s) run, 0 problem(s)");

        Files.createDirectories(dir.resolve("tests"));
        Files.copy(Path.of("routes/document-routing.camel.yaml"), dir.resolve("document-routing.camel.yaml"));
        Files.writeString(dir.resolve("tests/pull.yaml"), """
                route: document-routing
                cases:
                  - name: wrong target
                    headers: {lgspKnownInRegistry: true, lgspDeliveryMode: PULL, lgspSystemId: a}
                    expect:
                      headers: {lgspRoute: local-pull, lgspTarget: b}
                """);
        out.reset();
        assertThat(RouteCheckTool.run(new String[] {"test-routes", dir.toString()}, print(out), print(err))).contains(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("FAIL tests/pull.yaml › case \"wrong target\": lgspTarget expected \"b\", got \"a\"")
                .contains("REFUSED: 1 case(s) run, 1 problem(s)");

        assertThat(RouteCheckTool.run(new String[] {"test-routes", dir.resolve("missing").toString()}, print(out),
                print(err))).contains(2);
        assertThat(RouteCheckTool.run(new String[] {"hash-password"}, print(out), print(err))).isEmpty();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
