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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations of the registry on one attached object: checked against the object model
 * first, then handed to the object in its lane ({@link ObjectCalls}) with a timeout, and every
 * failure turned into an {@link LwM2mException} with the right code. Nothing here calls an
 * object on the caller's thread once the cached instance list allowed the operation, so a stuck
 * object holds up its own calls only; the exception is a read of an instance whose object says it
 * answers at once ({@link LwM2mObject#readsAtOnce}), run on the caller's thread when the object's
 * lane is idle.
 */
final class ObjectOperations {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectOperations.class);

    private final Duration timeout;
    private final ObjectCalls calls;
    private final CallDeadlines deadlines;

    ObjectOperations(Duration timeout, ObjectCalls calls) {
        this(timeout, calls, new CallDeadlines(timeout, System::nanoTime, CallDeadlines.Timer.jdk()));
    }

    ObjectOperations(Duration timeout, ObjectCalls calls, CallDeadlines deadlines) {
        this.timeout = timeout;
        this.calls = calls;
        this.deadlines = deadlines;
    }

    CompletionStage<Resource> readResource(Attachment a, LwM2mPath path) {
        ResourceModel rm = resourceModel(a, path.resourceId());
        requireInstance(a, path.instanceId());
        if (!rm.operations().isReadable()) {
            throw LwM2mException.notAllowed(path + " is not readable (operations " + rm.operations() + ")");
        }
        CompletionStage<Resource> read = call(a, () -> "read " + path, Resource.class, () -> {
            requireImplemented(a, path.instanceId(), path.resourceId(), path);
            return a.contribution.object().read(path.instanceId(), path.resourceId());
        }, readsAtOnce(a, path.instanceId())).thenApply(r -> checkRead(a, rm, path, r));
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
        // One lane call and one timeout for the whole instance (a Read of /3/0 is 16 resources):
        // the resources are listed and their reads started in the lane, their answers combined.
        return call(a, () -> "read /" + a.objectId() + "/" + instanceId, InstanceContent.class,
                () -> readReadable(a, instanceId), readsAtOnce(a, instanceId));
    }

    /**
     * Runs in the object's lane. A resource that answers 4.04 is left out; any other failure fails
     * the read at once (a hanging resource must not turn a clear 5.00 into a 5.03).
     */
    private static CompletionStage<InstanceContent> readReadable(Attachment a, int instanceId) {
        List<ResourceModel> readable = a.readableResources(instanceId);
        LwM2mObject object = a.contribution.object();
        @SuppressWarnings("unchecked")
        CompletableFuture<Resource>[] reads = new CompletableFuture[readable.size()];
        boolean answered = true;
        for (int i = 0; i < reads.length; i++) {
            reads[i] = startRead(object, instanceId, readable.get(i).id());
            answered &= reads[i].isDone();
        }
        if (answered) { // the usual case (values at hand): combined here, without a dependent stage per resource
            try {
                Resource[] answers = new Resource[reads.length];
                for (int i = 0; i < reads.length; i++) {
                    answers[i] = answerOf(a, instanceId, readable.get(i), reads[i]);
                }
                return CompletableFuture.completedFuture(content(instanceId, answers));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<InstanceContent> content = new CompletableFuture<>();
        Resource[] answers = new Resource[reads.length];
        AtomicInteger pending = new AtomicInteger(reads.length);
        for (int i = 0; i < reads.length; i++) {
            int slot = i;
            reads[i].whenComplete((r, failure) -> {
                try {
                    answers[slot] = answerOf(a, instanceId, readable.get(slot), reads[slot]);
                } catch (RuntimeException e) {
                    content.completeExceptionally(e);
                    return;
                }
                if (pending.decrementAndGet() == 0) { // the atomic makes the answers' slots visible here
                    content.complete(content(instanceId, answers));
                }
            });
        }
        return content;
    }

    /** A completed resource read's answer; null for 4.04 (an optional resource not there right now). */
    private static @Nullable Resource answerOf(Attachment a, int instanceId, ResourceModel rm, CompletableFuture<Resource> read) {
        Resource r;
        try {
            r = read.join();
        } catch (CompletionException | CancellationException failure) {
            LwM2mException x = LwM2mException.from(failure, "read " + LwM2mPath.of(a.objectId(), instanceId, rm.id()));
            if (x.code() == ResponseCode.NOT_FOUND) {
                return null;
            }
            throw x;
        }
        if (!fits(rm, r)) {
            throw misfit(a, rm, LwM2mPath.of(a.objectId(), instanceId, rm.id()), r);
        }
        return r;
    }

    private static InstanceContent content(int instanceId, @Nullable Resource[] answers) {
        List<Resource> resources = new ArrayList<>(answers.length);
        for (Resource answer : answers) {
            if (answer != null) {
                resources.add(answer);
            }
        }
        return InstanceContent.of(instanceId, resources);
    }

    private static CompletableFuture<Resource> startRead(LwM2mObject object, int instanceId, int resourceId) {
        try {
            CompletionStage<Resource> stage = object.read(instanceId, resourceId);
            return stage == null
                    ? CompletableFuture.failedFuture(new IllegalStateException("the object answered a read with no stage"))
                    : stage.toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** What the object says; an object that throws here is read in its lane. */
    private static boolean readsAtOnce(Attachment a, int instanceId) {
        try {
            return a.contribution.object().readsAtOnce(instanceId);
        } catch (RuntimeException e) {
            return false;
        }
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
        return call(a, () -> "write " + LwM2mPath.of(a.objectId(), instanceId), Void.class, () -> a.contribution.object().write(instanceId, List.copyOf(resources), mode));
    }

    CompletionStage<Void> execute(Attachment a, LwM2mPath path, ExecuteArguments arguments) {
        ResourceModel rm = resourceModel(a, path.resourceId());
        requireInstance(a, path.instanceId());
        if (!rm.operations().isExecutable()) {
            throw LwM2mException.notAllowed(path + " is not executable (operations " + rm.operations() + ")");
        }
        return call(a, () -> "execute " + path, Void.class, () -> {
            requireImplemented(a, path.instanceId(), path.resourceId(), path);
            return a.contribution.object().execute(path.instanceId(), path.resourceId(), arguments);
        });
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
        return call(a, () -> "create in /" + a.objectId(), Integer.class, () -> a.contribution.object().create(instanceId, List.copyOf(resources)))
                .whenComplete((id, e) -> a.instancesChanged()); // report the new instance even if the object forgets to
    }

    CompletionStage<Void> delete(Attachment a, int instanceId) {
        requireInstance(a, instanceId);
        return call(a, () -> "delete /" + a.objectId() + "/" + instanceId, Void.class, () -> a.contribution.object().delete(instanceId))
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
        if (!a.hasInstance(instanceId)) {
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

    private static Resource checkRead(Attachment a, ResourceModel rm, LwM2mPath path, @Nullable Resource r) {
        if (!fits(rm, r)) {
            throw misfit(a, rm, path, r);
        }
        return r;
    }

    private static boolean fits(ResourceModel rm, @Nullable Resource r) {
        return r != null && r.id() == rm.id() && r.type() == rm.type() && r.isMultiple() == rm.multiple();
    }

    private static LwM2mException misfit(Attachment a, ResourceModel rm, LwM2mPath path, @Nullable Resource r) {
        LOG.error("Object {} on endpoint {} ({}) answered a read of {} with {}, which does not match the model "
                + "({}, {}): fix the object", a.objectId(), a.endpoint, a.contribution.describe(), path, r, rm.type(),
                rm.multiple() ? "multiple" : "single");
        return LwM2mException.internal("the object answered a read of " + path + " with a value that does not fit its model", null);
    }

    /**
     * Calls the object in its lane: a synchronous throw or an exceptional completion that is not an
     * LwM2mException (5.00), an answer of the wrong type (5.00), a timeout counted from the moment
     * the call was queued (5.03) and a refusal of a full lane (5.03) all become LwM2mExceptions.
     * The stage completes on the thread that completed the object's stage (usually the lane's).
     *
     * @param type what the object must answer; a Void call may answer anything
     */
    private <T> CompletionStage<T> call(Attachment a, Supplier<String> what, Class<? super T> type,
            Supplier<CompletionStage<T>> operation) {
        return call(a, what, type, operation, false);
    }

    /** As {@link #call(Attachment, Supplier, Class, Supplier)}; {@code atOnce}: see {@link ObjectCalls#call}. */
    @SuppressWarnings("unchecked")
    private <T> CompletionStage<T> call(Attachment a, Supplier<String> what, Class<? super T> type,
            Supplier<CompletionStage<T>> operation, boolean atOnce) {
        Supplier<String> described = () -> what.get() + " on endpoint '" + a.endpoint + "'"; // built only for a message
        CompletableFuture<T> future = deadlines.track(calls.call(a.lane, described, operation, atOnce));
        return future.handle((value, failure) -> {
            if (failure == null) {
                if (value != null && type != Void.class && !type.isInstance(value)) {
                    // an object built against another API version, or raw types: the engine would fail obscurely
                    LOG.error("{} from {} answered a {} where a {} was due: answered 5.00. Fix the object's bundle.",
                            described.get(), a.contribution.describe(), value.getClass().getName(), type.getSimpleName());
                    throw LwM2mException.internal(what.get() + ": the object answered a " + value.getClass().getSimpleName()
                            + " instead of a " + type.getSimpleName(), null);
                }
                return (T) value;
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                LOG.warn("{} ({}) did not answer within {} ms: answered 5.03", described.get(), a.contribution.describe(),
                        timeout.toMillis());
                throw LwM2mException.unavailable(what.get() + " did not answer within " + timeout.toMillis() + " ms");
            }
            if (cause instanceof ObjectCalls.Refused refused) {
                if (a.lane.firstRefusal()) {
                    LOG.warn("{}. Object {} from {} holds its calls; other objects are not affected. Fix or restart "
                            + "that bundle; further refusals are logged at debug level until the object answers again.",
                            refused.getMessage(), a.objectId(), a.contribution.describe());
                } else {
                    LOG.debug("{}", refused.getMessage());
                }
                throw refused;
            }
            LwM2mException x = LwM2mException.from(cause, what.get());
            if (x.code() == ResponseCode.INTERNAL_SERVER_ERROR) {
                LOG.error("{} failed in {}: {}", described.get(), a.contribution.describe(), cause.toString(), cause);
            }
            throw x;
        });
    }
}
