/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.lightgate.adapter.opcua.status.OpcUaServerStatus.State;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session with one OPC UA server. Connects on its executor, retrying with exponential
 * backoff (with jitter) until the server answers. When a session is lost, this class drops the
 * Milo client and connects anew itself, every reconnect.min.ms at first ({@link Backoff}):
 * Milo's own session state machine would also reconnect, but its waits between attempts are
 * fixed in Milo 1.1.2 (1, 2, 4, 8, 16 s in SessionFsmFactory, and the same again in the TCP
 * transport's channel state machine; not configurable), so a server back after 5 s would be
 * reconnected 2-3 s later and the values set in between would never be sampled. Each attempt
 * first probes the TCP port (see {@link #probe}). Every
 * state transition is logged once; repeated failures with the same reason are not logged again.
 */
final class ServerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    /** What the connection reports. Called on the connection's executor. */
    interface Listener {
        /** A session is active (first connection, or the session came back). */
        void connected(OpcUaClient client, boolean firstConnection);

        /** The session is gone; this class is reconnecting. */
        void disconnected();

        /** The state or the last error changed. */
        void stateChanged(State state, String lastError);
    }

    record Settings(String url, SecurityPolicy policy, MessageSecurityMode mode, Supplier<IdentityProvider> identity,
            String identityDescription, ClientCertificates certificates, long requestTimeoutMs, long minDelayMs,
            long maxDelayMs, String where) {
    }

    private final Settings settings;
    private final ScheduledExecutorService executor;
    private final Listener listener;
    /** After a lost session, attempts every reconnect.min.ms for this long, then back off. */
    static final long PROMPT_RECONNECT_MS = 30_000;
    /** A server not reachable this long after the start, before any connection, is worth a warning. */
    static final long STARTING_GRACE_MS = 10_000;

    // confined to the executor
    private volatile OpcUaClient client;
    private SessionActivityListener activity;
    private java.util.concurrent.ScheduledFuture<?> nextAttempt;
    private final Backoff backoff;
    private final ConnectFailures failures;
    private String lastError = "";
    private boolean everConnected;
    private volatile State state = State.CONNECTING;
    private volatile boolean closed;
    /** When the next attempt goes out (null when none is planned); counters for the status. */
    private volatile java.time.Instant retryAt;
    private volatile long sessions;
    private volatile long reconnects;

    ServerConnection(Settings settings, ScheduledExecutorService executor, Listener listener) {
        this.settings = settings;
        this.executor = executor;
        this.listener = listener;
        this.backoff = new Backoff(settings.minDelayMs(), settings.maxDelayMs(), PROMPT_RECONNECT_MS);
        this.failures = new ConnectFailures(nowMs(), STARTING_GRACE_MS);
    }

    void start() {
        LOG.info("OPC UA server {}: connecting (security {} / {}, identity {})", settings.url(), settings.policy(),
                settings.mode(), settings.identityDescription());
        executor.execute(this::attempt);
    }

    State state() {
        return state;
    }

    /** When the next connection attempt goes out, or null when none is planned (connected, closed). */
    java.time.Instant retryAt() {
        return retryAt;
    }

    /** Sessions established since start. */
    long sessions() {
        return sessions;
    }

    /** Sessions established again after one was lost (or ended by a Reboot). */
    long reconnects() {
        return reconnects;
    }

    /** The connected client, or null. Read from any thread. */
    OpcUaClient client() {
        OpcUaClient c = client;
        return state == State.CONNECTED ? c : null;
    }

    /** Runs on the executor: ends the session. */
    void close() {
        closed = true;
        retryAt = null;
        drop("disconnect");
        transition(State.CLOSED, "");
    }

    /**
     * Runs on the executor: ends the session and connects anew (Reboot of the Device object).
     * The listener hears disconnected() and then connected(client, false), as after a lost session.
     */
    void reconnect() {
        if (closed) {
            return;
        }
        LOG.info("OPC UA server {}: reconnecting (Reboot of the endpoint's Device object)", settings.url());
        OpcUaClient c = client;
        if (state == State.CONNECTED) {
            lastError = "reconnecting (Reboot)";
            transition(State.DISCONNECTED, lastError);
            listener.disconnected();
        }
        if (c != null) {
            drop("disconnect before reconnecting");
        }
        backoff.connected();
        attempt();
    }

    /** The next attempt after {@code delayMs} plus up to a quarter more (jitter); replaces one already planned. */
    private void attemptIn(long delayMs) {
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
        }
        if (!closed) {
            long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, delayMs / 4));
            retryAt = java.time.Instant.now().plusMillis(delayMs + jitter);
            nextAttempt = executor.schedule(this::attempt, delayMs + jitter, TimeUnit.MILLISECONDS);
        }
    }

    private void attempt() {
        if (closed || client != null) {
            return; // closed, or connected by an attempt of its own (Reboot)
        }
        retryAt = null;
        OpcUaClient c = null;
        try {
            probe();
            c = OpcUaClient.create(settings.url(), this::select, transport -> { }, this::configure);
            c.connectAsync().get(settings.requestTimeoutMs() * 2, TimeUnit.MILLISECONDS);
            OpcUaClient connected = c;
            activity = new SessionActivityListener() {
                @Override
                public void onSessionInactive(UaSession session) {
                    executor.execute(() -> sessionLost(connected));
                }
            };
            c.addSessionActivityListener(activity);
            client = c;
            backoff.connected();
            failures.connected();
            boolean first = !everConnected;
            everConnected = true;
            sessions++;
            if (!first) {
                reconnects++;
            }
            transition(State.CONNECTED, "");
            LOG.info("OPC UA server {}: connected{}", settings.url(), first ? "" : " again");
            listener.connected(c, first);
        } catch (Exception e) {
            if (c != null) {
                c.disconnectAsync();
            }
            String error = describe(e);
            // the probe's IOException: nothing takes connections on the server's port
            boolean notUpYet = !everConnected && e instanceof java.io.IOException;
            switch (failures.failed(error, notUpYet, nowMs())) {
                case WARN -> LOG.warn("OPC UA server {}: cannot connect: {}. Retrying with backoff up to every {} s.", settings.url(),
                        error, settings.maxDelayMs() / 1000);
                case INFO -> LOG.info("OPC UA server {}: not reachable yet ({}); retrying (a warning follows if it is not "
                        + "reachable within {} s of the start)", settings.url(), error, failures.graceMs() / 1000);
                default -> LOG.debug("OPC UA server {}: still cannot connect: {}", settings.url(), error);
            }
            lastError = error;
            transition(State.DISCONNECTED, error);
            attemptIn(backoff.delayAfterFailure(nowMs()));
        }
    }

    /**
     * The session of {@code lost} went inactive (the server stopped, the network broke, the
     * session timed out): drop that client (so Milo's own reconnect, with its growing waits,
     * does not run beside this one) and connect anew every reconnect.min.ms. Not at once: a
     * server shutting down may still take the TCP connection, and Milo's transport would then
     * wait a second before its next try.
     */
    private void sessionLost(OpcUaClient lost) {
        if (closed || lost != client || state != State.CONNECTED) {
            return; // a client already dropped (Reboot, an earlier loss)
        }
        lastError = "the session was lost; reconnecting";
        transition(State.DISCONNECTED, lastError);
        LOG.warn("OPC UA server {}: connection lost; reads answer 5.03 until it is back (reconnecting every {} ms for {} s, then "
                + "backing off up to every {} s)", settings.url(), backoff.minMs(), backoff.promptMs() / 1000,
                settings.maxDelayMs() / 1000);
        listener.disconnected();
        drop("disconnect of the lost session");
        backoff.lost(nowMs());
        attemptIn(backoff.minMs());
    }

    /**
     * Whether the server's port takes a TCP connection at all, before Milo tries: Milo's
     * transport, once it failed to connect, waits 1, 2, 4 ... 16 s (fixed in Milo 1.1.2) before
     * its next try, inside this attempt; a refused probe instead fails the attempt at once and
     * the next one follows after this class's own delay.
     */
    private void probe() throws java.io.IOException {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(EndpointUtil.getHost(settings.url()), EndpointUtil.getPort(settings.url())),
                    (int) Math.min(Integer.MAX_VALUE, settings.requestTimeoutMs()));
        }
    }

    /** Forgets the current client and disconnects it (bounded by the request timeout). */
    private void drop(String what) {
        OpcUaClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        if (activity != null) {
            c.removeSessionActivityListener(activity);
            activity = null;
        }
        try {
            c.disconnectAsync().get(settings.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("OPC UA server {}: {}: {}", settings.url(), what, e.toString());
        }
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    private void transition(State next, String error) {
        state = next;
        listener.stateChanged(next, error);
    }

    private Optional<EndpointDescription> select(List<EndpointDescription> endpoints) {
        Optional<EndpointDescription> chosen = endpoints.stream()
                .filter(e -> settings.policy().getUri().equals(e.getSecurityPolicyUri()) && e.getSecurityMode() == settings.mode())
                .findFirst();
        if (chosen.isEmpty()) {
            // UaException from here would be reported as "no endpoint selected"; say what is offered
            throw new IllegalStateException("the server offers no endpoint with security " + settings.policy() + " / "
                    + settings.mode() + " (it offers: " + endpoints.stream()
                            .map(e -> SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri()).map(Enum::name).orElse(e.getSecurityPolicyUri())
                                    + "/" + e.getSecurityMode())
                            .distinct().collect(Collectors.joining(", "))
                    + "); change security.policy/security.mode in " + settings.where());
        }
        // servers often announce a host name the gateway cannot resolve: keep the configured host and port
        return Optional.of(EndpointUtil.updateUrl(chosen.get(), EndpointUtil.getHost(settings.url()), EndpointUtil.getPort(settings.url())));
    }

    private void configure(org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder config) {
        ClientCertificates certs = settings.certificates();
        config.setApplicationName(LocalizedText.english("Lightgate gateway"))
                .setApplicationUri(certs.applicationUri())
                .setProductUri("urn:lightgate:gateway")
                .setKeyPair(certs.keyPair())
                .setCertificate(certs.certificate())
                .setCertificateChain(new X509Certificate[] { certs.certificate() })
                .setCertificateValidator(certs.validator())
                .setIdentityProvider(settings.identity().get())
                .setRequestTimeout(uint(settings.requestTimeoutMs()))
                .setKeepAliveInterval(uint(Math.max(1000, Math.min(5000, settings.requestTimeoutMs()))));
    }

    private String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof UaException) && t.getCause() != t) {
            if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().startsWith("the server offers")) {
                break;
            }
            t = t.getCause();
        }
        if (t instanceof UaException ua) {
            String name = StatusMapping.name(ua.getStatusCode());
            long code = ua.getStatusCode().value();
            if (code == org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_UserAccessDenied
                    || code == org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_IdentityTokenRejected
                    || code == org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_IdentityTokenInvalid) {
                return name + ": the server rejected identity " + settings.identityDescription()
                        + "; check username and password (or password.file) in " + settings.where();
            }
            if (code == org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_SecurityChecksFailed
                    || code == org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_CertificateUntrusted
                    || code == org.eclipse.milo.opcua.stack.core.StatusCodes.Bad_CertificateChainIncomplete) {
                return name + ": certificates are not trusted. The server's certificate, if rejected here, is in "
                        + settings.certificates().pki().resolve("rejected").resolve("certs") + " (move it to "
                        + settings.certificates().pki().resolve("trusted").resolve("certs")
                        + ", or set trust.all.servers=true); the server may also have to trust the gateway's certificate "
                        + settings.certificates().pki().resolve("client.pfx");
            }
            return name + (ua.getMessage() == null ? "" : " (" + ua.getMessage() + ")");
        }
        return String.valueOf(t.getMessage() == null ? t.toString() : t.getMessage());
    }
}
