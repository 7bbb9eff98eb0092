/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Pulls a package from the Package URI (5/0/1) over HTTP or HTTPS with the JDK's client. A
 * failure is a {@link GatewayImage.Rejected} carrying the Update Result object 5 defines for it.
 */
final class PackageDownload {

    private final Duration timeout;
    private final long maxBytes;

    PackageDownload(Duration timeout, long maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** Checks the URI before anything is downloaded: 7 for a malformed one, 9 for a scheme other than http(s). */
    static URI check(String text) throws GatewayImage.Rejected {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_INVALID_URI, "Package URI '" + text + "' is not a URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.isEmpty() || uri.getHost() == null) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_INVALID_URI, "Package URI '" + text + "' needs a scheme and a host");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_UNSUPPORTED_PROTOCOL, "Package URI '" + text + "': " + scheme
                    + " is not supported for downloads; use http:// or https:// (5/0/8 lists the protocols), or push the package to 5/0/0");
        }
        return uri;
    }

    /** Downloads into the file; throws Rejected with result 2, 4 or 7. */
    void fetch(URI uri, Path into) throws GatewayImage.Rejected, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new GatewayImage.Rejected(FirmwareState.RESULT_INVALID_URI, uri + " answered HTTP " + response.statusCode());
                }
                long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (announced > maxBytes) {
                    throw tooLarge(uri, announced);
                }
                copy(uri, body, into);
            }
        } catch (IOException e) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_CONNECTION_LOST, "downloading " + uri + " failed: " + e);
        }
    }

    private void copy(URI uri, InputStream body, Path into) throws IOException, GatewayImage.Rejected {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(into)) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(uri, total);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private GatewayImage.Rejected tooLarge(URI uri, long bytes) {
        return new GatewayImage.Rejected(FirmwareState.RESULT_NO_STORAGE, uri + " is larger (" + bytes + " bytes or more) than maxPackageBytes ("
                + maxBytes + ") in etc/" + FirmwareUpdateObject.PID + ".cfg");
    }
}
