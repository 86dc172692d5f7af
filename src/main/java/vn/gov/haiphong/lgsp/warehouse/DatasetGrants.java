package vn.gov.haiphong.lgsp.warehouse;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.registry.AgencyCode;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.RegistrySnapshot;
import vn.gov.haiphong.lgsp.warehouse.DatasetAccess.Access;

/**
 * Grant administration: who besides the owner agency may read or write a dataset. A grantee is
 * a connected system id or an agency code; a legacy (alias) code is stored as the code of the
 * agency that holds it today, because that is what callers act for. Every grant and revocation
 * is audited on {@code lgsp.audit} (DATA_GRANT, DATA_REVOKE) in the same transaction.
 */
@Service
public class DatasetGrants {

    private final DatasetService datasets;
    private final DatasetRepository repository;
    private final AgencyResolver resolver;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;

    public DatasetGrants(DatasetService datasets, DatasetRepository repository, AgencyResolver resolver,
                         EventOutbox outbox, TransactionTemplate transaction) {
        this.datasets = datasets;
        this.repository = repository;
        this.resolver = resolver;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    public record GrantView(String dataset, String grantee, String granteeKind, String access, Instant grantedAt,
                            String grantedBy) {
    }

    public record Change(GrantView grant, boolean changed) {
    }

    public List<GrantView> list(String dataset) {
        DatasetDefinition definition = datasets.definition(dataset);
        RegistrySnapshot registry = resolver.snapshot();
        return repository.grants(definition.name()).stream()
                .map(g -> new GrantView(g.dataset(), g.grantee(), kind(registry, g.grantee()), g.access(), g.grantedAt(),
                        g.grantedBy()))
                .toList();
    }

    /** Grants (idempotently: an existing grant stays as it was, changed = false). */
    public Change grant(String dataset, String grantee, String access, String actor) {
        DatasetDefinition definition = datasets.definition(dataset);
        String accessName = access(access);
        RegistrySnapshot registry = resolver.snapshot();
        String stored = granteeOf(registry, grantee).orElseThrow(() -> new LgspException(ErrorCode.DATA_GRANT_INVALID,
                "Grantee '" + grantee + "' is neither a connected system nor an agency code known to the registry"));
        return transaction.execute(status -> {
            Instant now = Instant.now();
            boolean added = repository.grant(definition.name(), stored, accessName, now, actor);
            if (added) {
                audit("DATA_GRANT", definition.name(), stored, kind(registry, stored), accessName, grantee, actor);
            }
            GrantView view = repository.grants(definition.name()).stream()
                    .filter(g -> g.grantee().equals(stored) && g.access().equals(accessName)).findFirst()
                    .map(g -> new GrantView(g.dataset(), g.grantee(), kind(registry, stored), g.access(), g.grantedAt(),
                            g.grantedBy()))
                    .orElseThrow();
            return new Change(view, added);
        });
    }

    public void revoke(String dataset, String grantee, String access, String actor) {
        DatasetDefinition definition = datasets.definition(dataset);
        String accessName = access(access);
        RegistrySnapshot registry = resolver.snapshot();
        transaction.executeWithoutResult(status -> {
            // The grantee as written first (also a unit the registry no longer has), then as resolved.
            String removed = null;
            if (repository.revoke(definition.name(), grantee, accessName)) {
                removed = grantee;
            } else {
                Optional<String> resolved = granteeOf(registry, grantee).filter(g -> !g.equals(grantee));
                if (resolved.isPresent() && repository.revoke(definition.name(), resolved.get(), accessName)) {
                    removed = resolved.get();
                }
            }
            if (removed == null) {
                throw new LgspException(ErrorCode.DATA_GRANT_NOT_FOUND, "Dataset " + definition.name() + " has no "
                        + accessName + " grant for " + grantee);
            }
            audit("DATA_REVOKE", definition.name(), removed, kind(registry, removed), accessName, grantee, actor);
        });
    }

    private void audit(String type, String dataset, String grantee, String kind, String access, String requested,
                       String actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dataset", dataset);
        data.put("grantee", grantee);
        data.put("granteeKind", kind);
        data.put("access", access);
        if (!requested.equals(grantee)) {
            data.put("requestedAs", requested);
        }
        outbox.append(DatasetService.AUDIT_TOPIC, type, dataset, actor, data);
    }

    private static String access(String access) {
        try {
            return Access.valueOf(access.toUpperCase(Locale.ROOT)).name();
        } catch (RuntimeException e) {
            throw new LgspException(ErrorCode.DATA_GRANT_INVALID, "Access must be READ or WRITE");
        }
    }

    /** A system id as it is; an agency code or alias as the current agency code; empty when unknown. */
    private static Optional<String> granteeOf(RegistrySnapshot registry, String grantee) {
        if (grantee == null || grantee.isBlank() || grantee.length() > 100) {
            return Optional.empty();
        }
        if (registry.system(grantee).isPresent()) {
            return Optional.of(grantee);
        }
        if (!AgencyCode.isValid(grantee)) {
            return Optional.empty();
        }
        return registry.resolve(grantee).map(r -> r.agency().code());
    }

    private static String kind(RegistrySnapshot registry, String grantee) {
        return registry.system(grantee).isPresent() ? "SYSTEM" : registry.agency(grantee).isPresent() ? "AGENCY" : "UNKNOWN";
    }
}
