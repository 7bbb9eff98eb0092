/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.junit.Test;

public class CoapSettingsTest {

    private final CoapSettings settings = new CoapSettings(c -> {
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 1024);
        c.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, 64);
    }, 4096, Duration.ofSeconds(30));

    @Test
    public void coapSocketsGetTheCommonSettingsWithoutDtls() {
        assertEquals(Integer.valueOf(64), settings.plain(false).get(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES));
        assertEquals(Integer.valueOf(1024), settings.plain(false).get(CoapConfig.MAX_RESOURCE_BODY_SIZE));
        assertFalse(settings.plain(false).hasDefinition(DtlsConfig.DTLS_ROLE));
        assertFalse(settings.plain(true).hasDefinition(DtlsConfig.DTLS_ROLE));
    }

    @Test
    public void coapsSocketsGetTheCommonSettingsAndTheDtlsOnes() {
        assertEquals(Integer.valueOf(64), settings.secure(false).get(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES));
        assertEquals(DtlsConfig.DtlsRole.CLIENT_ONLY, settings.secure(false).get(DtlsConfig.DTLS_ROLE));
        assertEquals(Long.valueOf(30_000), settings.secure(true).get(DtlsConfig.DTLS_AUTO_HANDSHAKE_TIMEOUT, TimeUnit.MILLISECONDS));
        assertSame("made once", settings.secure(false), settings.secure(false));
    }

    @Test
    public void theGatewaysOwnEndpointTakesTheLargerBodyOnBothSockets() {
        assertEquals(Integer.valueOf(4096), settings.plain(true).get(CoapConfig.MAX_RESOURCE_BODY_SIZE));
        assertEquals(Integer.valueOf(4096), settings.secure(true).get(CoapConfig.MAX_RESOURCE_BODY_SIZE));
        assertEquals(Integer.valueOf(1024), settings.secure(false).get(CoapConfig.MAX_RESOURCE_BODY_SIZE));
    }
}
