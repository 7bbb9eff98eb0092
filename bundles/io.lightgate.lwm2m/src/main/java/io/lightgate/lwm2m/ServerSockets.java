/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets one endpoint reaches its servers on: its CoAP socket, a DTLS socket its PSK servers
 * share (opened once a coaps:// PSK server is configured), and one DTLS socket per RPK / X.509
 * server and identity. Requests to a server go out on the socket of its scheme; what the server
 * sends comes in on the same socket, to the endpoint's CoapServer.
 */
final class ServerSockets implements ServerLink {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSockets.class);

    private final String endpoint;
    private final BooleanSupplier gateway;
    private final EngineContext context;
    private final Object lock;
    private final Consumer<CoapEndpoint> interceptors;
    private final PskCredentialStore pskStore = new PskCredentialStore();
    // RPK / X.509: a DTLS socket per server and identity (key: certificateKey)
    private final Map<String, SecureEndpoints.Secured> certificateEndpoints = new ConcurrentHashMap<>();
    // read without the lock by send(): Registrations send while holding their own lock, and the
    // endpoint's lock is taken before theirs (stop, setServers), never the other way
    private volatile CoapServer server;
    private volatile CoapEndpoint coap;
    private volatile SecureEndpoints.Secured coaps;

    /**
     * @param endpoint the endpoint's name
     * @param gateway whether it is the gateway's own endpoint (its credentials are looked up as such)
     * @param lock the endpoint's lock: DTLS sockets open and close under it
     * @param interceptors what each DTLS socket gets before it starts (strangers kept out, queue mode)
     */
    ServerSockets(String endpoint, BooleanSupplier gateway, EngineContext context, Object lock, Consumer<CoapEndpoint> interceptors) {
        this.endpoint = endpoint;
        this.gateway = gateway;
        this.context = context;
        this.lock = lock;
        this.interceptors = interceptors;
    }

    /** The endpoint's server started with its CoAP socket: DTLS sockets join it. */
    void started(CoapServer server, CoapEndpoint coap) {
        this.server = server;
        this.coap = coap;
    }

    /** The endpoint's CoAP socket, null before it started and after it stopped. */
    CoapEndpoint coap() {
        return coap;
    }

    /** The endpoint's server was destroyed, with every socket. */
    void closed() {
        server = null;
        coap = null;
        coaps = null;
        certificateEndpoints.clear();
    }

    /** Opens the DTLS sockets the given servers are reached on, if not open yet (under the endpoint's lock). */
    void openSecureSockets(Collection<ServerDefinition> servers) {
        if (coaps == null && servers.stream().anyMatch(s -> s.secure() && s.security().mode() == TransportSecurity.Mode.PSK)) {
            startSecureEndpoint();
        }
        servers.forEach(s -> s.security().certificate(endpoint, gateway.getAsBoolean()).ifPresent(c -> {
            try {
                startCertificateEndpoint(s, c);
            } catch (RuntimeException e) {
                // that server's requests then wait with "the DTLS socket is not open"; the others go on
                LOG.error("Endpoint '{}': cannot open a DTLS socket for {} ({}): {}", endpoint, s, c, e.getMessage());
            }
        }));
    }

    private void startSecureEndpoint() {
        SecureEndpoints.Secured secured = SecureEndpoints.create(context, pskStore, endpoint);
        interceptors.accept(secured.endpoint());
        server.addEndpoint(secured.endpoint()); // sets the deliverer and the shared executors
        try {
            secured.endpoint().start();
        } catch (IOException e) {
            throw new IllegalStateException("endpoint '" + endpoint + "': cannot open its DTLS socket on " + context.localAddress() + ": " + e, e);
        }
        coaps = secured;
        LOG.info("Endpoint '{}' listens for DTLS on {}", endpoint, secured.endpoint().getAddress());
    }

    private static String certificateKey(ServerDefinition s, CertificateCredential identity) {
        return s.uri() + "|" + identity.connectorKey() + "|" + identity.trust().hashCode();
    }

    private void startCertificateEndpoint(ServerDefinition s, CertificateCredential identity) {
        certificateEndpoints.computeIfAbsent(certificateKey(s, identity), k -> {
            ServerCertificateVerifier verifier = new ServerCertificateVerifier(identity.trust(), s.uri().getHost(), identity.mode());
            SecureEndpoints.Secured secured = SecureEndpoints.create(context, identity, verifier, endpoint);
            interceptors.accept(secured.endpoint());
            server.addEndpoint(secured.endpoint());
            try {
                secured.endpoint().start();
            } catch (IOException e) {
                throw new IllegalStateException("endpoint '" + endpoint + "': cannot open its DTLS socket on " + context.localAddress() + ": " + e, e);
            }
            LOG.info("Endpoint '{}' listens for DTLS ({}) with {} on {}", endpoint, identity.mode(), s.name(), secured.endpoint().getAddress());
            return secured;
        });
    }

    /** The DTLS socket requests to a coaps server go out on, or null if it is not open. */
    private SecureEndpoints.Secured secureEndpointFor(ServerDefinition s) {
        if (s.security().mode() == TransportSecurity.Mode.PSK) {
            return coaps;
        }
        return s.security().certificate(endpoint, gateway.getAsBoolean()).map(c -> certificateEndpoints.get(certificateKey(s, c))).orElse(null);
    }

    /**
     * Before a Register to a coaps:// server: puts this endpoint's credential for that server
     * where the DTLS handshake finds it. Takes no lock of the endpoint (a Registration calls it
     * holding its own).
     *
     * @return null when ready, else why not (for the log and the shell)
     */
    @Override
    public String prepareSecureSession(ServerDefinition s, InetSocketAddress address) {
        boolean gateway = this.gateway.getAsBoolean();
        if (s.security().mode() == TransportSecurity.Mode.RPK || s.security().mode() == TransportSecurity.Mode.X509) {
            Optional<CertificateCredential> identity = s.security().certificate(endpoint, gateway);
            if (identity.isEmpty()) {
                return s.security().missingCertificateHint(endpoint);
            }
            if (secureEndpointFor(s) == null) {
                return "the DTLS socket is not open";
            }
            return null;
        }
        if (coaps == null) {
            return "the DTLS socket is not open";
        }
        switch (s.security().mode()) {
            case PSK -> {
                Optional<PskCredential> psk = s.security().psk(endpoint, gateway);
                if (psk.isEmpty()) {
                    return s.security().missingPskHint(endpoint);
                }
                pskStore.put(address, psk.get());
                return null;
            }
            default -> {
                return "security mode " + s.security().mode() + " needs no DTLS";
            }
        }
    }

    /**
     * A coaps registration ended: its credential goes, and so does the DTLS session (it may have used old keys).
     *
     * @param inUse the servers of the endpoint's registrations now (asked under the endpoint's lock)
     */
    void forgetSecureSession(ServerDefinition s, InetSocketAddress address, Supplier<List<ServerDefinition>> inUse) {
        SecureEndpoints.Secured secured = s.secure() ? secureEndpointFor(s) : null;
        if (secured != null && address != null) {
            pskStore.remove(address);
            secured.connector().close(address);
        }
        if (s.secure() && s.security().mode() != TransportSecurity.Mode.PSK) {
            releaseCertificateEndpoint(s, inUse);
        }
    }

    /** Closes an RPK / X.509 server's DTLS socket once no registration uses it any more (the server was removed or changed). */
    private void releaseCertificateEndpoint(ServerDefinition s, Supplier<List<ServerDefinition>> inUse) {
        boolean gateway = this.gateway.getAsBoolean();
        s.security().certificate(endpoint, gateway).ifPresent(c -> {
            String key = certificateKey(s, c);
            synchronized (lock) {
                boolean used = inUse.get().stream().anyMatch(o -> o.security().certificate(endpoint, gateway)
                        .map(oc -> certificateKey(o, oc).equals(key)).orElse(false));
                SecureEndpoints.Secured unused = used ? null : certificateEndpoints.remove(key);
                if (unused != null) {
                    unused.endpoint().stop(); // the CoapServer destroys it with the others when the endpoint stops
                    LOG.info("Endpoint '{}' closed its DTLS socket for {}", endpoint, s);
                }
            }
        });
    }

    /**
     * After a request to a coaps server got no answer: the next message to it starts a new
     * handshake. With an established session that is an abbreviated one (RFC 5246 7.3, the
     * ClientHello carries the session id): a server that lost the connection (restarted, expired
     * it, or sees us through a new NAT binding) but still caches the session resumes it, and one
     * that no longer knows it answers with a full handshake. Without one (the last handshake was
     * refused or lost, and may still be retransmitting) the socket's DTLS state is dropped, so
     * that a fresh full handshake starts: Scandium offers this per connector only, so on the
     * shared PSK socket the endpoint's other PSK servers handshake again too. Takes no lock of
     * the endpoint.
     *
     * @return true if the next handshake resumes the session
     */
    @Override
    public boolean renewSecureSession(ServerDefinition s, InetSocketAddress address) {
        SecureEndpoints.Secured secured = secureEndpointFor(s);
        if (secured == null) {
            return false;
        }
        if (address != null && secured.connector().getSessionByAddress(address) != null) {
            secured.connector().forceResumeSessionFor(address);
            return true;
        }
        secured.connector().clearConnectionState();
        return false;
    }

    /**
     * Sends a request to a server (or the bootstrap server) on the socket of its scheme; completes
     * with the response, or null on timeout, rejection or send error (then
     * {@link Request#getSendError()} tells why, e.g. a failed DTLS handshake).
     */
    @Override
    public CompletableFuture<Response> send(Request request, ServerDefinition to) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                result.complete(response);
            }

            @Override
            public void onTimeout() {
                result.complete(null);
            }

            @Override
            public void onReject() {
                result.complete(null);
            }

            @Override
            public void onCancel() {
                result.complete(null);
            }

            @Override
            public void onSendError(Throwable error) {
                result.complete(null);
            }
        });
        boolean secure = to.secure();
        withServerName(request, to);
        SecureEndpoints.Secured secured = secure ? secureEndpointFor(to) : null;
        CoapEndpoint endpoint = secure ? (secured == null ? null : secured.endpoint()) : coap;
        if (endpoint == null) {
            result.complete(null);
            return result;
        }
        endpoint.sendRequest(request);
        java.util.concurrent.ScheduledFuture<?> timeout = context.executors().timer.schedule(() -> {
            if (!result.isDone()) {
                request.cancel();
                result.complete(null);
            }
        }, context.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((response, error) -> timeout.cancel(false)); // answered: the timer goes, not after the timeout
        return result;
    }

    /**
     * RPK / X.509 servers named by a host name get it as SNI in the handshake (an IP address is
     * never sent as SNI, RFC 6066).
     */
    private static void withServerName(Request request, ServerDefinition to) {
        String host = to.uri().getHost();
        org.eclipse.californium.elements.EndpointContext destination = request.getDestinationContext();
        if (!to.secure() || to.security().mode() == TransportSecurity.Mode.PSK || destination == null
                || destination.getVirtualHost() != null || host.contains(":") || host.matches("[0-9.]+")) {
            return;
        }
        request.setDestinationContext(new org.eclipse.californium.elements.AddressEndpointContext(destination.getPeerAddress(), host, null));
    }
}
