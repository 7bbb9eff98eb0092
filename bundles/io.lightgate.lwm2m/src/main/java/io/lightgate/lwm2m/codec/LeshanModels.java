/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import io.lightgate.api.ResourceType;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntFunction;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.model.URN;

/**
 * Lightgate object models as a leshan {@link LwM2mModel}, for leshan's encoders and decoders.
 * <p>
 * The model is backed by a lookup function (the engine passes {@code modelRepository::model}) and
 * converts lazily: a leshan model is built the first time an object id is asked for and cached
 * together with the Lightgate {@link ObjectModel} instance it was built from. Models change at
 * runtime (bundles ship DDF files and go away), so every lookup asks the function again and
 * rebuilds when it answers another instance; a model that disappeared is dropped from the cache.
 * <p>
 * {@link #getObjectModels()} can only answer the models looked up so far: the function cannot
 * enumerate. leshan's codecs never call it.
 * <p>
 * Thread-safe. Package-private: no leshan type leaves this package.
 */
final class LeshanModels implements LwM2mModel {

    /** A converted model and the instance it was converted from. */
    private record Cached(ObjectModel source, org.eclipse.leshan.core.model.ObjectModel converted) {
    }

    private final IntFunction<Optional<ObjectModel>> lookup;
    private final ConcurrentMap<Integer, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param lookup answers the model in force for an object id, empty when there is none
     */
    LeshanModels(IntFunction<Optional<ObjectModel>> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** The Lightgate model in force for this object id, straight from the lookup function. */
    Optional<ObjectModel> source(int objectId) {
        Optional<ObjectModel> model = lookup.apply(objectId);
        return model == null ? Optional.empty() : model;
    }

    @Override
    public org.eclipse.leshan.core.model.ObjectModel getObjectModel(int objectId) {
        ObjectModel current = source(objectId).orElse(null);
        if (current == null) {
            cache.remove(objectId);
            return null;
        }
        Cached cached = cache.get(objectId);
        if (cached != null && cached.source() == current) {
            return cached.converted();
        }
        Cached fresh = new Cached(current, toLeshan(current));
        cache.put(objectId, fresh);
        return fresh.converted();
    }

    @Override
    public ResourceModel getResourceModel(int objectId, int resourceId) {
        org.eclipse.leshan.core.model.ObjectModel object = getObjectModel(objectId);
        return object == null ? null : object.resources.get(resourceId);
    }

    /** The models converted so far (see the class comment). */
    @Override
    public Collection<org.eclipse.leshan.core.model.ObjectModel> getObjectModels() {
        List<org.eclipse.leshan.core.model.ObjectModel> models = new ArrayList<>();
        cache.values().forEach(c -> models.add(c.converted()));
        return models;
    }

    /**
     * Converts a Lightgate object model. An empty URN is replaced by the generated
     * {@code urn:oma:lwm2m:...} one, as leshan's DDF parser does.
     */
    static org.eclipse.leshan.core.model.ObjectModel toLeshan(ObjectModel model) {
        List<ResourceModel> resources = new ArrayList<>(model.resources().size());
        model.resources().values().forEach(r -> resources.add(toLeshan(r)));
        String urn = model.urn().isBlank() ? URN.generateURN(model.id(), model.version()) : model.urn();
        return new org.eclipse.leshan.core.model.ObjectModel(model.id(), model.name(), model.description(),
                model.version(), model.multiple(), model.mandatory(), resources, urn, model.lwm2mVersion(), "");
    }

    /** Converts a Lightgate resource model. */
    static ResourceModel toLeshan(io.lightgate.api.model.ResourceModel r) {
        return new ResourceModel(r.id(), r.name(), toLeshan(r.operations()), r.multiple(), r.mandatory(),
                toLeshan(r.type()), r.range(), r.units(), r.description());
    }

    /** Maps the operations 1:1. */
    static ResourceModel.Operations toLeshan(Operations operations) {
        switch (operations) {
            case R: return ResourceModel.Operations.R;
            case W: return ResourceModel.Operations.W;
            case RW: return ResourceModel.Operations.RW;
            case E: return ResourceModel.Operations.E;
            default: return ResourceModel.Operations.NONE;
        }
    }

    /** Maps the resource types 1:1 (CORELNK is leshan's CORELINK). */
    static Type toLeshan(ResourceType type) {
        switch (type) {
            case STRING: return Type.STRING;
            case INTEGER: return Type.INTEGER;
            case UNSIGNED_INTEGER: return Type.UNSIGNED_INTEGER;
            case FLOAT: return Type.FLOAT;
            case BOOLEAN: return Type.BOOLEAN;
            case OPAQUE: return Type.OPAQUE;
            case TIME: return Type.TIME;
            case OBJLNK: return Type.OBJLNK;
            case CORELNK: return Type.CORELINK;
            default: return Type.NONE;
        }
    }

    /** The reverse of {@link #toLeshan(ResourceType)}; {@code null} maps to NONE. */
    static ResourceType fromLeshan(Type type) {
        if (type == null) {
            return ResourceType.NONE;
        }
        switch (type) {
            case STRING: return ResourceType.STRING;
            case INTEGER: return ResourceType.INTEGER;
            case UNSIGNED_INTEGER: return ResourceType.UNSIGNED_INTEGER;
            case FLOAT: return ResourceType.FLOAT;
            case BOOLEAN: return ResourceType.BOOLEAN;
            case OPAQUE: return ResourceType.OPAQUE;
            case TIME: return ResourceType.TIME;
            case OBJLNK: return ResourceType.OBJLNK;
            case CORELINK: return ResourceType.CORELNK;
            default: return ResourceType.NONE;
        }
    }
}
