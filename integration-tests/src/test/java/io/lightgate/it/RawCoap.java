/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpoint;
import org.eclipse.leshan.server.registration.Registration;

/**
 * CoAP requests a Leshan 2.0.0-M15 server has no API for (paths with an LwM2M Gateway prefix,
 * /&lt;prefix&gt;/3/0), sent from the server's own socket to an endpoint's registered address: the
 * gateway answers only the servers it is registered with.
 */
final class RawCoap {

    private RawCoap() {
    }

    /**
     * Sends a request and waits for its answer.
     *
     * @param accept the Accept option, or -1 for none
     * @param observe null, or the Observe request whose context Leshan keeps: it then stores the
     *        observation and decodes the notifications for that request's path
     */
    static Response send(TestLeshanServer server, String endpoint, CoAP.Code code, String path, int accept, ObserveRequest observe,
            Duration timeout) throws Exception {
        return send(server, endpoint, code, path, accept, observe, timeout, request -> { });
    }

    /**
     * As {@link #send(TestLeshanServer, String, CoAP.Code, String, int, ObserveRequest, Duration)}; {@code path} may end
     * with a query ({@code 3/0/5700?pmin=1&st=2}, Write-Attributes), and {@code customize} adds what else the request
     * carries (Content-Format, payload).
     */
    static Response send(TestLeshanServer server, String endpoint, CoAP.Code code, String path, int accept, ObserveRequest observe,
            Duration timeout, java.util.function.Consumer<Request> customize) throws Exception {
        Registration registration = server.registration(endpoint);
        if (registration == null) {
            throw new AssertionError("endpoint " + endpoint + " is not registered with " + server.name());
        }
        Request request = new Request(code);
        int query = path.indexOf('?');
        request.getOptions().setUriPath(query < 0 ? path : path.substring(0, query));
        if (query >= 0) {
            request.getOptions().setUriQuery(path.substring(query + 1));
        }
        customize.accept(request);
        if (accept >= 0) {
            request.getOptions().setAccept(accept);
        }
        request.setDestinationContext(new AddressEndpointContext(registration.getSocketAddress()));
        if (observe != null) {
            request.getOptions().setObserve(0);
            request.setUserContext(org.eclipse.leshan.core.californium.ObserveUtil.createCoapObserveRequestContext(endpoint,
                    registration.getId(), observe));
        }
        CompletableFuture<Response> answer = new CompletableFuture<>();
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                answer.complete(response);
            }

            @Override
            public void onTimeout() {
                answer.completeExceptionally(new AssertionError("no answer to " + code + " /" + path));
            }
        });
        ((CaliforniumServerEndpoint) server.server().getEndpoint(Protocol.COAP)).getCoapEndpoint().sendRequest(request);
        return answer.get(timeout.toSeconds(), TimeUnit.SECONDS);
    }

    /** A GET in plain text (resource paths) that must succeed: its payload. */
    static String text(TestLeshanServer server, String endpoint, String path, Duration timeout) throws Exception {
        Response r = send(server, endpoint, CoAP.Code.GET, path, 0, null, timeout);
        if (r.getCode() != CoAP.ResponseCode.CONTENT) {
            throw new AssertionError("GET /" + path + " on " + endpoint + ": " + r);
        }
        return r.getPayloadString();
    }
}
