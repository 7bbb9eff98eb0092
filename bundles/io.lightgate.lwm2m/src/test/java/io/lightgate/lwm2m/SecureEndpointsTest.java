/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.junit.Test;

public class SecureEndpointsTest {

    private static Configuration configured(Duration quiet) {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS, DtlsConfig.DEFINITIONS);
        SecureEndpoints.configure(config, quiet);
        return config;
    }

    @Test
    public void aQuietPeriodBecomesScandiumsAutoHandshakeTimeout() {
        assertEquals(Long.valueOf(30_000), configured(Duration.ofSeconds(30)).get(DtlsConfig.DTLS_AUTO_HANDSHAKE_TIMEOUT, TimeUnit.MILLISECONDS));
    }

    @Test
    public void zeroOrLessMeansNoResumptionAfterQuiet() {
        assertNull(configured(Duration.ZERO).get(DtlsConfig.DTLS_AUTO_HANDSHAKE_TIMEOUT, TimeUnit.MILLISECONDS));
        assertNull(configured(Duration.ofSeconds(-1)).get(DtlsConfig.DTLS_AUTO_HANDSHAKE_TIMEOUT, TimeUnit.MILLISECONDS));
    }

    @Test
    public void theEngineDefaultIsThirtySeconds() throws Exception {
        assertEquals(30L, EngineConfig.class.getDeclaredMethod("dtls_resumption_after_quiet_s").getDefaultValue());
    }
}
