/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.californium.elements.config.Configuration;
import java.util.EnumSet;
import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.request.BootstrapDownlinkRequest;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapFailureCause;
import org.eclipse.leshan.server.bootstrap.BootstrapSession;
import org.eclipse.leshan.server.bootstrap.BootstrapSessionAdapter;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coap.CoapBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.security.BootstrapSecurityStoreAdapter;
import org.eclipse.leshan.server.security.SecurityStore;

/**
 * A real Leshan 2.0.0-M15 bootstrap server on 127.0.0.1 and a free port, with an in-memory
 * configuration per endpoint name (no checks: a test may hand out an inconsistent one). It
 * records what happened per endpoint: Bootstrap-Requests, the responses to its requests,
 * sessions that ended and sessions that failed. Every wait is bounded.
 */
final class TestBootstrapServer implements AutoCloseable {

    private final LeshanBootstrapServer server;
    private final Map<String, BootstrapConfig> configs = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final List<String> events = new ArrayList<>();

    TestBootstrapServer() {
        this(null);
    }

    /**
     * A bootstrap server with a coaps:// endpoint too, accepting the clients of {@code security}
     * (PSK, RPK or X.509 identities per endpoint name; Leshan then refuses those clients over plain CoAP).
     */
    TestBootstrapServer(SecurityStore security) {
        CaliforniumBootstrapServerEndpointsProvider.Builder endpoints = new CaliforniumBootstrapServerEndpointsProvider.Builder(
                new CoapBootstrapServerProtocolProvider(),
                new org.eclipse.leshan.server.californium.bootstrap.endpoint.coaps.CoapsBootstrapServerProtocolProvider());
        Configuration coap = endpoints.createDefaultConfiguration(); // explicit: no Californium3.properties written
        endpoints.setConfiguration(coap);
        endpoints.addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAP);
        LeshanBootstrapServerBuilder builder = new LeshanBootstrapServerBuilder();
        if (security != null) {
            endpoints.addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAPS);
            builder.setSecurityStore(new BootstrapSecurityStoreAdapter(security));
        }
        builder.setEndpointsProviders(endpoints.build());
        builder.setConfigStore(session -> configs.get(session.getEndpoint()));
        server = builder.build();
        server.addListener(new BootstrapSessionAdapter() {
            @Override
            public void sessionInitiated(BootstrapRequest request, LwM2mPeer client) {
                record("REQUEST " + request.getEndpointName());
            }

            @Override
            public void onResponseSuccess(BootstrapSession session, BootstrapDownlinkRequest<? extends LwM2mResponse> request,
                    LwM2mResponse response) {
                record("OK " + session.getEndpoint() + " " + request.getClass().getSimpleName() + " " + request.getPath() + " " + response.getCode());
            }

            @Override
            public void onResponseError(BootstrapSession session, BootstrapDownlinkRequest<? extends LwM2mResponse> request,
                    LwM2mResponse response) {
                record("ERROR " + session.getEndpoint() + " " + request.getClass().getSimpleName() + " " + request.getPath() + " "
                        + response.getCode() + " " + response.getErrorMessage());
            }

            @Override
            public void end(BootstrapSession session) {
                record("END " + session.getEndpoint());
            }

            @Override
            public void failed(BootstrapSession session, BootstrapFailureCause cause) {
                record("FAILED " + session.getEndpoint() + " " + cause);
            }
        });
        server.start();
    }

    private void record(String event) {
        synchronized (lock) {
            events.add(event);
            lock.notifyAll();
        }
    }

    /** coap://127.0.0.1:port */
    URI uri() {
        return server.getEndpoint(Protocol.COAP).getURI();
    }

    /** coaps://127.0.0.1:port (a server made with a security store only) */
    URI coapsUri() {
        return server.getEndpoint(Protocol.COAPS).getURI();
    }

    void put(String endpoint, BootstrapConfig config) {
        configs.put(endpoint, config);
    }

    List<String> events() {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    /** How many Bootstrap-Requests the endpoint sent. */
    long requests(String endpoint) {
        return events().stream().filter(e -> e.equals("REQUEST " + endpoint)).count();
    }

    /** Waits until an event starting with {@code prefix} was recorded; returns it. */
    String await(String prefix, Duration timeout) throws InterruptedException {
        return await(() -> events.stream().filter(e -> e.startsWith(prefix)).findFirst().orElse(null), timeout, prefix);
    }

    private String await(Supplier<String> found, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                String f = found.get();
                if (f != null) {
                    return f;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Timed out waiting for bootstrap event '" + what + "'; events: " + events);
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Deletes /0 and /1, writes the bootstrap account, one server account (Security 1 + Server 0) for serverUri/ssid. */
    static BootstrapConfig account(URI bootstrapUri, URI serverUri, int securitySsid, int serverSsid) {
        BootstrapConfig config = new BootstrapConfig();
        config.toDelete = List.of("/0", "/1");
        BootstrapConfig.ServerSecurity bs = new BootstrapConfig.ServerSecurity();
        bs.uri = bootstrapUri.toString();
        bs.bootstrapServer = true;
        bs.securityMode = SecurityMode.NO_SEC;
        bs.publicKeyOrId = new byte[0];
        bs.serverPublicKey = new byte[0];
        bs.secretKey = new byte[0];
        config.security.put(0, bs);
        BootstrapConfig.ServerSecurity dm = new BootstrapConfig.ServerSecurity();
        dm.uri = serverUri.toString();
        dm.bootstrapServer = false;
        dm.securityMode = SecurityMode.NO_SEC;
        dm.publicKeyOrId = new byte[0];
        dm.serverPublicKey = new byte[0];
        dm.secretKey = new byte[0];
        dm.serverId = securitySsid;
        config.security.put(1, dm);
        BootstrapConfig.ServerConfig server = new BootstrapConfig.ServerConfig();
        server.shortId = serverSsid;
        server.lifetime = 300;
        server.binding = EnumSet.of(BindingMode.U);
        config.servers.put(0, server);
        return config;
    }

    @Override
    public void close() {
        server.destroy();
    }
}
