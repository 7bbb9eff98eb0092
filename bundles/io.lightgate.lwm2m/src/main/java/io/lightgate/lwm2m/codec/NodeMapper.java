/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.ObjectLink;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.leshan.core.link.DefaultLinkParser;
import org.eclipse.leshan.core.link.DefaultLinkSerializer;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.LinkParseException;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.util.datatype.ULong;

/**
 * Maps Lightgate values ({@link Resource}, {@link InstanceContent}, {@link Value}) to leshan's
 * node model and back.
 * <ul>
 * <li>INTEGER ↔ {@code Long}, UNSIGNED_INTEGER ↔ {@link ULong} (all 64 bits), FLOAT ↔ {@code Double},
 * BOOLEAN ↔ {@code Boolean}, STRING ↔ {@code String}, OPAQUE ↔ {@code byte[]}, TIME ↔
 * {@link Date} (second precision), OBJLNK ↔ leshan's {@code ObjectLink}, CORELNK (an RFC 6690
 * string in Lightgate) ↔ {@code Link[]} through leshan's {@link DefaultLinkParser} and
 * {@link DefaultLinkSerializer}.</li>
 * <li>A resource instance ({@code /o/i/r/ri}) is, in Lightgate, a multi-instance {@link Resource}
 * with that one instance.</li>
 * <li>An object instance whose id leshan leaves undefined (a Create payload without id) maps to
 * an {@link InstanceContent} with id {@link io.lightgate.api.LwM2mPath#NONE} (-1), and back.</li>
 * </ul>
 * Values that do not fit (a leshan value of an unexpected Java class, a core link string that does
 * not parse) raise {@link IllegalArgumentException} naming the path or resource.
 */
final class NodeMapper {

    private NodeMapper() {
    }

    // ---------------------------------------------------------------- Lightgate -> leshan

    /** A single or multi-instance resource. */
    static LwM2mResource toLeshan(Resource resource) {
        Type type = LeshanModels.toLeshan(resource.type());
        if (resource.isMultiple()) {
            Map<Integer, Object> values = new HashMap<>();
            resource.instances().forEach((id, v) -> values.put(id, toLeshanValue(v)));
            return LwM2mMultipleResource.newResource(resource.id(), values, type);
        }
        return LwM2mSingleResource.newResource(resource.id(), toLeshanValue(resource.value()), type);
    }

    /**
     * One instance of a multi-instance resource.
     *
     * @throws IllegalArgumentException when the resource is single or lacks that instance
     */
    static LwM2mResourceInstance toLeshanInstance(Resource resource, int resourceInstanceId) {
        if (!resource.isMultiple()) {
            throw new IllegalArgumentException("resource " + resource.id() + " is single-instance: it has no instance "
                    + resourceInstanceId);
        }
        Value value = resource.instances().get(resourceInstanceId);
        if (value == null) {
            throw new IllegalArgumentException("resource " + resource.id() + " has no instance " + resourceInstanceId);
        }
        return LwM2mResourceInstance.newInstance(resourceInstanceId, toLeshanValue(value),
                LeshanModels.toLeshan(resource.type()));
    }

    /** An object instance; id -1 becomes leshan's undefined id. */
    static LwM2mObjectInstance toLeshan(InstanceContent instance) {
        List<LwM2mResource> resources = new ArrayList<>(instance.resources().size());
        instance.resources().values().forEach(r -> resources.add(toLeshan(r)));
        return instance.id() < 0 ? new LwM2mObjectInstance(resources) : new LwM2mObjectInstance(instance.id(), resources);
    }

    /** An object with these instances. */
    static LwM2mObject toLeshan(int objectId, List<InstanceContent> instances) {
        List<LwM2mObjectInstance> converted = new ArrayList<>(instances.size());
        instances.forEach(i -> converted.add(toLeshan(i)));
        return new LwM2mObject(objectId, converted);
    }

    /** A Lightgate path as a leshan path (the root included). */
    static LwM2mPath toLeshan(io.lightgate.api.LwM2mPath path) {
        switch (path.depth()) {
            case 0: return LwM2mPath.ROOTPATH;
            case 1: return new LwM2mPath(path.objectId());
            case 2: return new LwM2mPath(path.objectId(), path.instanceId());
            case 3: return new LwM2mPath(path.objectId(), path.instanceId(), path.resourceId());
            default: return new LwM2mPath(path.objectId(), path.instanceId(), path.resourceId(), path.resourceInstanceId());
        }
    }

    /** The leshan representation of a value (see the class comment). */
    static Object toLeshanValue(Value value) {
        switch (value.type()) {
            case STRING: return value.asString();
            case INTEGER: return value.asLong();
            case UNSIGNED_INTEGER: return ULong.valueOf(value.asUnsigned());
            case FLOAT: return value.asDouble();
            case BOOLEAN: return value.asBoolean();
            case OPAQUE: return value.asOpaque();
            case TIME: return new Date(value.asTime().getEpochSecond() * 1000L);
            case OBJLNK:
                ObjectLink link = value.asObjectLink();
                return new org.eclipse.leshan.core.node.ObjectLink(link.objectId(), link.instanceId());
            case CORELNK: return parseLinks(value.asString());
            default: throw new IllegalArgumentException("a value of type " + value.type() + " cannot be encoded");
        }
    }

    /**
     * Parses an RFC 6690 string with leshan's generic link parser.
     *
     * @throws IllegalArgumentException naming the text when it does not parse
     */
    static Link[] parseLinks(String text) {
        try {
            return new DefaultLinkParser().parseCoreLinkFormat(text.getBytes(StandardCharsets.UTF_8));
        } catch (LinkParseException e) {
            throw new IllegalArgumentException("core link value '" + text + "' is not valid RFC 6690: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- leshan -> Lightgate

    /** A leshan resource; its type is the one leshan decoded it with. */
    static Resource fromLeshan(LwM2mResource resource) {
        ResourceType type = typeOf(resource.getType(), resource.getId());
        if (resource.isMultiInstances()) {
            SortedMap<Integer, Value> values = new TreeMap<>();
            resource.getInstances().forEach((id, ri) -> values.put(id, fromLeshanValue(ri.getValue(), type, resource.getId())));
            return Resource.ofInstances(resource.getId(), type, values);
        }
        return Resource.of(resource.getId(), fromLeshanValue(resource.getValue(), type, resource.getId()));
    }

    /** A leshan resource instance, as a multi-instance resource with that one instance. */
    static Resource fromLeshan(int resourceId, LwM2mResourceInstance instance) {
        ResourceType type = typeOf(instance.getType(), resourceId);
        return Resource.ofInstances(resourceId, type,
                Map.of(instance.getId(), fromLeshanValue(instance.getValue(), type, resourceId)));
    }

    /** A leshan object instance; an undefined id becomes -1. */
    static InstanceContent fromLeshan(LwM2mObjectInstance instance) {
        List<Resource> resources = new ArrayList<>(instance.getResources().size());
        instance.getResources().values().forEach(r -> resources.add(fromLeshan(r)));
        int id = instance.getId() == LwM2mObjectInstance.UNDEFINED ? io.lightgate.api.LwM2mPath.NONE : instance.getId();
        return InstanceContent.of(id, resources);
    }

    /** The instances of a leshan object, ordered by id (an undefined id, -1, first). */
    static List<InstanceContent> fromLeshan(LwM2mObject object) {
        List<InstanceContent> instances = new ArrayList<>(object.getInstances().size());
        new TreeMap<>(object.getInstances()).values().forEach(i -> instances.add(fromLeshan(i)));
        return instances;
    }

    /** A leshan path as a Lightgate path. */
    static io.lightgate.api.LwM2mPath fromLeshan(LwM2mPath path) {
        if (path.isRoot()) return io.lightgate.api.LwM2mPath.ROOT;
        if (path.isObject()) return io.lightgate.api.LwM2mPath.of(path.getObjectId());
        if (path.isObjectInstance()) return io.lightgate.api.LwM2mPath.of(path.getObjectId(), path.getObjectInstanceId());
        if (path.isResource()) {
            return io.lightgate.api.LwM2mPath.of(path.getObjectId(), path.getObjectInstanceId(), path.getResourceId());
        }
        return io.lightgate.api.LwM2mPath.of(path.getObjectId(), path.getObjectInstanceId(), path.getResourceId(),
                path.getResourceInstanceId());
    }

    /** A leshan value of the given type as a Lightgate value. */
    static Value fromLeshanValue(Object raw, ResourceType type, int resourceId) {
        try {
            switch (type) {
                case STRING: return Value.of((String) raw);
                case INTEGER: return Value.of(((Number) raw).longValue());
                case UNSIGNED_INTEGER:
                    return raw instanceof ULong u ? Value.ofUnsigned(u.toBigInteger()) : Value.ofUnsigned(((Number) raw).longValue());
                case FLOAT: return Value.of(((Number) raw).doubleValue());
                case BOOLEAN: return Value.of((Boolean) raw);
                case OPAQUE: return Value.ofOpaque((byte[]) raw);
                case TIME: return Value.ofTime(Instant.ofEpochMilli(((Date) raw).getTime()));
                case OBJLNK:
                    org.eclipse.leshan.core.node.ObjectLink link = (org.eclipse.leshan.core.node.ObjectLink) raw;
                    return Value.of(new ObjectLink(link.getObjectId(), link.getObjectInstanceId()));
                case CORELNK: return Value.ofCoreLink(new DefaultLinkSerializer().serializeCoreLinkFormat((Link[]) raw));
                default: throw new IllegalArgumentException("resource " + resourceId + " has no value type");
            }
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("resource " + resourceId + ": value " + raw + " is not a valid " + type, e);
        }
    }

    private static ResourceType typeOf(Type type, int resourceId) {
        ResourceType converted = LeshanModels.fromLeshan(type);
        if (converted == ResourceType.NONE) {
            throw new IllegalArgumentException("resource " + resourceId + " has no value type (executable?)");
        }
        return converted;
    }
}
