package vn.gov.haiphong.lgsp.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import vn.gov.haiphong.lgsp.exchange.document.DocumentStore;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLogEntry;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistryRepository;
import vn.gov.haiphong.lgsp.registry.imports.ConflictFinder;

/**
 * The console's page queries (document search, a document's timeline, the overview) on a
 * database with the project's migrations and a few rows: run on H2 and on PostgreSQL, so the
 * SQL each page runs is portable.
 */
abstract class ConsoleQueriesContract {

    static final String SENDER = "000.00.02.H27";
    static final String WARD = "000.60.71.H27";
    static final String WARD_H26 = "000.01.21.H26";

    abstract DataSource dataSource();

    private JdbcClient jdbc;
    private DocumentSearch search;
    private DocumentTimeline timeline;
    private Overview overview;
    private MessageLog log;
    private final Instant now = Instant.now();
    private String delivered;
    private String dead;
    private String statusPackage;

    @BeforeEach
    void data() {
        jdbc = JdbcClient.create(dataSource());
        for (String table : List.of("message_log", "delivery", "document_content", "document", "system_agency",
                "connected_system", "agency_alias", "agency")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        agency(SENDER, "Sở Nội vụ", "HP");
        agency(WARD, "Ủy ban nhân dân phường Hải Dương", "HD");
        jdbc.sql("INSERT INTO agency_alias (alias_code, target_code, source, created_at) VALUES (?, ?, 'HD_PLATFORM', ?)")
                .params(WARD_H26, WARD, ts(now)).update();
        system("hp.sonv.qlvb", SENDER);
        system("hd.phuonghaiduong.qlvb", WARD);
        AgencyResolver resolver = new AgencyResolver(new RegistryRepository(jdbc), event -> { });
        resolver.reload();
        ObjectMapper json = new ObjectMapper();
        log = new MessageLog(new JdbcTemplate(dataSource()), new DataSourceTransactionManager(dataSource()), json, "node-1");
        DocumentStore store = new DocumentStore(jdbc);
        search = new DocumentSearch(jdbc, resolver);
        timeline = new DocumentTimeline(store, log, jdbc, json);
        overview = new Overview(jdbc, new DeliveryTargets(jdbc), resolver, new ConflictFinder(), log, name -> "UP",
                Duration.ofMinutes(30));

        delivered = document("01a00000-0000-7000-8000-000000000001", "edoc", "7816/VPCP-TTĐT", Duration.ofMinutes(50));
        delivery(delivered, "DELIVERED", "DONE", Duration.ofMinutes(49), Duration.ofMinutes(48));
        dead = document("01a00000-0000-7000-8000-000000000002", "edoc", "7817/VPCP-TTĐT", Duration.ofMinutes(40));
        delivery(dead, "DEAD_LETTER", "PENDING", null, null);
        String unfetched = document("01a00000-0000-7000-8000-000000000003", "edoc", "7818/VPCP-TTĐT", Duration.ofHours(3));
        delivery(unfetched, "DELIVERED", "PENDING", Duration.ofHours(3), null);
        statusPackage = document("01a00000-0000-7000-8000-000000000004", "status", null, Duration.ofMinutes(30));
        jdbc.sql("UPDATE document SET referenced_doc_id = ?, status_code = '03', edxml_document_id = ? WHERE doc_id = ?")
                .params(delivered, SENDER + ",2026/12/01,7816/VPCP-TTĐT", statusPackage).update();
        log.append(new MessageLogEntry("EXCHANGE_ACCEPTED", delivered, "hp.sonv.qlvb", SENDER, WARD, "local-pull", "OK",
                "ab", 10L, Map.of("protocol", "VDXP", "clientAddress", "10.0.0.7", "signature", "VALID",
                "routing", List.of(Map.of("code", WARD, "addressedAs", WARD_H26, "system", "hd.phuonghaiduong.qlvb",
                        "servedBy", "hd.phuonghaiduong.qlvb", "deliveryMode", "PULL", "route", "local-pull")))));
        log.append(new MessageLogEntry("EXCHANGE_DELIVERED", delivered, "hd.phuonghaiduong.qlvb", null, WARD,
                "local-pull", "DELIVERED", null, null, Map.of("channel", "inbox", "attempt", 1)));
    }

    @Test
    void searchFindsADocumentByEachIdentifier() {
        assertThat(ids(find(delivered, null, null, null))).containsExactly(delivered);
        assertThat(ids(find(SENDER + ",2026/12/01,7816/VPCP-TTĐT", null, null, null)))
                .as("the document and the status about it").containsExactly(statusPackage, delivered);
        assertThat(ids(find("7816/VPCP-TTĐT", null, null, null))).containsExactly(delivered);
        DocumentSearch.Result byH26 = find(WARD_H26, null, null, null);
        assertThat(byH26.interpretation().kind()).isEqualTo(DocumentSearch.QueryKind.AGENCY);
        assertThat(byH26.interpretation().value()).isEqualTo(WARD);
        assertThat(ids(byH26)).containsExactly(statusPackage, dead, delivered, "01a00000-0000-7000-8000-000000000003");
        assertThat(ids(find(null, "hd.phuonghaiduong.qlvb", null, "DEAD_LETTER"))).containsExactly(dead);
        assertThat(ids(find(null, null, "status", null))).containsExactly(statusPackage);
        assertThat(ids(find("lô", null, null, null))).hasSize(4);
        assertThat(find(null, null, null, "DONE").rows()).extracting(DocumentSearch.Row::docId).contains(delivered)
                .doesNotContain(dead);
        // From 45 to 35 minutes ago: the dead letter only.
        assertThat(ids(search.search(new DocumentSearch.Criteria(null, null, null, null, now.minus(Duration.ofMinutes(45)),
                now.minus(Duration.ofMinutes(35)), null, 50)))).containsExactly(dead);
    }

    @Test
    void searchPagesByKeyset() {
        DocumentSearch.Result first = search.search(new DocumentSearch.Criteria(null, null, null, null, null, null, null, 2));
        assertThat(ids(first)).containsExactly(statusPackage, dead);
        DocumentSearch.Result second = search.search(new DocumentSearch.Criteria(null, null, null, null, null, null,
                first.nextBefore(), 2));
        assertThat(ids(second)).containsExactly(delivered, "01a00000-0000-7000-8000-000000000003");
        assertThat(second.nextBefore()).isNull();
    }

    @Test
    void timelineTellsTheDocumentsStory() {
        DocumentTimeline.View view = timeline.of(delivered).orElseThrow();
        assertThat(view.acceptance().protocol()).isEqualTo("VDXP");
        assertThat(view.acceptance().clientAddress()).isEqualTo("10.0.0.7");
        // (The log rows are recorded now, the other records minutes ago: the timeline is in time order.)
        assertThat(view.events()).extracting(DocumentTimeline.Event::kind)
                .containsExactlyInAnyOrder("accepted", "routed", "delivered", "fetched", "status");
        assertThat(view.events()).isSortedAccordingTo(java.util.Comparator.comparing(DocumentTimeline.Event::at));
        assertThat(view.events().stream().filter(e -> e.kind().equals("routed")).findFirst().orElseThrow().detail()).contains(WARD_H26 + " → " + WARD, "(PULL)", "local-pull");
        assertThat(view.recipients()).singleElement().satisfies(r -> assertThat(r.fetchedAt()).isNotNull());
        assertThat(timeline.of("01a00000-0000-7000-8000-00000000ffff")).isEmpty();
    }

    @Test
    void overviewCountsTodayTargetsAndWarnings() {
        Overview.View view = overview.read();
        assertThat(view.accepted().lastHour()).isEqualTo(3);
        assertThat(view.deadLetters()).isEqualTo(1);
        assertThat(view.delivered().lastHour()).isEqualTo(1);
        Overview.Target ward = view.targets().stream()
                .filter(t -> t.figures().systemId().equals("hd.phuonghaiduong.qlvb")).findFirst().orElseThrow();
        assertThat(ward.figures().deadLetters()).isEqualTo(1);
        assertThat(ward.figures().unfetched()).isEqualTo(1);
        assertThat(ward.stale()).as("unfetched for 3 h, more than the 30 min allowed").isTrue();
        assertThat(view.warnings()).extracting(Overview.Warning::key)
                .contains("overview.warn.stale", "overview.warn.deadLetters", "overview.warn.neverVerified");
        log.verify();
        assertThat(overview.read().verification()).hasValueSatisfying(v -> assertThat(v.ok()).isTrue());
    }

    // ------------------------------------------------------------------------------------------

    private DocumentSearch.Result find(String q, String system, String kind, String state) {
        return search.search(new DocumentSearch.Criteria(q, system, kind, state, null, null, null, 50));
    }

    private static List<String> ids(DocumentSearch.Result result) {
        return result.rows().stream().map(DocumentSearch.Row::docId).toList();
    }

    private void agency(String code, String name, String region) {
        jdbc.sql("INSERT INTO agency (code, name, region, status, source, version, updated_at)"
                + " VALUES (?, ?, ?, 'ACTIVE', 'ADMIN', 1, ?)").params(code, name, region, ts(now)).update();
    }

    private void system(String id, String agency) {
        jdbc.sql("INSERT INTO connected_system (system_id, name, owner_agency, protocols, delivery_mode, signature_policy,"
                + " enabled, created_at, updated_at) VALUES (?, ?, ?, 'VDXP_REST', 'PULL', 'OFF', TRUE, ?, ?)")
                .params(id, id, agency, ts(now), ts(now)).update();
        jdbc.sql("INSERT INTO system_agency (system_id, agency_code) VALUES (?, ?)").params(id, agency).update();
    }

    private String document(String docId, String type, String notation, Duration ago) {
        boolean status = type.equals("status");
        jdbc.sql("""
                INSERT INTO document (doc_id, sender_system, from_code, message_type, business_doc_type, edxml_document_id,
                                      subject, notation, sha256, size_bytes, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 100, ?)""")
                .params(docId, status ? "hd.phuonghaiduong.qlvb" : "hp.sonv.qlvb", status ? WARD : SENDER, type,
                        status ? null : 0, status ? null : SENDER + ",2026/12/01," + notation, "Công văn lô " + docId,
                        notation, docId.replace("-", ""), ts(now.minus(ago)))
                .update();
        return docId;
    }

    private void delivery(String docId, String state, String status, Duration deliveredAgo, Duration fetchedAgo) {
        Instant created = jdbc.sql("SELECT received_at FROM document WHERE doc_id = ?").param(docId)
                .query(OffsetDateTime.class).single().toInstant();
        jdbc.sql("""
                INSERT INTO delivery (doc_id, recipient_code, recipient_system, status, attempts, created_at, updated_at,
                                      route, target_system, transfer_state, transfer_attempts, delivered_at, fetched_at)
                VALUES (?, ?, 'hd.phuonghaiduong.qlvb', ?, 0, ?, ?, 'local-pull', 'hd.phuonghaiduong.qlvb', ?, 1, ?, ?)""")
                .params(docId, WARD, status, ts(created), ts(created), state,
                        deliveredAgo == null ? null : ts(now.minus(deliveredAgo)),
                        fetchedAgo == null ? null : ts(now.minus(fetchedAgo)))
                .update();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
