/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.ResourceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the LwM2M objects of an endpoint from its mappings, checked against the object models. */
final class MappedObjects {

    private static final Logger LOG = LoggerFactory.getLogger(MappedObjects.class);

    private MappedObjects() {
    }

    /**
     * One object per object id. A mapping whose node id does not parse or whose target the
     * model does not define is reported (naming it and {@code where}) and left out; the others work.
     */
    static List<MappedObject> build(List<Mapping> mappings, ModelRepository models, MappedObject.Server server, String where) {
        Map<Integer, Map<Integer, Map<Integer, Binding>>> tree = new TreeMap<>();
        Map<Integer, java.util.Set<Integer>> modelResources = new TreeMap<>();
        for (Mapping m : mappings) {
            Optional<ResourceModel> resource = resourceModel(models, m, where);
            if (resource.isEmpty()) {
                continue;
            }
            NodeId node;
            try {
                node = NodeId.parse(m.nodeId());
            } catch (RuntimeException e) {
                LOG.error("Mapping '{} -> {}' in {}: '{}' is not an OPC UA node id (e.g. ns=2;s=Machine1/Temperature, ns=3;i=1001); left out",
                        m.nodeId(), m.path(), where, m.nodeId());
                continue;
            }
            modelResources.computeIfAbsent(m.objectId(), o -> models.model(o).map(x -> x.resources().keySet()).orElse(java.util.Set.of()));
            tree.computeIfAbsent(m.objectId(), o -> new TreeMap<>())
                    .computeIfAbsent(m.instanceId(), i -> new TreeMap<>())
                    .put(m.resourceId(), new Binding(m, resource.get(), node));
        }
        List<MappedObject> objects = new ArrayList<>();
        tree.forEach((objectId, instances) -> objects.add(new MappedObject(objectId, instances, server, modelResources.get(objectId))));
        return objects;
    }

    private static Optional<ResourceModel> resourceModel(ModelRepository models, Mapping m, String where) {
        Optional<ObjectModel> model = models.model(m.objectId());
        if (model.isEmpty()) {
            LOG.error("Mapping '{} -> {}' in {}: the gateway knows no model of object {}; ship its DDF file in a bundle "
                    + "(LwM2M-Models header) or map to a known object. Left out.", m.nodeId(), m.path(), where, m.objectId());
            return Optional.empty();
        }
        Optional<ResourceModel> resource = model.get().resource(m.resourceId());
        if (resource.isEmpty()) {
            LOG.error("Mapping '{} -> {}' in {}: object {} ({}) has no resource {}. Left out.", m.nodeId(), m.path(), where,
                    m.objectId(), model.get().name(), m.resourceId());
            return Optional.empty();
        }
        if (resource.get().multiple()) {
            LOG.error("Mapping '{} -> {}' in {}: resource {} of object {} is multi-instance, which mappings do not support. Left out.",
                    m.nodeId(), m.path(), where, m.resourceId(), m.objectId());
            return Optional.empty();
        }
        if (!model.get().multiple() && m.instanceId() != 0) {
            LOG.error("Mapping '{} -> {}' in {}: object {} is single-instance, use instance 0. Left out.", m.nodeId(), m.path(),
                    where, m.objectId());
            return Optional.empty();
        }
        return resource;
    }
}
