/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.download.DownloadFailure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.After;
import org.junit.Test;

/** Downloads from a real Californium file server on loopback, with the block sizes servers choose. */
public class CoapPackageDownloaderTest {

    private final CoapPackageDownloader downloader = new CoapPackageDownloader();
    private final AtomicInteger gets = new AtomicInteger();
    private CoapServer server;
    private int port;

    @After
    public void tearDown() {
        downloader.deactivate();
        if (server != null) {
            server.destroy();
        }
    }

    private void serve(byte[] body, int blockSize) {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        config.set(CoapConfig.PREFERRED_BLOCK_SIZE, blockSize);
        config.set(CoapConfig.MAX_MESSAGE_SIZE, blockSize);
        server = new CoapServer(config);
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
        server.addEndpoint(endpoint);
        server.add(new CoapResource("pkg.jar") {
            @Override
            public void handleGET(CoapExchange exchange) {
                gets.incrementAndGet();
                exchange.respond(CoAP.ResponseCode.CONTENT, body, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
            }
        });
        server.start();
        port = endpoint.getAddress().getPort();
    }

    private byte[] download(String path, long maxBytes) throws Exception {
        return downloader.download(URI.create("coap://127.0.0.1:" + port + path), maxBytes).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    public void aBodyInMany1024ByteBlocksArrivesWhole() throws Exception {
        byte[] body = random(300_000);
        serve(body, 1024);
        assertArrayEquals(body, download("/pkg.jar", 1_000_000));
    }

    @Test
    public void aServerThatChoosesSmallerBlocksIsFollowed() throws Exception {
        byte[] body = random(50_001);
        serve(body, 64);
        assertArrayEquals(body, download("/pkg.jar", 1_000_000));
    }

    @Test
    public void aSmallBodyComesInOneResponse() throws Exception {
        byte[] body = random(100);
        serve(body, 1024);
        assertArrayEquals(body, download("/pkg.jar", 1_000));
    }

    @Test
    public void aMissingResourceIsAnInvalidUri() throws Exception {
        serve(random(10), 1024);
        assertEquals(DownloadFailure.Kind.INVALID_URI, failure("/nothing.jar", 1_000).kind());
    }

    @Test
    public void aBodyLargerThanTheLimitIsTooLargeAndTheTransferStops() throws Exception {
        serve(random(200_000), 1024);
        assertEquals(DownloadFailure.Kind.TOO_LARGE, failure("/pkg.jar", 10_000).kind());
    }

    private DownloadFailure failure(String path, long maxBytes) throws Exception {
        int seconds = 60;
        try {
            downloader.download(URI.create("coap://127.0.0.1:" + port + path), maxBytes).toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DownloadFailure d) {
                return d;
            }
            throw e;
        }
        fail("the download of " + path + " succeeded");
        return null;
    }
}
