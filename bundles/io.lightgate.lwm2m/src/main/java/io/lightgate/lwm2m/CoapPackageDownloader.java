/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.download.DownloadFailure;
import io.lightgate.api.download.DownloadFailure.Kind;
import io.lightgate.api.download.PackageDownloader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Fetches packages from coap:// URIs for the gateway's management objects (Software Management
 * Package URI): a GET with Californium's block-wise transfer (Block2, RFC 7959), on a socket of
 * its own that lives for one download. Objects see only the SPI, never Californium.
 */
@Component(service = PackageDownloader.class, property = PackageDownloader.SCHEMES + "=coap")
public final class CoapPackageDownloader implements PackageDownloader {

    // CoAP retransmits for up to ~93 s (EXCHANGE_LIFETIME); one block that long means the peer is gone
    private static final long BLOCK_TIMEOUT_MS = 30_000;

    private final ExecutorService downloads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lightgate-coap-download");
        t.setDaemon(true);
        return t;
    });

    @Deactivate
    void deactivate() {
        downloads.shutdownNow();
    }

    @Override
    public CompletionStage<byte[]> download(URI uri, long maxBytes) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return fetch(uri, maxBytes);
            } catch (DownloadFailure e) {
                throw new CompletionException(e);
            }
        }, downloads);
    }

    private static byte[] fetch(URI uri, long maxBytes) throws DownloadFailure {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        // Californium gives up on a block-wise body above this size: the package's size limit
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, (int) Math.min(Integer.MAX_VALUE - 1, maxBytes));
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(new InetSocketAddress(0)).build();
        CoapClient client = new CoapClient(uri);
        client.setEndpoint(endpoint);
        client.setTimeout(BLOCK_TIMEOUT_MS);
        try {
            CoapResponse response = client.get();
            if (response == null) {
                throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " got no complete answer within " + BLOCK_TIMEOUT_MS / 1000
                        + " s (the server is unreachable, or the body is larger than " + maxBytes + " bytes)");
            }
            CoAP.ResponseCode code = response.getCode();
            if (code.isClientError()) {
                throw new DownloadFailure(Kind.INVALID_URI, "GET " + uri + " answered " + code.text + " " + code.name());
            }
            if (!code.isSuccess()) {
                throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " answered " + code.text + " " + code.name());
            }
            byte[] body = response.getPayload();
            if (body.length > maxBytes) {
                throw new DownloadFailure(Kind.TOO_LARGE, uri + " holds " + body.length + " bytes; up to " + maxBytes + " are accepted");
            }
            return body;
        } catch (DownloadFailure e) {
            throw e;
        } catch (Exception e) {
            throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " failed: " + e, e);
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }
}
