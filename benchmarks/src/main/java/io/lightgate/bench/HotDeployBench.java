/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.observation.Observation;
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
 * Hot deploy, end to end, as a user does it: the exported gateway (target/gateway.jar) runs as
 * a process registered with a Leshan server in this JVM; an object bundle (the drop-in,
 * Humidity 3304) is copied into its load/ folder and deleted again, N times each, and the time
 * from the copy (or delete) to the Registration Update at the server is measured, with the
 * stages in between taken from the gateway's log lines as they arrive: FileInstall noticing the
 * file ("Installing bundle" / "Uninstalling bundle"), the object entering or leaving the
 * registry ("Object 3304 ... added" / "withdrawn"), the Update at the server. Each setting runs
 * in its own gateway process: the settings as shipped, and the old ones (FileInstall poll
 * 1000 ms, update delay 200 ms) as the baseline of the same run.
 */
public final class HotDeployBench {

    private static final String ENDPOINT = "hotdeploy-bench";
    private static final int OBJECT = 3304;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** One gateway configuration under test. */
    private record Setting(String name, List<String> jvmArgs, String lwm2mConfig) {
    }

    /** One drop or removal: milliseconds from the file operation to each stage. */
    private record Sample(double noticed, double registry, double update) {
    }

    /** A log line of the gateway, stamped when it arrived here. */
    private record Line(long nanos, String text) {
    }

    /** A Registration Update seen by the server. */
    private record Update(long nanos, boolean hasObject) {
    }

    private final BlockingQueue<Update> updates = new LinkedBlockingQueue<>();
    private final Path gatewayJar;
    private final Path dropin;
    private final Path work;
    private final int drops;

    private HotDeployBench(Path gatewayJar, Path dropin, Path work, int drops) {
        this.gatewayJar = gatewayJar;
        this.dropin = dropin;
        this.work = work;
        this.drops = drops;
    }

    public static void main(String[] args) throws Exception {
        Path gatewayJar = Path.of(System.getProperty("bench.gateway.jar", "../target/gateway.jar")).toAbsolutePath().normalize();
        Path dropin = Path.of(System.getProperty("bench.dropin", "target/io.lightgate.benchmarks-0.1.0-SNAPSHOT-dropin.jar")).toAbsolutePath();
        if (!Files.isRegularFile(gatewayJar)) {
            throw new IllegalStateException(gatewayJar + " is missing: run mvn package -DskipTests at the repository root first");
        }
        if (!Files.isRegularFile(dropin)) {
            throw new IllegalStateException(dropin + " is missing: run this benchmark through mvn -f benchmarks/pom.xml verify -Pbench-hotdeploy");
        }
        HotDeployBench bench = new HotDeployBench(gatewayJar, dropin, Path.of(System.getProperty("bench.work", "target/bench-hotdeploy")),
                Integer.getInteger("bench.hotdeploy.drops", 20));
        bench.run();
    }

    private void run() throws Exception {
        List<Setting> settings = List.of(
                new Setting("as shipped (poll 250 ms, update delay 50 ms)", List.of(), null),
                new Setting("baseline: poll 1000 ms, update delay 200 ms", List.of("-Dfelix.fileinstall.poll=1000"), "update.delay.ms = 200\n"));
        LeshanServer server = startServer();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%n## Hot deploy: copy into load/ -> Registration Update at the server (%d drops and removals, ms)%n%n", drops));
        report.append("| setting | what | p50 | max | stages, p50 (noticed by FileInstall / object in registry / Update at server) |\n");
        report.append("|---|---|---:|---:|---|\n");
        try {
            for (Setting s : settings) {
                List<List<Sample>> result = measure(server, s);
                report.append(row(s.name(), "drop (copy)", result.get(0)));
                report.append(row(s.name(), "removal (delete)", result.get(1)));
            }
        } finally {
            server.destroy();
        }
        System.out.println(report);
        Files.createDirectories(work);
        Files.writeString(work.resolve("results.md"), report.toString());
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
            }

            @Override
            public void updated(RegistrationUpdate update, Registration updatedReg, Registration previousReg) {
                if (updatedReg.getEndpoint().equals(ENDPOINT)) {
                    updates.add(new Update(System.nanoTime(), updatedReg.getSupportedObject().containsKey(OBJECT)));
                }
            }

            @Override
            public void unregistered(Registration registration, Collection<Observation> observations, boolean expired, Registration newReg) {
            }
        });
        server.start();
        return server;
    }

    /** Runs one gateway with the setting; answers the drop samples and the removal samples. */
    private List<List<Sample>> measure(LeshanServer server, Setting setting) throws Exception {
        Path dir = work.resolve("run-" + System.nanoTime());
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path load = Files.createDirectories(dir.resolve("load"));
        if (setting.lwm2mConfig() != null) {
            Files.writeString(etc.resolve("io.lightgate.lwm2m.cfg"), setting.lwm2mConfig());
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(setting.jvmArgs());
        command.addAll(List.of("-Dlightgate.server.uri=" + server.getEndpoint(Protocol.COAP).getURI(), "-Dlightgate.endpoint=" + ENDPOINT,
                "-Dlightgate.etc=" + etc, "-Dlightgate.load=" + load, "-Dlightgate.data=" + dir.resolve("data"),
                // the framework cache follows launch.storage.dir, not lightgate.data: a fresh one per run
                "-Dlaunch.storage.dir=" + dir.resolve("data").resolve("cache"), "-jar", gatewayJar.toString()));
        System.out.println("# " + setting.name() + ": starting the gateway");
        Process gateway = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    lines.add(new Line(System.nanoTime(), l));
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
        try {
            awaitLine(lines, "registered with", "the gateway's registration");
            Thread.sleep(2000); // let start-up work (JIT, other endpoints) settle: the README's claim is for an idle gateway
            updates.clear();
            List<Sample> added = new ArrayList<>();
            List<Sample> removed = new ArrayList<>();
            Path target = load.resolve("dropped-humidity.jar");
            for (int i = 0; i < drops; i++) {
                pauseOffPhase();
                lines.clear();
                long copied = System.nanoTime();
                Files.copy(dropin, target);
                added.add(new Sample(ms(copied, awaitLine(lines, "Installing bundle io.lightgate.bench.dropin", "FileInstall's install")),
                        ms(copied, awaitLine(lines, "Object " + OBJECT + " (", "object " + OBJECT + " in the registry")),
                        ms(copied, awaitUpdate(true))));
                pauseOffPhase();
                lines.clear();
                long deleted = System.nanoTime();
                Files.delete(target);
                removed.add(new Sample(ms(deleted, awaitLine(lines, "Uninstalling bundle", "FileInstall's uninstall")),
                        ms(deleted, awaitLine(lines, "Object " + OBJECT + " withdrawn", "object " + OBJECT + " withdrawn")),
                        ms(deleted, awaitUpdate(false))));
                System.out.printf(Locale.ROOT, "# %s: drop %d: %.0f ms, removal %.0f ms%n", setting.name(), i + 1,
                        added.get(i).update(), removed.get(i).update());
            }
            return List.of(added, removed);
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    /** A random pause of 1.5 to 2.5 s, so the file operations fall on every phase of the poll. */
    private static void pauseOffPhase() throws InterruptedException {
        Thread.sleep(1500 + ThreadLocalRandom.current().nextInt(1000));
    }

    private static long awaitLine(BlockingQueue<Line> lines, String fragment, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            Line line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("No log line for " + what + " ('" + fragment + "') within 30 s");
            }
            if (line.text().contains(fragment)) {
                return line.nanos();
            }
        }
    }

    private long awaitUpdate(boolean hasObject) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            Update u = updates.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (u == null) {
                throw new IllegalStateException("No Registration Update " + (hasObject ? "with" : "without") + " object " + OBJECT + " within 30 s");
            }
            if (u.hasObject() == hasObject) {
                return u.nanos();
            }
        }
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    private static String row(String setting, String what, List<Sample> samples) {
        return String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f / %.0f / %.0f |%n", setting, what,
                p50(samples.stream().map(Sample::update)), max(samples.stream().map(Sample::update)),
                p50(samples.stream().map(Sample::noticed)), p50(samples.stream().map(Sample::registry)), p50(samples.stream().map(Sample::update)));
    }

    private static double p50(Stream<Double> values) {
        List<Double> sorted = values.sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static double max(Stream<Double> values) {
        return values.mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
