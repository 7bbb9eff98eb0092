/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.model.ResourceModel;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.WriteMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations of the registry on one attached object: checked against the object model
 * first, then handed to the object with a timeout, and every failure turned into an
 * {@link LwM2mException} with the right code.
 */
final class ObjectOperations {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectOperations.class);

    private final Duration timeout;

    ObjectOperations(Duration timeout) {
        this.timeout = timeout;
    }

    CompletionStage<Resource> readResource(Attachment a, LwM2mPath path) {
        ResourceModel rm = resourceModel(a, path.resourceId());
        requireInstance(a, path.instanceId());
        if (!rm.operations().isReadable()) {
            throw LwM2mException.notAllowed(path + " is not readable (operations " + rm.operations() + ")");
        }
        requireImplemented(a, path.instanceId(), path.resourceId(), path);
        CompletionStage<Resource> read = call(a, "read " + path, () -> a.contribution.object().read(path.instanceId(), path.resourceId()))
                .thenApply(r -> checkRead(a, rm, path, r));
        if (!path.isResourceInstance()) {
            return read;
        }
        return read.thenApply(r -> {
            if (!r.isMultiple()) {
                throw LwM2mException.notFound(path.parent() + " is not a multi-instance resource");
            }
            var v = r.instances().get(path.resourceInstanceId());
            if (v == null) {
                throw LwM2mException.notFound(path + " does not exist");
            }
            return Resource.ofInstances(r.id(), r.type(), Map.of(path.resourceInstanceId(), v));
        });
    }

    CompletionStage<InstanceContent> readInstance(Attachment a, int instanceId) {
        requireInstance(a, instanceId);
        List<CompletableFuture<Resource>> reads = new ArrayList<>();
        for (int resourceId : a.resources(instanceId)) {
            if (a.model.resources().get(resourceId).operations().isReadable()) {
                reads.add(readResource(a, LwM2mPath.of(a.objectId(), instanceId, resourceId)).toCompletableFuture()
                        .exceptionally(e -> {
                            LwM2mException x = LwM2mException.from(e, "read");
                            if (x.code() == ResponseCode.NOT_FOUND) {
                                return null; // an optional resource that is not there right now
                            }
                            throw x;
                        }));
            }
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Resource> resources = new ArrayList<>();
            reads.forEach(f -> {
                Resource r = f.join();
                if (r != null) {
                    resources.add(r);
                }
            });
            return InstanceContent.of(instanceId, resources);
        });
    }

    CompletionStage<List<InstanceContent>> readObject(Attachment a) {
        List<CompletableFuture<InstanceContent>> reads = new ArrayList<>();
        for (int i : a.instances()) {
            reads.add(readInstance(a, i).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(v -> reads.stream().map(CompletableFuture::join).toList());
    }

    CompletionStage<Void> write(Attachment a, int instanceId, List<Resource> resources, WriteMode mode) {
        requireInstance(a, instanceId);
        for (Resource r : resources) {
            LwM2mPath path = LwM2mPath.of(a.objectId(), instanceId, r.id());
            ResourceModel rm = resourceModel(a, r.id());
            if (!rm.operations().isWritable()) {
                throw LwM2mException.notAllowed(path + " is not writable (operations " + rm.operations() + ")");
            }
            checkValue(rm, r, path);
        }
        return call(a, "write " + LwM2mPath.of(a.objectId(), instanceId), () -> a.contribution.object().write(instanceId, List.copyOf(resources), mode));
    }

    CompletionStage<Void> execute(Attachment a, LwM2mPath path, ExecuteArguments arguments) {
        ResourceModel rm = resourceModel(a, path.resourceId());
        requireInstance(a, path.instanceId());
        if (!rm.operations().isExecutable()) {
            throw LwM2mException.notAllowed(path + " is not executable (operations " + rm.operations() + ")");
        }
        requireImplemented(a, path.instanceId(), path.resourceId(), path);
        return call(a, "execute " + path, () -> a.contribution.object().execute(path.instanceId(), path.resourceId(), arguments));
    }

    CompletionStage<Integer> create(Attachment a, Integer instanceId, List<Resource> resources) {
        SortedSet<Integer> existing = a.instances();
        if (instanceId != null && existing.contains(instanceId)) {
            throw LwM2mException.badRequest("instance /" + a.objectId() + "/" + instanceId + " already exists");
        }
        if (!a.model.multiple() && !existing.isEmpty()) {
            throw LwM2mException.badRequest("object " + a.objectId() + " is single-instance and already has instance " + existing.first());
        }
        for (Resource r : resources) {
            checkValue(resourceModel(a, r.id()), r, LwM2mPath.of(a.objectId(), instanceId == null ? 0 : instanceId, r.id()));
        }
        return call(a, "create in /" + a.objectId(), () -> a.contribution.object().create(instanceId, List.copyOf(resources)))
                .whenComplete((id, e) -> a.instancesChanged()); // report the new instance even if the object forgets to
    }

    CompletionStage<Void> delete(Attachment a, int instanceId) {
        requireInstance(a, instanceId);
        return call(a, "delete /" + a.objectId() + "/" + instanceId, () -> a.contribution.object().delete(instanceId))
                .whenComplete((v, e) -> a.instancesChanged());
    }

    // ---- checks ----------------------------------------------------------------------------

    private static ResourceModel resourceModel(Attachment a, int resourceId) {
        ResourceModel rm = a.model.resources().get(resourceId);
        if (rm == null) {
            throw LwM2mException.notFound("object " + a.objectId() + " (" + a.model.name() + ") has no resource " + resourceId);
        }
        return rm;
    }

    private static void requireInstance(Attachment a, int instanceId) {
        if (!a.instances().contains(instanceId)) {
            throw LwM2mException.notFound("/" + a.objectId() + "/" + instanceId + " does not exist");
        }
    }

    private static void requireImplemented(Attachment a, int instanceId, int resourceId, LwM2mPath path) {
        if (!a.resources(instanceId).contains(resourceId)) {
            throw LwM2mException.notFound(path.isResourceInstance() ? path.parent() + " is not implemented" : path + " is not implemented");
        }
    }

    private static void checkValue(ResourceModel rm, Resource r, LwM2mPath path) {
        if (r.type() != rm.type()) {
            throw LwM2mException.badRequest(path + " is " + rm.type() + ", the value is " + r.type());
        }
        if (r.isMultiple() != rm.multiple()) {
            throw LwM2mException.badRequest(path + " is " + (rm.multiple() ? "multi" : "single") + "-instance");
        }
    }

    private static Resource checkRead(Attachment a, ResourceModel rm, LwM2mPath path, Resource r) {
        if (r == null || r.id() != rm.id() || r.type() != rm.type() || r.isMultiple() != rm.multiple()) {
            LOG.error("Object {} on endpoint {} ({}) answered a read of {} with {}, which does not match the model "
                    + "({}, {}): fix the object", a.objectId(), a.endpoint, a.contribution.describe(), path, r, rm.type(),
                    rm.multiple() ? "multiple" : "single");
            throw LwM2mException.internal("the object answered a read of " + path + " with a value that does not fit its model", null);
        }
        return r;
    }

    /**
     * Calls the object: a synchronous throw, an exceptional completion that is not an
     * LwM2mException (5.00) and a timeout (5.03) all become LwM2mExceptions.
     */
    private <T> CompletionStage<T> call(Attachment a, String what, Supplier<CompletionStage<T>> operation) {
        CompletableFuture<T> future;
        try {
            CompletionStage<T> stage = operation.get();
            if (stage == null) {
                throw new IllegalStateException("the object returned null instead of a CompletionStage");
            }
            future = stage.toCompletableFuture().copy();
        } catch (LwM2mException e) {
            return LwM2mObject.failed(e);
        } catch (RuntimeException | LinkageError e) {
            future = CompletableFuture.failedFuture(e);
        }
        return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                LOG.warn("{} on endpoint {} ({}) did not answer within {} ms: answered 5.03", what, a.endpoint,
                        a.contribution.describe(), timeout.toMillis());
                throw LwM2mException.unavailable(what + " did not answer within " + timeout.toMillis() + " ms");
            }
            LwM2mException x = LwM2mException.from(cause, what);
            if (x.code() == ResponseCode.INTERNAL_SERVER_ERROR) {
                LOG.error("{} on endpoint {} failed in {}: {}", what, a.endpoint, a.contribution.describe(), cause.toString(), cause);
            }
            throw x;
        });
    }
}
