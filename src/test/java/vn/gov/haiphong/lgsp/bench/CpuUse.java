package vn.gov.haiphong.lgsp.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a measured run's CPU went, per call, for the benchmarks (they share the JVM with the
 * platform): the whole process, and each group of live threads by name (digits dropped, so the
 * 200 Tomcat workers are one group); "rest" is the threads that ended (a load generator's), the
 * garbage collector and the JIT compilers. Also the wall time the collector's pauses and the
 * compilers took, because a run measured while C2 is still compiling measures the compiler.
 */
public final class CpuUse {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long processNanos = processCpuNanos();
    private final long gcMillis = gcMillis();
    private final long jitMillis = jitMillis();
    private final Map<Long, Long> threadNanos = threadCpuNanos();

    /** Starts counting now. */
    public static CpuUse start() {
        return new CpuUse();
    }

    private CpuUse() {
    }

    /** Process CPU (user + system) since the start, in microseconds per call. */
    public double microsPerCall(long calls) {
        return calls == 0 ? 0 : (processCpuNanos() - processNanos) / 1000.0 / calls;
    }

    /**
     * Thread groups using at least 5 µs per call and 1 % of the process's CPU, the largest first,
     * then GC and JIT wall times.
     */
    public String byThread(long calls) {
        if (calls == 0) {
            return "-";
        }
        long process = processCpuNanos() - processNanos;
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        Map<String, Long> groups = new HashMap<>();
        long named = 0;
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] < 0 || infos[i] == null) {
                continue;
            }
            long used = cpu[i] - threadNanos.getOrDefault(ids[i], 0L);
            named += used;
            groups.merge(infos[i].getThreadName().replaceAll("[0-9]+", "#"), used, Long::sum);
        }
        groups.put("rest", Math.max(0, process - named));
        StringBuilder sb = new StringBuilder();
        groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() / 1000.0 / calls >= 5 && e.getValue() >= process / 100)
                .forEach(e -> sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                        .append(Math.round(e.getValue() / 1000.0 / calls)));
        sb.append(String.format(Locale.ROOT, " (of which GC pauses %.0f, JIT compiling %.0f, in wall time)",
                (gcMillis() - gcMillis) * 1000.0 / calls, (jitMillis() - jitMillis) * 1000.0 / calls));
        return sb.toString();
    }

    /** Milliseconds the JIT compilers have spent so far (wall time, all compiler threads). */
    public static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<Long, Long> threadCpuNanos() {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        Map<Long, Long> byId = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] >= 0) {
                byId.put(ids[i], cpu[i]);
            }
        }
        return byId;
    }
}
