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
import java.util.List;
import java.util.Locale;

/**
 * "Nothing lost": every value a source changes reaches the LwM2M server, live or, after an
 * outage of the server, forwarded by store-and-forward (LwM2M Send). Two scenarios
 * ({@code bench.scenario}), each next to the Leshan client as baseline in the same run:
 * <ul>
 * <li>{@code outage}: {@code bench.outage.endpoints} endpoints (1) observed on /4/0/2, changed at
 * {@code bench.outage.rate} (100) values/s in total; the Leshan server is stopped for
 * {@code bench.outage.seconds} (60) and started again, the same instance with its stores;
 * counted at the server: of the values changed during the outage, how many arrived (live or by
 * Send), in order, duplicates, missing, and the time from the restart until the last one arrived;</li>
 * <li>{@code soak}: {@code bench.soak.endpoints} (100) endpoints, {@code bench.soak.rate} (1,000)
 * changes/s in total, for {@code bench.soak.minutes} (5), the server stopped for
 * {@code bench.soak.outage.seconds} (10) in the middle; values lost, change→notification latency,
 * heap and live threads sampled every {@code bench.soak.sample.seconds} (5), written as a table and
 * an SVG plot. With Lightgate also {@code bench.soak.opcua.servers} (10) Milo servers, one OPC UA
 * adapter endpoint each ({@link MiloFleet}), {@code bench.soak.opcua.rate} (100) changes/s in
 * total, counted in their own ledger and row, every Milo server stopped for
 * {@code bench.soak.opcua.outage.seconds} (5) at 3/4 of the run (the driver pauses for it).</li>
 * </ul>
 */
final class NothingLostBench {

    /** bench.impls name of the outage's kill -9 variant alone (it also runs with "lightgate" unless bench.outage.kill=false). */
    private static final String PROCESS = "lightgate-process";

    private final Path work;
    private final List<String> impls;
    private final StringBuilder notes = new StringBuilder();

    private NothingLostBench(Path work, List<String> impls) {
        this.work = work;
        this.impls = impls;
    }

    static int run(String scenario) throws Exception {
        Path work = Path.of(System.getProperty("bench.work", "target/bench")).toAbsolutePath();
        Files.createDirectories(work);
        List<String> impls = Arrays.stream(System.getProperty("bench.impls", "lightgate,leshan").split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> s.equals("lightgate") || s.equals("leshan") || s.equals(PROCESS)).toList();
        NothingLostBench bench = new NothingLostBench(work, impls);
        return switch (scenario) {
            case "outage" -> bench.outage();
            case "soak" -> bench.soak();
            default -> throw new IllegalArgumentException("bench.scenario: outage or soak, not " + scenario);
        };
    }

    // ---- outage --------------------------------------------------------------------------------

    record OutageRow(String impl, int endpoints, double rate, Ledger.Count before, Ledger.Count during, Ledger.Count after,
            long outOfOrder, long stampedOutside, double firstAfterRestartSeconds, double allDeliveredSeconds, int observed) {
    }

    private int outage() throws Exception {
        int n = Integer.getInteger("bench.outage.endpoints", 1);
        double rate = Double.parseDouble(System.getProperty("bench.outage.rate", "100"));
        int outageSeconds = Integer.getInteger("bench.outage.seconds", 60);
        int beforeSeconds = Integer.getInteger("bench.outage.before.seconds", 10);
        int drainSeconds = Integer.getInteger("bench.outage.drain.seconds", 180);
        String header = header(String.format(Locale.ROOT, "outage: %d endpoint(s), %.0f changes/s in total, server stopped for %d s after %d s",
                n, rate, outageSeconds, beforeSeconds));
        System.out.println(header);
        long t0 = System.nanoTime();
        List<OutageRow> rows = new ArrayList<>();
        String versions = "";
        try (BenchServer server = BenchServer.restartable()) {
            log("Leshan server on " + server.uri() + " (restartable: fixed port, stores kept across stop/start)");
            for (String impl : impls.stream().filter(i -> !i.equals(PROCESS)).toList()) {
                Fleet fleet;
                GatewayFleet gateway = null;
                if (impl.equals("lightgate")) {
                    gateway = startGateway(server);
                    versions = "Lightgate bundles (from the local Maven repository): " + gateway.lightgateBundles() + "\n";
                    fleet = gateway;
                } else {
                    fleet = new LeshanFleet(server.uri());
                }
                rows.add(outageScenario(server, fleet, n, rate, beforeSeconds, outageSeconds, drainSeconds));
                if (gateway != null) {
                    gateway.shutdown();
                }
            }
            if (impls.contains(PROCESS) || (Boolean.parseBoolean(System.getProperty("bench.outage.kill", "true")) && impls.contains("lightgate"))) {
                Path jar = Path.of(System.getProperty("bench.gateway.jar", "../target/gateway.jar")).toAbsolutePath().normalize();
                if (Files.isRegularFile(jar)) {
                    rows.add(killScenario(server, jar, rate, beforeSeconds, outageSeconds, drainSeconds));
                } else {
                    log("kill -9 variant skipped: no exported gateway at " + jar + " (mvn -q package -DskipTests at the root)");
                    notes.append("- kill -9 variant not run: no exported gateway at ").append(jar).append('\n');
                }
            }
        }
        String report = header + versions + "\n" + outageTable(rows) + "\n" + notes + String.format(Locale.ROOT, "\nTotal run time: %.0f s%n",
                (System.nanoTime() - t0) / 1e9);
        System.out.println();
        System.out.println(report);
        Files.writeString(work.resolve("outage-results.md"), report);
        log("written to " + work.resolve("outage-results.md"));
        return 0;
    }

    private OutageRow outageScenario(BenchServer server, Fleet fleet, int n, double rate, int beforeSeconds, int outageSeconds,
            int drainSeconds) throws Exception {
        List<String> names = names(fleet, n);
        int capacity = (int) (rate / n * (beforeSeconds + outageSeconds + drainSeconds + 30)) + 100;
        Ledger ledger = new Ledger(prefix(fleet, n), n, capacity);
        server.sink(ledger);
        log(fleet.label() + ": " + n + " endpoint(s)");
        fleet.start(n, ledger.reads);
        int registered = server.awaitRegistered(names, Duration.ofSeconds(60), 3, 4);
        int observed = observeAll(server, names);
        log(String.format(Locale.ROOT, "  %d/%d registered, %d observed", registered, n, observed));
        long[] zero = new long[n];
        Driver driver = new Driver(fleet, ledger, rate);
        Thread.sleep(beforeSeconds * 1000L); // the phases are lengths of time
        server.stop();
        long stopNanos = System.nanoTime();
        long[] atStop = ledger.snapshot();
        log("  server stopped");
        Thread.sleep(outageSeconds * 1000L);
        long[] atStart = ledger.snapshot();
        long restart = System.nanoTime();
        server.start();
        log("  server started again");
        // until every value of the outage arrived (then 5 s more of live values), or none of them arrived
        // for 20 s (at least 30 s after the restart), or the drain limit
        long deadline = restart + drainSeconds * 1_000_000_000L;
        long allAt = 0;
        long lastProgress = System.nanoTime();
        long delivered = -1;
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            Ledger.Count c = ledger.count(atStop, atStart);
            if (c.delivered() != delivered) {
                delivered = c.delivered();
                lastProgress = System.nanoTime();
            }
            if (c.missing() == c.missingNotRead() && allAt == 0) { // every value read has arrived
                allAt = System.nanoTime();
            }
            if (allAt != 0 && System.nanoTime() - allAt > 5_000_000_000L) {
                break;
            }
            if (System.nanoTime() - restart > 30_000_000_000L && System.nanoTime() - lastProgress > 20_000_000_000L) {
                break;
            }
        }
        driver.close();
        long[] atEnd = ledger.snapshot();
        awaitQuiet(ledger, Duration.ofSeconds(3), Duration.ofSeconds(20));
        Ledger.Count before = ledger.count(zero, atStop);
        Ledger.Count during = ledger.count(atStop, atStart);
        Ledger.Count after = ledger.count(atStart, atEnd);
        double first = firstArrivalAfter(ledger, restart);
        // every value of the outage the implementation read has arrived (those replaced before any read are out of reach)
        double all = during.missing() == during.missingNotRead() && during.lastArrivalNanos() > 0
                ? Math.max(0, (during.lastArrivalNanos() - restart) / 1e9) : Double.NaN;
        for (int i = 0; i < Math.min(n, 3); i++) {
            notes.append(String.format(Locale.ROOT, "- %s, %s (times from the server's stop; * = replaced before the implementation read it): %s%n",
                    fleet.label(), names.get(i), ledger.describe(i, 0, atEnd[i], stopNanos)));
        }
        log(String.format(Locale.ROOT, "  during the outage %d changed, %d delivered (%d live, %d by Send), %d missing, %d duplicates",
                during.changes(), during.delivered(), during.viaLive(), during.viaSend(), during.missing(), during.duplicates()));
        fleet.stop();
        server.awaitGone(names, Duration.ofSeconds(30));
        server.sink((e, v) -> {
        });
        return new OutageRow(fleet.label(), n, rate, before, during, after, ledger.outOfOrder(), ledger.stampedOutside(), first, all, observed);
    }

    /**
     * The kill -9 variant: the exported gateway as a process (its own data/ with the store), the
     * values from a source bundle in its load/ fed by datagrams from here; in the middle of the
     * server's outage the process is killed (SIGKILL) and started again on the same folders. The
     * server observes again when the endpoint makes a fresh Register (a new registration id), as a
     * server application does; an engine that keeps its observations across the restart would
     * send an Update instead, and the first observation would carry on.
     */
    private OutageRow killScenario(BenchServer server, Path jar, double rate, int beforeSeconds, int outageSeconds, int drainSeconds)
            throws Exception {
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0))) {
            port = probe.getLocalPort();
        }
        Path dir = work.resolve("kill-" + System.currentTimeMillis());
        Path load = Files.createDirectories(dir.resolve("load"));
        Files.createDirectories(dir.resolve("etc"));
        Files.copy(Path.of(System.getProperty("bench.source.bundle", "target/io.lightgate.benchmarks-0.1.0-SNAPSHOT-source-bundle.jar")),
                load.resolve("bench-source.jar"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dlightgate.server.uri=" + server.uri(), "-Dlightgate.endpoint=bench-gw-process", "-Dlightgate.etc=" + dir.resolve("etc"),
                "-Dlightgate.load=" + load, "-Dlightgate.data=" + dir.resolve("data"), "-Dlaunch.storage.dir=" + dir.resolve("data").resolve("cache"),
                "-Dbench.source.port=" + port, "-jar", jar.toString());
        java.io.File logFile = dir.resolve("gateway.log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        SourceFleet fleet = new SourceFleet(port);
        List<String> names = List.of("src-0");
        Ledger ledger = new Ledger("src-", 1, (int) (rate * (beforeSeconds + outageSeconds + drainSeconds + 60)) + 100);
        server.sink(ledger);
        log(fleet.label() + " (" + jar + ", log in " + logFile + ")");
        Process gateway = builder.start();
        try {
            fleet.start(1, ledger.reads);
            if (server.awaitRegistered(names, Duration.ofSeconds(90), 3, 4) != 1) {
                throw new IllegalStateException("src-0 did not register; see " + logFile);
            }
            String observedRegistration = server.registrationId("src-0");
            int observed = observeAll(server, names);
            log("  registered, observed: " + observed);
            Driver driver = new Driver(fleet, ledger, rate);
            Thread.sleep(beforeSeconds * 1000L);
            server.stop();
            long stopNanos = System.nanoTime();
            long[] atStop = ledger.snapshot();
            log("  server stopped");
            Thread.sleep(outageSeconds * 500L);
            gateway.destroyForcibly(); // SIGKILL
            gateway.waitFor();
            long killedAt = ledger.snapshot()[0];
            log("  gateway killed (kill -9) at value " + killedAt + "; starting it again");
            gateway = builder.start();
            // the restarted source answers again: the first value that reached the restarted gateway
            long upDeadline = System.nanoTime() + 90_000_000_000L;
            while (ledger.reads.get(0) <= killedAt && System.nanoTime() < upDeadline) {
                Thread.sleep(100);
            }
            long backAt = ledger.snapshot()[0];
            log(String.format(Locale.ROOT, "  the restarted gateway receives values again from value %d (%d values changed while it was down)",
                    backAt, backAt - killedAt));
            long remaining = stopNanos + outageSeconds * 1_000_000_000L - System.nanoTime();
            if (remaining > 0) {
                Thread.sleep(remaining / 1_000_000);
            } else {
                notes.append(String.format(Locale.ROOT, "- kill -9 variant: the restart took longer than the rest of the outage (%.0f s more)%n",
                        -remaining / 1e9));
            }
            long[] atStart = ledger.snapshot();
            long restart = System.nanoTime();
            server.start();
            log("  server started again");
            long deadline = restart + drainSeconds * 1_000_000_000L;
            long allAt = 0;
            long lastProgress = System.nanoTime();
            long delivered = -1;
            int reobserved = 0;
            while (System.nanoTime() < deadline) {
                Thread.sleep(200);
                String id = server.registrationId("src-0");
                if (id != null && !id.equals(observedRegistration) && server.registered(names, 4) == 1) {
                    observedRegistration = id;
                    if (server.observeSignal("src-0", 10_000)) {
                        reobserved++;
                        log("  a fresh Register of src-0 (observations gone): observed again");
                    }
                }
                Ledger.Count c = ledger.count(atStop, atStart);
                if (c.delivered() != delivered) {
                    delivered = c.delivered();
                    lastProgress = System.nanoTime();
                }
                if (c.missing() - c.missingNotRead() == 0 && allAt == 0) {
                    allAt = System.nanoTime();
                }
                if (allAt != 0 && System.nanoTime() - allAt > 5_000_000_000L) {
                    break;
                }
                if (System.nanoTime() - restart > 30_000_000_000L && System.nanoTime() - lastProgress > 20_000_000_000L) {
                    break;
                }
            }
            driver.close();
            long[] atEnd = ledger.snapshot();
            awaitQuiet(ledger, Duration.ofSeconds(3), Duration.ofSeconds(20));
            Ledger.Count before = ledger.count(new long[1], atStop);
            Ledger.Count during = ledger.count(atStop, atStart);
            Ledger.Count after = ledger.count(atStart, atEnd);
            notes.append(String.format(Locale.ROOT, "- %s: killed at value %d, receiving values again from value %d (%d values changed while the "
                    + "process was down or starting, which nothing could read; here \"read by the implementation\" means \"reached the gateway process\"); observed again after a fresh Register: %d time(s); "
                    + "src-0 (times from the server's stop): %s%n", fleet.label(), killedAt, backAt, backAt - killedAt, reobserved,
                    ledger.describe(0, 0, atEnd[0], stopNanos)));
            double first = firstArrivalAfter(ledger, restart);
            // "all delivered": every value of the outage the gateway read (those changed while it was dead are out of reach)
            double all = during.missing() == during.missingNotRead() && during.lastArrivalNanos() > 0
                    ? Math.max(0, (during.lastArrivalNanos() - restart) / 1e9) : Double.NaN;
            log(String.format(Locale.ROOT, "  during the outage %d changed, %d delivered (%d live, %d by Send), %d missing (%d of them reached the gateway)",
                    during.changes(), during.delivered(), during.viaLive(), during.viaSend(), during.missing(),
                    during.missing() - during.missingNotRead()));
            return new OutageRow(fleet.label(), 1, rate, before, during, after, ledger.outOfOrder(), ledger.stampedOutside(), first, all, observed);
        } finally {
            fleet.stop();
            gateway.destroy();
            if (!gateway.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
            server.sink((e, v) -> {
            });
        }
    }

    /** Seconds from {@code since} to the first arrival after it (live or forwarded), NaN if none. */
    private static double firstArrivalAfter(Ledger ledger, long since) {
        // the ledger keeps first arrivals per value: the earliest one after the restart
        long best = Long.MAX_VALUE;
        long[] all = ledger.snapshot();
        for (int i = 0; i < all.length; i++) {
            best = Math.min(best, ledger.firstArrivalAfter(i, since));
        }
        return best == Long.MAX_VALUE ? Double.NaN : (best - since) / 1e9;
    }

    private String outageTable(List<OutageRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| implementation | changed during the outage | delivered | live / by Send | missing (of them read by the implementation) | duplicates | out of order "
                + "| stamp outside its change | first value after the restart (s) | every value read delivered, after the restart (s) "
                + "| missing before / after the outage | replaced before read (missing) |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (OutageRow r : rows) {
            Ledger.Count d = r.during();
            long notRead = r.before().notRead() + d.notRead() + r.after().notRead();
            long notReadMissing = r.before().missingNotRead() + d.missingNotRead() + r.after().missingNotRead();
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d / %d | %d (%d) | %d | %d | %d | %s | %s | %d of %d / %d of %d | %d (%d) |%n",
                    r.impl(), d.changes(), d.delivered(), d.viaLive(), d.viaSend(), d.missing(), d.missing() - d.missingNotRead(),
                    r.before().duplicates() + d.duplicates() + r.after().duplicates(), r.outOfOrder(), r.stampedOutside(),
                    seconds(r.firstAfterRestartSeconds()), Double.isNaN(r.allDeliveredSeconds()) ? "never" : seconds(r.allDeliveredSeconds()),
                    r.before().missing(), r.before().changes(), r.after().missing(), r.after().changes(), notRead, notReadMissing));
        }
        return b.toString();
    }

    // ---- soak ----------------------------------------------------------------------------------

    record Sample(double t, long heapUsed, int threads, double valuesPerSecond, double changesPerSecond, double p50, double p99) {
    }

    /** Values changed in one sample window that never arrived, and how many of them were replaced before any read. */
    record Lost(long missing, long notRead) {
    }

    record SoakRow(String impl, int endpoints, double rate, double minutes, Ledger.Count all, Ledger.Count outage, long outOfOrder,
            double p50, double p99, double max, int threadsBefore, int threadsRegistered, int threadsEnd, int threadsAfterStop,
            long heapBefore, long heapRegistered, long heapEnd, double drainSeconds, List<Sample> samples, List<Lost> lost,
            double outageFrom, double outageTo, String threadGrowth, String details, String outageWhat) {

        SoakRow withThreadsAfterStop(int threads) {
            return new SoakRow(impl, endpoints, rate, minutes, all, outage, outOfOrder, p50, p99, max, threadsBefore, threadsRegistered,
                    threadsEnd, threads, heapBefore, heapRegistered, heapEnd, drainSeconds, samples, lost, outageFrom, outageTo, threadGrowth,
                    details, outageWhat);
        }
    }

    private int soak() throws Exception {
        int n = Integer.getInteger("bench.soak.endpoints", 100);
        double rate = Double.parseDouble(System.getProperty("bench.soak.rate", "1000"));
        double minutes = Double.parseDouble(System.getProperty("bench.soak.minutes", "5"));
        int outageSeconds = Integer.getInteger("bench.soak.outage.seconds", 10);
        int sampleSeconds = Integer.getInteger("bench.soak.sample.seconds", 5);
        int opcServers = Integer.getInteger("bench.soak.opcua.servers", 10);
        String opcRun = "";
        if (opcServers > 0 && impls.contains("lightgate")) {
            // the adapter and its libraries after the gateway's bundles (GatewayFleet installs bench.extra.bundles)
            String extra = System.getProperty("bench.soak.extra.bundles", "target/opcua-bundles");
            if (!Files.isDirectory(Path.of(extra))) {
                throw new IllegalStateException("bench.soak.extra.bundles: no folder " + extra + " (mvn -f benchmarks/pom.xml package builds it), "
                        + "or -Dbench.soak.opcua.servers=0");
            }
            System.setProperty("bench.extra.bundles", extra);
            opcRun = String.format(Locale.ROOT, "; with Lightgate also %d Milo OPC UA servers (one OPC UA adapter endpoint each, an Int64 "
                    + "variable mapped to /4/0/2), %s changes/s in total, sampling %s ms / publishing %s ms, every server stopped for %d s "
                    + "at 3/4 of the run and started again on its port", opcServers, System.getProperty("bench.soak.opcua.rate", "100"),
                    System.getProperty("bench.soak.opcua.sampling.ms", "20"), System.getProperty("bench.soak.opcua.publishing.ms", "100"),
                    Integer.getInteger("bench.soak.opcua.outage.seconds", 5));
        }
        String header = header(String.format(Locale.ROOT, "soak: %d endpoints, %.0f changes/s in total, %.1f min each, server stopped "
                + "for %d s in the middle; samples every %d s%s", n, rate, minutes, outageSeconds, sampleSeconds, opcRun));
        System.out.println(header);
        long t0 = System.nanoTime();
        List<SoakRow> rows = new ArrayList<>();
        String versions = "";
        try (BenchServer server = BenchServer.restartable()) {
            log("Leshan server on " + server.uri() + " (restartable)");
            GatewayFleet gateway = null;
            if (impls.contains("lightgate")) {
                gateway = startGateway(server);
                versions = "Lightgate bundles (from the local Maven repository): " + gateway.lightgateBundles() + "\n";
            }
            for (String impl : impls.stream().filter(i -> !i.equals(PROCESS)).toList()) {
                Fleet fleet = impl.equals("lightgate") ? gateway : new LeshanFleet(server.uri());
                rows.addAll(soakScenario(server, fleet, n, rate, minutes, outageSeconds, sampleSeconds));
            }
            if (gateway != null) {
                gateway.shutdown();
            }
        }
        Path svg = work.resolve("soak.svg");
        Files.writeString(svg, SoakPlot.svg(rows));
        String report = header + versions + "\n" + soakTable(rows) + "\n" + samplesTable(rows) + notes
                + String.format(Locale.ROOT, "\nPlot: soak.svg. Total run time: %.0f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println();
        System.out.println(report);
        Files.writeString(work.resolve("soak-results.md"), report);
        log("written to " + work.resolve("soak-results.md") + " and " + svg);
        return 0;
    }

    /** One fleet of a soak run: its ledger, driver, samples and the snapshots at the LwM2M server's outage. */
    private static final class Track {
        final Fleet fleet;
        final int n;
        final List<String> names;
        final Ledger ledger;
        final List<Sample> samples = new ArrayList<>();
        Driver driver;
        long[] atStop;
        long[] atStart;
        long lastArrivals;
        long lastChanges;
        int lastLatency;

        Track(Fleet fleet, int n, double rate, long totalMillis) {
            this.fleet = fleet;
            this.n = n;
            this.names = names(fleet, n);
            this.ledger = new Ledger(prefix(fleet, n), n, (int) (rate / n * (totalMillis / 1000.0 + 60)) + 100);
        }

        Sample sample(double t, long heap, int threads, double dt) {
            long arrivals = ledger.arrivals();
            long changes = driver.changes();
            int latencyCount = ledger.liveLatencyCount();
            long[] window = ledger.liveLatencies(lastLatency);
            Arrays.sort(window);
            Sample s = new Sample(t, heap, threads, (arrivals - lastArrivals) / dt, (changes - lastChanges) / dt, percentile(window, 50),
                    percentile(window, 99));
            samples.add(s);
            lastArrivals = arrivals;
            lastChanges = changes;
            lastLatency = latencyCount;
            return s;
        }
    }

    /** Both ledgers' sinks: the agent's endpoints and the OPC UA adapter's have distinct name prefixes. */
    private static BenchServer.Sink both(List<Track> tracks) {
        return new BenchServer.Sink() {
            @Override
            public void notified(String endpoint, long value) {
                for (Track t : tracks) {
                    t.ledger.notified(endpoint, value);
                }
            }

            @Override
            public void sent(String endpoint, long value, java.time.Instant timestamp) {
                for (Track t : tracks) {
                    t.ledger.sent(endpoint, value, timestamp);
                }
            }
        };
    }

    private List<SoakRow> soakScenario(BenchServer server, Fleet fleet, int n, double rate, double minutes, int outageSeconds,
            int sampleSeconds) throws Exception {
        long total = (long) (minutes * 60_000);
        List<Track> tracks = new ArrayList<>();
        Track main = new Track(fleet, n, rate, total);
        tracks.add(main);
        int opcServers = Integer.getInteger("bench.soak.opcua.servers", 10);
        double opcRate = Double.parseDouble(System.getProperty("bench.soak.opcua.rate", "100"));
        int opcOutageSeconds = Integer.getInteger("bench.soak.opcua.outage.seconds", 5);
        MiloFleet milo = fleet instanceof GatewayFleet g && opcServers > 0 ? new MiloFleet(g,
                Double.parseDouble(System.getProperty("bench.soak.opcua.sampling.ms", "20")),
                Double.parseDouble(System.getProperty("bench.soak.opcua.publishing.ms", "100"))) : null;
        Track opc = milo == null ? null : new Track(milo, opcServers, opcRate, total);
        if (opc != null) {
            tracks.add(opc);
        }
        server.sink(both(tracks));
        log(fleet.label() + ": " + n + " endpoints, " + minutes + " min" + (opc == null ? "" : "; and " + opcServers
                + " OPC UA servers, one adapter endpoint each"));
        Thread.sleep((BenchServer.SWEPT_AFTER_SECONDS + 2) * 1000L); // the previous scenario's exchanges are swept
        var groupsBefore = Bench.threadGroupsForNotes();
        int threadsBefore = Bench.liveThreadCount();
        long heapBefore = Bench.heapUsedAfterGc();
        fleet.start(n, main.ledger.reads);
        int registered = server.awaitRegistered(main.names, Duration.ofSeconds(60).plusMillis(60L * n), 3, 4);
        int observed = observeAll(server, main.names);
        log(String.format(Locale.ROOT, "  %d/%d registered, %d observed", registered, n, observed));
        if (opc != null) {
            milo.start(opcServers, opc.ledger.reads);
            int opcRegistered = server.awaitRegistered(opc.names, Duration.ofSeconds(90), 4);
            int opcObserved = observeAll(server, opc.names);
            log(String.format(Locale.ROOT, "  OPC UA adapter: %d/%d registered, %d observed", opcRegistered, opcServers, opcObserved));
            notes.append(String.format(Locale.ROOT, "- OPC UA adapter endpoints: %d/%d registered, %d observed on /4/0/2%n", opcRegistered,
                    opcServers, opcObserved));
        }
        int threadsRegistered = Bench.liveThreadCount();
        long heapRegistered = Bench.heapUsedAfterGc();

        long start = System.nanoTime();
        long outageAt = start + total * 1_000_000L / 2;
        long opcOutageAt = start + total * 1_000_000L * 3 / 4;
        long endAt = start + total * 1_000_000L;
        main.driver = new Driver(fleet, main.ledger, rate);
        if (opc != null) {
            opc.driver = new Driver(milo, opc.ledger, opcRate, milo::isDown);
        }
        boolean stopped = false, started = false, opcStopped = false, opcStarted = false;
        double outageFrom = Double.NaN, outageTo = Double.NaN, opcFrom = Double.NaN, opcTo = Double.NaN;
        long opcRestartNanos = 0;
        long[] opcAtStop = null;
        long lastSampleNanos = start;
        long nextSample = start + sampleSeconds * 1_000_000_000L;
        while (System.nanoTime() < endAt) {
            long now = System.nanoTime();
            if (!stopped && now >= outageAt) {
                server.stop();
                stopped = true;
                for (Track t : tracks) {
                    t.atStop = t.ledger.snapshot();
                }
                outageFrom = (System.nanoTime() - start) / 1e9;
                log(String.format(Locale.ROOT, "  server stopped at %.0f s", outageFrom));
            } else if (stopped && !started && now >= outageAt + outageSeconds * 1_000_000_000L) {
                for (Track t : tracks) {
                    t.atStart = t.ledger.snapshot();
                }
                server.start();
                started = true;
                outageTo = (System.nanoTime() - start) / 1e9;
                log(String.format(Locale.ROOT, "  server started again at %.0f s", outageTo));
            }
            if (opc != null && !opcStopped && now >= opcOutageAt) {
                opcStopped = true;
                opcAtStop = opc.ledger.snapshot();
                opcFrom = (System.nanoTime() - start) / 1e9;
                for (int i = 0; i < opcServers; i++) {
                    milo.stopServer(i);
                }
                log(String.format(Locale.ROOT, "  %d OPC UA servers stopped at %.0f s (the driver pauses for them)", opcServers, opcFrom));
            } else if (opc != null && opcStopped && !opcStarted && now >= opcOutageAt + opcOutageSeconds * 1_000_000_000L) {
                opcStarted = true;
                opcRestartNanos = System.nanoTime();
                for (int i = 0; i < opcServers; i++) {
                    milo.startServer(i);
                }
                opcTo = (System.nanoTime() - start) / 1e9;
                log(String.format(Locale.ROOT, "  OPC UA servers started again (same ports) at %.0f s", opcTo));
            }
            if (now >= nextSample) {
                double dt = (now - lastSampleNanos) / 1e9;
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                int threads = Bench.liveThreadCount();
                for (Track t : tracks) {
                    Sample s = t.sample((now - start) / 1e9, heap, threads, dt);
                    log(String.format(Locale.ROOT, "  %4.0f s %s: heap %d MiB, %d threads, %.0f changes/s, %.0f values/s at the server, "
                            + "latency p50 %.1f / p99 %.1f ms", s.t(), t.fleet.label(), s.heapUsed() >> 20, s.threads(), s.changesPerSecond(),
                            s.valuesPerSecond(), s.p50(), s.p99()));
                }
                lastSampleNanos = now;
                nextSample += sampleSeconds * 1_000_000_000L;
            }
            Thread.sleep(50);
        }
        for (Track t : tracks) {
            t.driver.close();
        }
        long drainStart = System.nanoTime();
        List<long[]> ends = new ArrayList<>();
        for (Track t : tracks) {
            long[] atEnd = t.ledger.snapshot();
            ends.add(atEnd);
            t.atStop = t.atStop == null ? atEnd : t.atStop;
            t.atStart = t.atStart == null ? atEnd : t.atStart;
        }
        // what is still in flight or in the store: until all arrived, or nothing arrived for 20 s, at most 3 min
        while (System.nanoTime() - drainStart < 180_000_000_000L) {
            boolean done = true;
            for (int k = 0; k < tracks.size(); k++) {
                Track t = tracks.get(k);
                if (t.ledger.count(new long[t.n], ends.get(k)).missing() > 0 && System.nanoTime() - t.ledger.lastArrivalNanos() <= 20_000_000_000L) {
                    done = false;
                }
            }
            if (done) {
                break;
            }
            Thread.sleep(200);
        }
        int threadsEnd = Bench.liveThreadCount();
        long heapEnd = Bench.heapUsedAfterGc();
        String growth = Bench.threadGrowthForNotes(groupsBefore);
        List<SoakRow> rows = new ArrayList<>();
        List<Ledger.Count> alls = new ArrayList<>();
        for (int k = 0; k < tracks.size(); k++) {
            Track t = tracks.get(k);
            long[] atEnd = ends.get(k);
            Ledger.Count all = t.ledger.count(new long[t.n], atEnd);
            alls.add(all);
            double drain = Math.max(0, (t.ledger.lastArrivalNanos() - drainStart) / 1e9);
            List<Lost> lost = new ArrayList<>();
            for (long[] w : t.ledger.missingByWindow(start, sampleSeconds * 1_000_000_000L, t.samples.size() + 1)) {
                lost.add(new Lost(w[0], w[1]));
            }
            StringBuilder details = new StringBuilder();
            for (int i = 0, shown = 0; i < t.n && shown < 2; i++) {
                if (lostOf(t.ledger, i, atEnd[i]) > 0) {
                    details.append(String.format(Locale.ROOT, "  - %s (times from the start of the changes): %s%n", t.names.get(i),
                            t.ledger.describe(i, 0, atEnd[i], start)));
                    shown++;
                }
            }
            String outageWhat = String.format(Locale.ROOT, "LwM2M server down from %.0f s to %.0f s", outageFrom, outageTo);
            if (t == opc && opcAtStop != null) {
                Ledger.Count around = t.ledger.count(opcAtStop, atEnd);
                double first = firstArrivalAfter(t.ledger, opcRestartNanos);
                outageWhat += String.format(Locale.ROOT, "; the %d OPC UA servers down from %.0f s to %.0f s (%d ticks of the driver "
                        + "skipped: no value set while a server is down), first value at the LwM2M server %s s after their restart; "
                        + "of the %d values changed from their stop to the end, %d lost, %d duplicates", opcServers, opcFrom, opcTo,
                        t.driver.skipped(), seconds(first), around.changes(), around.missing(), around.duplicates());
                for (int i = 0; i < Math.min(2, t.n); i++) {
                    details.append(String.format(Locale.ROOT, "  - %s around the OPC UA server's restart (times from its stop): %s%n",
                            t.names.get(i), t.ledger.describe(i, Math.max(0, opcAtStop[i] - 5), Math.min(atEnd[i], opcAtStop[i] + 60),
                                    start + (long) (opcFrom * 1e9))));
                }
            }
            long[] latencies = t.ledger.liveLatencies(0);
            Arrays.sort(latencies);
            log(String.format(Locale.ROOT, "  %s: %d changed, %d delivered (%d by Send only), %d lost, %d duplicates", t.fleet.label(),
                    all.changes(), all.delivered(), all.viaSend(), all.missing(), all.duplicates()));
            rows.add(new SoakRow(t.fleet.label(), t.n, t == opc ? opcRate : rate, minutes, all, t.ledger.count(t.atStop, t.atStart),
                    t.ledger.outOfOrder(), percentile(latencies, 50), percentile(latencies, 99),
                    latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6, threadsBefore, threadsRegistered, threadsEnd,
                    0, heapBefore, heapRegistered, heapEnd, drain, t.samples, lost, t == opc ? opcFrom : outageFrom,
                    t == opc ? opcTo : outageTo, growth, details.toString(), outageWhat));
        }
        for (Track t : tracks) {
            t.fleet.stop();
            server.awaitGone(t.names, Duration.ofSeconds(30).plusMillis(20L * t.n));
        }
        server.sink((e, v) -> {
        });
        Thread.sleep(2000);
        int threadsAfterStop = Bench.liveThreadCount();
        List<SoakRow> out = new ArrayList<>();
        for (SoakRow r : rows) {
            out.add(r.withThreadsAfterStop(threadsAfterStop));
        }
        return out;
    }

    private static long lostOf(Ledger ledger, int i, long upTo) {
        long[] from = new long[ledger.endpoints()];
        long[] to = new long[ledger.endpoints()];
        to[i] = upTo;
        return ledger.count(from, to).missing();
    }

    private static String soakTable(List<SoakRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| implementation | endpoints | changes | delivered | lost (of them read by the implementation) | of them during the outage (changed) | by Send only "
                + "| duplicates | out of order | change→notification p50 / p99 / max (ms) | last value arrived after the end (s) "
                + "| live threads before → registered → end → stopped | heap after GC before → registered → end (MiB) |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SoakRow r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d (%d) | %d (%d) | %d | %d | %d | %.1f / %.1f / %.0f | %s | %d → %d → %d → %d "
                    + "| %.0f → %.0f → %.0f |%n", r.impl(), r.endpoints(), r.all().changes(), r.all().delivered(), r.all().missing(),
                    r.all().missing() - r.all().missingNotRead(),
                    r.outage().missing(), r.outage().changes(), r.all().viaSend(), r.all().duplicates(), r.outOfOrder(), r.p50(), r.p99(),
                    r.max(), seconds(r.drainSeconds()), r.threadsBefore(), r.threadsRegistered(),
                    r.threadsEnd(), r.threadsAfterStop(), r.heapBefore() / 1048576.0, r.heapRegistered() / 1048576.0,
                    r.heapEnd() / 1048576.0));
        }
        b.append("\n");
        for (SoakRow r : rows) {
            b.append(String.format(Locale.ROOT, "- %s: %s; thread names that changed over the run: %s; "
                    + "values replaced before the implementation read them: %d (%d of them missing).%n", r.impl(), r.outageWhat(),
                    r.threadGrowth().isEmpty() ? "none" : r.threadGrowth(), r.all().notRead(), r.all().missingNotRead()));
            b.append(r.details());
        }
        return b.toString();
    }

    private static String samplesTable(List<SoakRow> rows) {
        StringBuilder b = new StringBuilder("Samples (heap used without forcing a GC, live threads, changes/s and values/s arriving at the server "
                + "in the window ending at t, live change→notification p50 / p99 in the window, values changed in the window that never "
                + "arrived (of them replaced before any read)):\n\n");
        b.append("| implementation | t (s) | heap (MiB) | threads | changes/s | values/s at the server | p50 / p99 (ms) | lost (not read) |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SoakRow r : rows) {
            for (int k = 0; k < r.samples().size(); k++) {
                Sample s = r.samples().get(k);
                Lost l = r.lost().get(k);
                b.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %d | %.0f | %.0f | %.1f / %.1f | %d (%d) |%n", r.impl(), s.t(),
                        s.heapUsed() >> 20, s.threads(), s.changesPerSecond(), s.valuesPerSecond(), s.p50(), s.p99(), l.missing(), l.notRead()));
            }
        }
        return b.toString();
    }

    // ---- shared --------------------------------------------------------------------------------

    private static GatewayFleet startGateway(BenchServer server) throws Exception {
        Path work = Path.of(System.getProperty("bench.work", "target/bench")).toAbsolutePath();
        Path bundles = Path.of(System.getProperty("bench.bundles", "target/bundles")).toAbsolutePath();
        Path agentJar = Path.of(System.getProperty("bench.agent", "target/io.lightgate.benchmarks-0.1.0-SNAPSHOT-agent.jar")).toAbsolutePath();
        // a fresh data folder: no stored notifications of an earlier run
        deleteTree(work.resolve("data"));
        log("starting Felix with the gateway's bundles from " + bundles);
        GatewayFleet gateway = new GatewayFleet(server.uri(), bundles, agentJar, work);
        if (server.awaitRegistered(List.of(GatewayFleet.GATEWAY_ENDPOINT), Duration.ofSeconds(30), 3) != 1) {
            throw new IllegalStateException("the gateway endpoint did not register within 30 s; inactive bundles: " + gateway.inactiveBundles());
        }
        return gateway;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int observeAll(BenchServer server, List<String> names) {
        int observed = 0;
        for (String name : names) {
            if (server.observeSignal(name, 10_000)) {
                observed++;
            }
        }
        return observed;
    }

    private static List<String> names(Fleet fleet, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(fleet.name(n, i));
        }
        return names;
    }

    private static String prefix(Fleet fleet, int n) {
        String first = fleet.name(n, 0);
        return first.substring(0, first.length() - 1);
    }

    /** Waits until nothing arrived for {@code quiet}, at most {@code max}. */
    private static void awaitQuiet(Ledger ledger, Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && System.nanoTime() - ledger.lastArrivalNanos() < quiet.toNanos()) {
            Thread.sleep(100);
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.1f", s);
    }

    private static void log(String message) {
        System.out.println("# " + message);
    }

    private static String header(String run) {
        Runtime rt = Runtime.getRuntime();
        String load = "";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            // not Linux
        }
        return String.format(Locale.ROOT, """
                Lightgate "nothing lost" benchmark, %s
                Machine: %d cores, %s %s; %s %s; max heap %d MiB; load average at the start: %s
                Run: %s
                """, ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), rt.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), rt.maxMemory() / (1024 * 1024), load, run);
    }
}
