/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.shell;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.api.registry.ObjectRegistry;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands that show the registry as it is now:
 * {@code lwm2m:endpoints}, {@code lwm2m:objects [endpoint]}, {@code lwm2m:read <endpoint> <path>},
 * {@code lwm2m:models}. Each returns its text, which Gogo prints.
 */
@Component(service = Lwm2mCommands.class, property = {
        "osgi.command.scope=lwm2m",
        "osgi.command.function=endpoints",
        "osgi.command.function=objects",
        "osgi.command.function=read",
        "osgi.command.function=models" })
public final class Lwm2mCommands {

    private final ObjectRegistry registry;
    private final ModelRepository models;

    @Activate
    public Lwm2mCommands(@Reference ObjectRegistry registry, @Reference ModelRepository models) {
        this.registry = registry;
        this.models = models;
    }

    /** Lists the endpoints with their lifetime and number of objects. */
    public String endpoints() {
        StringBuilder out = new StringBuilder(String.format("%-40s %10s %8s%n", "ENDPOINT", "LIFETIME", "OBJECTS"));
        for (EndpointDescriptor e : registry.endpoints()) {
            int objects = registry.tree(e.name()).map(t -> t.objects().size()).orElse(0);
            String name = e.name() + (e.name().equals(registry.gatewayEndpoint()) ? " (gateway)" : "");
            out.append(String.format("%-40s %9ds %8d%n", name, e.lifetime().toSeconds(), objects));
        }
        return out.toString();
    }

    /** The gateway endpoint's objects. */
    public String objects() {
        return objects(registry.gatewayEndpoint());
    }

    /** An endpoint's objects, instances and the bundle contributing each object. */
    public String objects(String endpoint) {
        EndpointTree tree = registry.tree(endpoint).orElse(null);
        if (tree == null) {
            return "No endpoint '" + endpoint + "'. Known: " + registry.endpoints().stream().map(EndpointDescriptor::name).toList() + "\n";
        }
        StringBuilder out = new StringBuilder("Endpoint " + endpoint + "\n");
        tree.objects().forEach((id, node) -> {
            out.append(String.format("  /%-6d %-32s v%-5s instances %s  from %s%n", id, node.model().name(),
                    node.model().version(), node.instances().keySet(), node.contributor()));
        });
        return out.toString();
    }

    /** Reads a path (/object, /object/instance, /object/instance/resource[/instance]). */
    public String read(String endpoint, String path) {
        LwM2mPath p;
        try {
            p = LwM2mPath.parse(path);
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
        try {
            if (p.isRoot()) {
                return "Give an object, instance or resource path, e.g. /3/0\n";
            } else if (p.isObject()) {
                StringBuilder out = new StringBuilder();
                for (InstanceContent i : await(registry.readObject(endpoint, p.objectId()))) {
                    out.append(format(p.objectId(), i));
                }
                return out.length() == 0 ? "(no instances)\n" : out.toString();
            } else if (p.isInstance()) {
                return format(p.objectId(), await(registry.readInstance(endpoint, p)));
            } else {
                Resource r = await(registry.readResource(endpoint, p));
                return line(LwM2mPath.of(p.objectId(), p.instanceId(), r.id()), r, name(p.objectId(), r.id()));
            }
        } catch (LwM2mException e) {
            return "Read " + endpoint + " " + p + " failed: " + e.code() + " " + e.getMessage() + "\n";
        }
    }

    /** Lists the object models the gateway knows. */
    public String models() {
        List<ObjectModel> all = models.models();
        StringBuilder out = new StringBuilder(String.format("%-6s %-6s %-9s %s%n", "ID", "VER", "INSTANCES", "NAME"));
        for (ObjectModel m : all) {
            out.append(String.format("%-6d %-6s %-9s %s%n", m.id(), m.version(), m.multiple() ? "multiple" : "single", m.name()));
        }
        return out.append(all.size()).append(" models\n").toString();
    }

    private String format(int objectId, InstanceContent instance) {
        StringBuilder out = new StringBuilder();
        instance.resources().values().forEach(r ->
                out.append(line(LwM2mPath.of(objectId, instance.id(), r.id()), r, name(objectId, r.id()))));
        return out.toString();
    }

    private String name(int objectId, int resourceId) {
        return models.model(objectId).flatMap(m -> m.resource(resourceId)).map(rm -> rm.name()
                + (rm.units().isEmpty() ? "" : " [" + rm.units() + "]")).orElse("");
    }

    private static String line(LwM2mPath path, Resource r, String name) {
        String value = r.isMultiple() ? r.instances().toString() : r.value().toString();
        return String.format("%-16s %-36s %s%n", path, name, value);
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            // the registry times out on its own; this bound only guards the shell thread
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw LwM2mException.from(e, "read");
        } catch (TimeoutException e) {
            throw LwM2mException.unavailable("no answer within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LwM2mException.unavailable("interrupted");
        }
    }
}
