package vn.gov.haiphong.lgsp.platform;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Background tasks that run on a thread of their own (the outbox publisher, the message log's
 * sealer and relay, H2 compaction): a backlog or a slow round of one never holds up the
 * platform's other scheduled tasks, and the thread's name says in a thread dump, a profile or
 * a benchmark's CPU breakdown what it does. Daemon threads: each owner shuts its down on stop.
 */
public final class BackgroundThreads {

    private BackgroundThreads() {
    }

    /** One daemon thread named {@code name}, for scheduled or submitted work. */
    public static ScheduledExecutorService single(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
