package vn.gov.haiphong.lgsp.registry;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The single answer to "who is this code, and who serves it today", from memory. The snapshot is
 * rebuilt after every local commit and whenever another node announces a registry change on
 * Kafka ({@code RegistryEventsRoute}), so every node stays correct without a DB round-trip per
 * message.
 */
@Component
public class AgencyResolver implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AgencyResolver.class);

    private final RegistryRepository repository;
    private final ApplicationEventPublisher events;
    private final AtomicReference<RegistrySnapshot> snapshot = new AtomicReference<>(RegistrySnapshot.empty());

    public AgencyResolver(RegistryRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    public RegistrySnapshot snapshot() {
        return snapshot.get();
    }

    public Optional<RegistrySnapshot.Resolution> resolve(String code) {
        return snapshot.get().resolve(code);
    }

    /** The first snapshot, once Flyway has migrated the database. */
    @Override
    public void afterSingletonsInstantiated() {
        reload();
    }

    /**
     * The registry as the current transaction sees it, read from the database: what write paths
     * check against, so several changes in one transaction see each other.
     */
    public RegistrySnapshot fromDatabase() {
        return new RegistrySnapshot(repository.findAllAgencies(), repository.findAllAliases(),
                repository.findAllSystems());
    }

    /**
     * Safety net beside the change events: a node whose event consumer was not yet subscribed
     * when another node changed the registry is right again within this interval.
     */
    @Scheduled(fixedDelayString = "${lgsp.registry.refresh-interval:60s}",
            initialDelayString = "${lgsp.registry.refresh-interval:60s}")
    public void periodicReload() {
        reload();
    }

    /** Re-reads the registry; cheap enough (one query per table) to run after every change. */
    public synchronized RegistrySnapshot reload() {
        RegistrySnapshot fresh = fromDatabase();
        snapshot.set(fresh);
        log.debug("Registry snapshot reloaded: {} agencies, {} aliases, {} systems", fresh.agencies().size(),
                fresh.aliases().size(), fresh.systems().size());
        events.publishEvent(new RegistryReloaded(fresh));
        return fresh;
    }
}
