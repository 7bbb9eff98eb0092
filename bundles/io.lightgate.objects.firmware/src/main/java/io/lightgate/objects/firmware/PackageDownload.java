/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import io.lightgate.api.download.DownloadFailure;
import io.lightgate.api.download.PackageDownloader;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Pulls a package from the Package URI (5/0/1): over HTTP or HTTPS with the JDK's client, over
 * any other scheme (coap) with a {@link PackageDownloader} service of the gateway that names it.
 * A failure is a {@link GatewayImage.Rejected} carrying the Update Result object 5 defines for it.
 */
final class PackageDownload {

    private final Duration timeout;
    private final long maxBytes;

    PackageDownload(Duration timeout, long maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** The schemes this class downloads itself. */
    static final Set<String> OWN_SCHEMES = Set.of("http", "https");

    /**
     * Checks the URI before anything is downloaded: 7 for a malformed one, 9 (unsupported protocol)
     * for a scheme that is neither http(s) nor in {@code otherSchemes} (those of the downloader services).
     */
    static URI check(String text, Set<String> otherSchemes) throws GatewayImage.Rejected {
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
        if (!OWN_SCHEMES.contains(scheme) && !otherSchemes.contains(scheme)) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_UNSUPPORTED_PROTOCOL, "Package URI '" + text + "': " + scheme
                    + ":// is not supported for downloads; 5/0/8 lists the protocols that are (http, https"
                    + (otherSchemes.isEmpty() ? "" : ", " + String.join(", ", new java.util.TreeSet<>(otherSchemes)))
                    + "), or push the package to 5/0/0");
        }
        return uri;
    }

    /**
     * Downloads into the file, over http(s) itself or with the downloader {@code others} gives for
     * the scheme; throws Rejected with result 2, 3, 4, 7 or 9.
     */
    void fetch(URI uri, Path into, Function<String, PackageDownloader> others) throws GatewayImage.Rejected, InterruptedException {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (OWN_SCHEMES.contains(scheme)) {
            fetchHttp(uri, into);
            return;
        }
        PackageDownloader downloader = others.apply(scheme);
        if (downloader == null) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_UNSUPPORTED_PROTOCOL, "nothing in the gateway downloads " + scheme
                    + ":// any more (its bundle stopped)");
        }
        CompletableFuture<byte[]> transfer;
        try {
            transfer = downloader.download(uri, maxBytes).toCompletableFuture();
        } catch (RuntimeException e) {
            throw rejection(uri, e); // a downloader that is going away
        }
        byte[] body;
        try {
            body = transfer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_CONNECTION_LOST, "downloading " + uri + " took longer than "
                    + timeout.toSeconds() + " s (downloadTimeoutSeconds in etc/" + FirmwareUpdateObject.PID + ".cfg)");
        } catch (ExecutionException e) {
            throw rejection(uri, e.getCause());
        } finally {
            transfer.cancel(true); // ends the transfer when it is still under way
        }
        if (body.length > maxBytes) {
            throw tooLarge(uri, body.length);
        }
        try {
            Files.write(into, body);
        } catch (IOException e) {
            throw new GatewayImage.Rejected(FirmwareState.RESULT_NO_STORAGE, "writing " + into + " failed: " + e);
        }
    }

    private GatewayImage.Rejected rejection(URI uri, Throwable failure) {
        if (failure instanceof DownloadFailure d) {
            return switch (d.kind()) {
                case INVALID_URI -> new GatewayImage.Rejected(FirmwareState.RESULT_INVALID_URI, d.getMessage());
                case CONNECTION_LOST -> new GatewayImage.Rejected(FirmwareState.RESULT_CONNECTION_LOST, d.getMessage());
                case TOO_LARGE -> tooLarge(uri, maxBytes + 1);
            };
        }
        if (failure instanceof OutOfMemoryError) {
            return new GatewayImage.Rejected(FirmwareState.RESULT_OUT_OF_RAM, "the gateway ran out of memory downloading " + uri);
        }
        return new GatewayImage.Rejected(FirmwareState.RESULT_CONNECTION_LOST, "downloading " + uri + " failed: " + failure);
    }

    private void fetchHttp(URI uri, Path into) throws GatewayImage.Rejected, InterruptedException {
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
