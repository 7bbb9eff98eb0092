/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.download.DownloadFailure;
import io.lightgate.api.download.DownloadFailure.Kind;
import io.lightgate.api.download.PackageDownloader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Fetches packages from coap:// URIs for the gateway's management objects (Software Management
 * and Firmware Update Package URI): a GET with Californium's block-wise transfer (Block2, RFC
 * 7959, blocks of {@value #BLOCK_SIZE} bytes asked for in the first request), on a socket of its
 * own that lives for one download. Objects see only the SPI, never Californium. coaps:// is not
 * served: a download needs credentials for the file server, which the gateway has no setting for.
 *
 * <p>Each block is retransmitted as CoAP defines and the transfer fails once one goes unanswered
 * (about 93 s); a whole transfer is bounded by {@value #TRANSFER_LIMIT_MINUTES} minutes. A caller
 * that cancels the stage this returns ends the transfer.
 */
@Component(service = PackageDownloader.class, property = PackageDownloader.SCHEMES + "=coap")
public final class CoapPackageDownloader implements PackageDownloader {

    static final int BLOCK_SIZE = 1024;
    static final long TRANSFER_LIMIT_MINUTES = 30;

    @Deactivate
    void deactivate() {
        // transfers in flight end with their callers' stages or their own time limit
    }

    @Override
    public CompletionStage<byte[]> download(URI uri, long maxBytes) {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        // Californium gives up on a block-wise body above this size: the package's size limit
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, (int) Math.min(Integer.MAX_VALUE - 1, maxBytes));
        config.set(CoapConfig.PREFERRED_BLOCK_SIZE, BLOCK_SIZE);
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(new InetSocketAddress(0)).build();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Request get = Request.newGet();
        try {
            get.setURI(uri);
        } catch (IllegalArgumentException e) {
            endpoint.destroy();
            return CompletableFuture.failedFuture(new DownloadFailure(Kind.INVALID_URI, uri + " cannot be requested: " + e.getMessage(), e));
        }
        // early negotiation (RFC 7959, 2.4): the server answers in blocks of this size from the first one
        get.getOptions().setBlock2(BlockOption.size2Szx(BLOCK_SIZE), false, 0);
        get.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                complete(result, uri, maxBytes, response);
            }

            @Override
            public void onTimeout() {
                result.completeExceptionally(new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri
                        + ": a block went unanswered after CoAP's retransmissions (the server is unreachable or stopped answering)"));
            }

            @Override
            public void onReject() {
                result.completeExceptionally(new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " was rejected by the server (RST)"));
            }

            @Override
            protected void failed() {
                result.completeExceptionally(new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " failed"));
            }

            @Override
            public void onSendError(Throwable error) {
                result.completeExceptionally(new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " could not be sent: " + error, error));
            }
        });
        result.orTimeout(TRANSFER_LIMIT_MINUTES, TimeUnit.MINUTES).whenComplete((body, failure) -> {
            get.cancel();
            endpoint.destroy();
        });
        try {
            endpoint.start();
            endpoint.sendRequest(get);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " could not be sent: " + e, e));
        }
        return result;
    }

    private static void complete(CompletableFuture<byte[]> result, URI uri, long maxBytes, Response response) {
        CoAP.ResponseCode code = response.getCode();
        if (code == CoAP.ResponseCode.REQUEST_ENTITY_TOO_LARGE) {
            result.completeExceptionally(new DownloadFailure(Kind.TOO_LARGE, uri + " is larger than " + maxBytes + " bytes"));
        } else if (code.isClientError()) {
            result.completeExceptionally(new DownloadFailure(Kind.INVALID_URI, "GET " + uri + " answered " + code.text + " " + code.name()));
        } else if (!code.isSuccess()) {
            result.completeExceptionally(new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " answered " + code.text + " " + code.name()));
        } else if (response.getPayloadSize() > maxBytes) {
            result.completeExceptionally(new DownloadFailure(Kind.TOO_LARGE, uri + " holds " + response.getPayloadSize()
                    + " bytes; up to " + maxBytes + " are accepted"));
        } else {
            result.complete(response.getPayload());
        }
    }
}
