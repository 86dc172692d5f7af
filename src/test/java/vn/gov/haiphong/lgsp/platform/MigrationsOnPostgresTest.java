package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import vn.gov.haiphong.lgsp.PostgresTestSchema;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.Delivery;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.DeliveryStatus;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.MessageType;
import vn.gov.haiphong.lgsp.exchange.document.DocumentModel.StoredDocument;
import vn.gov.haiphong.lgsp.exchange.document.DocumentStore;
import vn.gov.haiphong.lgsp.registry.Agency;
import vn.gov.haiphong.lgsp.registry.Alias;
import vn.gov.haiphong.lgsp.registry.ConnectedSystem;
import vn.gov.haiphong.lgsp.registry.RegistryModel.AgencyStatus;
import vn.gov.haiphong.lgsp.registry.RegistryModel.DeliveryMode;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Protocol;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Region;
import vn.gov.haiphong.lgsp.registry.RegistryModel.SignaturePolicy;
import vn.gov.haiphong.lgsp.registry.RegistryModel.Source;
import vn.gov.haiphong.lgsp.registry.RegistryRepository;

/**
 * The production database: the same Flyway migrations the H2 suite runs must run on this
 * machine's PostgreSQL (127.0.0.1:5432, database test), and the registry's and the document
 * store's SQL must work there.
 * Each run uses a schema of its own and drops it afterwards. Skipped, saying why, only when no
 * PostgreSQL answers.
 */
class MigrationsOnPostgresTest {

    private static PostgresTestSchema schema;
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void connect() {
        schema = PostgresTestSchema.createOrSkip("lgsp_migration", "the migrations were");
        dataSource = schema.dataSource();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void migrationsRunAndTheRegistrySqlWorksOnPostgres() {
        MigrateResult result = schema.migrate();
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(result.database).isEqualTo("test");
        assertThat(JdbcClient.create(dataSource).sql("SELECT version()").query(String.class).single())
                .startsWith("PostgreSQL");

        // The repository's SQL, unchanged, on PostgreSQL: types, identity columns, FETCH FIRST, UNION.
        RegistryRepository repository = new RegistryRepository(JdbcClient.create(dataSource));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Agency city = new Agency("000.00.00.H27", "Ủy ban nhân dân thành phố Hải Phòng", null, Region.HP,
                AgencyStatus.ACTIVE, LocalDate.of(2025, 7, 1), null, "ubnd@haiphong.gov.vn", null, Source.HP_PLATFORM,
                "100", 1, now);
        repository.insertAgency(city);
        repository.insertAlias(new Alias("000.00.00.H26", "000.00.00.H27", Source.HD_PLATFORM, "merger", now));
        repository.insertSystem(new ConnectedSystem("pg.test", "PG test", "000.00.00.H27", Set.of("000.00.00.H27"),
                Set.of(Protocol.VDXP_REST, Protocol.SOAP), DeliveryMode.PULL, null, SignaturePolicy.REQUIRED, true,
                "v1:ciphertext", List.of()), now);
        repository.recordChange(now, "tester", "CREATE", "AGENCY", "000.00.00.H27", "{}");
        long importId = repository.insertImport("HP_CSV", "x.csv", "00".repeat(32), now, "tester", 1, 0, "{}");

        assertThat(repository.findAllAgencies()).containsExactly(city);
        assertThat(repository.findAllAliases()).extracting(Alias::targetCode).containsExactly("000.00.00.H27");
        ConnectedSystem system = repository.findAllSystems().get(0);
        assertThat(system.protocols()).containsExactlyInAnyOrder(Protocol.VDXP_REST, Protocol.SOAP);
        assertThat(system.agencies()).containsExactly("000.00.00.H27");
        assertThat(repository.systemsReferring("000.00.00.H27")).containsExactly("pg.test");
        assertThat(repository.recentChanges(10)).hasSize(1);
        assertThat(repository.findImport(importId)).isPresent();
        assertThat(repository.isEmpty()).isFalse();

        exchangeSqlWorks(now);
    }

    /** The document store's SQL, unchanged, on PostgreSQL: BYTEA content, constraints, filters, FETCH FIRST. */
    private static void exchangeSqlWorks(Instant now) {
        DocumentStore store = new DocumentStore(JdbcClient.create(dataSource));
        byte[] content = new byte[70_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i; // every byte value, NUL and 0xFF included
        }
        StoredDocument document = new StoredDocument("doc-1", "pg.sender", "000.00.00.H27", MessageType.EDOC, 0,
                "000.00.00.H27,2025/07/01,1/UBND", null, null, "Về việc thử nghiệm", "UBND", "ab".repeat(32),
                content.length, now);
        store.insertDocument(document, content);
        store.insertDelivery("doc-1", "000.60.71.H27", "pg.recipient", "local-pull", "pg.recipient", now,
                now.plusSeconds(120));
        // Queued deliveries are not in the inbox yet; recovery finds the never-tried one.
        assertThat(store.pendingFor("pg.recipient", null, 10)).isEmpty();
        assertThat(store.queuedForRecovery(now, true, -1, 10)).extracting(Delivery::docId).containsExactly("doc-1");
        assertThat(store.queuedForRecovery(now, false, -1, 10)).as("not yet past its check time").isEmpty();
        long firstId = store.findDelivery("doc-1", "pg.recipient").orElseThrow().id();
        assertThat(store.markDelivered(firstId, false, null, now)).isTrue();
        assertThat(store.markDelivered(firstId, false, null, now)).as("a second claim check changes nothing").isFalse();
        StoredDocument status = new StoredDocument("doc-2", "pg.recipient", "000.60.71.H27", MessageType.STATUS, null,
                "000.00.00.H27,2025/07/01,1/UBND", "doc-1", "03", null, null, "cd".repeat(32), 10, now.plusSeconds(1));
        store.insertDocument(status, new byte[10]);
        store.insertDelivery("doc-2", "000.00.00.H27", "pg.sender", "relay", "pg.sender", now, now);
        long statusDelivery = store.findDelivery("doc-2", "pg.sender").orElseThrow().id();
        store.recordFailedAttempt(statusDelivery, "attempt 1: refused", now, now.minusSeconds(1));
        assertThat(store.queuedForRecovery(now, false, -1, 10)).extracting(Delivery::docId).containsExactly("doc-2");
        assertThat(store.markDeadLetter(statusDelivery, "refused: no", now)).isTrue();
        assertThat(store.deadLetters("pg.sender", 10)).extracting(v -> v.delivery().lastError())
                .containsExactly("refused: no");
        assertThat(store.countsByState()).containsEntry("DEAD_LETTER", 1L).containsEntry("DELIVERED", 1L);
        assertThat(store.requeueDeadLetter(statusDelivery, now, now)).isTrue();
        assertThat(store.requeueDeadLetter(statusDelivery, now, now)).as("no longer a dead letter").isFalse();
        assertThat(store.markDelivered(statusDelivery, true, "remote-1", now)).isTrue();
        // A replay counts its failed attempts afresh: none before this delivery.
        assertThat(store.findDelivery(statusDelivery).orElseThrow())
                .extracting(Delivery::status, Delivery::remoteId, Delivery::transferAttempts)
                .containsExactly(DeliveryStatus.DONE, "remote-1", 0);

        assertThat(store.findDocument("doc-1")).contains(document);
        assertThat(store.findDocument("doc-2")).contains(status);
        assertThat(store.content("doc-1")).get().isEqualTo(content);
        assertThat(store.findBySenderAndHash("pg.sender", "ab".repeat(32))).contains(document);
        assertThat(store.findDocumentsByEdxmlId("000.00.00.H27,2025/07/01,1/UBND", "000.00.00.H27")).containsExactly(document);
        assertThat(store.pendingFor("pg.recipient", null, 10)).hasSize(1);
        assertThat(store.pendingFor("pg.recipient", MessageType.STATUS, 10)).isEmpty();
        assertThat(store.countPending("pg.recipient", MessageType.EDOC)).isEqualTo(1);
        assertThat(store.sentBy("pg.sender", MessageType.EDOC, "doc-1", 10)).extracting(v -> v.delivery().recipientSystem())
                .containsExactly("pg.recipient");
        assertThat(store.sentBy("pg.sender", null, null, 10)).hasSize(1);

        Delivery delivery = store.findDelivery("doc-1", "pg.recipient").orElseThrow();
        assertThat(store.acknowledge(delivery.id(), DeliveryStatus.FAIL, 1, "fail", now)).isTrue();
        assertThat(store.acknowledge(delivery.id(), DeliveryStatus.DONE, 0, "done", now)).isTrue();
        assertThat(store.acknowledge(delivery.id(), DeliveryStatus.FAIL, 1, "fail", now)).as("DONE is final").isFalse();
        store.recordReturnedStatus("doc-1", "000.60.71.H27", "03", now);
        Delivery done = store.findDelivery("doc-1", "pg.recipient").orElseThrow();
        assertThat(done.status()).isEqualTo(DeliveryStatus.DONE);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.lastStatusCode()).isEqualTo("03");
        assertThat(store.countPending("pg.recipient", MessageType.EDOC)).isZero();

        // A revocation refers to doc-1 through both columns: the timeline lists each package once.
        StoredDocument revocation = new StoredDocument("doc-4", "pg.sender", "000.00.00.H27", MessageType.EDOC, 1,
                "000.00.00.H27,2025/07/01,1/UBND", "doc-1", null, null, null, "ef".repeat(32), 1, now.plusSeconds(2));
        store.insertDocument(revocation, new byte[1]);
        store.insertReferences("doc-4", List.of("doc-1"));
        assertThat(store.documentsReferringTo("doc-1", 10)).containsExactly(status, revocation);
        assertThat(store.documentsReferringTo("doc-1", 1)).containsExactly(status);

        // The idempotency key and the one-delivery-per-system rule hold in the database itself.
        StoredDocument replay = new StoredDocument("doc-3", "pg.sender", "000.00.00.H27", MessageType.EDOC, 0, "x",
                null, null, null, null, "ab".repeat(32), 1, now);
        assertThatThrownBy(() -> store.insertDocument(replay, new byte[1])).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> store.insertDelivery("doc-1", "000.01.21.H26", "pg.recipient", "local-pull",
                "pg.recipient", now, now))
                .isInstanceOf(DuplicateKeyException.class);
    }
}
