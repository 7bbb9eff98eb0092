/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.common;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Milo server with one namespace for a DS component: everything happens on one worker
 * thread of its own (certificates made on first start and Milo's start-up take seconds, which
 * must not hold up the configuration thread), start-up failures are logged with what to change,
 * and {@link #close()} stops the server and the thread.
 *
 * @param <N> the namespace
 */
public final class MiloServerHost<N extends ManagedNamespaceWithLifecycle> implements AutoCloseable {

    /** Makes the namespace for the server (not started yet). */
    @FunctionalInterface
    public interface NamespaceFactory<N> {
        N create(OpcUaServer server) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MiloServerHost.class);

    private final String description;
    private final ServerSpec spec;
    private final ScheduledExecutorService worker;
    // written on the worker thread, read by the component's accessors
    private volatile @Nullable OpcUaServer server;
    private volatile @Nullable N namespace;

    /**
     * @param description what the logs call it, e.g. "Shop-floor OPC UA simulator"
     * @param threadName the worker thread's name
     */
    public MiloServerHost(String description, String threadName, ServerSpec spec) {
        this.description = description;
        this.spec = spec;
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the server on the worker thread: loads (or creates) the PKI folder, makes the server
     * and its namespace, starts both, then runs {@code started} on the worker thread.
     */
    public void start(Path pki, ServerPki.Keystore keystore, boolean trustAllClients, NamespaceFactory<N> namespaces,
            Consumer<N> started) {
        worker.execute(() -> {
            try {
                ServerPki certificates = ServerPki.load(pki, keystore, spec.applicationUri(), spec.address().hostname(), trustAllClients);
                OpcUaServer s = spec.create(certificates);
                N ns = namespaces.create(s);
                ServerSpec.start(s, ns);
                server = s;
                namespace = ns;
                started.accept(ns);
                LOG.info("{} listening at {} (Basic256Sha256/SignAndEncrypt{}; PKI {})", description, spec.address().url(),
                        spec.allowSecurityNone() ? " and None" : "", pki);
            } catch (Exception e) {
                LOG.error("{} cannot start at {}: {}. Change port/bind.address in {} (PKI folder {})", description,
                        spec.address().url(), ServerSpec.cause(e).toString(), spec.configFile(), pki);
            }
        });
    }

    /** The thread everything of this server runs on (for work of the component's own, e.g. a clock). */
    public ScheduledExecutorService worker() {
        return worker;
    }

    /** The running server; null before it started or when it could not start. */
    public @Nullable OpcUaServer server() {
        return server;
    }

    /** The running server's namespace; null before it started or when it could not start. */
    public @Nullable N namespace() {
        return namespace;
    }

    /** Stops the server (waiting up to 20 s) and the worker thread; {@code beforeStop} runs first, on the worker. */
    public void close(Runnable beforeStop) {
        try {
            worker.submit(() -> {
                beforeStop.run();
                stop();
            }).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("{} did not shut down cleanly: {}", description, e.toString());
        } finally {
            worker.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(() -> { });
    }

    private void stop() {
        OpcUaServer s = server;
        N ns = namespace;
        if (s == null || ns == null) {
            return; // it never started
        }
        ns.shutdown();
        try {
            s.shutdown().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("{} did not shut down cleanly: {}", description, e.toString());
        }
        LOG.info("{} at {} stopped", description, spec.address().url());
    }
}
