/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import io.lightgate.api.ObjectLink;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import io.lightgate.api.model.ResourceModel;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.eclipse.leshan.core.model.ObjectLoader;

/** Models and values shared by the codec tests. */
final class TestModels {

    /** A test object with one single-instance resource of every type (ids 0-8) and one multi-instance (10-18). */
    static final int ALL_TYPES = 33000;

    /** The value types in resource id order. */
    static final ResourceType[] TYPES = { ResourceType.STRING, ResourceType.INTEGER, ResourceType.UNSIGNED_INTEGER,
            ResourceType.FLOAT, ResourceType.BOOLEAN, ResourceType.OPAQUE, ResourceType.TIME, ResourceType.OBJLNK,
            ResourceType.CORELNK };

    /** Unsigned 2^64-1. */
    static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private TestModels() {
    }

    static ObjectModel allTypes() {
        List<ResourceModel> resources = new ArrayList<>();
        for (int i = 0; i < TYPES.length; i++) {
            resources.add(new ResourceModel(i, "single " + TYPES[i], Operations.RW, false, false, TYPES[i], "", "", ""));
            resources.add(new ResourceModel(10 + i, "multi " + TYPES[i], Operations.RW, true, false, TYPES[i], "", "", ""));
        }
        resources.add(new ResourceModel(9, "exec", Operations.E, false, false, ResourceType.NONE, "", "", ""));
        return ObjectModel.of(ALL_TYPES, "All types", "1.1", true, false, resources);
    }

    /** A sample value of the type (the "a" variant). */
    static Value sample(ResourceType type) {
        switch (type) {
            case STRING: return Value.of("hällo, wörld");
            case INTEGER: return Value.of(-1234567890123L);
            case UNSIGNED_INTEGER: return Value.ofUnsigned(U64_MAX);
            case FLOAT: return Value.of(23.5);
            case BOOLEAN: return Value.of(true);
            case OPAQUE: return Value.ofOpaque(new byte[] { 0, 1, 2, (byte) 0xFF, (byte) 0x80 });
            case TIME: return Value.ofTime(Instant.parse("2026-03-01T12:34:56Z"));
            case OBJLNK: return Value.of(new ObjectLink(3303, 12));
            case CORELNK: return Value.ofCoreLink("</3303/0>;rt=\"temperature\",</3303/1>");
            default: throw new IllegalArgumentException(type.toString());
        }
    }

    /** A second sample, different from {@link #sample}. */
    static Value other(ResourceType type) {
        switch (type) {
            case STRING: return Value.of("");
            case INTEGER: return Value.of(Long.MAX_VALUE);
            case UNSIGNED_INTEGER: return Value.ofUnsigned(0);
            case FLOAT: return Value.of(-0.001);
            case BOOLEAN: return Value.of(false);
            case OPAQUE: return Value.ofOpaque(new byte[0]);
            case TIME: return Value.ofTime(Instant.ofEpochSecond(0));
            case OBJLNK: return Value.of(ObjectLink.NULL);
            case CORELNK: return Value.ofCoreLink("</1/0>");
            default: throw new IllegalArgumentException(type.toString());
        }
    }

    /** The single-instance sample resource of this type (id = index in {@link #TYPES}). */
    static Resource single(int typeIndex) {
        return Resource.of(typeIndex, sample(TYPES[typeIndex]));
    }

    /** The multi-instance sample resource of this type (id = 10 + index), instances 0, 7 and 65534. */
    static Resource multiple(int typeIndex) {
        ResourceType type = TYPES[typeIndex];
        Map<Integer, Value> values = new HashMap<>();
        values.put(0, sample(type));
        values.put(7, other(type));
        values.put(65534, sample(type));
        return Resource.ofInstances(10 + typeIndex, type, values);
    }

    /** Every sample resource, single and multiple. */
    static List<Resource> allResources() {
        List<Resource> all = new ArrayList<>();
        for (int i = 0; i < TYPES.length; i++) {
            all.add(single(i));
            all.add(multiple(i));
        }
        return all;
    }

    /** Parses a DDF file of the OMA registry with leshan's ObjectLoader and converts it (tests only). */
    static ObjectModel fromRegistry(int objectId) {
        // the OMA registry beside the clone (CI: <clone>/../shared), as the registry tests use it
        Path ddf = Path.of(System.getProperty("lightgate.registry.dir", "../../../shared/lwm2m-registry"), objectId + ".xml").toAbsolutePath();
        if (!Files.exists(ddf)) {
            throw new IllegalStateException("missing " + ddf);
        }
        try (InputStream in = new FileInputStream(ddf.toFile())) {
            org.eclipse.leshan.core.model.ObjectModel m = ObjectLoader.loadDdfFile(in, ddf.toString()).get(0);
            SortedMap<Integer, ResourceModel> resources = new TreeMap<>();
            m.resources.values().forEach(r -> resources.put(r.id, new ResourceModel(r.id, r.name,
                    Operations.valueOf(r.operations.name()), r.multiple, r.mandatory, LeshanModels.fromLeshan(r.type),
                    r.rangeEnumeration, r.units, r.description)));
            return new ObjectModel(m.id, m.name, m.version, m.lwm2mVersion, m.multiple, m.mandatory, m.urn,
                    m.description, resources);
        } catch (IOException | RuntimeException | org.eclipse.leshan.core.model.InvalidDDFFileException e) {
            throw new IllegalStateException("cannot load " + ddf + ": " + e, e);
        }
    }

    /** A lookup over these models. */
    static IntFunction<Optional<ObjectModel>> lookup(ObjectModel... models) {
        Map<Integer, ObjectModel> byId = new HashMap<>();
        for (ObjectModel m : models) {
            byId.put(m.id(), m);
        }
        return id -> Optional.ofNullable(byId.get(id));
    }

    /** A lookup over the test object, Device (3) and Temperature (3303). */
    static IntFunction<Optional<ObjectModel>> standard() {
        return lookup(allTypes(), fromRegistry(3), fromRegistry(3303));
    }
}
