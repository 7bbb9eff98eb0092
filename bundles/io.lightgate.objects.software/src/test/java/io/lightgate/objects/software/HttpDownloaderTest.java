/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Pulling over HTTP from a real server on loopback, and the Update Result of each failure. */
public class HttpDownloaderTest {

    private final byte[] jar = Jars.bundle("com.example.pulled", "2.0.0");
    private HttpServer server;
    private ExecutorService executor;
    private HttpDownloader downloader;

    @Before
    public void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/p.jar", exchange -> {
            exchange.sendResponseHeaders(200, jar.length);
            exchange.getResponseBody().write(jar);
            exchange.close();
        });
        server.start();
        executor = Executors.newCachedThreadPool();
        downloader = new HttpDownloader(Duration.ofSeconds(10), executor);
    }

    @After
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    public void theBodyArrivesWhole() {
        assertArrayEquals(jar, downloader.download(uri("/p.jar"), 1 << 20).toCompletableFuture().join());
    }

    @Test
    public void notFoundIsAnInvalidUriAndTooLargeIsNotEnoughStorage() {
        assertEquals(UpdateResult.INVALID_URI, failure(uri("/missing.jar"), 1 << 20));
        assertEquals(UpdateResult.NOT_ENOUGH_STORAGE, failure(uri("/p.jar"), jar.length - 1));
    }

    @Test
    public void userNameAndPasswordAreSentAsBasicAuthentication() {
        server.createContext("/private.jar", exchange -> {
            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString("op:s3cr\u00e9t".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            boolean allowed = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(allowed ? 200 : 401, allowed ? jar.length : -1);
            if (allowed) {
                exchange.getResponseBody().write(jar);
            }
            exchange.close();
        });
        URI uri = uri("/private.jar");
        assertEquals("without credentials: 401", UpdateResult.INVALID_URI, failure(uri, 1 << 20));
        CompletionException wrong = assertThrows(CompletionException.class, () -> downloader.download(uri, 1 << 20,
                new HttpDownloader.Credentials("op", "wrong")).toCompletableFuture().join());
        assertTrue(wrong.getCause().getMessage(), wrong.getCause().getMessage().contains("were refused"));
        assertArrayEquals(jar, downloader.download(uri, 1 << 20, new HttpDownloader.Credentials("op", "s3cr\u00e9t")).toCompletableFuture().join());
        assertFalse("the password is never printed", new HttpDownloader.Credentials("op", "s3cr\u00e9t").toString().contains("s3cr"));
    }

    @Test
    public void aServerThatIsGoneIsAConnectionLost() {
        URI gone = uri("/p.jar");
        server.stop(0);
        assertEquals(UpdateResult.CONNECTION_LOST, failure(gone, 1 << 20));
    }

    private UpdateResult failure(URI uri, long max) {
        CompletionException e = assertThrows(CompletionException.class, () -> downloader.download(uri, max).toCompletableFuture().join());
        return DownloadResults.rejection(e).result();
    }
}
