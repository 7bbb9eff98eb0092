/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Lightgate as users run it: Felix 7.0.5 embedded with the gateway's bundles (copied by the
 * build into target/bundles, numbered in start order), the engine registering every endpoint
 * with the Leshan server through {@code lightgate.server.uri}. Endpoints are virtual endpoints
 * contributed by the benchmark agent bundle (io.lightgate.bench.agent), which also sets the
 * engine's local address to 127.0.0.1 before SCR starts it.
 *
 * <p>With a coaps:// URI for the DTLS density scenario, the agent configures two servers instead
 * of {@code lightgate.server.uri} (which would replace every configured one): "plain", where
 * the plain fleet's endpoints register, and "dtls" (PSK, keys per endpoint from a
 * {@code psk.keys.file}), named by the endpoints of {@link #dtls()}, which register there only.
 */
final class GatewayFleet implements Fleet {

    static final String GATEWAY_ENDPOINT = "bench-gateway";

    private final Framework framework;
    private final Function<Object[], Object> agent;
    private final String label;
    private final String prefix;
    private final List<String> servers;
    private LongConsumer[] changers = new LongConsumer[0];

    GatewayFleet(URI serverUri, Path bundles, Path agentJar, Path work) throws Exception {
        this(serverUri, null, null, bundles, agentJar, work);
    }

    /** {@code dtlsUri} and {@code pskKeysFile}: the DTLS server and the engine's per-endpoint keys, or null. */
    @SuppressWarnings("unchecked")
    GatewayFleet(URI serverUri, URI dtlsUri, Path pskKeysFile, Path bundles, Path agentJar, Path work) throws Exception {
        this.label = "Lightgate";
        this.prefix = "lg-";
        this.servers = List.of();
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.*,com.sun.*");
        // The launcher's classpath has SLF4J and slf4j-simple (for the Leshan server and clients).
        // Felix's implicit boot delegation would let java.util.ServiceLoader, called by SLF4J inside
        // the framework, find the classpath's provider ("not a subtype") and fall back to NOP.
        config.put("felix.bootdelegation.implicit", "false");
        config.put("lightgate.etc", work.resolve("etc").toString());
        config.put("lightgate.load", work.resolve("load").toString());
        config.put("lightgate.data", work.resolve("data").toString());
        config.put("lightgate.endpoint", GATEWAY_ENDPOINT);
        config.put("lightgate.bench.objects", System.getProperty("bench.objects", "direct"));
        if (dtlsUri == null) {
            config.put("lightgate.server.uri", serverUri.toString());
        } else {
            config.put("bench.server.plain.uri", serverUri.toString());
            config.put("bench.server.dtls.uri", dtlsUri.toString());
            config.put("bench.psk.keys.file", pskKeysFile.toString());
        }
        for (String key : List.of("bench.local.address", "bench.request.timeout.ms", "bench.update.delay.ms", "bench.worker.threads",
                "bench.engine.settings")) {
            String v = System.getProperty(key);
            if (v != null) {
                config.put(key, v);
            }
        }
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        startBundles(bundles, agentJar);
        BundleContext context = framework.getBundleContext();
        ServiceReference<?>[] refs = context.getServiceReferences(Function.class.getName(), "(lightgate.bench=agent)");
        if (refs == null || refs.length == 0) {
            throw new IllegalStateException("the benchmark agent did not register its service");
        }
        agent = (Function<Object[], Object>) context.getService(refs[0]);
    }

    private GatewayFleet(GatewayFleet shared, String label, String prefix, List<String> servers) {
        this.framework = shared.framework;
        this.agent = shared.agent;
        this.label = label;
        this.prefix = prefix;
        this.servers = servers;
    }

    /** The same engine's endpoints registered over DTLS with PSK (server "dtls"), named {@code lgs-<count>-<index>}. */
    GatewayFleet dtls() {
        return new GatewayFleet(this, "Lightgate DTLS PSK", "lgs-", List.of("dtls"));
    }

    private void startBundles(Path bundles, Path agentJar) throws Exception {
        framework.init();
        framework.start();
        BundleContext context = framework.getBundleContext();

        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(bundles)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
        }
        // more bundles after the gateway's (the OPC UA benchmark adds the adapter and its libraries)
        String extra = System.getProperty("bench.extra.bundles");
        if (extra != null && !extra.isBlank()) {
            try (Stream<Path> files = Files.list(Path.of(extra))) {
                files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
            }
        }
        if (jars.isEmpty()) {
            throw new IOException("No bundles in " + bundles + ": build with mvn -f benchmarks/pom.xml package first");
        }
        // the agent after ConfigAdmin/Metatype (17-), before SCR (19-)
        int at = 0;
        while (at < jars.size() && jars.get(at).getFileName().toString().compareTo("18") < 0) {
            at++;
        }
        jars.add(at, agentJar);
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            installed.add(context.installBundle(jar.toUri().toString()));
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    /** Sends a command to the agent bundle (see BenchAgent). */
    Object command(Object... args) {
        return agent.apply(args);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String name(int count, int index) {
        return prefix + count + "-" + index;
    }

    @Override
    public void start(int count) {
        changers = (LongConsumer[]) agent.apply(new Object[] { "add", count, prefix + count + "-", 300L, servers });
    }

    @Override
    public void start(int count, java.util.concurrent.atomic.AtomicLongArray reads) {
        changers = (LongConsumer[]) agent.apply(new Object[] { "add", count, prefix + count + "-", 300L, servers, reads });
    }

    @Override
    public void change(int index, long value) {
        changers[index].accept(value);
    }

    @Override
    public LongConsumer[] sensors(String name, int count) {
        return (LongConsumer[]) agent.apply(new Object[] { "sensors", name, count });
    }

    /**
     * Withdraws the objects, then the endpoints. By default with a pause between the two that
     * is longer than the engine's Update debounce (update.delay.ms): withdrawing an endpoint
     * while its debounced Registration Update starts can deadlock the engine (README.md, "Problems
     * found"), which would poison every later scenario. {@code -Dbench.teardown=immediate}
     * withdraws them back to back, as an adapter bundle that stops does.
     */
    @Override
    public void stop() {
        boolean immediate = "immediate".equals(System.getProperty("bench.teardown"));
        long pause = immediate ? 0 : Long.getLong("bench.update.delay.ms", 200) + 800;
        agent.apply(new Object[] { "remove", pause });
        changers = new LongConsumer[0];
    }

    /** Symbolic name and version of the gateway's own bundles (the version has the build time stamp). */
    String lightgateBundles() {
        List<String> out = new ArrayList<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.lightgate.") && !b.getSymbolicName().startsWith("io.lightgate.bench")) {
                out.add(b.getSymbolicName() + " " + b.getVersion());
            }
        }
        return String.join(", ", out);
    }

    /** Bundles that are not active (they should all be). */
    Collection<String> inactiveBundles() {
        List<String> out = new ArrayList<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                out.add(b.getSymbolicName() + " (state " + b.getState() + ")");
            }
        }
        return out;
    }

    /** Stops the framework (the engine de-registers the gateway's own endpoint). */
    void shutdown() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
    }
}
