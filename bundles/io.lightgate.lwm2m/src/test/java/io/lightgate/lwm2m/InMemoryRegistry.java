/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.WriteMode;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.api.registry.ObjectContribution;
import io.lightgate.api.registry.ObjectRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry of one endpoint's single-instance resources, in memory: what engine tests read and
 * write instead of objects behind the real registry. Counts the reads, so that a test sees whether
 * the engine read a value.
 */
final class InMemoryRegistry implements ObjectRegistry {

    private final String endpoint;
    private final Map<LwM2mPath, Resource> resources = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    InMemoryRegistry(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Sets a resource (at /object/instance/resource). */
    void put(LwM2mPath instance, Resource resource) {
        resources.put(LwM2mPath.of(instance.objectId(), instance.instanceId(), resource.id()), resource);
    }

    @Override
    public String gatewayEndpoint() {
        return "gateway";
    }

    @Override
    public List<EndpointDescriptor> endpoints() {
        return List.of();
    }

    @Override
    public Optional<EndpointDescriptor> endpoint(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<EndpointTree> tree(String name) {
        return Optional.empty();
    }

    @Override
    public CompletionStage<Resource> readResource(String ep, LwM2mPath path) {
        reads.incrementAndGet();
        Resource r = ep.equals(endpoint) ? resources.get(path) : null;
        return r == null ? CompletableFuture.failedFuture(LwM2mException.notFound(path + " is not there"))
                : CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletionStage<InstanceContent> readInstance(String ep, LwM2mPath instancePath) {
        reads.incrementAndGet();
        List<Resource> in = new ArrayList<>();
        resources.forEach((p, r) -> {
            if (p.objectId() == instancePath.objectId() && p.instanceId() == instancePath.instanceId()) {
                in.add(r);
            }
        });
        return in.isEmpty() ? CompletableFuture.failedFuture(LwM2mException.notFound(instancePath + " is not there"))
                : CompletableFuture.completedFuture(InstanceContent.of(instancePath.instanceId(), in));
    }

    @Override
    public CompletionStage<List<InstanceContent>> readObject(String ep, int objectId) {
        return CompletableFuture.failedFuture(LwM2mException.notAllowed("not in this fake"));
    }

    @Override
    public CompletionStage<Void> write(String ep, LwM2mPath instancePath, List<Resource> written, WriteMode mode) {
        written.forEach(r -> put(instancePath, r));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> execute(String ep, LwM2mPath resourcePath, ExecuteArguments arguments) {
        return CompletableFuture.failedFuture(LwM2mException.notAllowed("not in this fake"));
    }

    @Override
    public CompletionStage<Integer> create(String ep, int objectId, Integer instanceId, List<Resource> created) {
        return CompletableFuture.failedFuture(LwM2mException.notAllowed("not in this fake"));
    }

    @Override
    public CompletionStage<Void> delete(String ep, LwM2mPath instancePath) {
        return CompletableFuture.failedFuture(LwM2mException.notAllowed("not in this fake"));
    }

    @Override
    public ObjectContribution contribute(String ep, int objectId, LwM2mObject object, int ranking) {
        throw new UnsupportedOperationException("not in this fake");
    }
}
