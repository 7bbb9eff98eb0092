/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.common;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.IdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Milo server as the Lightgate servers configure it: a Basic256Sha256/SignAndEncrypt endpoint,
 * and a Security None one (or, when None is not allowed, only GetEndpoints without security at
 * {@code <path>/discovery}, as OPC UA Part 6 wants); username/password identities and, if
 * allowed, anonymous ones.
 *
 * @param address where it listens
 * @param applicationUri its application URI (also in its certificate)
 * @param applicationName the application name clients show
 * @param productUri the product URI in its build info
 * @param productName the product name in its build info
 * @param allowSecurityNone whether sessions without security are offered
 * @param anonymous whether anonymous identities are accepted
 * @param users {@code user:password} entries; a malformed one is logged and left out
 * @param configFile the etc/ file the settings come from, named in log messages
 */
public record ServerSpec(ServerAddress address, String applicationUri, String applicationName, String productUri,
        String productName, boolean allowSecurityNone, boolean anonymous, List<String> users, String configFile) {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSpec.class);

    public ServerSpec {
        users = List.copyOf(users);
    }

    /** The server, not started yet: {@link MiloServerHost} adds its namespace and starts both. */
    OpcUaServer create(ServerPki pki) throws Exception {
        List<UserTokenPolicy> tokens = new ArrayList<>();
        if (anonymous) {
            tokens.add(USER_TOKEN_POLICY_ANONYMOUS);
        }
        tokens.add(USER_TOKEN_POLICY_USERNAME);
        EndpointConfig.Builder base = EndpointConfig.newBuilder().setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress(address.bindAddress()).setBindPort(address.port()).setHostname(address.hostname())
                .setPath(address.path()).setCertificate(pki.certificate()).addTokenPolicies(tokens.toArray(UserTokenPolicy[]::new));
        Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256).setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
        if (allowSecurityNone) {
            endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None).build());
        } else {
            endpoints.add(base.copy().setPath(address.path() + "/discovery").setSecurityPolicy(SecurityPolicy.None)
                    .setSecurityMode(MessageSecurityMode.None).build());
        }
        return new OpcUaServer(OpcUaServerConfig.builder()
                .setApplicationUri(applicationUri)
                .setApplicationName(LocalizedText.english(applicationName))
                .setProductUri(productUri)
                .setBuildInfo(new BuildInfo(productUri, "Lightgate", productName, OpcUaServer.SDK_VERSION, "", DateTime.now()))
                .setEndpoints(endpoints)
                .setCertificateManager(pki.manager())
                .setIdentityValidator(identities())
                .build(), profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
    }

    /** Starts the namespace, then the server (waiting up to 30 s); on failure shuts both down again. */
    static void start(OpcUaServer server, ManagedNamespaceWithLifecycle namespace) throws Exception {
        namespace.startup();
        try {
            server.startup().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            namespace.shutdown();
            server.shutdown();
            throw e;
        }
    }

    /** What went wrong, without the ExecutionException around it. */
    static Throwable cause(Exception e) {
        return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    }

    private IdentityValidator identities() {
        Map<String, String> passwords = new HashMap<>();
        for (String entry : users) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                LOG.error("users entry '{}' in {} is not user:password; ignored", entry, configFile);
                continue;
            }
            passwords.put(entry.substring(0, colon).strip(), entry.substring(colon + 1));
        }
        IdentityValidator byPassword = new UsernameIdentityValidator(
                c -> c.getPassword() != null && c.getPassword().equals(passwords.get(c.getUsername())));
        return anonymous ? new CompositeValidator(AnonymousIdentityValidator.INSTANCE, byPassword) : byPassword;
    }
}
