package vn.gov.haiphong.lgsp.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.security.sso.SigningKeys;
import vn.gov.haiphong.lgsp.security.sso.UserAccounts;

/**
 * The second step of a master-key rotation: every secret stored encrypted (systems' HMAC secrets,
 * the embedded SSO's private signing keys) rewritten under the current master key, in one
 * transaction, audited on {@code lgsp.audit}. Each row is rewritten only if it still holds what
 * was read (a registry change made meanwhile wins). A row no configured key opens is left as it
 * is and named in the answer. Run it again: nothing re-encrypted means nothing is left under a
 * previous key, and {@code lgsp.security.previous-master-keys} can be emptied.
 */
@Service
public class SecretReEncryption {

    private static final Logger log = LoggerFactory.getLogger(SecretReEncryption.class);

    /** What one run did: rows rewritten per kind, rows already under the current key, rows no key opens. */
    public record Result(int systemSecrets, int signingKeys, int alreadyCurrent, List<String> undecryptable) {
    }

    private record Stored(String id, String ciphertext) {
    }

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final TransactionTemplate tx;
    private final EventOutbox events;
    private final Optional<SigningKeys> signingKeys;

    public SecretReEncryption(JdbcClient jdbc, SecretCipher cipher, TransactionTemplate tx, EventOutbox events,
                              Optional<SigningKeys> signingKeys) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.tx = tx;
        this.events = events;
        this.signingKeys = signingKeys;
    }

    public Result reEncryptAll(String actor) {
        Result result = tx.execute(status -> {
            int[] current = {0};
            List<String> undecryptable = new ArrayList<>();
            int systems = rewrite("connected_system", "system_id", "hmac_secret_enc", current, undecryptable);
            int keys = rewrite("sso_signing_key", "kid", "private_key", current, undecryptable);
            Result done = new Result(systems, keys, current[0], List.copyOf(undecryptable));
            events.append(UserAccounts.AUDIT_TOPIC, "SECURITY_REENCRYPT_SECRETS", "master-key", actor,
                    Map.of("systemSecrets", systems, "signingKeys", keys, "alreadyCurrent", current[0],
                            "undecryptable", done.undecryptable()));
            return done;
        });
        // This node's signing keys now hold the new ciphertexts; other nodes still open the old
        // ones with their previous key until they restart.
        signingKeys.ifPresent(SigningKeys::reload);
        log.info("Stored secrets re-encrypted under the current master key by {}: {}", actor, result);
        return result;
    }

    private int rewrite(String table, String idColumn, String secretColumn, int[] current, List<String> undecryptable) {
        List<Stored> rows = jdbc.sql("SELECT " + idColumn + ", " + secretColumn + " FROM " + table
                        + " WHERE " + secretColumn + " IS NOT NULL")
                .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2))).list();
        int rewritten = 0;
        for (Stored row : rows) {
            Optional<String> again;
            try {
                again = cipher.reEncrypt(row.ciphertext());
            } catch (IllegalStateException | IllegalArgumentException e) {
                undecryptable.add(table + ":" + row.id());
                continue;
            }
            if (again.isEmpty()) {
                current[0]++;
                continue;
            }
            rewritten += jdbc.sql("UPDATE " + table + " SET " + secretColumn + " = ? WHERE " + idColumn + " = ? AND "
                            + secretColumn + " = ?")
                    .params(again.get(), row.id(), row.ciphertext()).update();
        }
        return rewritten;
    }
}
