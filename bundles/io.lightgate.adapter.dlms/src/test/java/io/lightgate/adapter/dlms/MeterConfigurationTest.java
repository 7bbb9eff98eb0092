/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.dlms.client.ClientSettings;
import io.lightgate.dlms.client.TransportKind;
import io.lightgate.dlms.protocol.Authentication;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Misconfiguration names the setting and the file; the password comes from its file. */
public class MeterConfigurationTest {

    private static final String FILE = "/opt/lightgate/etc/io.lightgate.adapter.dlms.meter-m1.cfg";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** A MeterConfig with the given values and the annotation's defaults elsewhere. */
    private static MeterConfig config(Map<String, Object> values) {
        return (MeterConfig) Proxy.newProxyInstance(MeterConfig.class.getClassLoader(), new Class<?>[] {MeterConfig.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }

    @Test
    public void passwordFromItsFile() throws Exception {
        Path secret = tmp.newFile("meter.password").toPath();
        Files.writeString(secret, "abc123\n");
        ClientSettings s = RunningMeter.settings(config(Map.of("transport", "HDLC", "authentication", "low",
                "password_file", secret.toString(), "port", 10001)), FILE);
        assertEquals(TransportKind.HDLC, s.transport());
        assertEquals(Authentication.LOW, s.authentication());
        assertArrayEquals("abc123".getBytes(), s.password());
    }

    @Test
    public void exposureIsEndpointsOrGatewayAndNothingElse() {
        assertFalse(RunningMeter.exposure("endpoints", FILE));
        assertFalse("the default", RunningMeter.exposure("", FILE));
        assertTrue(RunningMeter.exposure(" Gateway ", FILE));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> RunningMeter.exposure("object25", FILE));
        assertTrue(bad.getMessage(), bad.getMessage().contains("'exposure'") && bad.getMessage().contains("object25")
                && bad.getMessage().contains(FILE));
    }

    @Test
    public void badSettingsNameTheSettingAndTheFile() {
        IllegalArgumentException transport = assertThrows(IllegalArgumentException.class,
                () -> RunningMeter.settings(config(Map.of("transport", "serial")), FILE));
        assertTrue(transport.getMessage(), transport.getMessage().contains("'transport'") && transport.getMessage().contains(FILE));

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RunningMeter.settings(config(Map.of("authentication", "low", "password_file", "/nonexistent/pw")), FILE));
        assertTrue(missing.getMessage(), missing.getMessage().contains("'password.file'") && missing.getMessage().contains("/nonexistent/pw"));

        IllegalArgumentException hls = assertThrows(IllegalArgumentException.class,
                () -> RunningMeter.settings(config(Map.of("authentication", "high-gmac", "password_file", "x")), FILE));
        assertTrue(hls.getMessage(), hls.getMessage().contains("'authentication'") && hls.getMessage().contains("not implemented yet"));

        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> RunningMeter.settings(config(Map.of("port", 70000)), FILE));
        assertTrue(port.getMessage(), port.getMessage().contains(FILE) && port.getMessage().contains("70000"));
    }
}
