/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.server.api.BootstrapEntry;
import io.lightgate.server.api.ClientInfo;
import io.lightgate.server.api.Credential;
import io.lightgate.server.api.LocalServer;
import io.lightgate.server.api.LocalServerException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The REST/JSON API of the local LwM2M server (documented in the README, section "REST API").
 * While no local server runs, every call but /api/status answers 503 with what to configure.
 */
@Component(service = Servlet.class, immediate = true)
@HttpWhiteboardServletPattern("/api/*")
@HttpWhiteboardContextSelect(ConsoleContext.SELECT)
@HttpWhiteboardServletAsyncSupported
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Longer than the server's own request timeout, so the server's timeout answers first. */
    private static final long WAIT_MS = 30_000;

    private final transient EventHub events;
    private final transient ModelRepository models;
    private final transient Overview overview;
    private final transient GatewayResource gateway;
    private transient volatile LocalServer server;

    @Activate
    public ApiServlet(@Reference EventHub events, @Reference ModelRepository models, @Reference Overview overview,
            @Reference GatewayResource gateway) {
        this.gateway = gateway;
        this.events = events;
        this.models = models;
        this.overview = overview;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setServer(LocalServer server) {
        this.server = server;
    }

    void unsetServer(LocalServer server) {
        if (this.server == server) {
            this.server = null;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> segments = segments(request.getPathInfo());
        String method = request.getMethod();
        try {
            route(method, segments, request, response);
        } catch (LocalServerException e) {
            ApiErrors.send(response, e);
        } catch (GatewayResource.NoSuchBundle e) {
            ApiErrors.send(response, 404, "unknown-bundle", e.getMessage());
        } catch (IllegalArgumentException e) {
            ApiErrors.send(response, 400, "bad-request", e.getMessage());
        }
    }

    private static List<String> segments(String pathInfo) {
        if (pathInfo == null || pathInfo.isEmpty() || pathInfo.equals("/")) {
            return List.of();
        }
        return Arrays.stream(pathInfo.substring(1).split("/", -1)).toList();
    }

    private void route(String method, List<String> s, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String head = s.isEmpty() ? "" : s.get(0);
        if (head.equals("status") && s.size() == 1 && method.equals("GET")) {
            status(response);
            return;
        }
        if (head.equals("events") && s.size() == 1 && method.equals("GET")) {
            stream(request);
            return;
        }
        if (head.equals("models") && s.size() == 2 && method.equals("GET")) {
            Json.write(response, 200, models.model(integer(s.get(1), "object id"))
                    .orElseThrow(() -> new LocalServerException(LocalServerException.Reason.BAD_REQUEST, "No model for object " + s.get(1))));
            return;
        }
        if (head.equals("overview") && s.size() == 1 && method.equals("GET")) {
            Json.write(response, 200, overview.cards());
            return;
        }
        if (head.equals("gateway")) {
            gateway.handle(method, s, request, response);
            return;
        }
        if (head.equals("history") && s.size() >= 5 && method.equals("GET")) {
            history(s, response);
            return;
        }
        LocalServer local = requireServer();
        switch (head) {
            case "clients":
                clients(local, method, s, request, response);
                return;
            case "observations":
                observations(local, method, s, response);
                return;
            case "values":
                Json.write(response, 200, events.latest(s.size() > 1 ? s.get(1) : null));
                return;
            case "groups":
                group(local, method, s, request, response);
                return;
            case "credentials":
                settings(credentials(local), method, s, request, response);
                return;
            case "bootstrap":
                settings(bootstrap(local), method, s, request, response);
                return;
            default:
                notFound(method, s, response);
        }
    }

    private static void notFound(String method, List<String> s, HttpServletResponse response) throws IOException {
        ApiErrors.send(response, 404, "not-found", "No API operation " + method + " /api/" + String.join("/", s) + " (see the README, REST API)");
    }

    private LocalServer requireServer() {
        LocalServer local = server;
        if (local == null) {
            throw new LocalServerException(LocalServerException.Reason.UNAVAILABLE,
                    "The local LwM2M server is not running: configure it in etc/io.lightgate.server.cfg");
        }
        return local;
    }

    private void status(HttpServletResponse response) throws IOException {
        LocalServer local = server;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("serverRunning", local != null);
        body.put("listen", local == null ? List.of() : local.listenUris());
        body.put("bootstrap", local == null ? List.of() : local.bootstrapUris());
        body.put("clients", local == null ? 0 : local.clients().size());
        body.put("serverPublicKey", local == null ? "" : local.serverPublicKey());
        Json.write(response, 200, body);
    }

    private void stream(HttpServletRequest request) throws IOException {
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                events.close(async);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                events.close(async);
            }

            @Override
            public void onError(AsyncEvent event) {
                events.close(async);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        events.open(async);
    }

    // /api/clients, /api/clients/{ep}, /api/clients/{ep}/{oid}/{iid}/{rid}[/{riid}]
    private void clients(LocalServer local, String method, List<String> s, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (s.size() == 1 && method.equals("GET")) {
            Json.write(response, 200, local.clients());
            return;
        }
        if (s.size() < 2 || s.get(1).isEmpty()) {
            notFound(method, s, response);
            return;
        }
        String endpoint = s.get(1);
        if (s.size() == 2 && method.equals("GET")) {
            ClientInfo client = local.client(endpoint).orElseThrow(() -> unknown(endpoint));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("client", client);
            body.put("observations", observedPaths(local, endpoint));
            Json.write(response, 200, body);
            return;
        }
        LwM2mPath path = lwm2mPath(s, 2);
        switch (method) {
            case "GET":
                Json.write(response, 200, await(local.read(endpoint, path)));
                return;
            case "PUT": {
                JsonNode value = Json.body(request).get("value");
                if (value == null || value.isNull() || value.isContainerNode()) {
                    throw new IllegalArgumentException("Write needs a body like {\"value\": \"42\"}");
                }
                await(local.write(endpoint, path, local.parseValue(endpoint, path, value.asText())));
                Json.write(response, 200, Map.of("path", path.toString(), "written", value.asText()));
                return;
            }
            case "POST": {
                JsonNode arguments = Json.body(request).get("arguments");
                local.client(endpoint).orElseThrow(() -> unknown(endpoint)); // an unknown endpoint first, as for every request
                await(local.execute(endpoint, path, executeArguments(arguments == null || arguments.isNull() ? "" : arguments.asText())));
                Json.write(response, 200, Map.of("path", path.toString(), "executed", true));
                return;
            }
            default:
                notFound(method, s, response);
        }
    }

    // /api/observations/{ep}, /api/observations/{ep}/{path}
    private void observations(LocalServer local, String method, List<String> s, HttpServletResponse response) throws IOException {
        if (s.size() < 2 || s.get(1).isEmpty()) {
            notFound(method, s, response);
            return;
        }
        String endpoint = s.get(1);
        if (s.size() == 2 && method.equals("GET")) {
            local.client(endpoint).orElseThrow(() -> unknown(endpoint));
            Json.write(response, 200, observedPaths(local, endpoint));
            return;
        }
        LwM2mPath path = lwm2mPath(s, 2);
        if (method.equals("PUT") || method.equals("POST")) {
            events.ownedByUser(endpoint, path.toString());
            Object current = await(local.observe(endpoint, path));
            Json.write(response, 200, current);
        } else if (method.equals("DELETE")) {
            boolean cancelled = local.cancelObservation(endpoint, path);
            events.forget(endpoint, path);
            events.ownedByUser(endpoint, path.toString());
            Json.write(response, cancelled ? 200 : 404, Map.of("path", path.toString(), "cancelled", cancelled));
        } else {
            notFound(method, s, response);
        }
    }

    // GET /api/history/{ep}/{oid}/{iid}/{rid}: {"endpoint":..,"path":..,"name":..,"units":..,"points":[[epochMillis, value], ...]}
    private void history(List<String> s, HttpServletResponse response) throws IOException {
        String endpoint = s.get(1);
        String path = lwm2mPath(s, 2).toString();
        if (path.split("/").length != 4) {
            throw new IllegalArgumentException("history is kept per resource: /api/history/{endpoint}/{object}/{instance}/{resource}");
        }
        java.util.Optional<List<History.Point>> points = overview.history(endpoint, path);
        if (points.isEmpty()) {
            ApiErrors.send(response, 404, "no-history", "No numeric value of " + path + " at " + endpoint
                    + " was notified in the kept period: observe it (the overview observes key values by itself)");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endpoint", endpoint);
        body.put("path", path);
        body.putAll(overview.describe(endpoint, path));
        body.put("points", points.get().stream().map(p -> List.of(p.at(), p.value())).toList());
        Json.write(response, 200, body);
    }

    // POST /api/groups/{oid}/write {"resource": 5850, "value": "false"}; POST /api/groups/{oid}/execute {"resource": 5, "arguments": ""}
    private void group(LocalServer local, String method, List<String> s, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (s.size() != 3 || !method.equals("POST")) {
            notFound(method, s, response);
            return;
        }
        int objectId = integer(s.get(1), "object id");
        ObjectNode body = Json.body(request);
        JsonNode resource = body.get("resource");
        if (resource == null || !resource.canConvertToInt() || resource.asInt() < 0 || resource.asInt() > 65534) {
            throw new IllegalArgumentException("the body needs \"resource\": a resource id (0..65534)");
        }
        int resourceId = resource.asInt();
        List<GroupCommand.Outcome> outcomes;
        switch (s.get(2)) {
            case "write": {
                JsonNode value = body.get("value");
                if (value == null || value.isNull() || value.isContainerNode()) {
                    throw new IllegalArgumentException("a group write needs \"value\"");
                }
                outcomes = GroupCommand.run(local, objectId, resourceId, (ep, path) -> local.write(ep, path, local.parseValue(ep, path, value.asText())), WAIT_MS);
                break;
            }
            case "execute": {
                JsonNode arguments = body.get("arguments");
                String args = arguments == null || arguments.isNull() ? "" : arguments.asText();
                outcomes = GroupCommand.run(local, objectId, resourceId, (ep, path) -> local.execute(ep, path, executeArguments(args)), WAIT_MS);
                break;
            }
            default:
                notFound(method, s, response);
                return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("targets", outcomes.size());
        result.put("succeeded", outcomes.stream().filter(GroupCommand.Outcome::ok).count());
        result.put("outcomes", outcomes);
        Json.write(response, 200, result);
    }

    /** Settings kept per endpoint name (credentials, bootstrap configurations): list, put, remove. */
    private record EndpointSettings(Supplier<Object> list, BiFunction<String, ObjectNode, Object> put, Predicate<String> remove) {
    }

    // GET /api/{settings}, PUT /api/{settings}/{ep}, DELETE /api/{settings}/{ep}
    private void settings(EndpointSettings settings, String method, List<String> s, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (s.size() == 1 && method.equals("GET")) {
            Json.write(response, 200, settings.list().get());
            return;
        }
        if (s.size() != 2 || s.get(1).isEmpty()) {
            notFound(method, s, response);
            return;
        }
        String endpoint = s.get(1);
        if (method.equals("PUT")) {
            Json.write(response, 200, settings.put().apply(endpoint, Json.body(request)));
        } else if (method.equals("DELETE")) {
            boolean removed = settings.remove().test(endpoint);
            Json.write(response, removed ? 200 : 404, Map.of("endpoint", endpoint, "removed", removed));
        } else {
            notFound(method, s, response);
        }
    }

    private static EndpointSettings credentials(LocalServer local) {
        return new EndpointSettings(local::credentials, (endpoint, body) -> {
            String mode = body.path("mode").asText("").toUpperCase(Locale.ROOT);
            Credential.Mode parsed;
            try {
                parsed = Credential.Mode.valueOf(mode);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"mode\" must be PSK, RPK or X509, got '" + mode + "'");
            }
            local.putCredential(new Credential(endpoint, parsed, body.path("identity").asText(""), body.path("key").asText("")));
            return Map.of("endpoint", endpoint, "mode", parsed);
        }, local::removeCredential);
    }

    private static EndpointSettings bootstrap(LocalServer local) {
        return new EndpointSettings(() -> local.bootstrapEntries().stream().map(ApiServlet::withoutKey).toList(), (endpoint, body) -> {
            String uri = body.path("serverUri").asText("");
            if (uri.isEmpty()) {
                throw new IllegalArgumentException("a bootstrap configuration needs \"serverUri\"");
            }
            BootstrapEntry entry = new BootstrapEntry(endpoint, uri, body.path("shortServerId").asInt(1),
                    body.path("lifetime").asLong(300), body.path("binding").asText("U"), body.path("securityMode").asText("NO_SEC"),
                    body.path("pskIdentity").asText(""), body.path("pskKey").asText(""));
            local.putBootstrapEntry(entry);
            return withoutKey(entry);
        }, local::removeBootstrapEntry);
    }

    /** A bootstrap configuration as the API shows it: the PSK key is never returned, only whether one is set. */
    private static Map<String, Object> withoutKey(BootstrapEntry e) {
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("endpoint", e.endpoint());
        view.put("serverUri", e.serverUri());
        view.put("shortServerId", e.shortServerId());
        view.put("lifetimeSeconds", e.lifetimeSeconds());
        view.put("binding", e.binding());
        view.put("securityMode", e.securityMode());
        view.put("pskIdentity", e.pskIdentity());
        view.put("pskKeySet", !e.pskKeyHex().isEmpty());
        return view;
    }

    private static LwM2mPath lwm2mPath(List<String> s, int from) {
        List<String> parts = s.subList(from, s.size());
        if (parts.isEmpty() || parts.size() > 4) {
            throw new IllegalArgumentException("expected an LwM2M path of 1 to 4 numbers after the endpoint, e.g. /3/0/0");
        }
        for (String part : parts) {
            integer(part, "path segment");
        }
        return LwM2mPath.parse("/" + String.join("/", parts));
    }

    /** The observed paths as the REST API lists them: text, in text order. */
    private static List<String> observedPaths(LocalServer local, String endpoint) {
        return local.observations(endpoint).stream().map(LwM2mPath::toString).sorted().toList();
    }

    /** Execute arguments as typed (LwM2M syntax, e.g. {@code 0='a',1}); blank for none. */
    private static ExecuteArguments executeArguments(String text) {
        if (text.isBlank()) {
            return ExecuteArguments.NONE;
        }
        try {
            return ExecuteArguments.parse(text);
        } catch (LwM2mException e) {
            throw new LocalServerException(LocalServerException.Reason.BAD_REQUEST, null,
                    "Bad Execute arguments '" + text + "': " + e.getMessage(), e);
        }
    }

    private static int integer(String text, String what) {
        try {
            int value = Integer.parseInt(text);
            if (value < 0 || value > 65535) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + what + " (0..65535)");
        }
    }

    private static LocalServerException unknown(String endpoint) {
        return new LocalServerException(LocalServerException.Reason.UNKNOWN_ENDPOINT, "No client named '" + endpoint + "' is registered");
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LocalServerException l) {
                throw l;
            }
            throw new LocalServerException(LocalServerException.Reason.DEVICE_ERROR, null, String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new LocalServerException(LocalServerException.Reason.TIMEOUT, "No answer within " + WAIT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalServerException(LocalServerException.Reason.UNAVAILABLE, "Interrupted while waiting for the device");
        }
    }
}
