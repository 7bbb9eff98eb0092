/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.api.registry.RegistryListener;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.MavenArtifactProvisionOption;
import org.ops4j.pax.exam.util.PathUtils;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.apache.felix.service.command.CommandProcessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/**
 * The gateway's core bundles in Felix, as gateway.bndrun runs them: logging first (SPI Fly
 * before SLF4J), then the platform, then Lightgate. Tests add the bundles they exercise.
 */
public abstract class GatewayTestSupport {

    /**
     * Upper bound for every wait in these tests; the awaited thing usually takes milliseconds.
     * Generous on purpose: a bound only costs time when something is wrong, and a loaded 2-core
     * machine can stall a step for seconds.
     */
    protected static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    protected BundleContext context;

    @Inject
    protected ObjectRegistry registry;

    @Inject
    protected ConfigurationAdmin configurationAdmin;

    /** The built jar of a reactor bundle, e.g. "sample" for io.lightgate.objects.sample. */
    protected static File jar(String name) {
        String path = System.getProperty("lightgate.bundle." + name);
        if (path == null || path.isBlank() || path.contains("${")) {
            throw new IllegalStateException("System property lightgate.bundle." + name + " is not set: run the tests with Maven (mvn verify)");
        }
        return new File(path);
    }

    protected static Option reactorBundle(String name) {
        return bundle(jar(name).toURI().toString());
    }

    /** Folders of one test class under target/, fresh for every run. */
    protected static Path testFolder(String name) {
        Path dir = Path.of(PathUtils.getBaseDir(), "target", "it", name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }

    private static MavenArtifactProvisionOption maven(String group, String artifact, int startLevel) {
        return mavenBundle(group, artifact).versionAsInProject().startLevel(startLevel);
    }

    /** The core gateway (no sample objects), with etc/load/data under {@code folder}. */
    protected static Option[] coreGateway(Path folder) {
        return new Option[] {
                cleanCaches(),
                systemTimeout(60_000),
                frameworkStartLevel(20),
                systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("info"),
                systemProperty("org.slf4j.simpleLogger.showDateTime").value("true"),
                frameworkProperty("lightgate.etc").value(folder.resolve("etc").toString()),
                frameworkProperty("lightgate.load").value(folder.resolve("load").toString()),
                frameworkProperty("lightgate.data").value(folder.resolve("data").toString()),
                frameworkProperty("lightgate.endpoint").value("it-gateway"),
                frameworkProperty("felix.fileinstall.dir").value(folder.resolve("load").toString()),
                frameworkProperty("felix.fileinstall.poll").value("200"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                // logging first, as in gateway.bndrun; level 1 because Pax Exam's own bundles
                // (level 2) log, and the first logger must find the SLF4J backend
                maven("org.ow2.asm", "asm", 1), maven("org.ow2.asm", "asm-commons", 1), maven("org.ow2.asm", "asm-tree", 1),
                maven("org.ow2.asm", "asm-analysis", 1), maven("org.ow2.asm", "asm-util", 1),
                maven("org.apache.aries.spifly", "org.apache.aries.spifly.dynamic.bundle", 1),
                maven("org.slf4j", "slf4j-api", 1), maven("org.slf4j", "slf4j-simple", 1), maven("org.slf4j", "jul-to-slf4j", 4),
                bundle(jar("runtime").toURI().toString()).startLevel(5),
                // platform
                maven("org.osgi", "org.osgi.util.function", 6), maven("org.osgi", "org.osgi.util.promise", 6),
                maven("org.osgi", "org.osgi.service.component", 6), maven("org.osgi", "org.osgi.service.log", 6),
                maven("org.apache.felix", "org.apache.felix.configadmin", 6), maven("org.apache.felix", "org.apache.felix.metatype", 6),
                maven("org.apache.felix", "org.apache.felix.scr", 7),
                maven("org.apache.felix", "org.apache.felix.fileinstall", 8),
                maven("org.apache.felix", "org.apache.felix.gogo.runtime", 8), maven("org.apache.felix", "org.apache.felix.gogo.command", 8),
                // Lightgate core
                reactorBundle("api"), reactorBundle("registry"), reactorBundle("device"), reactorBundle("shell"),
                junitBundles(),
        };
    }

    /** Waits until the condition holds, failing with {@code what} after {@link #WAIT}. */
    protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
        if (!holdsWithin(WAIT, condition)) {
            throw new AssertionError("Timed out after " + WAIT.toSeconds() + " s waiting for: " + what);
        }
    }

    /** Whether the condition comes to hold within the limit (checked every 50 ms). */
    protected static boolean holdsWithin(java.time.Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Whether a TCP server accepts connections on the loopback port. */
    protected static boolean listens(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Whether the condition holds for the whole window (checked as often as {@link #holdsWithin}),
     * returning false as soon as it fails. For "nothing more arrives" after a stimulus whose
     * absence has no event to wait for.
     */
    protected static boolean holdsThroughout(java.time.Duration window, BooleanSupplier condition) throws InterruptedException {
        return !holdsWithin(window, () -> !condition.getAsBoolean());
    }

    /**
     * Returns once the registry has delivered every event it queued before this call. Listeners
     * hear events in order on the registry's one event thread, and a new listener's replay is
     * queued behind everything queued before it: when a throw-away listener has heard its replay,
     * every listener has heard what came before. Use it before clearing a recorder (so no earlier
     * event lands after the clear) and before asserting that nothing more arrived.
     */
    protected void awaitRegistryEventsDelivered() throws InterruptedException {
        CountDownLatch replayed = new CountDownLatch(1);
        ServiceRegistration<RegistryListener> marker = context.registerService(RegistryListener.class, e -> replayed.countDown(), null);
        try {
            if (!replayed.await(WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("The registry delivered no event to a new listener within " + WAIT.toSeconds() + " s");
            }
        } finally {
            unregister(marker);
        }
    }

    protected static <T> T join(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    protected Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** Configures the sample Temperature object to simulate (hosts differ in thermal zones). */
    protected void simulateTemperature() throws IOException {
        Configuration c = configurationAdmin.getConfiguration("io.lightgate.objects.sample.temperature", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("source", "simulated");
        props.put("instances", 2);
        c.update(props);
    }

    protected static Dictionary<String, Object> props(Map<String, Object> map) {
        return new Hashtable<>(map);
    }

    protected static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone
        }
    }

    /** Runs a Gogo command in the framework under test and returns its result as text. */
    protected String shell(String command) {
        CommandProcessor processor = context.getService(context.getServiceReference(CommandProcessor.class));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, "UTF-8");
                var session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            return String.valueOf(session.execute(command));
        } catch (Exception e) {
            throw new AssertionError("shell command " + command + " failed", e);
        }
    }

    /** What the adapters' SourceMonitor services say about the source feeding {@code endpoint}, or null when none does. */
    protected io.lightgate.api.status.SourceStatus source(String endpoint) {
        try {
            for (org.osgi.framework.ServiceReference<io.lightgate.api.status.SourceMonitor> ref
                    : context.getServiceReferences(io.lightgate.api.status.SourceMonitor.class, null)) {
                io.lightgate.api.status.SourceMonitor monitor = context.getService(ref);
                if (monitor != null) {
                    for (io.lightgate.api.status.SourceStatus s : monitor.sources()) {
                        if (s.endpoints().contains(endpoint)) {
                            return s;
                        }
                    }
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    /** Whether the source feeding {@code endpoint} is in {@code state} now. */
    protected boolean sourceIs(String endpoint, io.lightgate.api.status.SourceState state) {
        io.lightgate.api.status.SourceStatus s = source(endpoint);
        return s != null && s.state() == state;
    }
}
