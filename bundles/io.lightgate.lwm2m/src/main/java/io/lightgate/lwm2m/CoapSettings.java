/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

/**
 * The engine's Californium settings, for the gateway's own endpoint (a body large enough for a
 * firmware image) and for every other one. The coap:// ones are made at once; the coaps:// ones,
 * which need Scandium's DTLS definitions, when the first secure socket is opened: initialising
 * DtlsConfig sets up every cipher suite and generates a key pair per curve, a tenth of a second
 * of a start that a gateway without a coaps:// server would pay for nothing.
 */
final class CoapSettings {

    private final Consumer<Configuration> common;
    private final int gatewayMaxBodyBytes;
    private final Duration dtlsResumeAfterQuiet;
    private final Configuration plain;
    private final Configuration gatewayPlain;
    private Configuration secure; // guarded by this
    private Configuration gatewaySecure; // guarded by this

    /**
     * @param common the settings of every endpoint, applied to each configuration made
     * @param gatewayMaxBodyBytes the largest body the gateway's own endpoint takes
     * @param dtlsResumeAfterQuiet see {@link SecureEndpoints#configure}
     */
    CoapSettings(Consumer<Configuration> common, int gatewayMaxBodyBytes, Duration dtlsResumeAfterQuiet) {
        this.common = common;
        this.gatewayMaxBodyBytes = gatewayMaxBodyBytes;
        this.dtlsResumeAfterQuiet = dtlsResumeAfterQuiet;
        this.plain = made(new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS), false);
        this.gatewayPlain = made(new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS), true);
    }

    /** The settings of a coap:// socket. */
    Configuration plain(boolean gatewayEndpoint) {
        return gatewayEndpoint ? gatewayPlain : plain;
    }

    /** The settings of a coaps:// socket: the coap:// ones and the DTLS ones. */
    synchronized Configuration secure(boolean gatewayEndpoint) {
        if (gatewayEndpoint) {
            if (gatewaySecure == null) {
                gatewaySecure = made(withDtls(), true);
            }
            return gatewaySecure;
        }
        if (secure == null) {
            secure = made(withDtls(), false);
        }
        return secure;
    }

    private Configuration withDtls() {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS, DtlsConfig.DEFINITIONS);
        SecureEndpoints.configure(config, dtlsResumeAfterQuiet);
        return config;
    }

    private Configuration made(Configuration config, boolean gatewayEndpoint) {
        common.accept(config);
        if (gatewayEndpoint) {
            config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, Math.max(config.get(CoapConfig.MAX_RESOURCE_BODY_SIZE), gatewayMaxBodyBytes));
        }
        return config;
    }
}
