/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

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
