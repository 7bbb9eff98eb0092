/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import io.lightgate.api.download.DownloadFailure;
import io.lightgate.api.download.DownloadFailure.Kind;
import io.lightgate.api.download.PackageDownloader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** Pulls packages over http:// and https:// with the JDK's HttpClient, never more than the caller accepts. */
final class HttpDownloader implements PackageDownloader {

    private final Duration timeout;
    private final Executor executor;
    /** Made at the first pull: an HttpClient runs a selector thread for as long as it lives. */
    private HttpClient client;

    HttpDownloader(Duration timeout, Executor executor) {
        this.timeout = timeout;
        this.executor = executor;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).executor(executor).build();
        }
        return client;
    }

    @Override
    public CompletionStage<byte[]> download(URI uri, long maxBytes) {
        return download(uri, maxBytes, null);
    }

    /**
     * The same with HTTP Basic authentication (RFC 7617) when {@code credentials} is not null: the
     * User Name and Password (9/x/14, 9/x/15) the server wrote for the pull.
     */
    CompletionStage<byte[]> download(URI uri, long maxBytes, Credentials credentials) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return fetch(uri, maxBytes, credentials);
            } catch (DownloadFailure e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    /** A user name and password for a pull (never logged). */
    record Credentials(String user, String password) {

        String basicAuthorization() {
            return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Credentials[" + user + ", password hidden]";
        }
    }

    private byte[] fetch(URI uri, long maxBytes, Credentials credentials) throws DownloadFailure {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            if (credentials != null) {
                builder.header("Authorization", credentials.basicAuthorization());
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            throw new DownloadFailure(Kind.INVALID_URI, uri + " cannot be requested: " + e.getMessage(), e);
        }
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 401 || status == 403) {
                    throw new DownloadFailure(Kind.INVALID_URI, "GET " + uri + " answered HTTP " + status + (credentials == null
                            ? ": write the User Name and Password (9/x/14, 9/x/15) before the Package URI"
                            : ": the User Name and Password (9/x/14, 9/x/15) were refused"));
                }
                if (status >= 400 && status < 500) {
                    throw new DownloadFailure(Kind.INVALID_URI, "GET " + uri + " answered HTTP " + status);
                }
                if (status < 200 || status >= 300) {
                    throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " answered HTTP " + status);
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw tooLarge(uri, declared + " bytes", maxBytes);
                }
                return readAtMost(body, maxBytes, uri);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadFailure(Kind.CONNECTION_LOST, "the download of " + uri + " was interrupted", e);
        } catch (DownloadFailure e) {
            throw e;
        } catch (IOException e) {
            throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " failed: " + e, e);
        }
    }

    private static byte[] readAtMost(InputStream body, long maxBytes, URI uri) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > maxBytes) {
                throw tooLarge(uri, "more than " + maxBytes + " bytes", maxBytes);
            }
        }
        return out.toByteArray();
    }

    private static DownloadFailure tooLarge(URI uri, String size, long maxBytes) {
        return new DownloadFailure(Kind.TOO_LARGE, uri + " holds " + size + "; packages up to " + maxBytes
                + " bytes are accepted (max.package.bytes in etc/" + SoftwareManagementObject.PID + ".cfg)");
    }
}
