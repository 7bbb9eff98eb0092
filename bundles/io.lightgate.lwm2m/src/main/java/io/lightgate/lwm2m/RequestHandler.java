/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.WriteMode;
import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.lwm2m.access.Operation;
import io.lightgate.lwm2m.codec.CompositeSplitter;
import io.lightgate.lwm2m.codec.ContentCodec;
import io.lightgate.lwm2m.codec.Encoded;
import io.lightgate.lwm2m.codec.TimedValue;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserver;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device management and information reporting requests of one endpoint (Core 6.3, 6.4):
 * checks who asks, maps CoAP method + path to the registry operation, encodes the answer in
 * the requested format. Every answer is sent asynchronously, on whatever thread the
 * registry's stage completes on; no engine thread waits for an object.
 */
final class RequestHandler implements PathResource.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    private static final int LINK_FORMAT = MediaTypeRegistry.APPLICATION_LINK_FORMAT;

    /** What the handler needs of the endpoint whose tree it answers for. */
    interface Target {
        /** The endpoint's name in the registry. */
        String name();

        /** A device behind the gateway: the prefix its paths are addressed by. */
        Optional<String> prefix();

        /** A payload with the paths as the server addresses them (under the prefix of a device behind the gateway). */
        Encoded prefixed(Encoded encoded);

        /** The Discover answer for a path, with the attributes that server attached. */
        String discover(LwM2mPath path, Registration from);

        /** Write-Attributes of a server at a path. */
        void writeAttributes(Registration from, LwM2mPath path, List<String> queries);

        /**
         * A notification's delivery, tracked by store-and-forward; null when the server is unreachable
         * now (its values were stored: send nothing).
         */
        MessageObserver track(Registration from, ObserveRelation relation, Response response, List<StoredValue> values);
    }

    /** Requests of the bootstrap server go to the Bootstrap interface (Core 6.1). */
    interface BootstrapRoute {
        boolean isBootstrapServer(InetSocketAddress source);

        void handle(LwM2mPath path, CoapExchange exchange);
    }

    /** What the handler tells the endpoint's observe relations (see {@link Observations}). */
    interface Observing {
        /** Whether a notification of the relation may be made now (not while the previous one is in transit). */
        boolean beginNotification(ObserveRelation relation);

        /** What the notification being made carries, reported with changes (see {@link Observations.Untold}). */
        Observations.Untold takeUntold(ObserveRelation relation, boolean all);

        /** The notification begun last is done. */
        void endNotification(ObserveRelation relation);

        /** A response went out on an observe exchange with this content. */
        void sent(ObserveRelation relation, Object content);

        /** A notification was not sent because the source is unavailable. */
        void heldBack(ObserveRelation relation);
    }

    private final Target endpoint;
    private final ObjectRegistry registry;
    private final ContentCodec codec;
    private final EndpointAccess access;
    private final ServerLookup servers;
    private final BootstrapRoute bootstrap;
    private final Observing observations;
    private final CompositeRouting composite;

    RequestHandler(Target endpoint, EndpointAccess access, ServerLookup servers, BootstrapRoute bootstrap, Observing observations,
            ObjectRegistry registry, ContentCodec codec, CompositeRouting composite) {
        this.endpoint = endpoint;
        this.access = access;
        this.servers = servers;
        this.bootstrap = bootstrap;
        this.observations = observations;
        this.registry = registry;
        this.codec = codec;
        this.composite = composite;
    }

    @Override
    public void handle(PathResource resource, CoapExchange exchange) {
        handle(resource.path(), exchange);
    }

    /** Answers a request on {@code path} of the endpoint's tree. */
    void handle(LwM2mPath path, CoapExchange exchange) {
        if (bootstrap.isBootstrapServer(exchange.getSourceSocketAddress())) {
            bootstrap.handle(path, exchange);
            return;
        }
        Registration from = servers.registrationFor(exchange.getSourceSocketAddress());
        if (from == null) {
            exchange.respond(CoAP.ResponseCode.UNAUTHORIZED, "not a server this endpoint is registered with");
            return;
        }
        if (!path.isRoot() && path.objectId() == 0) {
            exchange.respond(CoAP.ResponseCode.UNAUTHORIZED, "the Security object is not accessible to management servers");
            return;
        }
        try {
            switch (exchange.getRequestCode()) {
                case GET -> get(exchange, path, from);
                case PUT -> put(exchange, path, from);
                case POST -> post(exchange, path, from);
                case DELETE -> delete(exchange, path, from);
                case FETCH -> fetch(exchange, path, from);
                case IPATCH -> compositeWrite(exchange, path, from);
                default -> throw LwM2mException.notAllowed(exchange.getRequestCode() + " is not an LwM2M operation");
            }
        } catch (LwM2mException e) {
            exchange.respond(CoapResponses.error(e));
        } catch (RuntimeException e) {
            LOG.error("Endpoint '{}': {} {} failed: {}", endpoint.name(), exchange.getRequestCode(), path, e.toString(), e);
            exchange.respond(CoapResponses.error(LwM2mException.internal(e.toString(), e)));
        }
    }

    // ---- GET: Read, Discover, Observe (and its notifications) --------------------------------

    private void get(CoapExchange exchange, LwM2mPath path, Registration from) {
        OptionSet options = exchange.getRequestOptions();
        Integer accept = options.hasAccept() ? options.getAccept() : null;
        if (accept != null && accept == LINK_FORMAT) {
            discover(exchange, path, from);
            return;
        }
        if (path.isRoot()) {
            throw LwM2mException.notAllowed("Read of / is not an LwM2M operation (use Read-Composite)");
        }
        var relation = exchange.advanced().getRelation();
        if (relation != null && relation.isEstablished()) {
            notification(exchange, path, accept, relation, from);
            return;
        }
        access.check(from, relation != null ? Operation.OBSERVE : Operation.READ, path);
        reply(exchange, read(path, from).thenApply(content -> {
            Encoded encoded = endpoint.prefixed(codec.encodeRead(path, content, accept)); // a device's names under its prefix
            Response response = new Response(CoAP.ResponseCode.CONTENT);
            response.getOptions().setContentFormat(encoded.contentFormat());
            response.setPayload(encoded.payload());
            if (relation != null) {
                observations.sent(relation, content);
            }
            return response;
        }));
    }

    /**
     * A notification of an established relation. When the source behind the path is away for a
     * while (5.03: an OPC UA server reconnecting, a meter not answering) nothing is sent: an error
     * notification would end the relation, and the server would have to observe again. The relation
     * stays and notifies once values flow again.
     */
    private void notification(CoapExchange exchange, LwM2mPath path, Integer accept,
            ObserveRelation relation, Registration from) {
        access.check(from, Operation.OBSERVE, path); // rights may have changed since the Observe: 4.01 ends the relation
        if (!observations.beginNotification(relation)) {
            return; // the previous notification is in transit: this change goes with the next one
        }
        // values reported with the changes since the last notification: in SenML it carries them all,
        // each with its time; in other formats the oldest, and the next notification the next one;
        // delivery is tracked (stored should the server not acknowledge); none reported: read now
        Observations.Untold untold = observations.takeUntold(relation, senml(accept));
        CompletionStage<Object> contentNow;
        try {
            if (!untold.read()) {
                contentNow = CompletableFuture.completedFuture(untold.taken().get(untold.taken().size() - 1).content());
            } else if (untold.current() != null) {
                contentNow = CompletableFuture.completedFuture(untold.current()); // read to decide on the change: not read again
            } else {
                contentNow = read(path, from);
            }
        } catch (RuntimeException e) {
            contentNow = CompletableFuture.failedFuture(e);
        }
        contentNow.whenComplete((read, failure) -> {
            try {
                notify(exchange, path, accept, relation, from, untold, read, failure);
            } catch (RuntimeException e) {
                // never leave the relation "in transit": it would not notify again
                observations.endNotification(relation);
                LOG.error("Endpoint '{}': notification of {} failed: {}", endpoint.name(), path, e.toString(), e);
                exchange.respond(CoapResponses.error(LwM2mException.from(e, "notification of " + path)));
            }
        });
    }

    /** Makes the notification from what was reported or read (see {@link #notification}). */
    private void notify(CoapExchange exchange, LwM2mPath path, Integer accept, ObserveRelation relation,
            Registration from, Observations.Untold untold, Object read, Throwable failure) {
        Object content = read;
        if (failure != null && !untold.taken().isEmpty()) {
            // the source went away after it reported values: the notification carries the last of them
            content = untold.taken().get(untold.taken().size() - 1).content();
        }
        if (content != null) {
            List<StoredValue> values = new ArrayList<>();
            untold.taken().forEach(t -> values.addAll(StoredValue.of(path, t.content(), t.at())));
            if (untold.read() && failure == null) {
                values.addAll(StoredValue.of(path, content, Instant.now()));
            }
            observations.sent(relation, content);
            Encoded encoded = endpoint.prefixed(history(untold, accept)
                    ? codec.encodeTimestamped(Map.of(path, timed(untold, untold.read() && failure == null ? content : null)), accept)
                    : codec.encodeRead(path, content, accept));
            Response response = new Response(CoAP.ResponseCode.CONTENT);
            response.getOptions().setContentFormat(encoded.contentFormat());
            response.setPayload(encoded.payload());
            var delivery = endpoint.track(from, relation, response, values);
            if (delivery == null) {
                observations.endNotification(relation);
                return; // the server became unreachable meanwhile: the values are stored
            }
            response.addMessageObserver(delivery);
            response.addMessageObserver(new TransitEnd(response, () -> observations.endNotification(relation)));
            exchange.respond(response);
            return;
        }
        observations.endNotification(relation);
        LwM2mException e = LwM2mException.from(failure, "notification of " + path);
        if (e.code() == ResponseCode.SERVICE_UNAVAILABLE) {
            LOG.debug("Endpoint '{}': notification of {} held back, the source is unavailable: {}", endpoint.name(), path,
                    e.getMessage());
            observations.heldBack(relation);
            return;
        }
        exchange.respond(CoapResponses.error(e));
    }

    /** Tells when a notification is no longer in transit: a NON once sent, a CON once answered, either when it failed. */
    private static final class TransitEnd extends MessageObserverAdapter {
        private final Response response;
        private final Runnable ended;

        TransitEnd(Response response, Runnable ended) {
            this.response = response;
            this.ended = ended;
        }

        @Override
        public void onSent(boolean retransmission) {
            if (response.getType() != CoAP.Type.CON) {
                ended.run();
            }
        }

        @Override
        public void onAcknowledgement() {
            ended.run();
        }

        @Override
        public void onReject() {
            ended.run();
        }

        @Override
        public void onTimeout() {
            ended.run();
        }

        @Override
        public void onCancel() {
            ended.run();
        }

        @Override
        public void onSendError(Throwable error) {
            ended.run();
        }
    }

    /**
     * Whether a notification carries every value reported since the last one, each with its time
     * (a SenML pack of timestamped records, as LwM2M 1.1 allows for Notify), rather than the
     * newest alone: when several were reported and the server observed in SenML JSON or CBOR. A
     * burst (an OPC UA publish with a queue of samples) then reaches the server whole.
     */
    private static boolean history(Observations.Untold untold, Integer accept) {
        return untold.taken().size() > 1 && senml(accept);
    }

    private static boolean senml(Integer accept) {
        return accept != null && (accept == ContentCodec.SENML_JSON || accept == ContentCodec.SENML_CBOR);
    }

    /** The reported values oldest first, and the value read now (if any) last. */
    private static List<TimedValue> timed(Observations.Untold untold, Object readNow) {
        List<TimedValue> timed = new ArrayList<>();
        untold.taken().forEach(t -> timed.add(new TimedValue(t.at(), t.content())));
        if (readNow != null) {
            timed.add(new TimedValue(Instant.now(), readNow));
        }
        return timed;
    }

    /**
     * Reads a path at its level: List&lt;InstanceContent&gt;, InstanceContent or Resource. An object holds
     * only the instances the server may read (Core 1.1 §7.3).
     */
    private CompletionStage<Object> read(LwM2mPath path, Registration from) {
        String ep = endpoint.name();
        return switch (path.depth()) {
            case 1 -> registry.readObject(ep, path.objectId())
                    .thenApply(all -> all.stream().filter(i -> access.mayRead(from, path.objectId(), i.id())).toList());
            case 2 -> registry.readInstance(ep, path).thenApply(v -> v);
            default -> registry.readResource(ep, path).thenApply(v -> v);
        };
    }

    private void discover(CoapExchange exchange, LwM2mPath path, Registration from) {
        if (path.isRoot()) {
            throw LwM2mException.badRequest("Discover of / is a Bootstrap-Discover; not allowed from a management server");
        }
        if (path.isResourceInstance()) {
            throw LwM2mException.badRequest("Discover of a resource instance is not defined");
        }
        access.check(from, Operation.DISCOVER, path);
        String links = endpoint.discover(path, from);
        if (path.depth() == 1) {
            links = LinkPayloads.withoutInstances(links, i -> !access.mayRead(from, path.objectId(), i));
        }
        String prefix = endpoint.prefix().orElse(null);
        if (prefix != null) {
            links = LinkPayloads.prefixed(links, prefix); // a device behind the gateway: links as the server addresses it
        }
        Response response = new Response(CoAP.ResponseCode.CONTENT);
        response.getOptions().setContentFormat(LINK_FORMAT);
        response.setPayload(links);
        exchange.respond(response);
    }

    // ---- PUT: Write (replace), Write-Attributes ----------------------------------------------

    private void put(CoapExchange exchange, LwM2mPath path, Registration from) {
        byte[] payload = exchange.getRequestPayload();
        OptionSet options = exchange.getRequestOptions();
        if ((payload == null || payload.length == 0) && !options.hasContentFormat()) {
            access.check(from, Operation.WRITE_ATTRIBUTES, path);
            endpoint.writeAttributes(from, path, options.getUriQuery());
            exchange.respond(CoAP.ResponseCode.CHANGED);
            return;
        }
        if (path.depth() < 2) {
            throw LwM2mException.notAllowed("Write needs an instance or resource path, not " + path);
        }
        access.check(from, Operation.WRITE, path);
        List<Resource> resources = codec.decodeWrite(path, requireFormat(options), payload);
        LwM2mPath instance = LwM2mPath.of(path.objectId(), path.instanceId());
        WriteMode mode = path.isResourceInstance() ? WriteMode.UPDATE : WriteMode.REPLACE;
        reply(exchange, registry.write(endpoint.name(), instance, resources, mode).thenApply(v -> CoapResponses.of(CoAP.ResponseCode.CHANGED)));
    }

    // ---- POST: Create, Write (partial update), Execute ---------------------------------------

    private void post(CoapExchange exchange, LwM2mPath path, Registration from) {
        byte[] payload = exchange.getRequestPayload();
        access.check(from, switch (path.depth()) {
            case 1 -> Operation.CREATE;
            case 2 -> Operation.WRITE;
            default -> Operation.EXECUTE;
        }, path);
        switch (path.depth()) {
            case 1 -> {
                List<InstanceContent> created = payload == null || payload.length == 0
                        ? List.of(new InstanceContent(-1, new java.util.TreeMap<>()))
                        : codec.decodeCreate(path.objectId(), requireFormat(exchange.getRequestOptions()), payload);
                if (created.size() != 1) {
                    throw LwM2mException.badRequest("Create carries " + created.size() + " instances; one is supported");
                }
                InstanceContent content = created.get(0);
                Integer id = content.id() < 0 ? null : content.id();
                reply(exchange, registry.create(endpoint.name(), path.objectId(), id, List.copyOf(content.resources().values()))
                        .thenApply(newId -> {
                            access.created(from, path.objectId(), newId);
                            Response response = new Response(CoAP.ResponseCode.CREATED);
                            response.getOptions().setLocationPath(path.objectId() + "/" + newId);
                            return response;
                        }));
            }
            case 2 -> {
                List<Resource> resources = codec.decodeWrite(path, requireFormat(exchange.getRequestOptions()), payload);
                reply(exchange, registry.write(endpoint.name(), path, resources, WriteMode.UPDATE)
                        .thenApply(v -> CoapResponses.of(CoAP.ResponseCode.CHANGED)));
            }
            case 3 -> {
                String text = payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
                ExecuteArguments arguments = ExecuteArguments.parse(text);
                reply(exchange, registry.execute(endpoint.name(), path, arguments).thenApply(v -> CoapResponses.of(CoAP.ResponseCode.CHANGED)));
            }
            default -> throw LwM2mException.notAllowed("POST on " + path + " is not an LwM2M operation");
        }
    }

    // ---- DELETE ---------------------------------------------------------------------------------

    private void delete(CoapExchange exchange, LwM2mPath path, Registration from) {
        if (!path.isInstance()) {
            throw LwM2mException.notAllowed("Delete needs an object instance path, not " + path);
        }
        access.check(from, Operation.DELETE, path);
        reply(exchange, registry.delete(endpoint.name(), path).thenApply(v -> {
            access.deleted(path);
            return CoapResponses.of(CoAP.ResponseCode.DELETED);
        }));
    }

    // ---- FETCH / iPATCH on /: Read-Composite, Write-Composite (1.1) ----------------------------
    // paths of the gateway's own objects and, by prefix, of the devices behind it (object 25): see CompositeRouting

    private void fetch(CoapExchange exchange, LwM2mPath path, Registration from) {
        if (!path.isRoot()) {
            throw LwM2mException.notAllowed("Read-Composite is a FETCH on /");
        }
        OptionSet options = exchange.getRequestOptions();
        int format = requireFormat(options);
        Integer accept = options.hasAccept() ? options.getAccept() : null;
        var relation = exchange.advanced().getRelation();
        List<CompositeRouting.Part> parts = composite.parts(format, exchange.getRequestPayload());
        reply(exchange, composite.read(parts, format, from, relation != null ? Operation.OBSERVE : Operation.READ).thenApply(byPrefix -> {
            // this endpoint's own values: what store-and-forward keeps should the notification not get through
            // (the values of devices named by prefix are not kept: see README, object 25)
            Map<LwM2mPath, Object> contents = byPrefix.getOrDefault(CompositeSplitter.OWN, Map.of());
            Encoded encoded = endpoint.prefixed(composite.encode(byPrefix, accept));
            if (relation != null) {
                observations.sent(relation, contents);
            }
            Response response = new Response(CoAP.ResponseCode.CONTENT);
            response.getOptions().setContentFormat(encoded.contentFormat());
            response.setPayload(encoded.payload());
            if (relation != null && relation.isEstablished()) {
                // a notification of an Observe-Composite: delivered once acknowledged, else stored (see StoreAndForward)
                var delivery = endpoint.track(from, relation, response,
                        StoredValue.of(LwM2mPath.ROOT, contents, Instant.now()));
                if (delivery != null) { // else stored meanwhile; this answer may then arrive twice, never not at all
                    response.addMessageObserver(delivery);
                }
            }
            return response;
        }));
    }

    private void compositeWrite(CoapExchange exchange, LwM2mPath path, Registration from) {
        if (!path.isRoot()) {
            throw LwM2mException.notAllowed("Write-Composite is an iPATCH on /");
        }
        int format = requireFormat(exchange.getRequestOptions());
        List<CompositeRouting.Part> parts = composite.parts(format, exchange.getRequestPayload());
        reply(exchange, composite.write(parts, format, from).thenApply(v -> CoapResponses.of(CoAP.ResponseCode.CHANGED)));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static int requireFormat(OptionSet options) {
        if (!options.hasContentFormat()) {
            throw LwM2mException.badRequest("the request has a payload but no Content-Format");
        }
        return options.getContentFormat();
    }

    private void reply(CoapExchange exchange, CompletionStage<Response> answer) {
        answer.whenComplete((response, failure) -> {
            if (failure == null) {
                exchange.respond(response);
            } else {
                LwM2mException e = LwM2mException.from(failure, exchange.getRequestCode() + " " + exchange.advanced().getRequest().getOptions().getUriPathString());
                if (e.code() == ResponseCode.INTERNAL_SERVER_ERROR) {
                    LOG.error("Endpoint '{}': {}", endpoint.name(), e.getMessage(), failure);
                }
                exchange.respond(CoapResponses.error(e));
            }
        });
    }
}
