package vn.gov.haiphong.lgsp.warehouse;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;

/**
 * Enforces each dataset's declared {@code retention}: history entries changed longer ago than
 * the retention period are deleted, except each row's entry for its current version. Datasets
 * declared {@code permanent} keep everything. Runs on {@code lgsp.warehouse.retention-purge}
 * (cron, default daily at 02:30); each purge that deleted something is audited on
 * {@code lgsp.audit} (DATA_HISTORY_PURGED).
 */
@Component
public class HistoryRetention {

    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);
    static final String ACTOR = "retention";

    private final DatasetCatalog catalog;
    private final DatasetRepository repository;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;

    public HistoryRetention(DatasetCatalog catalog, DatasetRepository repository, EventOutbox outbox,
                            TransactionTemplate transaction) {
        this.catalog = catalog;
        this.repository = repository;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    @Scheduled(cron = "${lgsp.warehouse.retention-purge:0 30 2 * * *}")
    public void scheduledPurge() {
        try {
            purge(Instant.now());
        } catch (RuntimeException e) {
            log.warn("History retention purge failed, will run again on schedule: {}", e.toString());
        }
    }

    /** Purges every dataset as of {@code now}; returns the entries deleted per dataset. */
    public Map<String, Integer> purge(Instant now) {
        Map<String, Integer> purged = new LinkedHashMap<>();
        for (DatasetDefinition definition : catalog.all()) {
            Period retention = definition.retentionPeriod().orElse(null);
            if (retention == null) {
                continue;
            }
            Instant cutoff = now.atZone(ZoneOffset.UTC).minus(retention).toInstant();
            int deleted = transaction.execute(status -> {
                int n = repository.purgeHistory(definition.name(), cutoff);
                if (n > 0) {
                    Map<String, Object> audit = new LinkedHashMap<>();
                    audit.put("dataset", definition.name());
                    audit.put("retention", definition.retention());
                    audit.put("olderThan", cutoff.toString());
                    audit.put("entries", n);
                    outbox.append(DatasetService.AUDIT_TOPIC, "DATA_HISTORY_PURGED", definition.name(), ACTOR, audit);
                }
                return n;
            });
            if (deleted > 0) {
                log.info("Dataset {}: {} history entries older than {} ({}) purged", definition.name(), deleted, cutoff,
                        definition.retention());
            }
            purged.put(definition.name(), deleted);
        }
        return purged;
    }
}
