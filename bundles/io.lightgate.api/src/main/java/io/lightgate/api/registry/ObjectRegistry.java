/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.registry;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.WriteMode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The shared object registry: every endpoint's object tree, assembled from the object
 * services bundles contribute. All operations are checked against the object model (unknown
 * object/instance/resource: 4.04; operation the model does not allow: 4.05; wrong value type:
 * 4.00), never throw, and complete within the registry's operation timeout (else 5.03).
 */
@ProviderType
public interface ObjectRegistry {

    /** The name of the gateway's own endpoint. */
    String gatewayEndpoint();

    /** The endpoints present now, the gateway's own first. */
    List<EndpointDescriptor> endpoints();

    /** The endpoint of that name, if it is present now. */
    Optional<EndpointDescriptor> endpoint(String name);

    /** A snapshot of an endpoint's tree. */
    Optional<EndpointTree> tree(String endpoint);

    /** Reads a resource, or one resource instance when the path has four levels. */
    CompletionStage<Resource> readResource(String endpoint, LwM2mPath path);

    /** Reads every readable resource of an instance. */
    CompletionStage<InstanceContent> readInstance(String endpoint, LwM2mPath instancePath);

    /** Reads every instance of an object. */
    CompletionStage<List<InstanceContent>> readObject(String endpoint, int objectId);

    /** Writes resources of an instance (see {@link io.lightgate.api.object.LwM2mObject#write}). */
    CompletionStage<Void> write(String endpoint, LwM2mPath instancePath, List<Resource> resources, WriteMode mode);

    /** Executes a resource. */
    CompletionStage<Void> execute(String endpoint, LwM2mPath resourcePath, ExecuteArguments arguments);

    /** Creates an instance ({@code instanceId} null: the object chooses); answers the new id. */
    CompletionStage<Integer> create(String endpoint, int objectId, Integer instanceId, List<Resource> resources);

    /** Deletes an instance. */
    CompletionStage<Void> delete(String endpoint, LwM2mPath instancePath);

    /**
     * Contributes an object to an endpoint without registering a service for it: the way for an
     * adapter that creates thousands of endpoints (a service per object costs the framework time
     * that grows with the number of services a bundle uses). The registry decides it exactly like
     * an object service with these {@value LwM2mObject#OBJECT_ID}, {@value LwM2mObject#ENDPOINT}
     * and {@code service.ranking}; on equal ranking it wins over services, as if registered
     * before them. What the calling bundle has not withdrawn is withdrawn when it stops using
     * the registry.
     *
     * @param endpoint the endpoint name, or {@code null} for the gateway's own
     * @param objectId the object id (0..65535)
     * @param object the object
     * @param ranking as {@code service.ranking} ({@link LwM2mObject#DEFAULT_RANKING} for a default)
     * @return the handle that withdraws it
     * @throws IllegalArgumentException when the object id is outside 0..65535
     */
    ObjectContribution contribute(String endpoint, int objectId, LwM2mObject object, int ranking);
}
