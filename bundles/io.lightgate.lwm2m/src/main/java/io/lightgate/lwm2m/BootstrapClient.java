/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap side of one endpoint (Core 5.2, 6.1): its provisioned state (committed, and
 * pending during a session), the client-initiated Bootstrap-Request (when the endpoint has no
 * server, or every server refused it), sessions the bootstrap server starts by itself, and
 * Bootstrap-Finish with its consistency check. Requests of the session are decoded by
 * {@link BootstrapHandler}. All state changes happen under this object's lock; calls into the
 * {@link ClientEndpoint} are made without it, from the shared scheduler.
 */
final class BootstrapClient {

    /** Where bootstrapping stands. */
    enum Phase { IDLE, HOLD_OFF, REQUESTING, IN_SESSION, WAITING_RETRY, STOPPED }

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapClient.class);

    private final ClientEndpoint endpoint;
    private final Provisioning provisioning;
    private ClientState committed;
    private ClientState pending;
    private Phase phase = Phase.IDLE;
    private InetSocketAddress serverAddress;
    private BootstrapServerDefinition server;
    private ScheduledFuture<?> timer;
    private int failures;

    BootstrapClient(ClientEndpoint endpoint, Provisioning provisioning) {
        this.endpoint = endpoint;
        this.provisioning = provisioning;
        ClientState loaded = ClientState.empty();
        try {
            loaded = provisioning.store().load(endpoint.name());
            if (!loaded.isEmpty()) {
                LOG.info("Endpoint '{}': provisioned state loaded from {} ({})", endpoint.name(), provisioning.store().file(),
                        loaded);
            }
        } catch (IOException e) {
            LOG.error("Endpoint '{}': {}. It starts without provisioned servers.", endpoint.name(), e.getMessage());
        }
        this.committed = loaded;
        bootstrapServerChanged();
    }

    /** The configured bootstrap server changed (or was set at start): resolve its address. */
    synchronized void bootstrapServerChanged() {
        server = provisioning.bootstrapServer().orElse(null);
        serverAddress = null;
        if (server != null) {
            try {
                serverAddress = new InetSocketAddress(InetAddress.getByName(server.uri().getHost()), server.uri().getPort());
            } catch (UnknownHostException e) {
                LOG.warn("Endpoint '{}': cannot resolve {} yet; retrying when bootstrapping", endpoint.name(), server);
            }
            committed = committed.withBootstrapAccount(server.uri().toString());
        }
    }

    /** The bootstrap server as a coaps:// peer whose DTLS socket the endpoint keeps open, if it is one. */
    synchronized Optional<ServerDefinition> transport() {
        return server != null && server.secure() ? Optional.of(server.asServer()) : Optional.empty();
    }

    /** When a server's registration is tried again: its provisioned Server instance's resources 17–20, else the gateway's backoff. */
    synchronized RetryPolicy retryPolicy(int shortServerId) {
        return committed.retryPolicy(shortServerId);
    }

    /** The bootstrap server in use, if any. */
    synchronized Optional<BootstrapServerDefinition> server() {
        return Optional.ofNullable(server);
    }

    /**
     * Seconds to wait before a client-initiated Bootstrap-Request: the Client Hold Off Time
     * (resource 11) of the bootstrap server's Security instance a bootstrap server wrote, else
     * the configured hold.off.
     */
    synchronized long holdOffSeconds() {
        if (server == null) {
            return 0;
        }
        return committed.securityInstances().stream().filter(SecurityInstance::bootstrapServer).mapToLong(SecurityInstance::clientHoldOffSeconds)
                .filter(seconds -> seconds > 0).findFirst().orElse(server.holdOffSeconds());
    }

    synchronized Phase phase() {
        return phase;
    }

    synchronized ClientState committed() {
        return committed;
    }

    /** The Security instance of a server account, for the transport (credentials, security mode). */
    synchronized Optional<SecurityInstance> security(int shortServerId) {
        return committed.securityInstances().stream().filter(s -> !s.bootstrapServer() && s.shortServerId() == shortServerId).findFirst();
    }

    /** The configured servers plus the ones the bootstrap server provisioned (which win for the same Short Server ID). */
    synchronized List<ServerDefinition> serversWith(Collection<ServerDefinition> configured) {
        Map<Integer, ServerDefinition> byId = new LinkedHashMap<>();
        configured.forEach(s -> byId.put(s.shortServerId(), s));
        committed.servers().forEach(s -> byId.put(s.shortServerId(), s));
        return new ArrayList<>(byId.values());
    }

    /** Whether a request comes from the bootstrap server (then it is a bootstrap operation, Core 6.1). */
    synchronized boolean isBootstrapServer(InetSocketAddress source) {
        return serverAddress != null && serverAddress.equals(source);
    }

    /** The endpoint's servers were set: without any, ask the bootstrap server (after the hold-off). */
    synchronized void serversSet(boolean hasServers) {
        if (!hasServers && server != null && phase == Phase.IDLE) {
            long holdOff = holdOffSeconds();
            LOG.info("Endpoint '{}' has no LwM2M server; bootstrapping from {}{}", endpoint.name(), server.uri(),
                    holdOff > 0 ? " in " + holdOff + " s" : "");
            phase = Phase.HOLD_OFF;
            timer = endpoint.context().executors().main.schedule(this::requestOnTimer, holdOff, TimeUnit.SECONDS);
        }
    }

    /**
     * A registration failed: when every server has refused the endpoint as often as its
     * Communication Retry Count (1/x/17) allows, and the refusing servers allow it (1/x/16), bootstrap.
     */
    void registrationFailed(List<Registration> all) {
        synchronized (this) {
            if (server == null || phase != Phase.IDLE || all.isEmpty()) {
                return;
            }
            for (Registration r : all) {
                int ssid = r.server().shortServerId();
                if (r.state() != Registration.State.WAITING_RETRY || !committed.retryPolicy(ssid).failed(r.failures())
                        || !committed.bootstrapOnRegistrationFailure(ssid)) {
                    return;
                }
            }
            LOG.warn("Endpoint '{}': every LwM2M server refused the registration; bootstrapping from {} (Bootstrap on Registration Failure)",
                    endpoint.name(), server.uri());
            sendRequest();
        }
    }

    private synchronized void requestOnTimer() {
        if (phase == Phase.HOLD_OFF || phase == Phase.WAITING_RETRY) {
            sendRequest();
        }
    }

    // ---- Bootstrap-Request ---------------------------------------------------------------------

    private void sendRequest() {
        cancelTimer();
        if (server == null) {
            phase = Phase.IDLE;
            return;
        }
        if (serverAddress == null) {
            bootstrapServerChanged();
            if (serverAddress == null) {
                retry("cannot resolve " + server.uri().getHost());
                return;
            }
        }
        ServerDefinition peer = server.asServer();
        if (peer.secure()) {
            // the handshake finds this endpoint's credential for the bootstrap server's address
            String notReady = endpoint.prepareSecureSession(peer, serverAddress);
            if (notReady != null) {
                retry(notReady);
                return;
            }
        }
        phase = Phase.REQUESTING;
        Request request = Request.newPost();
        request.setDestinationContext(new AddressEndpointContext(serverAddress));
        request.getOptions().setUriPath("bs");
        request.getOptions().addUriQuery("ep=" + endpoint.name());
        if (server.preferredContentFormat() > 0) {
            request.getOptions().addUriQuery("pct=" + server.preferredContentFormat());
        }
        LOG.info("Endpoint '{}': Bootstrap-Request to {}", endpoint.name(), server.uri());
        endpoint.send(request, peer).thenAccept(response -> onRequestResponse(response, request, peer));
    }

    private synchronized void onRequestResponse(Response response, Request request, ServerDefinition peer) {
        if (phase == Phase.IN_SESSION) {
            return; // the bootstrap server's first request overtook its answer
        }
        if (phase != Phase.REQUESTING) {
            return;
        }
        if (response == null || response.getCode() != CoAP.ResponseCode.CHANGED) {
            if (response == null && peer.secure()) {
                // the next attempt handshakes again: resuming the session if there is one, else afresh
                // (a refused or lost handshake leaves state in the DTLS socket)
                endpoint.renewSecureSession(peer, serverAddress);
            }
            retry(response != null ? "answered " + response.getCode() + " " + response.getPayloadString()
                    : request.getSendError() != null ? (peer.secure() ? "DTLS: " : "") + request.getSendError().getMessage() : "no answer");
            return;
        }
        openSession();
    }

    private void retry(String why) {
        failures++;
        phase = Phase.WAITING_RETRY;
        // the gateway's backoff: a bootstrap server has no Server instance to take timers from
        long delay = RetryPolicy.GATEWAY.delayAfter(failures, bound -> ThreadLocalRandom.current().nextLong(bound + 1)).toMillis();
        LOG.warn("Endpoint '{}': bootstrap from {} failed: {}. Asking again in {} s (attempt {}); check that the bootstrap server runs "
                + "and holds a configuration for this endpoint.", endpoint.name(), server == null ? "?" : server.uri(), why, delay / 1000.0,
                failures + 1);
        timer = endpoint.context().executors().main.schedule(this::requestOnTimer, delay, TimeUnit.MILLISECONDS);
    }

    // ---- the session ---------------------------------------------------------------------------

    private void openSession() {
        cancelTimer();
        phase = Phase.IN_SESSION;
        pending = committed;
        scheduleSessionTimeout();
    }

    private void scheduleSessionTimeout() {
        cancelTimer();
        long seconds = server == null ? 60 : server.sessionTimeoutSeconds();
        timer = endpoint.context().executors().main.schedule(() -> {
            synchronized (BootstrapClient.this) {
                if (phase == Phase.IN_SESSION) {
                    pending = null;
                    LOG.warn("Endpoint '{}': the bootstrap server sent no Bootstrap-Finish within {} s; its writes are discarded",
                            endpoint.name(), seconds);
                    afterFailedSession("no Bootstrap-Finish");
                }
            }
        }, seconds, TimeUnit.SECONDS);
    }

    /**
     * The pending state of the session a bootstrap request belongs to; a request while no session
     * is open opens one (server-initiated bootstrap, Core 5.2.3).
     */
    synchronized ClientState pending() {
        if (phase != Phase.IN_SESSION) {
            LOG.info("Endpoint '{}': {} opens a bootstrap session", endpoint.name(), server == null ? "the bootstrap server" : server.uri());
            openSession();
        } else {
            scheduleSessionTimeout();
        }
        return pending;
    }

    /** Applies one Bootstrap-Write or -Delete to the pending state. */
    synchronized void change(UnaryOperator<ClientState> change) {
        ClientState base = pending();
        pending = change.apply(base);
    }

    /**
     * Bootstrap-Finish: checks the pending state, commits and stores it, and registers with the
     * servers it names.
     *
     * @return what is wrong (answered with 4.06), or empty when the state was committed
     */
    Optional<String> finish() {
        ClientState accepted;
        synchronized (this) {
            ClientState candidate = pending();
            Optional<String> problem = candidate.inconsistency();
            if (problem.isPresent()) {
                pending = null;
                LOG.warn("Endpoint '{}': Bootstrap-Finish refused (4.06): {}. The endpoint keeps its previous servers.", endpoint.name(),
                        problem.get());
                afterFailedSession("inconsistent configuration");
                return problem;
            }
            cancelTimer();
            accepted = candidate;
            committed = accepted;
            pending = null;
            phase = Phase.IDLE;
            failures = 0;
            try {
                provisioning.store().save(endpoint.name(), accepted);
            } catch (IOException e) {
                LOG.error("Endpoint '{}': the provisioned state is used now but lost at restart: {}", endpoint.name(), e.getMessage());
            }
            LOG.info("Endpoint '{}' bootstrapped: {} server(s) {}", endpoint.name(), accepted.servers().size(), accepted.servers());
        }
        // leave the Finish's 2.04 time to go out first; the endpoint takes its own lock
        endpoint.context().executors().main.schedule(endpoint::provisioned, 50, TimeUnit.MILLISECONDS);
        return Optional.empty();
    }

    private void afterFailedSession(String why) {
        phase = Phase.IDLE;
        if (committed.servers().isEmpty()) {
            retry(why);
        }
    }

    synchronized void stop() {
        cancelTimer();
        phase = Phase.STOPPED;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
