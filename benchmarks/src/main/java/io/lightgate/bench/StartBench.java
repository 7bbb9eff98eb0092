/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.model.VersionedModelProvider;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;

/**
 * Start-up as a user meets it: the exported gateway started as a process, without the demo
 * configuration (an empty etc/, the server given by -Dlightgate.server.uri), N times per
 * variant, round-robin so machine noise falls on every variant alike. Per start: seconds from
 * the process start to the Leshan server (in this JVM, CoAP on 127.0.0.1) seeing the Register,
 * the gateway JVM's CPU seconds until then, and, once it has idled for a fixed time after
 * registering, its resident memory (VmRSS) and thread count (/proc/pid). The baseline is a
 * gateway jar built before the changes under test, started the same way in the same run.
 * Each start has a fresh data/; the framework cache is kept per variant between its starts
 * ({@code bench.start.cache=kept}, the default: a restart of the same jar, which a jar that keeps
 * its cache then starts from; the unreported warm-up start fills it) or made afresh per start
 * ({@code fresh}: the first start of a new jar).
 */
public final class StartBench {

    private static final long REGISTER_WAIT_S = 60;
    private static final long CLK_TCK = 100; // Linux USER_HZ; /proc/pid/stat counts CPU in these

    /**
     * How one variant starts the gateway.
     *
     * @param scriptDefaults with {@code script}: LIGHTGATE_JAVA_DEFAULTS for bin/lightgate (null: the script's own)
     */
    private record Variant(String name, Path jar, boolean script, List<String> jvmArgs, String scriptDefaults, boolean leshanClient) {
        Variant(String name, Path jar, boolean script, List<String> jvmArgs, String scriptDefaults) {
            this(name, jar, script, jvmArgs, scriptDefaults, false);
        }
    }

    /** One start; the read figures are NaN without a read phase. */
    private record Sample(double registeredS, double cpuS, double rssMb, int threads, double readsPerSecond, double readP50Ms,
            double readP99Ms) {
    }

    private final Map<String, CountDownLatch> registrations = new ConcurrentHashMap<>();
    private final Path work;
    private final Path script;
    private final int runs;
    private final long idleMs;
    private final boolean freshCache = "fresh".equals(System.getProperty("bench.start.cache", "kept"));
    // after the idle time: sequential Read /3/0 (TLV) from the server, as issue 14 measured the exported jar from outside
    private final int reads = Integer.getInteger("bench.start.reads", 0);
    private final int warmupReads = Integer.getInteger("bench.start.warmup.reads", 200);

    private StartBench(Path work, Path script, int runs, long idleMs) {
        this.work = work;
        this.script = script;
        this.runs = runs;
        this.idleMs = idleMs;
    }

    public static void main(String[] args) throws Exception {
        Path jar = existing(System.getProperty("bench.gateway.jar", "../target/gateway.jar"), "run mvn package -DskipTests at the repository root");
        Path script = existing(System.getProperty("bench.start.script", "../bin/lightgate"), "bin/lightgate of the repository");
        String baselineProperty = System.getProperty("bench.start.baseline.jar", "");
        List<Variant> variants = new ArrayList<>();
        if (!baselineProperty.isBlank()) {
            Path baseline = existing(baselineProperty, "the baseline jar (-Dbench.start.baseline.jar)");
            variants.add(new Variant("baseline: java -jar " + baseline.getFileName(), baseline, false, List.of(), null));
            // the baseline jar through this bin/lightgate, with the JVM defaults the script had then
            String baselineDefaults = System.getProperty("bench.start.baseline.defaults", "");
            if (!baselineDefaults.isBlank()) {
                variants.add(new Variant("baseline: bin/lightgate " + baseline.getFileName() + " (its JVM defaults then)", baseline, true, List.of(),
                        baselineDefaults));
            }
        }
        variants.add(new Variant("java -jar gateway.jar", jar, false, List.of(), null));
        // the same jar with JVM options of one's choice, to see what a JVM setting is worth; sets separated by |
        for (String options : System.getProperty("bench.start.options", "").split("\\|")) {
            if (!options.isBlank()) {
                variants.add(new Variant("java " + options.strip() + " -jar gateway.jar", jar, false, List.of(options.strip().split("\\s+")), null));
            }
        }
        variants.add(new Variant("bin/lightgate (its JVM defaults)", jar, true, List.of(), null));
        if (Boolean.getBoolean("bench.start.leshan")) {
            // the baseline of the outside measurement: a Leshan client in a JVM of its own, the JVM's defaults
            variants.add(new Variant("Leshan client 2.0.0-M15 (process, java defaults)", jar, false, List.of(), null, true));
        }
        StartBench bench = new StartBench(Path.of(System.getProperty("bench.work", "target/bench-start")).toAbsolutePath(), script,
                Integer.getInteger("bench.start.runs", 5), Long.getLong("bench.start.idle.ms", 10_000));
        bench.run(variants);
    }

    private static Path existing(String path, String what) {
        Path p = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: " + what);
        }
        return p;
    }

    private void run(List<Variant> variants) throws Exception {
        LeshanServer server = startServer();
        Map<Variant, List<Sample>> samples = new java.util.LinkedHashMap<>();
        variants.forEach(v -> samples.put(v, new ArrayList<>()));
        try {
            // one start per variant first, not reported: the jars into the page cache, the JDK's CDS archive mapped once
            for (Variant v : variants) {
                System.out.println("# warm-up: " + v.name());
                start(server, v, "warmup");
            }
            for (int round = 1; round <= runs; round++) {
                for (Variant v : variants) {
                    Sample s = start(server, v, "r" + round);
                    samples.get(v).add(s);
                    System.out.printf(Locale.ROOT, "# round %d, %s: registered after %.2f s (%.2f s CPU), idle %.0f MB RSS, %d threads%s%n", round,
                            v.name(), s.registeredS(), s.cpuS(), s.rssMb(), s.threads(), reads <= 0 ? ""
                                    : String.format(Locale.ROOT, "; %.0f reads/s, p50 %.3f ms, p99 %.2f ms", s.readsPerSecond(), s.readP50Ms(), s.readP99Ms()));
                }
            }
        } finally {
            server.destroy();
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%n## Start: process start -> Register at the server; idle %d s after (medians of %d starts, min-max)%n%n",
                idleMs / 1000, runs));
        report.append("| variant | registered after (s) | CPU until registered (s) | idle RSS (MB) | idle threads |"
                + (reads > 0 ? " Read /3/0 reads/s | p50 (ms) | p99 (ms) |" : "") + "\n");
        report.append("|---|---:|---:|---:|---:|" + (reads > 0 ? "---:|---:|---:|" : "") + "\n");
        samples.forEach((v, list) -> report.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%s%n", v.name(),
                stat(list, Sample::registeredS, "%.2f"), stat(list, Sample::cpuS, "%.2f"), stat(list, Sample::rssMb, "%.0f"),
                stat(list, s -> s.threads(), "%.0f"), reads <= 0 ? "" : String.format(Locale.ROOT, " %s | %s | %s |",
                        stat(list, Sample::readsPerSecond, "%.0f"), stat(list, Sample::readP50Ms, "%.3f"), stat(list, Sample::readP99Ms, "%.2f")))));
        if (reads > 0) {
            report.append(String.format(Locale.ROOT, "%nReads: %d sequential Read /3/0 in TLV from the server after %d not measured, once the "
                    + "process had idled; per start, medians over the starts.%n", reads, warmupReads));
        }
        report.append(String.format(Locale.ROOT, "%nFramework cache: %s.", freshCache ? "a fresh one per start"
                : "kept per variant between its starts (a jar with launch.keep=false still rebuilds it at every start)"));
        report.append(String.format(Locale.ROOT, "%n%d cores, load average at the end: %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim()));
        System.out.println(report);
        Files.createDirectories(work);
        Files.writeString(work.resolve("results.md"), report.toString());
    }

    private Sample start(LeshanServer server, Variant v, String run) throws Exception {
        String endpoint = "start-bench-" + run + "-" + System.nanoTime();
        Path dir = Files.createDirectories(work.resolve(endpoint));
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path load = Files.createDirectories(dir.resolve("load"));
        Path data = dir.resolve("data");
        List<String> command = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String serverUri = server.getEndpoint(Protocol.COAP).getURI().toString();
        if (v.leshanClient()) {
            command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), LeshanClientProcess.class.getName(), serverUri, endpoint));
        } else {
            command.add(v.script() ? script.toString() : java);
            command.addAll(v.jvmArgs());
            command.addAll(List.of("-Dlightgate.server.uri=" + serverUri, "-Dlightgate.endpoint=" + endpoint,
                    "-Dlightgate.etc=" + etc, "-Dlightgate.load=" + load, "-Dlightgate.data=" + data,
                    "-Dlaunch.storage.dir=" + (freshCache ? data.resolve("cache") : work.resolve("cache-" + Integer.toHexString(v.name().hashCode())))));
            if (!v.script()) {
                command.addAll(List.of("-jar", v.jar().toString()));
            }
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway.log").toFile());
        if (v.script()) {
            pb.environment().put("LIGHTGATE_JAR", v.jar().toString());
            pb.environment().put("LIGHTGATE_DATA", data.toString());
            pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (v.scriptDefaults() != null) {
                pb.environment().put("LIGHTGATE_JAVA_DEFAULTS", v.scriptDefaults());
                // the script sets this itself only with its own defaults; every version of it did
                pb.environment().put("MALLOC_ARENA_MAX", "2");
            }
        }
        CountDownLatch registered = new CountDownLatch(1);
        registrations.put(endpoint, registered);
        long t0 = System.nanoTime();
        Process process = pb.start();
        try {
            if (!registered.await(REGISTER_WAIT_S, TimeUnit.SECONDS)) {
                throw new IllegalStateException(v.name() + " did not register within " + REGISTER_WAIT_S + " s; see " + dir.resolve("gateway.log"));
            }
            double registeredS = (System.nanoTime() - t0) / 1e9;
            long pid = javaPid(process);
            double cpuS = cpuSeconds(pid);
            // a fixed idle time after the Register: the figures of a gateway at rest, not of its start
            Thread.sleep(idleMs);
            double rss = rssMb(pid);
            int threads = threads(pid);
            double[] read = reads > 0 ? reads(server, endpoint) : new double[] { Double.NaN, Double.NaN, Double.NaN };
            return new Sample(registeredS, cpuS, rss, threads, read[0], read[1], read[2]);
        } finally {
            registrations.remove(endpoint);
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /** {@code warmupReads} then {@code reads} sequential Read /3/0 in TLV: reads/s, p50 and p99 in ms of the latter. */
    private double[] reads(LeshanServer server, String endpoint) throws InterruptedException {
        Registration registration = server.getRegistrationService().getByEndpoint(endpoint);
        long[] latencies = new long[reads];
        long start = 0;
        for (int i = -warmupReads; i < reads; i++) {
            if (i == 0) {
                start = System.nanoTime();
            }
            long t0 = System.nanoTime();
            ReadResponse response = server.send(registration, new ReadRequest(ContentFormat.TLV, 3, 0), 5_000);
            if (response == null || !response.isSuccess()) {
                throw new IllegalStateException("Read /3/0 of " + endpoint + " answered " + response);
            }
            if (i >= 0) {
                latencies[i] = System.nanoTime() - t0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        java.util.Arrays.sort(latencies);
        return new double[] { reads / seconds, latencies[reads / 2] / 1e6, latencies[(int) Math.min(reads - 1, Math.ceil(reads * 0.99) - 1)] / 1e6 };
    }

    /** The gateway's JVM: the process itself, or bin/lightgate's java child. */
    private static long javaPid(Process process) {
        return process.descendants().filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst()
                .map(ProcessHandle::pid).orElse(process.pid());
    }

    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 (utime) and 15 (stime) of proc(5); f[0] is field 3
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLK_TCK;
    }

    private static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static int threads(long pid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return (int) tasks.count();
        }
    }

    private static String stat(List<Sample> samples, ToDoubleFunction<Sample> f, String format) {
        double[] v = samples.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return "-";
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")", median, v[0], v[v.length - 1]);
    }

    private LeshanServer startServer() {
        CaliforniumServerEndpointsProvider.Builder endpoints = new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider());
        endpoints.addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAP);
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setEndpointsProviders(endpoints.build());
        builder.setRegistrationStore(new InMemoryRegistrationStore());
        builder.setObjectModelProvider(new VersionedModelProvider(ObjectLoader.loadAllDefault()));
        LeshanServer server = builder.build();
        server.getRegistrationService().addListener(new RegistrationListener() {
            @Override
            public void registered(Registration registration, Registration previousReg, Collection<Observation> previousObservations) {
                CountDownLatch latch = registrations.get(registration.getEndpoint());
                if (latch != null) {
                    latch.countDown();
                }
            }

            @Override
            public void updated(RegistrationUpdate update, Registration updatedReg, Registration previousReg) {
            }

            @Override
            public void unregistered(Registration registration, Collection<Observation> observations, boolean expired, Registration newReg) {
            }
        });
        server.start();
        return server;
    }
}
