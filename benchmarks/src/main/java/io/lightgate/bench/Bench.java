/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * End-to-end benchmark of Lightgate's LwM2M client engine against a baseline of Leshan
 * 2.0.0-M15 clients, both registered with one Leshan server in this JVM, on 127.0.0.1. For
 * every endpoint count and implementation (one after the other, never at the same time):
 * <ol>
 * <li>start N endpoints, wait until all are registered with objects 3 and 4;</li>
 * <li>live threads and heap used after GC, compared with before: per endpoint;</li>
 * <li>Read /3/0 (TLV) from the server: warm-up, then {@code bench.reads} sequential requests
 * spread round-robin over the endpoints: p50/p99/max latency;</li>
 * <li>Observe /4/0/2 on every endpoint, then change the values as fast as the pipeline takes them,
 * with at most {@code bench.notify.window} unacknowledged changes per endpoint (a change counts
 * as acknowledged when the server has received a notification carrying it), for
 * {@code bench.notify.seconds}: changes/s, notifications/s at the server, change-to-notification
 * latency;</li>
 * <li>stop the endpoints, wait until the server has seen them go.</li>
 * </ol>
 * Prints a table (also written to {@code bench.work}/results.md). It reports; it never fails on a figure.
 */
public final class Bench {

    private static final long STALL_NANOS = Duration.ofSeconds(2).toNanos();
    private static final Duration READS_TIME_LIMIT = Duration.ofMinutes(2);

    record Result(String impl, int endpoints, int registered, double registerSeconds, int reads, int readErrors,
            double readP50, double readP99, double readMax, double readsPerSecond, int observed, double changesPerSecond,
            double notificationsPerSecond, double notifyP50, double notifyP99, long stalls, int threadsBefore,
            int threadsRegistered, int threadsAfterWork, long heapBefore, long heapRegistered, int left, String threadGrowth,
            double startSeconds, double cpuMicrosPerRead, double cpuMicrosPerNotification, String udpDrops, long late,
            long superseded, long lost, String load, long heapAfterReads, int readsReceived) {

        double threadsPerEndpoint() {
            return (double) (Math.max(threadsRegistered, threadsAfterWork) - threadsBefore) / endpoints;
        }

        double heapKiBPerEndpoint() {
            return (heapRegistered - heapBefore) / 1024.0 / endpoints;
        }

        /** Heap the reads left behind (after a forced GC), per 1,000 reads the endpoints received. */
        double heapKiBPerThousandReads() {
            return (heapAfterReads - heapRegistered) / 1024.0 / Math.max(1, readsReceived) * 1000;
        }
    }

    /** bench.impls name of the DTLS density scenario: the engine's endpoints over coaps:// with PSK. */
    private static final String DTLS = "lightgate-psk";

    private final int readCount = Integer.getInteger("bench.reads", 10_000);
    private final int warmupReads = Integer.getInteger("bench.warmup.reads", 3_000);
    private final int notifySeconds = Integer.getInteger("bench.notify.seconds", 5);
    private final int notifyWarmupSeconds = Integer.getInteger("bench.notify.warmup.seconds", 1);
    private final int window = Math.max(1, Integer.getInteger("bench.notify.window", 1));
    /** Changes per second over all endpoints, evenly spread (round-robin); 0: as fast as the implementation takes them. */
    private final double rate = Double.parseDouble(System.getProperty("bench.notify.rate", "0").strip());
    /** After the phase: how long the server may take to get every endpoint's last value before the rest counts as lost. */
    private final Duration drain = Duration.ofSeconds(Long.getLong("bench.notify.drain.seconds", 10));
    // the composite-observe scenario: this many Sensor Values of one endpoint under one Observe-Composite (0: not run)
    private final int compositePaths = Integer.getInteger("bench.composite.paths", 0);
    private final long requestTimeoutMillis = Long.getLong("bench.request.timeout.ms", 5_000);

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        String scenario = System.getProperty("bench.scenario", "engine").strip();
        int status;
        try {
            // outage and soak: NothingLostBench (README.md, "Nothing lost")
            status = scenario.isEmpty() || scenario.equals("engine") ? new Bench().run() : NothingLostBench.run(scenario);
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status); // the framework's and the clients' threads must not keep the JVM alive
    }

    private int run() throws Exception {
        List<Integer> counts = Arrays.stream(System.getProperty("bench.endpoints", "1,100").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
        List<String> impls = Arrays.stream(System.getProperty("bench.impls", "lightgate,leshan").split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        for (String impl : impls) {
            if (!impl.equals("lightgate") && !impl.equals("leshan") && !impl.equals(DTLS)) {
                throw new IllegalArgumentException("bench.impls: unknown implementation " + impl + " (lightgate, leshan, " + DTLS + ")");
            }
        }
        Path work = Path.of(System.getProperty("bench.work", "target/bench")).toAbsolutePath();
        Path bundles = Path.of(System.getProperty("bench.bundles", "target/bundles")).toAbsolutePath();
        Path agentJar = Path.of(System.getProperty("bench.agent", "target/io.lightgate.benchmarks-0.1.0-SNAPSHOT-agent.jar")).toAbsolutePath();
        Files.createDirectories(work);

        String header = header(counts, impls);
        System.out.println(header);
        long t0 = System.nanoTime();
        List<Result> results = new ArrayList<>();
        List<CompositeResult> composite = new ArrayList<>();
        String bundleVersions = "";
        try (BenchServer server = new BenchServer()) {
            log("Leshan server on " + server.uri());
            GatewayFleet gateway = null;
            GatewayFleet dtls = null;
            if (impls.contains("lightgate") || impls.contains(DTLS)) {
                log("starting Felix with the gateway's bundles from " + bundles);
                if (impls.contains(DTLS)) {
                    log("Leshan server DTLS (PSK) on " + server.secureUri());
                    Path keys = pskKeys(server, work, counts);
                    gateway = GatewayThreads.startInGroup(() -> new GatewayFleet(server.uri(), server.secureUri(), keys, bundles, agentJar, work));
                    dtls = gateway.dtls();
                } else {
                    gateway = GatewayThreads.startInGroup(() -> new GatewayFleet(server.uri(), bundles, agentJar, work));
                }
                int up = server.awaitRegistered(List.of(GatewayFleet.GATEWAY_ENDPOINT), Duration.ofSeconds(30), 3);
                if (up != 1) {
                    log("the gateway endpoint did not register within 30 s; inactive bundles: " + gateway.inactiveBundles());
                    gateway.shutdown();
                    return 2;
                }
                log("gateway endpoint registered; inactive bundles: " + gateway.inactiveBundles());
                bundleVersions = "Lightgate bundles (from the local Maven repository): " + gateway.lightgateBundles() + "\n";
            }
            LeshanFleet leshan = impls.contains("leshan") ? new LeshanFleet(server.uri()) : null;
            if (Boolean.parseBoolean(System.getProperty("bench.warmup", "true"))) {
                // first use of either stack (class loading, static caches, JIT) is not what we measure
                for (String impl : impls) {
                    Fleet fleet = impl.equals("lightgate") ? gateway : impl.equals(DTLS) ? dtls : leshan;
                    log("warm-up round (not reported): " + fleet.label());
                    scenario(server, fleet, 2, 5000, 0, 3);
                }
            }
            for (int n : counts) {
                for (String impl : impls) {
                    Fleet fleet = switch (impl) {
                        case "lightgate" -> gateway;
                        case "leshan" -> leshan;
                        case DTLS -> dtls;
                        default -> throw new IllegalArgumentException("bench.impls: unknown implementation " + impl);
                    };
                    Result r = scenario(server, fleet, n, readCount, warmupReads, notifySeconds);
                    results.add(r);
                    log(String.format(Locale.ROOT, "%s x %d: %s", r.impl(), n, r));
                }
            }
            for (String impl : compositePaths > 0 ? impls : List.<String>of()) {
                Fleet fleet = impl.equals("lightgate") ? gateway : impl.equals("leshan") ? leshan : null;
                if (fleet != null) {
                    composite.add(compositeScenario(server, fleet, compositePaths, notifySeconds));
                }
            }
            if (gateway != null) {
                gateway.shutdown();
            }
            if (server.observationErrors() > 0) {
                log("observation errors or error notifications at the server (e.g. 4.04 when objects are withdrawn at "
                        + "teardown): " + server.observationErrors());
            }
        }
        String table = table(results) + dtlsTable(results) + CompositeResult.table(composite);
        String report = header + bundleVersions + "\n" + table + "\n" + threadNotes(results) + String.format(Locale.ROOT,
                "\nTotal run time: %.0f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println();
        System.out.println(report);
        Files.writeString(work.resolve("results.md"), report);
        log("written to " + work.resolve("results.md"));
        return 0;
    }

    /**
     * A PSK per DTLS endpoint of the run (warm-up included), as the engine's psk.keys.file
     * ({@code endpoint=hexkey} lines, identity = endpoint name) and in the server's security store.
     */
    private static Path pskKeys(BenchServer server, Path work, List<Integer> counts) throws java.io.IOException {
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder lines = new StringBuilder("# endpoint=hexkey, written by the benchmark\n");
        List<Integer> all = new ArrayList<>(counts);
        all.add(2); // the warm-up round
        for (int n : all.stream().distinct().toList()) {
            for (int i = 0; i < n; i++) {
                String name = "lgs-" + n + "-" + i;
                byte[] key = new byte[16];
                random.nextBytes(key);
                server.allowPsk(name, key);
                lines.append(name).append('=').append(java.util.HexFormat.of().formatHex(key)).append('\n');
            }
        }
        Path file = work.resolve("dtls-endpoints.psk");
        Files.writeString(file, lines);
        return file;
    }

    // ---- one scenario ------------------------------------------------------------------------

    private Result scenario(BenchServer server, Fleet fleet, int n, int readCount, int warmupReads, int notifySeconds)
            throws Exception {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(fleet.name(n, i));
        }
        log(fleet.label() + ", " + n + " endpoint(s): starting");
        settle(); // the previous scenario's state at the server is swept meanwhile
        Map<String, Integer> threadGroupsBefore = threadGroups();
        int threadsBefore = liveThreads();
        long heapBefore = heapAfterGc();

        long[] udpBeforeRegistering = udpCounters();
        long start = System.nanoTime();
        fleet.start(n);
        double startSeconds = (System.nanoTime() - start) / 1e9;
        int registered = server.awaitRegistered(names, Duration.ofSeconds(30).plusMillis(60L * n), 3, 4);
        double registerSeconds = (System.nanoTime() - start) / 1e9;
        log(String.format(Locale.ROOT, "  %d/%d registered in %.2f s (creating them took %.2f s of it); UDP meanwhile: %s", registered, n,
                registerSeconds, startSeconds, udpDrops(udpBeforeRegistering, udpCounters())));
        Thread.sleep(1000); // let registration updates and lazily started threads settle
        int threadsRegistered = liveThreads();
        long heapRegistered = heapAfterGc();

        // Read /3/0
        for (int k = 0; k < warmupReads; k++) {
            server.readDevice(names.get(k % n), requestTimeoutMillis);
        }
        long[] latencies = new long[readCount];
        int done = 0;
        int readErrors = 0;
        long readsStart = System.nanoTime();
        long readsCpu = processCpuNanos();
        long readsDeadline = readsStart + READS_TIME_LIMIT.toNanos();
        for (; done < readCount && System.nanoTime() < readsDeadline; done++) {
            long t = System.nanoTime();
            if (!server.readDevice(names.get(done % n), requestTimeoutMillis)) {
                readErrors++;
            }
            latencies[done] = System.nanoTime() - t;
        }
        double readsSeconds = (System.nanoTime() - readsStart) / 1e9;
        double cpuPerRead = (processCpuNanos() - readsCpu) / 1e3 / Math.max(1, done);
        long[] measured = Arrays.copyOf(latencies, done);
        Arrays.sort(measured);
        log(String.format(Locale.ROOT, "  %d reads, p50 %.3f ms, p99 %.3f ms, %d errors", done, percentile(measured, 50),
                percentile(measured, 99), readErrors));
        // What the endpoints still hold of the requests they answered (duplicate detection keeps each
        // for EXCHANGE_LIFETIME, 247 s); the server's own state of the reads is swept after settle()
        settle();
        long heapAfterReads = heapAfterGc();
        log(String.format(Locale.ROOT, "  heap after the reads: %+.1f KiB since registered, %.1f KiB per 1,000 reads received",
                (heapAfterReads - heapRegistered) / 1024.0, (heapAfterReads - heapRegistered) / 1024.0 / (warmupReads + done) * 1000));

        // Observe /4/0/2 everywhere, then change values
        int observed = 0;
        for (String name : names) {
            if (server.observeSignal(name, requestTimeoutMillis)) {
                observed++;
            }
        }
        Probe probe = new Probe(fleet.name(n, 0).substring(0, fleet.name(n, 0).length() - 1), n);
        server.sink(probe);
        drive(probe, fleet::change, n, Duration.ofSeconds(notifyWarmupSeconds), false);
        awaitCovered(probe, drain);
        String load = loadAverage();
        long notifyCpu = processCpuNanos();
        long[] udpBefore = udpCounters();
        Probe.Phase phase = drive(probe, fleet::change, n, Duration.ofSeconds(notifySeconds), true);
        long lost = awaitCovered(probe, drain);
        long late = probe.late();
        long superseded = Math.max(0, phase.changes - probe.ownValuesSeen() - lost);
        String udpDrops = udpDrops(udpBefore, udpCounters()) + String.format(Locale.ROOT,
                "; the driver spent %.0f%% of the phase in the change call (%.1f µs per change)",
                100 * phase.changeSeconds / phase.seconds, phase.changes == 0 ? 0 : phase.changeSeconds * 1e6 / phase.changes);
        double cpuPerNotification = (processCpuNanos() - notifyCpu) / 1e3 / Math.max(1, phase.notifications);
        server.sink((e, v) -> {
        });
        long[] notifyLatencies = probe.latencies();
        Arrays.sort(notifyLatencies);
        log(String.format(Locale.ROOT, "  %d/%d observed; %.0f changes/s, %.0f notifications/s, %d stalls, %d late (> 2 s), "
                + "%d superseded, %d lost; load average %s", observed, n, phase.changes / phase.seconds,
                phase.notifications / phase.seconds, phase.stalls, late, superseded, lost, load));
        int threadsAfterWork = liveThreads();
        String growth = growth(threadGroupsBefore, threadGroups());
        if (fleet instanceof GatewayFleet) {
            growth = (growth.isEmpty() ? "no change" : growth) + "; the gateway's own threads: " + GatewayThreads.describe();
        }

        fleet.stop();
        int left = server.awaitGone(names, Duration.ofSeconds(30).plusMillis(20L * n));
        if (left > 0) {
            log("  " + left + " endpoint(s) still registered after stop; the gateway's threads now:\n" + lightgateThreads());
        }
        return new Result(fleet.label(), n, registered, registerSeconds, done, readErrors, percentile(measured, 50),
                percentile(measured, 99), measured.length == 0 ? Double.NaN : measured[measured.length - 1] / 1e6,
                done / readsSeconds, observed, phase.changes / phase.seconds, phase.notifications / phase.seconds,
                percentile(notifyLatencies, 50), percentile(notifyLatencies, 99), phase.stalls, threadsBefore,
                threadsRegistered, threadsAfterWork, heapBefore, heapRegistered, left, growth, startSeconds, cpuPerRead,
                cpuPerNotification, udpDrops, late, superseded, lost, load, heapAfterReads, warmupReads + done);
    }

    // ---- composite observe: many values of one endpoint -------------------------------------------

    private CompositeResult compositeScenario(BenchServer server, Fleet fleet, int paths, int seconds) throws Exception {
        String name = fleet.name(1, 0);
        log(fleet.label() + ": one endpoint, an Observe-Composite of " + paths + " Sensor Values: starting");
        settle();
        fleet.start(1);
        try {
            if (server.awaitRegistered(List.of(name), Duration.ofSeconds(30), 3, 4) != 1) {
                return CompositeResult.failed(fleet.label(), paths, "not registered");
            }
            LongConsumer[] sensors = fleet.sensors(name, paths);
            if (server.awaitRegistered(List.of(name), Duration.ofSeconds(30), TemperatureModel.OBJECT_ID) != 1) {
                return CompositeResult.failed(fleet.label(), paths, "3303 not announced");
            }
            if (!server.observeSensors(name, paths, requestTimeoutMillis)) {
                return CompositeResult.failed(fleet.label(), paths, "Observe-Composite refused");
            }
            Probe probe = Probe.forSensors(name, paths);
            server.sink(probe);
            Changer changer = (k, value) -> sensors[k].accept(value);
            drive(probe, changer, paths, Duration.ofSeconds(notifyWarmupSeconds), false);
            awaitCovered(probe, drain);
            String load = loadAverage();
            long cpu = processCpuNanos();
            Probe.Phase phase = drive(probe, changer, paths, Duration.ofSeconds(seconds), true);
            double cpuPerValue = (processCpuNanos() - cpu) / 1e3 / Math.max(1, phase.changes());
            long lost = awaitCovered(probe, drain);
            long superseded = Math.max(0, phase.changes() - probe.ownValuesSeen() - lost);
            server.sink((e, v) -> {
            });
            long[] latencies = probe.latencies();
            Arrays.sort(latencies);
            CompositeResult r = new CompositeResult(fleet.label(), paths, phase.changes() / phase.seconds(),
                    phase.notifications() / phase.seconds(), percentile(latencies, 50), percentile(latencies, 99), phase.stalls(),
                    probe.late(), superseded, lost, cpuPerValue, load, null);
            log(String.format(Locale.ROOT, "  %.0f values/s in %.0f notifications/s, p50 %.2f ms, p99 %.2f ms, %d stalls, %d late, "
                    + "%d superseded, %d lost", r.valuesPerSecond(), r.notificationsPerSecond(), r.p50Millis(), r.p99Millis(),
                    r.stalls(), r.late(), superseded, lost));
            return r;
        } finally {
            fleet.stop();
            server.awaitGone(List.of(name), Duration.ofSeconds(30));
        }
    }

    /**
     * Waits (bounded) until the server has every endpoint's last value; returns the changes whose
     * value, or a later one of the same endpoint, never reached it: lost.
     */
    private static long awaitCovered(Probe probe, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long uncovered;
        while ((uncovered = probe.uncovered()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return uncovered;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    /**
     * Changes values of every endpoint for {@code duration}, keeping at most {@link #window}
     * changes per endpoint that the server has not yet seen in a notification. A change that is
     * not seen within 2 s counts as a stall and no longer holds the endpoint back.
     */
    Probe.Phase drive(Probe probe, Changer fleet, int n, Duration duration, boolean measure) {
        if (rate > 0) {
            return driveAtRate(probe, fleet, n, duration, measure);
        }
        probe.begin(measure);
        long changes = 0;
        long stalls = 0;
        long inChange = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long now;
        while ((now = System.nanoTime()) < end) {
            boolean progressed = false;
            for (int i = 0; i < n; i++) {
                long last = probe.set.get(i);
                if (last - probe.seen.get(i) >= window) {
                    if (now - probe.setAt.get(i) < STALL_NANOS) {
                        continue;
                    }
                    stalls++;
                    probe.seen.accumulateAndGet(i, last, Math::max);
                }
                long value = last + 1;
                long t = System.nanoTime();
                probe.changed(i, value, t);
                fleet.change(i, value);
                inChange += System.nanoTime() - t;
                changes++;
                progressed = true;
            }
            if (!progressed) {
                LockSupport.parkNanos(100_000); // woken early by the next notification
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long notifications = probe.end();
        return new Probe.Phase(changes, notifications, stalls, seconds, inChange / 1e9);
    }

    /**
     * Changes the values at {@link #rate} changes/s in total for {@code duration}, endpoint k % n
     * at tick k, whatever the server has seen (no window: what is not notified in time is late,
     * superseded or lost). Behind schedule it catches up at once, so the count is exact.
     */
    private Probe.Phase driveAtRate(Probe probe, Changer fleet, int n, Duration duration, boolean measure) {
        probe.begin(measure);
        long period = (long) (1e9 / rate);
        long changes = 0;
        long inChange = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long next = start;
        long now;
        while ((now = System.nanoTime()) < end) {
            if (next - now > 0) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            int i = (int) (changes % n);
            long value = probe.set.get(i) + 1;
            probe.changed(i, value, now);
            fleet.change(i, value);
            inChange += System.nanoTime() - now;
            changes++;
            next += period;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long notifications = probe.end();
        return new Probe.Phase(changes, notifications, 0, seconds, inChange / 1e9);
    }

    /** Sets value i (an endpoint's /4/0/2, or one sensor of the composite scenario) and reports the change. */
    interface Changer {
        void change(int i, long value);
    }

    /**
     * What the server saw for the endpoints of one scenario: value i is endpoint {@code prefix + i}'s,
     * or, for the composite scenario ({@link #forSensors}), /3303/i/5700 of one endpoint.
     */
    static final class Probe implements BenchServer.Sink {
        /** {@code changeSeconds}: time the driver spent inside the implementation's change call. */
        record Phase(long changes, long notifications, long stalls, double seconds, double changeSeconds) {
        }

        final String prefix;
        final AtomicLongArray set;
        final AtomicLongArray seen;
        final AtomicLongArray setAt;
        /** When each of an endpoint's last RING values was set: endpoint i, value v at i * RING + v % RING. */
        private static final int RING = 256;
        private final AtomicLongArray setTimes;
        private final LongAdder notifications = new LongAdder();
        private final LongAdder ownValues = new LongAdder();
        private final LongAdder late = new LongAdder();
        private final long[] latencies = new long[1 << 21];
        private final AtomicInteger latencyCount = new AtomicInteger();
        private volatile boolean measuring;
        private volatile boolean counting;
        private volatile Thread driver;

        private final String sensorsOf;

        Probe(String prefix, int n) {
            this(prefix, n, null);
        }

        /** Values /3303/k/5700 of {@code endpoint}, k below {@code count}, each notified through one Observe-Composite. */
        static Probe forSensors(String endpoint, int count) {
            return new Probe("", count, endpoint);
        }

        private Probe(String prefix, int n, String sensorsOf) {
            this.sensorsOf = sensorsOf;
            this.prefix = prefix;
            this.set = new AtomicLongArray(n);
            this.seen = new AtomicLongArray(n);
            this.setAt = new AtomicLongArray(n);
            this.setTimes = new AtomicLongArray(n * RING);
        }

        /** The driver set endpoint i's value at nano time t (before the change call). */
        void changed(int i, long value, long t) {
            setTimes.set(i * RING + (int) (value % RING), t);
            setAt.set(i, t);
            set.set(i, value);
        }

        /** Changes whose value, or a later one of the same endpoint, the server has not seen. */
        long uncovered() {
            long u = 0;
            for (int i = 0; i < set.length(); i++) {
                u += Math.max(0, set.get(i) - seen.get(i));
            }
            return u;
        }

        /** Changes of the measured phase and its drain whose own value reached the server. */
        long ownValuesSeen() {
            return ownValues.sum();
        }

        /** Changes that reached the server (their value or a later one) more than 2 s after they were made. */
        long late() {
            return late.sum();
        }

        void begin(boolean measure) {
            driver = Thread.currentThread();
            notifications.reset();
            ownValues.reset();
            late.reset();
            latencyCount.set(0);
            measuring = measure;
            counting = measure;
        }

        /** Ends the counted phase; latencies, late and own values are still recorded while the last values drain. */
        long end() {
            counting = false;
            return notifications.sum();
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, Math.min(latencyCount.get(), latencies.length));
        }

        @Override
        public void notifiedMany(String endpoint, List<Long> values) {
            if (values.isEmpty()) {
                return;
            }
            for (int k = 0; k < values.size() - 1; k++) {
                arrived(endpoint, values.get(k), false);
            }
            arrived(endpoint, values.get(values.size() - 1), true);
        }

        @Override
        public void notified(String endpoint, long value) {
            arrived(endpoint, value, true);
        }

        @Override
        public void notifiedComposite(String endpoint, Map<Integer, Long> sensorValues) {
            if (!endpoint.equals(sensorsOf)) {
                return;
            }
            boolean first = true; // one notification, however many values it carries
            for (Map.Entry<Integer, Long> e : sensorValues.entrySet()) {
                arrived(e.getKey(), e.getValue(), first);
                first = false;
            }
        }

        /** {@code notification}: the last value of a notification (counted once per notification). */
        private void arrived(String endpoint, long value, boolean notification) {
            if (sensorsOf != null || !endpoint.startsWith(prefix)) {
                return;
            }
            int i;
            try {
                i = Integer.parseInt(endpoint.substring(prefix.length()));
            } catch (NumberFormatException e) {
                return;
            }
            arrived(i, value, notification);
        }

        private void arrived(int i, long value, boolean notification) {
            if (i < 0 || i >= seen.length()) {
                return;
            }
            long previous = seen.getAndAccumulate(i, value, Math::max);
            if (counting && notification) {
                notifications.increment();
            }
            if (measuring && value > previous) {
                // every change this value covers (itself and those it superseded): from its change to now
                long now = System.nanoTime();
                ownValues.increment();
                for (long v = Math.max(previous + 1, value - RING + 1); v <= value; v++) {
                    long latency = now - setTimes.get(i * RING + (int) (v % RING));
                    if (latency > STALL_NANOS) {
                        late.increment();
                    }
                    int k = latencyCount.getAndIncrement();
                    if (k < latencies.length) {
                        latencies[k] = latency;
                    }
                }
            }
            Thread d = driver;
            if (d != null) {
                LockSupport.unpark(d);
            }
        }
    }

    // ---- measuring the JVM -------------------------------------------------------------------

    static int liveThreadCount() {
        return liveThreads();
    }

    static long heapUsedAfterGc() throws InterruptedException {
        return heapAfterGc();
    }

    static Map<String, Integer> threadGroupsForNotes() {
        return threadGroups();
    }

    static String threadGrowthForNotes(Map<String, Integer> before) {
        return growth(before, threadGroups());
    }

    /**
     * Live threads, less Felix's resolver pool: those come and go with bundle resolution
     * (they idle out after a minute), whatever the endpoints do.
     */
    private static int liveThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (counted(t)) {
                n++;
            }
        }
        return n;
    }

    private static boolean counted(Thread t) {
        return !t.getName().startsWith("FelixResolver-");
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(150);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void settle() throws InterruptedException {
        Thread.sleep((BenchServer.SWEPT_AFTER_SECONDS + 2) * 1000L);
    }

    /** Stacks of the engine's and registry's threads, for a report when something hangs. */
    private static String lightgateThreads() {
        StringBuilder b = new StringBuilder();
        for (var t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            if (t.getThreadName().startsWith("lightgate-")) {
                b.append(t.toString().replaceAll("\n\t\\.\\.\\.\n+$", "\n"));
                if (t.getStackTrace().length > 8) {
                    for (int i = 8; i < Math.min(40, t.getStackTrace().length); i++) {
                        b.append("\tat ").append(t.getStackTrace()[i]).append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * The kernel's UDP counters (Linux, whole machine): receive and send buffer errors, i.e.
     * datagrams dropped because a socket's buffer was full. Empty elsewhere.
     */
    private static long[] udpCounters() {
        try {
            List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Udp:")).toList();
            if (udp.size() < 2) {
                return new long[0];
            }
            List<String> names = Arrays.asList(udp.get(0).split("\\s+"));
            String[] values = udp.get(1).split("\\s+");
            int rcv = names.indexOf("RcvbufErrors");
            int snd = names.indexOf("SndbufErrors");
            return new long[] { Long.parseLong(values[rcv]), Long.parseLong(values[snd]) };
        } catch (Exception e) {
            return new long[0];
        }
    }

    private static String udpDrops(long[] before, long[] after) {
        if (before.length < 2 || after.length < 2) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%d receive / %d send buffer drops", after[0] - before[0], after[1] - before[1]);
    }

    /** CPU time of the whole process (server, clients, driver alike), in ns. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Live threads by name with numbers and addresses folded, e.g. "UDP-Sender-/127.0.0.1:#[#]". */
    private static Map<String, Integer> threadGroups() {
        Map<String, Integer> groups = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!counted(t)) {
                continue;
            }
            groups.merge(t.getName().replaceAll("[0-9]+", "#").replaceAll("(#\\.)+#", "#"), 1, Integer::sum);
        }
        return groups;
    }

    private static String growth(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> diff = new TreeMap<>();
        after.forEach((k, v) -> {
            int d = v - before.getOrDefault(k, 0);
            if (d != 0) {
                diff.put(k, d);
            }
        });
        before.forEach((k, v) -> {
            if (!after.containsKey(k)) {
                diff.put(k, -v);
            }
        });
        return diff.entrySet().stream().sorted((a, b) -> Integer.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
                .limit(8).map(e -> String.format(Locale.ROOT, "%+d %s", e.getValue(), e.getKey())).collect(Collectors.joining(", "));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    // ---- output ------------------------------------------------------------------------------

    private static void log(String message) {
        System.out.println("# " + message);
    }

    private String header(List<Integer> counts, List<String> impls) {
        Runtime rt = Runtime.getRuntime();
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.replaceFirst("model name\\s*:\\s*", "")).findFirst().orElse("");
        } catch (Exception e) {
            // not Linux
        }
        return String.format(Locale.ROOT, """
                Lightgate benchmark, %s
                Machine: %d cores%s, %s %s; %s %s (%s); max heap %d MiB
                Run: endpoints %s; implementations %s; %d Read /3/0 (TLV) after %d warm-up; notifications for %d s after %d s \
                warm-up, %s; lost: not at the server %s%s%s
                """, ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), rt.availableProcessors(),
                cpu.isEmpty() ? "" : " (" + cpu + ")", System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), System.getProperty("java.vendor"),
                rt.maxMemory() / (1024 * 1024), counts, impls, readCount, warmupReads, notifySeconds, notifyWarmupSeconds,
                rate > 0 ? String.format(Locale.ROOT, "changes at a fixed %.0f/s in total, spread evenly over the endpoints", rate)
                        : "as fast as taken, at most " + window + " unacknowledged change(s) per endpoint",
                drain.toSeconds() + " s after the phase; notifications in " + BenchServer.FORMAT.getName(),
                System.getProperty("bench.engine.settings", "").isBlank() ? ""
                        : "; Lightgate settings: " + System.getProperty("bench.engine.settings"),
                "default".equals(System.getProperty("bench.server.dedup")) ? "; server deduplication: Californium's defaults" : "");
    }

    private static String table(List<Result> results) {
        StringBuilder b = new StringBuilder();
        b.append("| endpoints | implementation | all registered (s) | Read /3/0 p50 (ms) | p99 (ms) | max (ms) | reads/s | CPU µs/read "
                + "| changes/s | notifications/s | change→notification p50 / p99 (ms) | late (> 2 s) | superseded | lost "
                + "| CPU µs/notification | threads/endpoint | heap/endpoint (KiB) | load average | errors |\n");
        b.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (Result r : results) {
            List<String> errors = new ArrayList<>();
            if (r.registered() < r.endpoints()) {
                errors.add((r.endpoints() - r.registered()) + " not registered");
            }
            if (r.readErrors() > 0) {
                errors.add(r.readErrors() + " failed reads");
            }
            if (r.observed() < r.endpoints()) {
                errors.add((r.endpoints() - r.observed()) + " not observed");
            }
            if (r.stalls() > 0) {
                errors.add(r.stalls() + " stalls");
            }
            if (r.left() > 0) {
                errors.add(r.left() + " not de-registered");
            }
            // below 10 endpoints the heap difference is within the noise of a full GC (tens of KiB)
            String heap = String.format(Locale.ROOT, r.endpoints() < 10 ? "(%.0f)" : "%.1f", r.heapKiBPerEndpoint());
            b.append(String.format(Locale.ROOT, "| %d | %s | %.2f | %.3f | %.3f | %.1f | %.0f | %.0f | %.0f | %.0f | %.2f / %.2f | %d | %d | %d | %.0f | %.2f | %s | %s | %s |%n",
                    r.endpoints(), r.impl(), r.registerSeconds(), r.readP50(), r.readP99(), r.readMax(), r.readsPerSecond(),
                    r.cpuMicrosPerRead(), r.changesPerSecond(), r.notificationsPerSecond(), r.notifyP50(), r.notifyP99(), r.late(),
                    r.superseded(), r.lost(), r.cpuMicrosPerNotification(), r.threadsPerEndpoint(), heap, r.load(),
                    errors.isEmpty() ? "none" : String.join(", ", errors)));
        }
        return b.toString();
    }

    /**
     * The DTLS scenario next to plain CoAP (the baseline) of the same run: what a DTLS endpoint
     * costs on top of a plain one. Empty unless both ran.
     */
    private static String dtlsTable(List<Result> results) {
        StringBuilder b = new StringBuilder();
        for (Result plain : results) {
            if (!plain.impl().equals("Lightgate")) {
                continue;
            }
            Result dtls = results.stream().filter(r -> r.impl().startsWith("Lightgate DTLS") && r.endpoints() == plain.endpoints())
                    .findFirst().orElse(null);
            if (dtls == null) {
                continue;
            }
            String heapFormat = plain.endpoints() < 10 ? "(%.0f)" : "%.1f";
            b.append(String.format(Locale.ROOT, "| %d | %.2f / %.2f | %.2f / %.2f (%+.2f) | " + heapFormat + " / " + heapFormat
                    + " (%+.1f) | %d / %d | %.3f / %.3f | %.0f / %.0f | %.0f / %.0f |%n", plain.endpoints(), plain.registerSeconds(),
                    dtls.registerSeconds(), plain.threadsPerEndpoint(), dtls.threadsPerEndpoint(),
                    dtls.threadsPerEndpoint() - plain.threadsPerEndpoint(), plain.heapKiBPerEndpoint(), dtls.heapKiBPerEndpoint(),
                    dtls.heapKiBPerEndpoint() - plain.heapKiBPerEndpoint(), plain.threadsRegistered() - plain.threadsBefore(),
                    dtls.threadsRegistered() - dtls.threadsBefore(), plain.readP50(), dtls.readP50(), plain.readsPerSecond(),
                    dtls.readsPerSecond(), plain.notificationsPerSecond(), dtls.notificationsPerSecond()));
        }
        if (b.length() == 0) {
            return "";
        }
        return "\nDTLS PSK next to plain CoAP (baseline), same engine, same run: plain / DTLS (DTLS minus plain)\n\n"
                + "| endpoints | all registered (s) | threads/endpoint | heap/endpoint (KiB) | threads added | Read /3/0 p50 (ms) "
                + "| reads/s | notifications/s |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n" + b;
    }

    private static String threadNotes(List<Result> results) {
        StringBuilder kept = new StringBuilder("\nHeap the Read phase left behind (after it and a forced GC, minus after registering; "
                + "the endpoints' duplicate detection keeps received requests for up to 247 s):\n\n"
                + "| endpoints | implementation | reads received | heap added (KiB) | KiB per 1,000 reads |\n|---:|---|---:|---:|---:|\n");
        for (Result r : results) {
            kept.append(String.format(Locale.ROOT, "| %d | %s | %d | %.0f | %.1f |%n", r.endpoints(), r.impl(), r.readsReceived(),
                    (r.heapAfterReads() - r.heapRegistered()) / 1024.0, r.heapKiBPerThousandReads()));
        }
        StringBuilder b = new StringBuilder(kept).append("\nPer scenario: live threads (before → registered → after the work) and the thread names that grew; "
                + "time to create the endpoints; during the notification phase, datagrams the kernel dropped and the driver's time in the change call:\n\n");
        for (Result r : results) {
            b.append(String.format(Locale.ROOT, "- %s x %d: %d → %d → %d; %s. Creating the endpoints took %.2f s. "
                    + "While notifying: UDP (kernel, whole machine) %s.%n", r.impl(), r.endpoints(), r.threadsBefore(),
                    r.threadsRegistered(), r.threadsAfterWork(), r.threadGrowth().isEmpty() ? "no change" : r.threadGrowth(),
                    r.startSeconds(), r.udpDrops()));
        }
        return b.toString();
    }
}
