/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import io.lightgate.api.ResourceType;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.model.Operations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.model.URN;
import org.eclipse.leshan.server.model.LwM2mModelProvider;
import org.eclipse.leshan.server.model.VersionedModelProvider;
import org.eclipse.leshan.server.registration.Registration;

/**
 * The object models the local server decodes with: Leshan's core objects in every version
 * (matched to the version a client announces), then whatever the gateway's model repository
 * holds (OMA objects shipped by bundles, including this one's, and custom models). So a device
 * whose objects some bundle describes is readable without configuring the server.
 */
final class RepositoryModels implements LwM2mModelProvider {

    private final VersionedModelProvider core = new VersionedModelProvider(ObjectLoader.loadAllDefault());
    private final ModelRepository repository;
    private final Map<io.lightgate.api.model.ObjectModel, ObjectModel> converted = new ConcurrentHashMap<>();

    RepositoryModels(ModelRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    @Override
    public LwM2mModel getObjectModel(Registration registration) {
        LwM2mModel coreModel = core.getObjectModel(registration);
        return new LwM2mModel() {
            @Override
            public ObjectModel getObjectModel(int objectId) {
                ObjectModel model = coreModel.getObjectModel(objectId);
                return model != null ? model : fromRepository(objectId);
            }

            @Override
            public ResourceModel getResourceModel(int objectId, int resourceId) {
                ObjectModel model = getObjectModel(objectId);
                return model == null ? null : model.resources.get(resourceId);
            }

            @Override
            public Collection<ObjectModel> getObjectModels() {
                List<ObjectModel> all = new ArrayList<>(coreModel.getObjectModels());
                repository.models().forEach(m -> {
                    if (coreModel.getObjectModel(m.id()) == null) {
                        all.add(convert(m));
                    }
                });
                return all;
            }
        };
    }

    private ObjectModel fromRepository(int objectId) {
        return repository.model(objectId).map(this::convert).orElse(null);
    }

    private ObjectModel convert(io.lightgate.api.model.ObjectModel model) {
        if (converted.size() > 4096) {
            converted.clear(); // models are replaced as bundles come and go: keep the cache bounded
        }
        return converted.computeIfAbsent(model, RepositoryModels::toLeshan);
    }

    static ObjectModel toLeshan(io.lightgate.api.model.ObjectModel model) {
        List<ResourceModel> resources = new ArrayList<>();
        model.resources().values().forEach(r -> resources.add(new ResourceModel(r.id(), r.name(), operations(r.operations()),
                r.multiple(), r.mandatory(), type(r.type()), r.range(), r.units(), r.description())));
        String urn = model.urn().isBlank() ? URN.generateURN(model.id(), model.version()) : model.urn();
        return new ObjectModel(model.id(), model.name(), model.description(), model.version(), model.multiple(),
                model.mandatory(), resources, urn, model.lwm2mVersion(), "");
    }

    private static ResourceModel.Operations operations(Operations operations) {
        return ResourceModel.Operations.valueOf(operations.name());
    }

    private static Type type(ResourceType type) {
        return type == ResourceType.CORELNK ? Type.CORELINK : Type.valueOf(type.name());
    }
}
