package vn.gov.haiphong.lgsp.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.gov.haiphong.lgsp.platform.messagelog.MessageLog;
import vn.gov.haiphong.lgsp.registry.AgencyResolver;
import vn.gov.haiphong.lgsp.registry.imports.ConflictFinder;

/**
 * The console's first page, read from the database so that every node shows the same: documents
 * accepted, delivered, waiting and dead-lettered (last hour, today in the city's time, by hour),
 * each delivery target's backlog, the health of the database, Artemis and Kafka, the message
 * log's last verification, gateway calls, and the warnings a person acts on.
 *
 * <p>Each figure is one indexed query: documents by {@code document_received_ix}; deliveries per
 * target by {@code delivery_target_delivered_ix}; each target's backlog, dead letters and
 * unfetched inbox as the targets page reads them ({@link DeliveryTargets}).
 */
@Component
public class Overview {

    static final String[] HEALTH = {"db", "jms", "kafka"};

    /** At most this many targets on the overview (the targets page pages through any number). */
    static final int MAX_TARGETS = 500;

    private final JdbcClient jdbc;
    private final DeliveryTargets deliveryTargets;
    private final AgencyResolver registry;
    private final ConflictFinder conflicts;
    private final MessageLog messageLog;
    /** A health component's status ({@code UP}, {@code DOWN}, …) by name. */
    private final Function<String, String> health;
    private final Duration staleFetch;

    @Autowired
    public Overview(JdbcClient jdbc, DeliveryTargets deliveryTargets, AgencyResolver registry, ConflictFinder conflicts,
                    MessageLog messageLog, HealthEndpoint health,
                    @Value("${lgsp.console.stale-fetch-after:2h}") Duration staleFetch) {
        this(jdbc, deliveryTargets, registry, conflicts, messageLog, name -> {
            HealthComponent component = health.healthForPath(name);
            return component == null ? "UNKNOWN" : component.getStatus().getCode();
        }, staleFetch);
    }

    /** On any database, with health told by {@code health} (the page queries are checked on PostgreSQL too). */
    public Overview(JdbcClient jdbc, DeliveryTargets deliveryTargets, AgencyResolver registry, ConflictFinder conflicts,
                    MessageLog messageLog, Function<String, String> health, Duration staleFetch) {
        this.jdbc = jdbc;
        this.deliveryTargets = deliveryTargets;
        this.registry = registry;
        this.conflicts = conflicts;
        this.messageLog = messageLog;
        this.health = health;
        this.staleFetch = staleFetch;
    }

    /** Counts for the last hour and for today (since midnight in Asia/Ho_Chi_Minh). */
    public record Counts(long lastHour, long today) {
    }

    /**
     * One delivery target as the targets page shows it ({@link DeliveryTargets}), with what it was
     * given today, and whether its software has left a document unfetched for too long.
     */
    public record Target(DeliveryTargets.Target figures, long deliveredToday, boolean stale) {
    }

    /** Something a person should act on; {@code key} names its text, {@code args} fill it in. */
    public record Warning(String key, List<Object> args, String link) {
    }

    public record View(Instant now, Counts accepted, Counts delivered, long waiting, long awaitingRecipients,
                       long deadLetters, Counts deadLettered, List<String> hours, List<Long> acceptedByHour,
                       List<Long> deliveredByHour, List<Target> targets, Map<String, String> health,
                       Optional<MessageLog.Verification> verification, long unsealed, Counts gatewayCalls,
                       Counts gatewayErrors, List<Warning> warnings, Duration staleFetch) {
    }

    public View read() {
        Instant now = Instant.now();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Instant midnight = LocalDate.now(ConsoleFormat.ZONE).atStartOfDay(ConsoleFormat.ZONE).toInstant();
        int hoursToday = (int) Duration.between(midnight, now).toHours() + 1;
        Instant since = hourAgo.isBefore(midnight) ? hourAgo : midnight;

        long[] accepted = buckets("document", "received_at", null, null, since, hourAgo, midnight, hoursToday);
        long[] delivered = new long[hoursToday + 2];
        List<Target> targets = new ArrayList<>();
        long awaiting = 0;
        for (DeliveryTargets.Target figures : deliveryTargets.targets(null, null, 0, MAX_TARGETS)) {
            if (!figures.enabled() && figures.backlog() == 0 && figures.deadLetters() == 0) {
                continue;
            }
            String id = figures.systemId();
            long[] mine = buckets("delivery", "delivered_at", "target_system", id, since, hourAgo, midnight, hoursToday);
            for (int i = 0; i < mine.length; i++) {
                delivered[i] += mine[i];
            }
            if (figures.pull()) {
                // One status at a time: with IN (…) H2 uses only the first column of delivery_inbox_ix.
                for (String status : List.of("PENDING", "FAIL")) {
                    awaiting += jdbc.sql("""
                            SELECT COUNT(*) FROM delivery
                             WHERE recipient_system = ? AND status = ? AND transfer_state = 'DELIVERED'""")
                            .params(id, status).query(Long.class).single();
                }
            }
            boolean stale = figures.oldestUnfetched() != null && figures.oldestUnfetched().isBefore(now.minus(staleFetch));
            targets.add(new Target(figures, mine[1], stale));
        }
        long waiting = targets.stream().mapToLong(t -> t.figures().backlog()).sum();
        long deadLetters = targets.stream().mapToLong(t -> t.figures().deadLetters()).sum();
        long[] deadNew = jdbc.sql("""
                SELECT SUM(CASE WHEN updated_at >= ? THEN 1 ELSE 0 END), SUM(CASE WHEN updated_at >= ? THEN 1 ELSE 0 END)
                  FROM delivery WHERE transfer_state = 'DEAD_LETTER'""")
                .params(ts(hourAgo), ts(midnight))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        // Today's rows by message_log_recorded_ix: written plainly, the kind would pick the gateway's
        // index (kind, service, time) and walk every call ever made (0.4 s at 200,000).
        long[] gateway = jdbc.sql("""
                SELECT SUM(CASE WHEN recorded_at >= ? THEN 1 ELSE 0 END), COUNT(*),
                       SUM(CASE WHEN recorded_at >= ? AND outcome <> 'OK' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN outcome <> 'OK' THEN 1 ELSE 0 END)
                  FROM message_log WHERE recorded_at >= ? AND COALESCE(kind, '') = 'GATEWAY_CALL'""")
                .params(ts(hourAgo), ts(hourAgo), ts(midnight))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single();

        List<String> hours = new ArrayList<>();
        List<Long> acceptedByHour = new ArrayList<>();
        List<Long> deliveredByHour = new ArrayList<>();
        for (int h = 0; h < hoursToday; h++) {
            hours.add(String.format("%02d", h));
            acceptedByHour.add(accepted[h + 2]);
            deliveredByHour.add(delivered[h + 2]);
        }
        Map<String, String> healthByName = new LinkedHashMap<>();
        for (String name : HEALTH) {
            healthByName.put(name, health.apply(name));
        }
        Optional<MessageLog.Verification> verification = messageLog.lastVerification();
        long unsealed = messageLog.unsealedCount();

        List<Warning> warnings = new ArrayList<>();
        healthByName.forEach((name, status) -> {
            if (!"UP".equals(status)) {
                warnings.add(new Warning("overview.warn.health", List.of(name, status), null));
            }
        });
        for (Target target : targets) {
            if (target.stale()) {
                String id = target.figures().systemId();
                warnings.add(new Warning("overview.warn.stale", List.of(id, target.figures().unfetched()),
                        "/console/documents?system=" + id + "&state=UNACKNOWLEDGED"));
            }
        }
        if (deadLetters > 0) {
            warnings.add(new Warning("overview.warn.deadLetters", List.of(deadLetters), "/console/targets"));
        }
        int open = conflicts.registryWide(registry.snapshot()).size();
        if (open > 0) {
            warnings.add(new Warning("overview.warn.conflicts", List.of(open), "/console/merger"));
        }
        if (verification.isEmpty()) {
            warnings.add(new Warning("overview.warn.neverVerified", List.of(), null));
        } else if (!verification.get().ok()) {
            warnings.add(new Warning("overview.warn.verificationBroken", List.of(verification.get().summary()), null));
        }
        return new View(now, new Counts(accepted[0], accepted[1]), new Counts(delivered[0], delivered[1]), waiting,
                awaiting, deadLetters, new Counts(deadNew[0], deadNew[1]), hours, acceptedByHour, deliveredByHour,
                targets, healthByName, verification, unsealed, new Counts(gateway[0], gateway[1]),
                new Counts(gateway[2], gateway[3]), warnings, staleFetch);
    }

    /**
     * One index-only range scan of the times themselves: [0] the rows of the last hour, [1] of
     * today, [2 + h] of hour h today, counted here (hours of the city's zone; no time-zone
     * arithmetic in SQL, which H2 and PostgreSQL do differently).
     */
    private long[] buckets(String table, String column, String keyColumn, String key, Instant since, Instant hourAgo,
                           Instant midnight, int hoursToday) {
        long[] counts = new long[hoursToday + 2];
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(column).append(" FROM ").append(table).append(" WHERE ");
        if (keyColumn != null) {
            sql.append(keyColumn).append(" = ? AND ");
            params.add(key);
        }
        sql.append(column).append(" >= ?");
        params.add(ts(since));
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            Instant at = rs.getObject(1, OffsetDateTime.class).toInstant();
            if (!at.isBefore(hourAgo)) {
                counts[0]++;
            }
            if (!at.isBefore(midnight)) {
                counts[1]++;
                int hour = (int) Duration.between(midnight, at).toHours();
                if (hour < hoursToday) {
                    counts[2 + hour]++;
                }
            }
        });
        return counts;
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
