package vn.gov.haiphong.lgsp.platform.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks a set of routing tables the way the platform runs them: Camel's YAML DSL loads every
 * table into a light, private CamelContext (no broker, no database, consumers of other
 * components not started), then every case of {@code tests/*.yaml} sends its headers to
 * {@code direct:<route>} and compares the headers that come back. Used by the test suite, by
 * the {@code test-routes} command and before any table is swapped into the running platform.
 */
public final class RouteCaseRunner {

    /** One thing wrong: which file, which case (null for the file itself), and what. */
    public record Problem(String file, String caseName, String message) {
        @Override
        public String toString() {
            return file + (caseName == null ? "" : " › case \"" + caseName + "\"") + ": " + message;
        }
    }

    /** The outcome: the routes each table defines, the cases run, and the problems found. */
    public record Verdict(Map<String, List<String>> routesByTable, int casesRun, List<Problem> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }

        /** Several lines for a person: each problem, then the count. */
        public String report() {
            StringBuilder text = new StringBuilder();
            for (Problem p : problems) {
                text.append("FAIL ").append(p).append('\n');
            }
            text.append(passed() ? "OK: " : "REFUSED: ").append(casesRun).append(" case(s) run, ")
                    .append(problems.size()).append(" problem(s), ")
                    .append(routesByTable.values().stream().mapToInt(List::size).sum()).append(" route(s) in ")
                    .append(routesByTable.size()).append(" table(s)");
            return text.toString();
        }
    }

    private final Function<String, String> properties;

    /** @param properties the platform's settings, for {@code {{...}}} placeholders in the tables */
    public RouteCaseRunner(Function<String, String> properties) {
        this.properties = properties;
    }

    public Verdict check(RouteFiles files) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<String>> routesByTable = new LinkedHashMap<>();
        int casesRun = 0;
        CaseRegistry registryStub = new CaseRegistry();
        DefaultCamelContext camel = new DefaultCamelContext();
        try {
            camel.getCamelContextExtension().setName("route-check");
            camel.disableJMX();
            camel.setAutoStartup(false);
            // A case that expects an error is no incident: failures go to the case, not the log.
            camel.getCamelContextExtension().setErrorHandlerFactory(
                    new org.apache.camel.model.errorhandler.NoErrorHandlerDefinition());
            camel.getPropertiesComponent().addPropertiesSource(new PropertiesSource() {
                @Override
                public String getName() {
                    return "lgsp-settings";
                }

                @Override
                public String getProperty(String name) {
                    return properties.apply(name);
                }
            });
            // Beans the tables call: registry questions answered from each case's "regions",
            // and a bridge that never calls out (cases stop at the request check).
            camel.getRegistry().bind("gatewayRegistry", registryStub);
            camel.getRegistry().bind("gatewayBridge", new NoBridge());
            Map<String, String> tableOfRoute = new LinkedHashMap<>();
            for (var table : files.tables().entrySet()) {
                List<String> ids = load(camel, table.getKey(), table.getValue(), problems);
                routesByTable.put(table.getKey(), ids);
                for (String id : ids) {
                    String other = tableOfRoute.putIfAbsent(id, table.getKey());
                    if (other != null) {
                        problems.add(new Problem(table.getKey(), null,
                                "route id " + id + " is already defined in " + other));
                    }
                }
            }
            if (!problems.isEmpty()) {
                return new Verdict(routesByTable, 0, problems);
            }
            // camel-test-spring asks (per thread) that contexts made while it builds a test's
            // Spring context do not start; this private context must start to run the cases.
            boolean noStart = DefaultCamelContext.isNoStart();
            try {
                DefaultCamelContext.setNoStart(false);
                camel.start();
                for (var route : camel.getRoutes()) {
                    if ("direct".equals(route.getEndpoint().getEndpointUri().split(":", 2)[0])) {
                        camel.getRouteController().startRoute(route.getRouteId());
                    }
                }
            } catch (Exception e) {
                problems.add(new Problem(tableOfRoute.isEmpty() ? "routes" : String.join(", ", files.tables().keySet()),
                        null, "the tables do not start: " + causes(e)));
                return new Verdict(routesByTable, 0, problems);
            } finally {
                DefaultCamelContext.setNoStart(noStart);
            }
            ProducerTemplate producer = camel.createProducerTemplate();
            for (var caseFile : files.cases().entrySet()) {
                casesRun += runCases(camel, producer, registryStub, RouteFiles.casesPath(caseFile.getKey()),
                        caseFile.getValue(), tableOfRoute.keySet(), problems);
            }
        } finally {
            camel.stop();
        }
        return new Verdict(routesByTable, casesRun, problems);
    }

    /** Loads one table; returns the ids of the routes it defines. */
    private static List<String> load(DefaultCamelContext camel, String name, String yaml, List<Problem> problems) {
        ModelCamelContext model = camel;
        Set<String> before = new TreeSet<>(model.getRouteDefinitions().stream().map(RouteDefinition::getRouteId).toList());
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(name, yaml));
        } catch (Exception e) {
            problems.add(new Problem(name, null, "does not load: " + causes(e)));
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (RouteDefinition def : model.getRouteDefinitions()) {
            if (def.getRouteId() == null) {
                problems.add(new Problem(name, null, "a route has no id (every route of a routing table needs one)"));
            } else if (!before.contains(def.getRouteId()) && !ids.contains(def.getRouteId())) {
                ids.add(def.getRouteId());
            }
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static int runCases(DefaultCamelContext camel, ProducerTemplate producer, CaseRegistry registryStub,
                                String file, String yaml, Set<String> routeIds, List<Problem> problems) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            problems.add(new Problem(file, null, "is not YAML: " + firstLine(e.getMessage())));
            return 0;
        }
        if (!(doc instanceof Map<?, ?> top) || !(top.get("route") instanceof String route)
                || !(top.get("cases") instanceof List<?> cases)) {
            problems.add(new Problem(file, null, "needs \"route: <route id>\" and a list \"cases:\""));
            return 0;
        }
        if (!routeIds.contains(route)) {
            problems.add(new Problem(file, null, "route " + route + " is in no table"));
            return 0;
        }
        int run = 0;
        int index = 0;
        for (Object item : cases) {
            index++;
            if (!(item instanceof Map<?, ?> c) || !(c.get("expect") instanceof Map<?, ?> expect)) {
                problems.add(new Problem(file, "#" + index, "a case needs \"name\", \"headers\" and \"expect\""));
                continue;
            }
            String name = c.get("name") == null ? "#" + index : c.get("name").toString();
            registryStub.regions = c.get("regions") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            Exchange exchange = new DefaultExchange(camel);
            if (c.get("headers") instanceof Map<?, ?> headers) {
                headers.forEach((k, v) -> exchange.getMessage().setHeader(k.toString(), v));
            }
            if (c.get("body") != null) {
                exchange.getMessage().setBody(c.get("body").toString());
            }
            Exchange done = producer.send("direct:" + route, exchange);
            run++;
            compare(file, name, expect, done, problems);
        }
        return run;
    }

    private static void compare(String file, String name, Map<?, ?> expect, Exchange done, List<Problem> problems) {
        Exception failure = done.getException();
        if (expect.get("error") != null) {
            String wanted = expect.get("error").toString();
            if (failure == null) {
                problems.add(new Problem(file, name, "expected error " + wanted + ", got none"));
            } else if (!errorMatches(failure, wanted)) {
                problems.add(new Problem(file, name, "expected error " + wanted + ", got " + causes(failure)));
            }
            return;
        }
        if (failure != null) {
            problems.add(new Problem(file, name, "the route failed: " + causes(failure)));
            return;
        }
        if (expect.get("headers") instanceof Map<?, ?> headers) {
            headers.forEach((k, v) -> {
                Object got = done.getMessage().getHeader(k.toString());
                if (!Objects.equals(text(v), text(got))) {
                    problems.add(new Problem(file, name, k + " expected " + shown(v) + ", got " + shown(got)));
                }
            });
        }
        if (expect.containsKey("body")) {
            String got = done.getMessage().getBody(String.class);
            if (!Objects.equals(text(expect.get("body")), got)) {
                problems.add(new Problem(file, name, "body expected " + shown(expect.get("body")) + ", got " + shown(got)));
            }
        }
    }

    /** The type's simple name or a part of the message of the failure or one of its causes. */
    private static boolean errorMatches(Throwable failure, String wanted) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals(wanted) || (t.getMessage() != null && t.getMessage().contains(wanted))) {
                return true;
            }
        }
        return false;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String shown(Object value) {
        return value == null ? "(not set)" : "\"" + value + "\"";
    }

    static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 600; t = t.getCause()) {
            String message = firstLine(t.getMessage());
            if (message != null && text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : " ← ").append(message);
            }
        }
        return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        String first = message.strip().lines().findFirst().orElse("");
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }

    /** The registry questions the tables may ask (bean gatewayRegistry), answered from the case. */
    public static final class CaseRegistry {
        private Map<String, Object> regions = Map.of();

        public String region(String code) {
            Object region = code == null ? null : regions.get(code);
            return region == null ? "UNKNOWN" : region.toString();
        }

        public String currentCode(String code) {
            return code;
        }

        public boolean isLegacy(String code) {
            return false;
        }
    }

    /** Stands for bean gatewayBridge: cases never call a SOAP service. */
    public static final class NoBridge {
        public void callSoap(Exchange exchange) {
            // The request it would send, so a case can check the envelope the bridge built.
            throw new UnsupportedOperationException("route cases do not call SOAP services; the request was: SOAPAction "
                    + exchange.getMessage().getHeader("SOAPAction") + " " + exchange.getMessage().getBody(String.class));
        }

        public void soapToJson(Exchange exchange) {
            throw new UnsupportedOperationException("route cases do not call SOAP services");
        }
    }
}
