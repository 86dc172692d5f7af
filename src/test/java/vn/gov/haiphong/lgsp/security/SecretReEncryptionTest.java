package vn.gov.haiphong.lgsp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.MigratedDatabase;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.platform.events.OutboxPublisher;

/**
 * Master-key rotation on both engines: with the new key current and the old one previous, every
 * stored secret is rewritten under the new key (which alone then opens it), audited; a second run
 * finds nothing left; a row no configured key opens is named and left as it is.
 */
class SecretReEncryptionTest {

    @Test
    void reEncryptsEveryStoredSecretOnH2() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.h2("reencrypt", 2)) {
            rotate(db);
        }
    }

    @Test
    void reEncryptsEveryStoredSecretOnPostgres() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.postgres("lgsp_reencrypt", "master-key re-encryption was", 2)) {
            rotate(db);
        }
    }

    private static void rotate(MigratedDatabase db) throws Exception {
        String oldKey = newKey();
        String newKey = newKey();
        JdbcClient jdbc = JdbcClient.create(db.dataSource());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        SecretCipher old = new SecretCipher(oldKey);
        SecretCipher current = new SecretCipher(newKey);
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("INSERT INTO agency (code, name, region, status, source, version, updated_at) "
                + "VALUES ('000.00.00.H26', 'UBND', 'HP', 'ACTIVE', 'TEST', 1, ?)").param(now).update();
        insertSystem(jdbc, "sys-old", old.encrypt("alpha-secret"), now);
        insertSystem(jdbc, "sys-none", null, now);
        insertSystem(jdbc, "sys-new", current.encrypt("beta-secret"), now);
        jdbc.sql("INSERT INTO sso_signing_key (kid, algorithm, public_key, private_key, activated_at) "
                + "VALUES ('kid-1', 'RS256', 'pub', ?, ?)").params(old.encrypt("private-key-pkcs8"), now).update();

        SecretReEncryption reEncryption = new SecretReEncryption(jdbc, new SecretCipher(newKey, oldKey), tx,
                new EventOutbox(jdbc, new ObjectMapper().findAndRegisterModules(), mock(OutboxPublisher.class), "node-test"), Optional.empty());
        SecretReEncryption.Result first = reEncryption.reEncryptAll("admin-rotating");

        assertThat(first).isEqualTo(new SecretReEncryption.Result(1, 1, 1, List.of()));
        assertThat(current.decrypt(secretOf(jdbc, "sys-old"))).isEqualTo("alpha-secret");
        assertThat(current.decrypt(secretOf(jdbc, "sys-new"))).isEqualTo("beta-secret");
        String signingKey = jdbc.sql("SELECT private_key FROM sso_signing_key WHERE kid = 'kid-1'").query(String.class).single();
        assertThat(current.decrypt(signingKey)).isEqualTo("private-key-pkcs8");
        assertThatThrownBy(() -> old.decrypt(secretOf(jdbc, "sys-old"))).isInstanceOf(IllegalStateException.class);
        String audit = jdbc.sql("SELECT payload FROM event_outbox WHERE topic = 'lgsp.audit'").query(String.class).single();
        assertThat(audit).contains("SECURITY_REENCRYPT_SECRETS", "admin-rotating").doesNotContain("alpha-secret");

        assertThat(reEncryption.reEncryptAll("admin-rotating")).as("nothing left under the previous key")
                .isEqualTo(new SecretReEncryption.Result(0, 0, 3, List.of()));

        String foreign = new SecretCipher(newKey()).encrypt("gamma-secret");
        jdbc.sql("UPDATE connected_system SET hmac_secret_enc = ? WHERE system_id = 'sys-new'").param(foreign).update();
        assertThat(reEncryption.reEncryptAll("admin-rotating").undecryptable()).containsExactly("connected_system:sys-new");
        assertThat(secretOf(jdbc, "sys-new")).as("left as it is").isEqualTo(foreign);
    }

    private static void insertSystem(JdbcClient jdbc, String id, String secret, OffsetDateTime now) {
        jdbc.sql("INSERT INTO connected_system (system_id, name, owner_agency, protocols, delivery_mode, signature_policy, "
                        + "hmac_secret_enc, enabled, created_at, updated_at) VALUES (?, ?, '000.00.00.H26', 'VDXP', 'PULL', 'OFF', ?, TRUE, ?, ?)")
                .params(id, id, secret, now, now).update();
    }

    private static String secretOf(JdbcClient jdbc, String id) {
        return jdbc.sql("SELECT hmac_secret_enc FROM connected_system WHERE system_id = ?").param(id).query(String.class).single();
    }

    private static String newKey() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SecretsTool.run(new String[] {SecretsTool.NEW_MASTER_KEY}, null, System.in, new PrintStream(out), System.err);
        return out.toString().strip();
    }
}
