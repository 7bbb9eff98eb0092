/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A Package URI (9/x/3) as written by the server: where to fetch the package (http, https,
 * coap or coaps) and, when the URI ends in {@code #sha256=<64 hex digits>}, the SHA-256 the
 * package must have. The fragment never leaves the gateway.
 *
 * @param location the URI without its fragment
 * @param sha256 the expected digest, or empty
 */
public record PackageSource(URI location, Optional<byte[]> sha256) {

    static final Set<String> SCHEMES = Set.of("http", "https", "coap", "coaps");
    private static final String SHA256 = "sha256=";

    public PackageSource {
        sha256 = sha256.map(byte[]::clone);
    }

    /** Parses a Package URI; a malformed one is refused with Update Result 56 (invalid URI). */
    public static PackageSource parse(String text) throws PackageRejected {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw invalid("'" + text + "' is no URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme) || uri.getHost() == null) {
            throw invalid("'" + text + "' is no http://, https://, coap:// or coaps:// URI with a host");
        }
        Optional<byte[]> digest = Optional.empty();
        String fragment = uri.getRawFragment();
        if (fragment != null) {
            if (!fragment.startsWith(SHA256)) {
                throw invalid("the fragment of '" + text + "' is not #sha256=<64 hex digits>");
            }
            String hex = fragment.substring(SHA256.length());
            if (hex.length() != 64) {
                throw invalid("#sha256= of '" + text + "' needs 64 hex digits, it has " + hex.length());
            }
            try {
                digest = Optional.of(HexFormat.of().parseHex(hex));
            } catch (IllegalArgumentException e) {
                throw invalid("#sha256= of '" + text + "' is not hexadecimal");
            }
        }
        String trimmed = text.strip();
        int hash = trimmed.indexOf('#');
        return new PackageSource(hash < 0 ? uri : URI.create(trimmed.substring(0, hash)), digest);
    }

    /** The scheme in lower case. */
    public String scheme() {
        return location.getScheme().toLowerCase(Locale.ROOT);
    }

    /** Checks a downloaded package against the digest of the URI (Update Result 53 when it differs). */
    public void verify(byte[] pkg) throws PackageRejected {
        if (sha256.isEmpty()) {
            return;
        }
        byte[] actual;
        try {
            actual = MessageDigest.getInstance("SHA-256").digest(pkg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        if (!MessageDigest.isEqual(actual, sha256.get())) {
            throw new PackageRejected(UpdateResult.INTEGRITY_CHECK_FAILURE, "the package's SHA-256 is " + HexFormat.of().formatHex(actual)
                    + ", the Package URI asks for " + HexFormat.of().formatHex(sha256.get()));
        }
    }

    private static PackageRejected invalid(String why) {
        return new PackageRejected(UpdateResult.INVALID_URI, why);
    }
}
