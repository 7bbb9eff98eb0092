/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.Test;

/** Package URIs: the schemes accepted, the #sha256= fragment, and the Update Results of bad ones. */
public class PackageSourceTest {

    private static final byte[] PACKAGE = "a package".getBytes(StandardCharsets.UTF_8);

    @Test
    public void httpHttpsCoapAndCoapsAreAccepted() throws Exception {
        for (String uri : new String[] { "http://h/p.jar", "HTTPS://h:8443/p.jar", "coap://[::1]/fw/p", "coaps://h/p" }) {
            PackageSource source = PackageSource.parse(uri);
            assertEquals(uri, source.location().toString());
            assertTrue(source.sha256().isEmpty());
        }
    }

    @Test
    public void otherSchemesAndMalformedUrisAreInvalidUris56() {
        for (String uri : new String[] { "ftp://h/p.jar", "file:/etc/passwd", "http:///nohost", "not a uri", "http://h/p.jar#md5=00" }) {
            PackageRejected e = assertThrows(uri, PackageRejected.class, () -> PackageSource.parse(uri));
            assertEquals(uri, UpdateResult.INVALID_URI, e.result());
        }
    }

    @Test
    public void theSha256FragmentIsCheckedAndNotSent() throws Exception {
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PACKAGE));
        PackageSource source = PackageSource.parse("http://127.0.0.1:8080/p.jar?x=1#sha256=" + hex.toUpperCase());
        assertEquals("http://127.0.0.1:8080/p.jar?x=1", source.location().toString());
        source.verify(PACKAGE);
        PackageRejected e = assertThrows(PackageRejected.class, () -> source.verify("another package".getBytes(StandardCharsets.UTF_8)));
        assertEquals(UpdateResult.INTEGRITY_CHECK_FAILURE, e.result());
        assertTrue(e.getMessage(), e.getMessage().contains(hex));
    }

    @Test
    public void aSha256OfTheWrongLengthOrNotHexIsAnInvalidUri() {
        assertEquals(UpdateResult.INVALID_URI, assertThrows(PackageRejected.class, () -> PackageSource.parse("http://h/p#sha256=abcd")).result());
        String notHex = "z".repeat(64);
        assertEquals(UpdateResult.INVALID_URI, assertThrows(PackageRejected.class, () -> PackageSource.parse("http://h/p#sha256=" + notHex)).result());
    }
}
