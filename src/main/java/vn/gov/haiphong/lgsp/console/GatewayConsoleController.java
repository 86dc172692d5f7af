package vn.gov.haiphong.lgsp.console;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.CallRow;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.CallStats;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.ConflictCounts;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.ConflictRow;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.DatasetGrantRow;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.GrantRow;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.Outcome;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.RowCounts;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.ServiceRow;
import vn.gov.haiphong.lgsp.console.GatewayDataQueries.SyncState;
import vn.gov.haiphong.lgsp.warehouse.DatasetCatalog;
import vn.gov.haiphong.lgsp.warehouse.DatasetDefinition;
import vn.gov.haiphong.lgsp.warehouse.DatasetField;

/**
 * Page 5 of the operations console, "Gateway and data" (read-only): the gateway's services with
 * their grants and their calls over a window; one service's calls; the warehouse's datasets with
 * their rows, grants and sync state; the conflicts of the sync from the former Hải Dương warehouse
 * and how each was resolved. Everything is read from the database ({@link GatewayDataQueries}),
 * except the dataset definitions, which are the declared files every node reads alike.
 */
@Controller
@RequestMapping("/console/gateway")
public class GatewayConsoleController {

    /** The window the call figures cover. */
    public enum Window {
        HOUR("1h", Duration.ofHours(1)), DAY("24h", Duration.ofHours(24)), WEEK("7d", Duration.ofDays(7));

        public final String param;
        public final Duration length;

        Window(String param, Duration length) {
            this.param = param;
            this.length = length;
        }

        static Window of(String param) {
            for (Window w : values()) {
                if (w.param.equals(param)) {
                    return w;
                }
            }
            return DAY;
        }

        public String getParam() {
            return param;
        }
    }

    private static final int CLIENTS = 20;

    private final GatewayDataQueries queries;
    private final DatasetCatalog datasets;

    public GatewayConsoleController(GatewayDataQueries queries, DatasetCatalog datasets) {
        this.queries = queries;
        this.datasets = datasets;
    }

    /** A service as the list shows it: its definition, its grants and its calls in the window. */
    public record ServiceLine(ServiceRow service, List<GrantRow> grants, CallStats stats) {
    }

    @GetMapping({"", "/"})
    String services(@RequestParam(required = false) String window, @RequestParam(required = false) String q,
                    @RequestParam(required = false) String kind, @RequestParam(required = false) Integer page,
                    @RequestParam(required = false) Integer size, Model model) {
        Window w = Window.of(window);
        Instant since = Instant.now().minus(w.length);
        String text = ConsoleInputs.blankToNull(q);
        String kindName = kindOf(kind);
        int p = ConsolePage.page(page);
        int s = ConsolePage.size(size);
        List<ServiceRow> fetched = queries.services(text, kindName, (long) p * s, s + 1);
        ConsolePage<ServiceRow> rows = ConsolePage.of(fetched, p, s);
        List<String> codes = rows.items().stream().map(ServiceRow::code).toList();
        Map<String, List<GrantRow>> grants = queries.grants(codes);
        Map<String, CallStats> stats = queries.callStats(codes, since);
        List<ServiceLine> lines = rows.items().stream().map(r -> new ServiceLine(r, grants.getOrDefault(r.code(), List.of()),
                stats.getOrDefault(r.code(), CallStats.NONE))).toList();
        model.addAttribute("slice", new ConsolePage<>(lines, rows.page(), rows.size(), rows.more()));
        model.addAttribute("totals", queries.callTotals(since));
        model.addAttribute("window", w);
        model.addAttribute("windows", Window.values());
        model.addAttribute("since", since);
        model.addAttribute("q", text);
        model.addAttribute("kind", kindName);
        model.addAttribute("kinds", List.of("REST", "SOAP", "BRIDGE"));
        return "console/gateway/services";
    }

    @GetMapping("/services/{code}")
    String service(@PathVariable String code, @RequestParam(required = false) String window,
                   @RequestParam(required = false) String client, @RequestParam(required = false) String outcome,
                   @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                   Model model, HttpServletResponse response) {
        Window w = Window.of(window);
        Instant since = Instant.now().minus(w.length);
        model.addAttribute("window", w);
        model.addAttribute("windows", Window.values());
        model.addAttribute("code", code);
        ServiceRow service = queries.service(code).orElse(null);
        if (service == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "console/gateway/service-missing";
        }
        Outcome chosen = outcomeOf(outcome);
        String clientId = ConsoleInputs.blankToNull(client);
        int p = ConsolePage.page(page);
        int s = ConsolePage.size(size);
        List<CallRow> calls = queries.calls(code, since, clientId, chosen, (long) p * s, s + 1);
        model.addAttribute("service", service);
        model.addAttribute("grants", queries.grants(List.of(code)).getOrDefault(code, List.of()));
        model.addAttribute("stats", queries.callStats(List.of(code), since).getOrDefault(code, CallStats.NONE));
        model.addAttribute("clients", queries.clients(code, since, CLIENTS));
        model.addAttribute("slice", ConsolePage.of(calls, p, s));
        model.addAttribute("client", clientId);
        model.addAttribute("outcome", chosen.name());
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("since", since);
        return "console/gateway/service";
    }

    /** A dataset as the data list shows it. */
    public record DatasetLine(DatasetDefinition definition, String ownerName, RowCounts rows,
                              List<DatasetGrantRow> grants, ConflictCounts conflicts, SyncState sync) {

        public boolean synced() {
            return definition.hdMapping().isPresent();
        }

        public List<String> publicFieldNames() {
            return definition.publicFields().stream().map(DatasetField::name).toList();
        }
    }

    @GetMapping("/data")
    String data(@RequestParam(required = false) String q, @RequestParam(required = false) String open,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        String text = ConsoleInputs.blankToNull(q);
        String openFilter = "yes".equals(open) || "no".equals(open) ? open : null;
        List<DatasetDefinition> matching = datasets.all().stream()
                .filter(d -> text == null || contains(d.name(), text) || contains(d.title(), text))
                .filter(d -> openFilter == null || d.isOpenData() == openFilter.equals("yes"))
                .sorted(Comparator.comparing(DatasetDefinition::name)).toList();
        int p = ConsolePage.page(page);
        int s = ConsolePage.size(size);
        int from = (int) Math.min(matching.size(), (long) p * s);
        ConsolePage<DatasetDefinition> slice = ConsolePage.of(matching.subList(from, Math.min(matching.size(), from + s + 1)), p, s);
        List<String> names = slice.items().stream().map(DatasetDefinition::name).toList();
        Map<String, RowCounts> rows = queries.rowCounts();
        Map<String, ConflictCounts> conflicts = queries.conflictCounts();
        Map<String, SyncState> sync = queries.syncStates();
        Map<String, List<DatasetGrantRow>> grants = queries.datasetGrants(names);
        Map<String, String> owners = queries.agencyNames(slice.items().stream().map(DatasetDefinition::ownerAgency).toList());
        List<DatasetLine> lines = slice.items().stream().map(d -> new DatasetLine(d, owners.get(d.ownerAgency()),
                rows.getOrDefault(d.name(), new RowCounts(0, 0)), grants.getOrDefault(d.name(), List.of()),
                conflicts.getOrDefault(d.name(), new ConflictCounts(0, 0)), sync.get(d.name()))).toList();
        model.addAttribute("slice", new ConsolePage<>(lines, slice.page(), slice.size(), slice.more()));
        model.addAttribute("q", text);
        model.addAttribute("open", openFilter);
        return "console/gateway/data";
    }

    /** One field of a conflicting row: what each side holds, and whether they differ. */
    public record FieldSides(String field, Object hd, Object platform, boolean differs) {
    }

    /** A conflict with its dataset's title, the row's name where it has one, and its fields side by side. */
    public record ConflictLine(ConflictRow conflict, String datasetTitle, Object label, List<FieldSides> fields) {

        public long differing() {
            return fields.stream().filter(FieldSides::differs).count();
        }
    }

    @GetMapping("/conflicts")
    String conflicts(@RequestParam(required = false) String status, @RequestParam(required = false) String dataset,
                     @RequestParam(required = false) String key, @RequestParam(required = false) Integer page,
                     @RequestParam(required = false) Integer size, Model model) {
        // Open conflicts first: they are what needs a steward. "all" shows both.
        String state = status == null ? "OPEN" : switch (status.toUpperCase(Locale.ROOT)) {
            case "OPEN" -> "OPEN";
            case "RESOLVED" -> "RESOLVED";
            default -> null;
        };
        String datasetName = ConsoleInputs.blankToNull(dataset);
        String rowKey = ConsoleInputs.blankToNull(key);
        int p = ConsolePage.page(page);
        int s = ConsolePage.size(size);
        ConsolePage<ConflictRow> rows = ConsolePage.of(queries.conflicts(datasetName, state, rowKey, (long) p * s, s + 1), p, s);
        List<ConflictLine> lines = rows.items().stream().map(this::line).toList();
        model.addAttribute("slice", new ConsolePage<>(lines, rows.page(), rows.size(), rows.more()));
        model.addAttribute("status", state == null ? "ALL" : state);
        model.addAttribute("dataset", datasetName);
        model.addAttribute("key", rowKey);
        model.addAttribute("datasetNames", datasets.all().stream().map(DatasetDefinition::name).sorted().toList());
        return "console/gateway/conflicts";
    }

    private ConflictLine line(ConflictRow c) {
        DatasetDefinition definition = datasets.find(c.dataset()).orElse(null);
        Set<String> names = new LinkedHashSet<>();
        if (definition != null) {
            definition.fields().forEach(f -> names.add(f.name()));
        }
        names.addAll(c.platformData().keySet());
        names.addAll(c.hdData().keySet());
        List<FieldSides> fields = new ArrayList<>();
        for (String name : names) {
            Object hd = c.hdDeleted() ? null : c.hdData().get(name);
            Object platform = c.platformDeleted() ? null : c.platformData().get(name);
            if (hd != null || platform != null) {
                fields.add(new FieldSides(name, hd, platform, !Objects.equals(text(hd), text(platform))));
            }
        }
        Object label = c.platformData().containsKey("name") ? c.platformData().get("name") : c.hdData().get("name");
        return new ConflictLine(c, definition == null ? c.dataset() : definition.title(), label, fields);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    private static String kindOf(String kind) {
        return kind == null ? null : switch (kind.toUpperCase(Locale.ROOT)) {
            case "REST", "SOAP", "BRIDGE" -> kind.toUpperCase(Locale.ROOT);
            default -> null;
        };
    }

    private static Outcome outcomeOf(String outcome) {
        if (outcome == null) {
            return Outcome.ALL;
        }
        try {
            return Outcome.valueOf(outcome.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Outcome.ALL;
        }
    }
}
