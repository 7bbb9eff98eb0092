/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.lwm2m.codec.ContentCodec;
import io.lightgate.lwm2m.codec.Encoded;
import io.lightgate.lwm2m.codec.TimedValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LwM2M 1.1 Send (Core 6.4.3 / Transport 6.5): an object asks, the values are read now and
 * POSTed to /dp of every server the endpoint is registered with, as timestamped SenML CBOR.
 */
final class Sender {

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);

    private final String endpoint;
    private final EngineContext context;
    private final ServerLink link;
    private final Supplier<List<Registration>> registrations;
    private final UnaryOperator<Encoded> prefixed;

    /**
     * @param endpoint the endpoint's name
     * @param link how the POST to /dp reaches a server
     * @param registrations the endpoint's registrations now
     * @param prefixed a device behind the gateway names its paths under its prefix (identity otherwise)
     */
    Sender(String endpoint, EngineContext context, ServerLink link, Supplier<List<Registration>> registrations,
            UnaryOperator<Encoded> prefixed) {
        this.endpoint = endpoint;
        this.context = context;
        this.link = link;
        this.registrations = registrations;
        this.prefixed = prefixed;
    }

    void send(List<LwM2mPath> paths) {
        Instant now = Instant.now();
        List<CompletableFuture<Map.Entry<LwM2mPath, Object>>> reads = new ArrayList<>();
        for (LwM2mPath p : paths) {
            CompletableFuture<Object> read = p.depth() == 2
                    ? context.registry().readInstance(endpoint, p).toCompletableFuture().thenApply(c -> (Object) c)
                    : context.registry().readResource(endpoint, p).toCompletableFuture().thenApply(c -> (Object) c);
            reads.add(read.thenApply(c -> Map.entry(p, c)));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenComplete((v, failure) -> {
            if (failure != null) {
                LOG.warn("Endpoint '{}': Send of {} not done, a value could not be read: {}", endpoint, paths,
                        LwM2mException.from(failure, "read").getMessage());
                return;
            }
            Map<LwM2mPath, List<TimedValue>> values = new LinkedHashMap<>();
            for (var r : reads) {
                var e = r.join();
                if (e.getValue() instanceof InstanceContent instance) {
                    instance.resources().values().forEach(res -> values.put(
                            LwM2mPath.of(e.getKey().objectId(), instance.id(), res.id()), List.of(new TimedValue(now, res))));
                } else {
                    values.put(e.getKey(), List.of(new TimedValue(now, (Resource) e.getValue())));
                }
            }
            Encoded encoded = prefixed.apply(context.codec().encodeTimestamped(values, ContentCodec.SENML_CBOR));
            // registered = has a location, also while an Update is under way
            List<Registration> targets = registrations.get().stream().filter(r -> r.location() != null).toList();
            if (targets.isEmpty()) {
                LOG.warn("Endpoint '{}': Send of {} dropped: not registered with any server right now", endpoint, paths);
            }
            targets.forEach(r -> post(r, encoded));
        });
    }

    private void post(Registration r, Encoded encoded) {
        if (r.asleep()) {
            r.wakeUp(); // queue mode: the server learns from an Update that the endpoint is awake (a Send does not tell it)
        }
        Request request = Request.newPost();
        request.setDestinationContext(new AddressEndpointContext(r.serverAddress()));
        request.getOptions().setUriPath("dp");
        request.getOptions().setContentFormat(encoded.contentFormat());
        request.setPayload(encoded.payload());
        link.send(request, r.server()).thenAccept(response -> {
            if (response == null || response.getCode() != CoAP.ResponseCode.CHANGED) {
                LOG.warn("Endpoint '{}': Send to {} {}", endpoint, r.server(),
                        response == null ? "got no answer" : "answered " + response.getCode());
            }
        });
    }
}
