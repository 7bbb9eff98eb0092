/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The security settings of a server configuration: modes, key files, and errors that name the setting and file but never the key. */
public class ServerSecuritySettingsTest {

    private static final String KEY = "00112233445566778899aabbccddeeff";
    private static final String WHERE = "etc/io.lightgate.lwm2m.server-main.cfg";
    private static final URI COAPS = URI.create("coaps://127.0.0.1:5684");

    private Path folder;

    @Before
    public void setUp() throws Exception {
        folder = Files.createTempDirectory("lightgate-psk");
    }

    @After
    public void tearDown() throws Exception {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    public void identityAndKeyFileServeTheGatewayEndpointOnly() throws Exception {
        Files.writeString(folder.resolve("main.psk"), KEY + "\n");
        TransportSecurity s = security(Map.of("psk_identity", "gw-1", "psk_key_file", "main.psk"), COAPS);
        assertEquals("coaps defaults to PSK", TransportSecurity.Mode.PSK, s.mode());
        PskCredential gw = s.psk("gateway", true).orElseThrow();
        assertEquals("gw-1", gw.identity());
        assertArrayEquals(HexFormat.of().parseHex(KEY), gw.key());
        assertTrue("a virtual endpoint has no key without psk.keys.file", s.psk("machine-7", false).isEmpty());
        assertTrue(s.missingPskHint("machine-7"), s.missingPskHint("machine-7").contains("psk.keys.file"));
    }

    @Test
    public void keysFileGivesEachNamedEndpointItsNameAsIdentity() throws Exception {
        Files.writeString(folder.resolve("endpoints.psk"), "# comment\n\nmachine-7 = " + KEY + "\nmachine-8=0a0b\n");
        TransportSecurity s = security(Map.of("security_mode", "psk", "psk_keys_file", "endpoints.psk"), COAPS);
        PskCredential m7 = s.psk("machine-7", false).orElseThrow();
        assertEquals("machine-7", m7.identity());
        assertArrayEquals(HexFormat.of().parseHex(KEY), m7.key());
        assertArrayEquals(new byte[] { 10, 11 }, s.psk("machine-8", false).orElseThrow().key());
        assertTrue(s.psk("machine-9", false).isEmpty());
        assertTrue(s.missingPskHint("machine-9"), s.missingPskHint("machine-9").contains(folder.resolve("endpoints.psk").toString()));
    }

    @Test
    public void inlineKeyWorksButNotTogetherWithAKeyFile() throws Exception {
        TransportSecurity s = security(Map.of("psk_identity", "gw", "psk_key", KEY), COAPS);
        assertArrayEquals(HexFormat.of().parseHex(KEY), s.psk("gw", true).orElseThrow().key());
        Files.writeString(folder.resolve("k"), KEY);
        String message = error(Map.of("psk_identity", "gw", "psk_key", KEY, "psk_key_file", "k"), COAPS);
        assertTrue(message, message.contains("psk.key") && message.contains("psk.key.file") && message.contains(WHERE));
    }

    @Test
    public void aBadHexKeyNamesSettingAndFileButNotTheKey() throws Exception {
        String secretish = "00112233445566778899aabbccddeefZ";
        Files.writeString(folder.resolve("bad.psk"), secretish);
        String message = error(Map.of("psk_identity", "gw", "psk_key_file", "bad.psk"), COAPS);
        assertTrue(message, message.contains("psk.key.file") && message.contains(folder.resolve("bad.psk").toString()) && message.contains(WHERE));
        assertFalse("the key is not in the message: " + message, message.contains("0011223344") || message.contains("Z"));

        Files.writeString(folder.resolve("odd.psk"), "abc");
        String odd = error(Map.of("psk_identity", "gw", "psk_key_file", "odd.psk"), COAPS);
        assertTrue(odd, odd.contains("odd number") && !odd.contains("abc"));

        Files.writeString(folder.resolve("lines.psk"), "machine-7=zz\n");
        String line = error(Map.of("psk_keys_file", "lines.psk"), COAPS);
        assertTrue(line, line.contains("psk.keys.file") && line.contains("line 1") && !line.contains("zz"));
    }

    @Test
    public void aMissingKeyFileNamesSettingAndFile() {
        String message = error(Map.of("psk_identity", "gw", "psk_key_file", "nowhere.psk"), COAPS);
        assertTrue(message, message.contains("psk.key.file") && message.contains(folder.resolve("nowhere.psk").toString())
                && message.contains("does not exist") && message.contains(WHERE));
    }

    @Test
    public void modeAndSchemeMustAgree() throws Exception {
        String noKey = error(Map.of(), COAPS);
        assertTrue(noKey, noKey.contains("psk.identity") && noKey.contains("psk.keys.file"));
        assertEquals(TransportSecurity.NO_SEC, security(Map.of(), URI.create("coap://127.0.0.1:5683")));
        TransportSecurity psk = security(Map.of("psk_identity", "gw", "psk_key", KEY), COAPS);
        IllegalArgumentException plainWithPsk = assertThrows(IllegalArgumentException.class,
                () -> new ServerDefinition("main", URI.create("coap://127.0.0.1:5683"), 1, true, 0, "U", 0, 0, psk));
        assertTrue(plainWithPsk.getMessage(), plainWithPsk.getMessage().contains("coaps://"));
        String unknown = error(Map.of("security_mode", "TLS"), COAPS);
        assertTrue(unknown, unknown.contains("security.mode") && unknown.contains("NO_SEC, PSK, RPK, X509"));
        assertEquals(URI.create("coaps://example.org:5684"), ServerDefinition.parseUri("coaps://example.org", "x"));
    }

    @Test
    public void noSecretInWhatIsLoggedOrShown() throws Exception {
        Files.writeString(folder.resolve("endpoints.psk"), "machine-7=" + KEY + "\n");
        TransportSecurity s = security(Map.of("psk_identity", "gw", "psk_key", KEY, "psk_keys_file", "endpoints.psk"), COAPS);
        ServerDefinition d = new ServerDefinition("main", COAPS, 1, true, 0, "U", 0, 0, s);
        for (String shown : new String[] { s.toString(), d.toString(), s.psk("gw", true).orElseThrow().toString(),
                s.psk("machine-7", false).orElseThrow().toString() }) {
            assertFalse(shown, shown.toLowerCase().contains(KEY));
        }
        assertTrue(d.toString(), d.toString().contains("identity 'gw'"));
    }

    private TransportSecurity security(Map<String, String> settings, URI uri) {
        return ServerConfiguration.security(config(settings), uri, folder, WHERE);
    }

    private String error(Map<String, String> settings, URI uri) {
        return assertThrows(IllegalArgumentException.class, () -> security(settings, uri)).getMessage();
    }

    /** A ServerConfig as SCR would build it: the given values, else the annotation's defaults. */
    private static ServerConfig config(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        return (ServerConfig) Proxy.newProxyInstance(ServerConfig.class.getClassLoader(), new Class<?>[] { ServerConfig.class },
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }
}
