/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.download.DownloadFailure;
import io.lightgate.api.download.DownloadFailure.Kind;
import io.lightgate.api.download.PackageDownloader;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches packages from coap:// URIs for the gateway's management objects (Software Management
 * and Firmware Update Package URI): GETs block by block (Block2, RFC 7959), asking for
 * {@value #BLOCK_SIZE}-byte blocks from the first one and taking smaller ones when the server
 * answers so. Objects see only the SPI, never Californium. coaps:// is not served: a download
 * needs credentials for the file server, which the gateway has no setting for.
 *
 * <p>The blocks are requested here rather than by Californium's transparent block-wise mode so
 * that a package of any size up to the caller's limit arrives: CoAP forbids reusing a message ID
 * within EXCHANGE_LIFETIME (247 s), so one socket can ask for at most 65,536 blocks in that time;
 * when they run out the download goes on from a new socket at the same block. Each block is
 * retransmitted as CoAP defines and the download fails once one goes unanswered; a whole download
 * is bounded by {@value #TRANSFER_LIMIT_MINUTES} minutes. Cancelling the returned stage ends it.
 */
@Component(service = PackageDownloader.class, property = PackageDownloader.SCHEMES + "=coap")
public final class CoapPackageDownloader implements PackageDownloader {

    static final int BLOCK_SIZE = 1024;
    static final long TRANSFER_LIMIT_MINUTES = 30;
    // longer than CoAP's retransmissions of one request (MAX_TRANSMIT_WAIT, 93 s), which end it first
    private static final long BLOCK_TIMEOUT_S = 100;
    private static final int MAX_SOCKETS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(CoapPackageDownloader.class);

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
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Runnable transfer = () -> {
            try {
                result.complete(fetch(uri, maxBytes, result));
            } catch (DownloadFailure e) {
                result.completeExceptionally(e);
            } catch (InterruptedException e) {
                result.completeExceptionally(new DownloadFailure(Kind.CONNECTION_LOST, "the download of " + uri + " was stopped", e));
            } catch (RuntimeException e) {
                result.completeExceptionally(new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " failed: " + e, e));
            }
        };
        try {
            downloads.execute(transfer);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(new DownloadFailure(Kind.CONNECTION_LOST, "the LwM2M engine is stopping; GET " + uri + " not sent", e));
        }
        return result;
    }

    private static byte[] fetch(URI uri, long maxBytes, CompletableFuture<byte[]> result) throws DownloadFailure, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(TRANSFER_LIMIT_MINUTES);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int szx = BlockOption.size2Szx(BLOCK_SIZE);
        int sockets = 1;
        CoapEndpoint endpoint = newEndpoint();
        try {
            // every block carries at least 16 bytes: the bound on the loop
            for (long blocks = 0; blocks <= maxBytes / 16 + 1; blocks++) {
                if (result.isDone()) {
                    throw new DownloadFailure(Kind.CONNECTION_LOST, "the download of " + uri + " was cancelled");
                }
                if (System.nanoTime() > deadline) {
                    throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " took longer than " + TRANSFER_LIMIT_MINUTES + " minutes");
                }
                int offset = body.size();
                int size = BlockOption.szx2Size(szx);
                Response response;
                try {
                    response = get(endpoint, uri, szx, offset / size);
                } catch (MessageIdsExhausted e) {
                    if (++sockets > MAX_SOCKETS) {
                        throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + ": " + MAX_SOCKETS + " sockets ran out of message IDs", e);
                    }
                    endpoint.destroy();
                    endpoint = newEndpoint();
                    LOG.info("GET {}: the socket used every CoAP message ID it may within EXCHANGE_LIFETIME; going on at byte {} from"
                            + " socket {}", uri, offset, sockets);
                    continue; // the same block again, from the new socket
                }
                CoAP.ResponseCode code = response.getCode();
                if (code == CoAP.ResponseCode.REQUEST_ENTITY_TOO_LARGE) {
                    throw new DownloadFailure(Kind.TOO_LARGE, uri + " is larger than " + maxBytes + " bytes");
                }
                if (code.isClientError()) {
                    throw new DownloadFailure(Kind.INVALID_URI, "GET " + uri + " answered " + code.text + " " + code.name());
                }
                if (!code.isSuccess()) {
                    throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " answered " + code.text + " " + code.name());
                }
                Integer announced = response.getOptions().getSize2();
                if (announced != null && announced > maxBytes) {
                    throw tooLarge(uri, announced, maxBytes);
                }
                BlockOption block = response.getOptions().getBlock2();
                if (block == null) {
                    if (offset > 0) {
                        throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + ": the server answered block " + offset / size
                                + " with a whole body (has the file changed?)");
                    }
                    return checked(uri, response.getPayload(), maxBytes);
                }
                if (block.getOffset() != offset) {
                    throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + ": asked for the bytes from " + offset
                            + ", the server sent those from " + block.getOffset());
                }
                body.writeBytes(response.getPayload());
                if (body.size() > maxBytes) {
                    throw tooLarge(uri, body.size(), maxBytes);
                }
                if (!block.isM()) {
                    return body.toByteArray();
                }
                if (response.getPayloadSize() == 0) {
                    throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + ": an empty block " + block.getNum() + " that is not the last");
                }
                szx = Math.min(szx, block.getSzx()); // a server may choose smaller blocks (RFC 7959, 2.4)
            }
            throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + ": more blocks than " + maxBytes + " bytes can have");
        } finally {
            endpoint.destroy();
        }
    }

    /** Thrown when a socket has used every message ID CoAP allows within EXCHANGE_LIFETIME. */
    private static final class MessageIdsExhausted extends Exception {
        private static final long serialVersionUID = 1L;

        MessageIdsExhausted(Throwable cause) {
            super(cause);
        }
    }

    private static Response get(CoapEndpoint endpoint, URI uri, int szx, int num) throws DownloadFailure, MessageIdsExhausted,
            InterruptedException {
        Request get = Request.newGet();
        try {
            get.setURI(uri);
        } catch (IllegalArgumentException e) {
            throw new DownloadFailure(Kind.INVALID_URI, uri + " cannot be requested: " + e.getMessage(), e);
        }
        get.getOptions().setBlock2(szx, false, num);
        CompletableFuture<Response> answer = new CompletableFuture<>();
        get.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                answer.complete(response);
            }

            @Override
            public void onSendError(Throwable error) {
                answer.completeExceptionally(error);
            }

            @Override
            protected void failed() {
                answer.completeExceptionally(new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " (block " + num
                        + ") went unanswered after CoAP's retransmissions, or was rejected"));
            }
        });
        try {
            endpoint.sendRequest(get);
            return answer.get(BLOCK_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " (block " + num + ") got no answer within " + BLOCK_TIMEOUT_S + " s", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DownloadFailure d) {
                throw d;
            }
            if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).contains("exhausted")) {
                throw new MessageIdsExhausted(cause);
            }
            throw new DownloadFailure(Kind.CONNECTION_LOST, "GET " + uri + " (block " + num + ") could not be sent: " + cause, cause);
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("exhausted")) {
                throw new MessageIdsExhausted(e);
            }
            throw e;
        } finally {
            get.cancel(); // a no-op once answered
        }
    }

    private static CoapEndpoint newEndpoint() throws DownloadFailure {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS);
        // 0: no transparent block-wise transfer; the blocks are requested in fetch
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 0);
        config.set(CoapConfig.MID_TRACKER, CoapConfig.TrackerMode.MAPBASED);
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(new InetSocketAddress(0)).build();
        try {
            endpoint.start();
        } catch (java.io.IOException e) {
            endpoint.destroy();
            throw new DownloadFailure(Kind.CONNECTION_LOST, "no UDP socket for the download: " + e, e);
        }
        return endpoint;
    }

    private static byte[] checked(URI uri, byte[] body, long maxBytes) throws DownloadFailure {
        if (body.length > maxBytes) {
            throw tooLarge(uri, body.length, maxBytes);
        }
        return body;
    }

    private static DownloadFailure tooLarge(URI uri, long bytes, long maxBytes) {
        return new DownloadFailure(Kind.TOO_LARGE, uri + " holds " + bytes + " bytes or more; up to " + maxBytes + " are accepted");
    }
}
