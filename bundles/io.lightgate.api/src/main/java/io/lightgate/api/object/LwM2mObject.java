/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The contract a bundle implements to contribute an LwM2M object. Register it as an OSGi
 * service with the object id in the service property {@value #OBJECT_ID} (see
 * {@link ObjectId}) and, for an endpoint other than the gateway's own, the endpoint name in
 * {@value #ENDPOINT} (see {@link Endpoint}). Unregistering the service withdraws the object.
 *
 * <p>Operations may complete asynchronously, so a slow device never blocks the engine; they
 * fail with {@link LwM2mException} (exceptionally completed stages) carrying the CoAP code.
 * The registry applies timeouts and shields callers from any other exception. Operations the
 * object does not support keep their default, which answers 4.05 Method Not Allowed.
 *
 * <p>{@link SimpleObject} and {@link SimpleInstance} implement this for the common case.
 */
public interface LwM2mObject {

    /** Service property: the LwM2M object id (Integer). */
    String OBJECT_ID = "lwm2m.object.id";

    /** Service property: the endpoint name; absent means the gateway's own endpoint. */
    String ENDPOINT = "lwm2m.endpoint";

    /**
     * Service property: {@code true} when the object brings instances of an object that several
     * contributors share on one endpoint (e.g. one instance per meter under the gateway's endpoint).
     * The registry merges the instances of every shared contribution of that object id; they compete
     * as one with contributions that are not shared. Instance ids must not collide: a contributor
     * that brings an instance id an earlier one (lower service id) has is refused, with a warning
     * naming both, until the ids no longer collide.
     */
    String SHARED = "lwm2m.object.shared";

    /**
     * The {@code service.ranking} of a default contribution (such as the engine's Device object of a
     * virtual endpoint): any other contribution of the same object to the same endpoint replaces
     * it, and the registry does not report that as a conflict.
     */
    int DEFAULT_RANKING = Integer.MIN_VALUE;

    /** The ids of the instances that exist now. */
    SortedSet<Integer> instanceIds();

    /** The ids of the resources the instance implements (readable, writable or executable). */
    Set<Integer> resourceIds(int instanceId);

    /** Reads one resource (single or multi-instance). */
    CompletionStage<Resource> read(int instanceId, int resourceId);

    /**
     * Whether {@link #read} of this instance answers at once with a completed stage, from values the
     * object holds: no I/O, no waiting for another thread. The registry then reads such an instance on
     * the requesting thread when none of the object's calls is queued, which spares each Read two
     * thread hand-offs (to the object's lane and back), about a quarter of a Read's time on a small
     * gateway. By default objects are read in their own lane, where a read that blocks delays that
     * object's calls only; <b>an object that answers {@code true} and then blocks in a read holds up
     * the requests of every endpoint while it blocks</b>. Writes, executes, creates and deletes
     * always run in the lane.
     *
     * @since 1.4
     */
    default boolean readsAtOnce(int instanceId) {
        return false;
    }

    /**
     * Writes resources of an instance. With {@link WriteMode#REPLACE} the given resources
     * replace the instance's writable resources (a multi-instance resource is replaced as a
     * whole); with {@link WriteMode#UPDATE} only the given resources and resource instances
     * change. Types have been checked against the model before the call.
     */
    default CompletionStage<Void> write(int instanceId, List<Resource> resources, WriteMode mode) {
        return failed(LwM2mException.notAllowed("write is not supported"));
    }

    /** Executes a resource. */
    default CompletionStage<Void> execute(int instanceId, int resourceId, ExecuteArguments arguments) {
        return failed(LwM2mException.notAllowed("execute is not supported"));
    }

    /**
     * Creates an instance with the given resources.
     *
     * @param instanceId the requested id, or {@code null} to let the object choose
     * @return the id of the new instance
     */
    default CompletionStage<Integer> create(Integer instanceId, List<Resource> resources) {
        return failed(LwM2mException.notAllowed("create is not supported"));
    }

    /** Deletes an instance. */
    default CompletionStage<Void> delete(int instanceId) {
        return failed(LwM2mException.notAllowed("delete is not supported"));
    }

    /**
     * The registry hands the object a listener when it takes the object into an endpoint's
     * tree, and {@code null} when it lets it go. The object reports its changes there.
     */
    void setListener(ObjectListener listener);

    /** A stage already failed with the given exception. */
    static <T> CompletionStage<T> failed(Throwable failure) {
        return CompletableFuture.failedFuture(failure);
    }
}
