/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.object.WriteMode;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.lwm2m.codec.ContentCodec;
import io.lightgate.lwm2m.codec.Encoded;
import io.lightgate.lwm2m.codec.LinkFormat;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap interface of one endpoint (Core 6.1), for requests from its bootstrap server:
 * Bootstrap-Write (PUT), -Delete (DELETE), -Discover (GET with link format), -Read (GET of /1
 * and /2, LwM2M 1.1) and -Finish (POST /bs). Writes and deletes of Security, Server and Access
 * Control change the session's pending state only; a request that does not decode is answered
 * 4.00 (or 4.15) and changes nothing.
 */
final class BootstrapHandler implements RequestHandler.BootstrapRoute {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapHandler.class);
    private static final String LWM2M_VERSION = "1.1";

    private final ClientEndpoint endpoint;
    private final BootstrapClient client;
    private final ContentCodec codec;

    BootstrapHandler(ClientEndpoint endpoint, BootstrapClient client, ContentCodec codec) {
        this.endpoint = endpoint;
        this.client = client;
        this.codec = codec;
    }

    @Override
    public boolean isBootstrapServer(InetSocketAddress source) {
        return client.isBootstrapServer(source);
    }

    @Override
    public void handle(LwM2mPath path, CoapExchange exchange) {
        try {
            switch (exchange.getRequestCode()) {
                case PUT -> write(path, exchange);
                case DELETE -> delete(path, exchange);
                case GET -> get(path, exchange);
                default -> throw LwM2mException.notAllowed(exchange.getRequestCode() + " on " + path + " is not a bootstrap operation");
            }
        } catch (LwM2mException e) {
            LOG.warn("Endpoint '{}': bootstrap {} {} refused ({}): {}", endpoint.name(), exchange.getRequestCode(), path, e.code(), e.getMessage());
            exchange.respond(CoapResponses.error(e));
        } catch (RuntimeException e) {
            LOG.error("Endpoint '{}': bootstrap {} {} failed: {}", endpoint.name(), exchange.getRequestCode(), path, e.toString(), e);
            exchange.respond(CoapResponses.error(LwM2mException.internal(e.toString(), e)));
        }
    }

    /** Bootstrap-Finish (POST /bs). */
    void finish(CoapExchange exchange) {
        Optional<String> problem = client.finish();
        if (problem.isPresent()) {
            exchange.respond(CoapResponses.error(LwM2mException.notAcceptable("Bootstrap-Finish: " + problem.get())));
        } else {
            exchange.respond(CoAP.ResponseCode.CHANGED);
        }
    }

    // ---- Bootstrap-Write ---------------------------------------------------------------------

    private void write(LwM2mPath path, CoapExchange exchange) {
        if (path.isRoot()) {
            throw LwM2mException.badRequest("Bootstrap-Write needs an object, instance or resource path, not /");
        }
        OptionSet options = exchange.getRequestOptions();
        if (!options.hasContentFormat()) {
            throw LwM2mException.badRequest("Bootstrap-Write without Content-Format");
        }
        int format = options.getContentFormat();
        byte[] payload = exchange.getRequestPayload();
        // decode everything first: a payload that does not decode changes nothing
        Map<LwM2mPath, List<Resource>> writes = new TreeMap<>();
        if (path.isObject()) {
            for (InstanceContent instance : codec.decodeCreate(path.objectId(), format, payload)) {
                if (instance.id() < 0) {
                    throw LwM2mException.badRequest("Bootstrap-Write on " + path + " must name the instances it writes");
                }
                writes.put(LwM2mPath.of(path.objectId(), instance.id()), List.copyOf(instance.resources().values()));
            }
        } else {
            writes.put(LwM2mPath.of(path.objectId(), path.instanceId()), codec.decodeWrite(path, format, payload));
        }
        if (ClientState.OBJECTS.contains(path.objectId())) {
            writes.forEach(ProvisionedValues::check); // before the session's state changes
            client.change(state -> {
                ClientState s = state;
                for (Map.Entry<LwM2mPath, List<Resource>> w : writes.entrySet()) {
                    s = s.write(w.getKey(), w.getValue(), path.isResourceInstance());
                }
                return s;
            });
            LOG.info("Endpoint '{}': Bootstrap-Write of {} ({} instance(s)) into the pending state", endpoint.name(), path, writes.size());
            exchange.respond(CoAP.ResponseCode.CHANGED);
            return;
        }
        // other objects are written as a management server would write them (e.g. a Device's Timezone)
        client.pending(); // keeps the session open
        var registry = endpoint.context().registry();
        var stages = new ArrayList<java.util.concurrent.CompletableFuture<Void>>();
        writes.forEach((instance, resources) -> stages.add(registry.write(endpoint.name(), instance, resources, WriteMode.UPDATE).toCompletableFuture()));
        java.util.concurrent.CompletableFuture.allOf(stages.toArray(java.util.concurrent.CompletableFuture[]::new)).whenComplete((v, e) -> {
            if (e == null) {
                exchange.respond(CoAP.ResponseCode.CHANGED);
            } else {
                exchange.respond(CoapResponses.error(LwM2mException.from(e, "Bootstrap-Write " + path)));
            }
        });
    }

    // ---- Bootstrap-Delete --------------------------------------------------------------------

    private void delete(LwM2mPath path, CoapExchange exchange) {
        if (path.depth() > 2) {
            throw LwM2mException.badRequest("Bootstrap-Delete works on /, an object or an object instance, not " + path);
        }
        if (path.isRoot() || ClientState.OBJECTS.contains(path.objectId())) {
            client.change(state -> state.delete(path));
            LOG.info("Endpoint '{}': Bootstrap-Delete of {} in the pending state", endpoint.name(), path);
        } else {
            // objects the registry's bundles provide are not the bootstrap server's to delete; nothing of them is kept here
            client.pending();
        }
        exchange.respond(CoAP.ResponseCode.DELETED);
    }

    // ---- Bootstrap-Discover and Bootstrap-Read -----------------------------------------------

    private void get(LwM2mPath path, CoapExchange exchange) {
        OptionSet options = exchange.getRequestOptions();
        Integer accept = options.hasAccept() ? options.getAccept() : null;
        ClientState state = client.pending();
        if (accept != null && accept == MediaTypeRegistry.APPLICATION_LINK_FORMAT) {
            if (path.depth() > 1) {
                throw LwM2mException.badRequest("Bootstrap-Discover works on / or an object, not " + path);
            }
            Response response = new Response(CoAP.ResponseCode.CONTENT);
            response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
            response.setPayload(discover(path, state));
            exchange.respond(response);
            return;
        }
        if (path.isRoot() || (path.objectId() != ClientState.SERVER && path.objectId() != ClientState.ACCESS_CONTROL)) {
            throw path.isRoot() || path.objectId() != ClientState.SECURITY
                    ? LwM2mException.badRequest("Bootstrap-Read works on the Server (1) and Access Control (2) objects only, not " + path)
                    : LwM2mException.unauthorized("Bootstrap-Read of the Security object is not allowed");
        }
        SortedMap<Integer, InstanceContent> instances = state.instances(path.objectId());
        Object content;
        if (path.isObject()) {
            content = List.copyOf(instances.values());
        } else {
            InstanceContent instance = instances.get(path.instanceId());
            if (instance == null) {
                throw LwM2mException.notFound(path + " does not exist");
            }
            if (path.isInstance()) {
                content = instance;
            } else {
                Resource r = instance.resources().get(path.resourceId());
                if (r == null) {
                    throw LwM2mException.notFound(path + " does not exist");
                }
                content = r;
            }
        }
        Encoded encoded = codec.encodeRead(path.depth() > 3 ? path.parent() : path, content, accept);
        Response response = new Response(CoAP.ResponseCode.CONTENT);
        response.getOptions().setContentFormat(encoded.contentFormat());
        response.setPayload(encoded.payload());
        exchange.respond(response);
    }

    /**
     * The Bootstrap-Discover payload (Core 5.2.7.1), e.g.
     * {@code </>;lwm2m=1.1,</0/0>;uri="coap://bs:5783",</0/1>;ssid=101;uri="coap://s:5683",</1/0>;ssid=101,</3/0>}.
     */
    private String discover(LwM2mPath target, ClientState state) {
        SortedMap<Integer, SortedSet<Integer>> objects = new TreeMap<>();
        SortedMap<Integer, String> versions = new TreeMap<>();
        EndpointTree tree = endpoint.context().registry().tree(endpoint.name()).orElse(null);
        if (tree != null) {
            tree.objects().forEach((id, node) -> {
                objects.put(id, new TreeSet<>(node.instances().keySet()));
                if (!LinkFormat.isDefaultVersion(id, node.model().version(), LWM2M_VERSION)) {
                    versions.put(id, node.model().version());
                }
            });
        }
        // the provisioned objects are what the session holds, not what the registry shows
        for (int id : ClientState.OBJECTS) {
            if (state.instances(id).isEmpty() && id == ClientState.ACCESS_CONTROL && !objects.containsKey(id)) {
                continue;
            }
            objects.put(id, new TreeSet<>(state.instances(id).keySet()));
        }
        StringBuilder sb = new StringBuilder("</>;lwm2m=").append(LWM2M_VERSION);
        Map<Integer, SecurityInstance> security = new TreeMap<>();
        state.securityInstances().forEach(s -> security.put(s.instanceId(), s));
        objects.forEach((objectId, instances) -> {
            if (!target.isRoot() && target.objectId() != objectId) {
                return;
            }
            String ver = versions.get(objectId);
            if (instances.isEmpty() || ver != null) {
                sb.append(",</").append(objectId).append('>');
                if (ver != null) {
                    sb.append(";ver=").append(ver);
                }
            }
            for (int instanceId : instances) {
                sb.append(",</").append(objectId).append('/').append(instanceId).append('>');
                if (objectId == ClientState.SECURITY) {
                    SecurityInstance s = security.get(instanceId);
                    if (!s.bootstrapServer() && s.shortServerId() >= 0) {
                        sb.append(";ssid=").append(s.shortServerId());
                    }
                    if (!s.uri().isEmpty()) {
                        sb.append(";uri=\"").append(s.uri()).append('"');
                    }
                } else if (objectId == ClientState.SERVER) {
                    long ssid = ClientState.longOf(state.instances(objectId).get(instanceId), 0, -1);
                    if (ssid >= 0) {
                        sb.append(";ssid=").append(ssid);
                    }
                }
            }
        });
        return sb.toString();
    }
}
