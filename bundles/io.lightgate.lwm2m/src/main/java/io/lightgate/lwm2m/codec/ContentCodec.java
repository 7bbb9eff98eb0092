/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.ResourceModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.node.codec.LwM2mDecoder;
import org.eclipse.leshan.core.node.codec.LwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * The engine's single entry point for LwM2M payloads: Lightgate values in, bytes out, and back.
 * leshan-core's encoders and decoders do the work; no leshan type appears in this class's
 * signatures and no leshan exception leaves it.
 *
 * <h2>Shapes</h2>
 * Content is passed and returned in the shape of its path: a {@link Resource} for a resource path
 * {@code /o/i/r}; for a resource-instance path {@code /o/i/r/ri} a multi-instance Resource holding
 * (at least) instance {@code ri}; an {@link InstanceContent} for an instance path; a
 * {@code List<InstanceContent>} for an object path. Passing another shape is a programming error
 * ({@link IllegalArgumentException}).
 *
 * <h2>Formats</h2>
 * text/plain {@value #TEXT}, application/octet-stream {@value #OPAQUE}, application/cbor
 * {@value #CBOR}, SenML JSON {@value #SENML_JSON}, SenML CBOR {@value #SENML_CBOR}, TLV
 * {@value #TLV}, LwM2M JSON {@value #LWM2M_JSON}. Without an Accept option a Read answers a
 * single value (single-instance resource or resource instance) in text/plain, or in
 * application/octet-stream when it is opaque, and anything else in the multi-node default given
 * at construction (TLV unless told otherwise: every LwM2M 1.0/1.1/1.2 server decodes it).
 * Composite and timestamped payloads default to SenML CBOR.
 *
 * <h2>Errors</h2>
 * Failures are {@link LwM2mException}s carrying the CoAP code to answer:
 * <ul>
 * <li>4.06 Not Acceptable: a Read's Accept names a format leshan does not know or one that cannot
 * represent the node (text/plain or CBOR for an instance or a multi-instance resource, opaque for a
 * non-opaque resource, anything but SenML for composite/timestamped content);</li>
 * <li>4.15 Unsupported Content-Format: a payload's format is unknown, or cannot carry the
 * target (text/plain written to an instance, opaque to a non-opaque resource);</li>
 * <li>4.00 Bad Request: a payload that does not decode (truncated TLV, bad SenML, text that does
 * not parse as the resource's type, a value of the wrong type, a multi-instance payload for a
 * single-instance resource or the reverse);</li>
 * <li>4.04 Not Found: a payload for an object without model, or for a resource the model does not
 * define (resource and resource-instance paths, composite paths);</li>
 * <li>5.00: content that does not match its model (an object returned a value of the wrong type)
 * and cannot be encoded.</li>
 * </ul>
 * Thread-safe; one instance serves the whole engine.
 */
public final class ContentCodec {

    /** text/plain. */
    public static final int TEXT = 0;
    /** application/link-format (Discover and Register payloads, see {@link LinkFormat}). */
    public static final int LINK_FORMAT = 40;
    /** application/octet-stream. */
    public static final int OPAQUE = 42;
    /** application/cbor (single values, LwM2M 1.1). */
    public static final int CBOR = 60;
    /** application/senml+json. */
    public static final int SENML_JSON = 110;
    /** application/senml+cbor. */
    public static final int SENML_CBOR = 112;
    /** application/vnd.oma.lwm2m+tlv. */
    public static final int TLV = 11542;
    /** application/vnd.oma.lwm2m+json (the LwM2M 1.0 JSON format). */
    public static final int LWM2M_JSON = 11543;

    /** The node formats, ascending: what a Register payload's {@code ct} lists. */
    public static final List<Integer> SUPPORTED_FORMATS = List.of(TEXT, OPAQUE, CBOR, SENML_JSON, SENML_CBOR, TLV,
            LWM2M_JSON);

    private static final List<Integer> MULTI_NODE_FORMATS = List.of(SENML_JSON, SENML_CBOR, TLV, LWM2M_JSON);
    private static final List<Integer> SENML_FORMATS = List.of(SENML_JSON, SENML_CBOR);

    private final LeshanModels models;
    private final IntFunction<Optional<ObjectModel>> modelLookup;
    /**
     * leshan-core's codecs, made at the first encode or decode rather than when the engine starts:
     * they build the JSON (Jackson) and CBOR machinery of every format, some 400 classes that a
     * gateway which only registers never needs. Stateless, so one pair serves every codec.
     */
    private static final class Codecs {
        static final LwM2mEncoder ENCODER = new DefaultLwM2mEncoder(new ValueConverter());
        static final LwM2mDecoder DECODER = new DefaultLwM2mDecoder();
    }

    private final int multiNodeDefault;

    /**
     * A codec whose Reads of instances, objects and multi-instance resources default to TLV.
     *
     * @param models the model lookup, e.g. {@code modelRepository::model}
     */
    public ContentCodec(IntFunction<Optional<ObjectModel>> models) {
        this(models, TLV);
    }

    /**
     * @param models the model lookup, e.g. {@code modelRepository::model}
     * @param multiNodeDefault the format of Reads without Accept that are not a single value: TLV,
     *        LwM2M JSON, SenML JSON or SenML CBOR
     */
    public ContentCodec(IntFunction<Optional<ObjectModel>> models, int multiNodeDefault) {
        if (!MULTI_NODE_FORMATS.contains(multiNodeDefault)) {
            throw new IllegalArgumentException(formatName(multiNodeDefault) + " cannot encode objects and instances");
        }
        this.models = new LeshanModels(models);
        this.modelLookup = models;
        this.multiNodeDefault = multiNodeDefault;
    }

    /** True when {@code contentFormat} is one of {@link #SUPPORTED_FORMATS}. */
    public static boolean isSupported(int contentFormat) {
        return SUPPORTED_FORMATS.contains(contentFormat);
    }

    /** A readable name for a content-format code: {@code text/plain (0)}, {@code content format 9999}. */
    public static String formatName(int contentFormat) {
        ContentFormat cf = ContentFormat.fromCode(contentFormat);
        return cf.getMediaType() == null || "unknown".equalsIgnoreCase(cf.getName())
                ? "content format " + contentFormat
                : cf.getMediaType() + " (" + contentFormat + ")";
    }

    // ------------------------------------------------------------------------------------ Read

    /**
     * The format a Read without Accept option is answered in: text/plain for a single value,
     * application/octet-stream for a single opaque value, the multi-node default otherwise.
     *
     * @param path the request path
     * @param content the content, shaped as described in the class comment
     */
    public int defaultFormat(LwM2mPath path, Object content) {
        if (path.isResourceInstance() || (path.isResource() && content instanceof Resource r && !r.isMultiple())) {
            return content instanceof Resource r && r.type() == ResourceType.OPAQUE ? OPAQUE : TEXT;
        }
        return multiNodeDefault;
    }

    /**
     * Encodes the answer to a Read (or a Notify) of {@code requestPath}.
     *
     * @param requestPath an object, instance, resource or resource-instance path
     * @param content the content, shaped as described in the class comment
     * @param accept the request's Accept option, {@code null} when it has none
     * @return the payload and the format it is in
     * @throws LwM2mException 4.06 when {@code accept} is unknown or cannot represent the content,
     *         4.04 when a resource-instance path names an instance the resource does not have,
     *         5.00 when the content cannot be encoded (it does not match its model)
     * @throws IllegalArgumentException when the content's shape does not fit the path
     */
    public Encoded encodeRead(LwM2mPath requestPath, Object content, Integer accept) {
        Objects.requireNonNull(requestPath, "requestPath");
        Objects.requireNonNull(content, "content");
        int format = accept != null ? accept : defaultFormat(requestPath, content);
        if (format == TLV && directTlv(requestPath, content)) { // the common Read and Notify, without leshan's node tree
            return new Encoded(TLV, TlvWriter.write(requestPath, content));
        }
        return encodeWithLeshan(requestPath, content, format);
    }

    private boolean directTlv(LwM2mPath path, Object content) {
        ObjectModel model = modelLookup.apply(path.objectId()).orElse(null);
        return model != null && TlvWriter.canWrite(model, content);
    }

    /** {@link #encodeRead} through leshan's node tree and encoders (every format; TLV repaired). */
    Encoded encodeWithLeshan(LwM2mPath requestPath, Object content, int format) {
        LwM2mNode node = toNode(requestPath, content);
        checkAcceptable(format, requestPath, node);
        byte[] payload;
        try {
            payload = Codecs.ENCODER.encode(node, ContentFormat.fromCode(format), NodeMapper.toLeshan(requestPath), models);
        } catch (RuntimeException e) {
            throw LwM2mException.internal("Cannot encode " + requestPath + " as " + formatName(format) + ": "
                    + e.getMessage(), e);
        }
        if (format == TLV && needsTlvRepair(content)) {
            payload = TlvRepair.repairEncoded(payload, requestPath.depth() >= 3 ? requestPath.resourceId() : -1,
                    valuesOf(requestPath, content));
        }
        if (format == TEXT) {
            payload = textFloat(requestPath, (Resource) content, payload);
        }
        return new Encoded(format, payload);
    }

    // ----------------------------------------------------------------------------------- Write

    /**
     * Decodes the payload of a Write (or of a Create/Write at instance level).
     *
     * @param path an instance, resource or resource-instance path
     * @param contentFormat the request's Content-Format
     * @param payload the request's payload ({@code null} = empty)
     * @return for a resource path a list of one resource; for a resource-instance path a list of one
     *         multi-instance resource holding that instance; for an instance path the resources of
     *         the payload, ordered by id
     * @throws LwM2mException 4.15, 4.00 or 4.04, see the class comment
     */
    public List<Resource> decodeWrite(LwM2mPath path, int contentFormat, byte[] payload) {
        Objects.requireNonNull(path, "path");
        if (path.depth() < 2) {
            throw new IllegalArgumentException("Write needs an instance, resource or resource-instance path, not " + path);
        }
        ContentFormat format = decodableFormat(contentFormat);
        ObjectModel model = requireModel(path.objectId());
        if (path.depth() == 2 && isSingleValueFormat(contentFormat)) {
            throw LwM2mException.unsupportedFormat(formatName(contentFormat) + " cannot carry the object instance " + path);
        }
        if (path.depth() >= 3) {
            checkResourceTarget(path, model, contentFormat);
        }
        LwM2mNode node = decode(payload, format, path);
        try {
            List<Resource> resources = new ArrayList<>();
            if (node instanceof LwM2mObjectInstance instance) {
                instance.getResources().values().forEach(r -> resources.add(NodeMapper.fromLeshan(r)));
            } else if (node instanceof LwM2mResource resource) {
                resources.add(NodeMapper.fromLeshan(resource));
            } else if (node instanceof LwM2mResourceInstance instance) {
                resources.add(NodeMapper.fromLeshan(path.resourceId(), instance));
            } else {
                throw new IllegalArgumentException("unexpected node " + node);
            }
            resources.sort((a, b) -> Integer.compare(a.id(), b.id()));
            if (!path.isResourceInstance()) {
                resources.forEach(r -> checkMultiplicity(model, path, r));
            }
            return resources;
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new LwM2mException(ResponseCode.BAD_REQUEST, "Invalid " + formatName(contentFormat) + " payload for "
                    + path + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------- Create

    /**
     * Decodes the payload of a Create on {@code /objectId}. A TLV or JSON payload may carry
     * instances with their ids, or the resources of one new instance without id: that instance is
     * returned with id {@link LwM2mPath#NONE} (-1), and the engine picks the id. An empty payload
     * (empty TLV, empty SenML pack) is one instance without id and without resources.
     *
     * @return the instances to create, ordered by id (the one without id first)
     * @throws LwM2mException 4.15, 4.00 or 4.04 (no model for the object), see the class comment
     */
    public List<InstanceContent> decodeCreate(int objectId, int contentFormat, byte[] payload) {
        LwM2mPath path = LwM2mPath.of(objectId);
        ContentFormat format = decodableFormat(contentFormat);
        ObjectModel model = requireModel(objectId);
        if (isSingleValueFormat(contentFormat)) {
            throw LwM2mException.unsupportedFormat(formatName(contentFormat) + " cannot carry an object instance");
        }
        LwM2mObject object = (LwM2mObject) decode(payload, format, path);
        try {
            List<InstanceContent> instances = NodeMapper.fromLeshan(object);
            if (contentFormat == TLV && payload != null && payload.length > 0 && (payload[0] & 0xC0) != 0) {
                // resources without an instance TLV: leshan says 0 for single-instance objects, we say "absent"
                List<InstanceContent> withoutId = new ArrayList<>();
                instances.forEach(i -> withoutId.add(new InstanceContent(LwM2mPath.NONE, i.resources())));
                instances = withoutId;
            }
            if (instances.isEmpty()) {
                instances = List.of(new InstanceContent(LwM2mPath.NONE, Collections.emptySortedMap()));
            }
            for (InstanceContent instance : instances) {
                instance.resources().values().forEach(r -> checkMultiplicity(model, path, r));
            }
            return instances;
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new LwM2mException(ResponseCode.BAD_REQUEST, "Invalid " + formatName(contentFormat)
                    + " payload for Create on " + path + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------- Composite

    /**
     * Decodes the path list of a Read-Composite or Observe-Composite request (SenML JSON or CBOR
     * records that carry only names).
     *
     * @throws LwM2mException 4.15 for another format, 4.00 when the payload does not decode
     */
    public List<LwM2mPath> decodePaths(int contentFormat, byte[] payload) {
        ContentFormat format = senmlFormat(contentFormat);
        try {
            List<LwM2mPath> paths = new ArrayList<>();
            Codecs.DECODER.decodePaths(payload == null ? new byte[0] : payload, format)
                    .forEach(p -> paths.add(NodeMapper.fromLeshan(p)));
            return paths;
        } catch (RuntimeException e) {
            throw new LwM2mException(ResponseCode.BAD_REQUEST, "Invalid " + formatName(contentFormat)
                    + " path list: " + messageOf(e), e);
        }
    }

    /**
     * Encodes the answer to a Read-Composite (or a composite notification). Paths whose content is
     * {@code null} are left out (Read-Composite is best effort); an empty map gives an empty pack.
     *
     * @param contents content by path, each shaped as for {@link #encodeRead}
     * @param accept the request's Accept option, {@code null} for SenML CBOR
     * @throws LwM2mException 4.06 when {@code accept} is not SenML JSON or CBOR, 4.04 for a missing
     *         resource instance, 5.00 when the content cannot be encoded
     */
    public Encoded encodeComposite(Map<LwM2mPath, ?> contents, Integer accept) {
        int format = accept == null ? SENML_CBOR : accept;
        if (!SENML_FORMATS.contains(format)) {
            throw LwM2mException.notAcceptable(formatName(format) + " cannot represent composite content: use "
                    + formatName(SENML_JSON) + " or " + formatName(SENML_CBOR));
        }
        Map<org.eclipse.leshan.core.node.LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
        new TreeMap<LwM2mPath, Object>(contents).forEach((path, content) -> {
            if (content != null) {
                nodes.put(NodeMapper.toLeshan(path), toNode(path, content));
            }
        });
        if (nodes.isEmpty()) {
            return new Encoded(format, emptyPack(format));
        }
        try {
            return new Encoded(format, Codecs.ENCODER.encodeNodes(nodes, ContentFormat.fromCode(format), models));
        } catch (RuntimeException e) {
            throw LwM2mException.internal("Cannot encode " + contents.keySet() + " as " + formatName(format) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Decodes the payload of a Write-Composite: resource and resource-instance records, each
     * returned under its own path (a resource-instance path maps to a one-instance resource).
     *
     * @return resources by path, ordered by path
     * @throws LwM2mException 4.15 for a format other than SenML, 4.00 when the payload does not
     *         decode, 4.04 for an object or resource without model
     */
    public SortedMap<LwM2mPath, Resource> decodeComposite(int contentFormat, byte[] payload) {
        ContentFormat format = senmlFormat(contentFormat);
        Map<org.eclipse.leshan.core.node.LwM2mPath, LwM2mNode> nodes;
        try {
            nodes = Codecs.DECODER.decodeNodes(payload == null ? new byte[0] : payload, format, null, models);
        } catch (RuntimeException e) {
            throw new LwM2mException(ResponseCode.BAD_REQUEST, "Invalid " + formatName(contentFormat)
                    + " Write-Composite payload: " + messageOf(e), e);
        }
        SortedMap<LwM2mPath, Resource> resources = new TreeMap<>();
        nodes.forEach((leshanPath, node) -> {
            LwM2mPath path = NodeMapper.fromLeshan(leshanPath);
            if (path.depth() < 3) {
                throw LwM2mException.badRequest("Write-Composite record " + path + " is not a resource");
            }
            ObjectModel model = requireModel(path.objectId());
            ResourceModel resourceModel = requireResource(model, path);
            if (path.isResourceInstance() && !resourceModel.multiple()) {
                throw LwM2mException.notFound("Resource " + path.parent() + " is single-instance: " + path
                        + " does not exist");
            }
            try {
                Resource resource = node instanceof LwM2mResourceInstance ri
                        ? NodeMapper.fromLeshan(path.resourceId(), ri)
                        : NodeMapper.fromLeshan((LwM2mResource) node);
                if (path.isResource()) {
                    checkMultiplicity(model, path, resource);
                }
                resources.put(path, resource);
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                throw new LwM2mException(ResponseCode.BAD_REQUEST, "Invalid Write-Composite record " + path + ": "
                        + e.getMessage(), e);
            }
        });
        return resources;
    }

    // ------------------------------------------------------------------------------------ Send

    /**
     * Encodes timestamped values (the payload of a Send, LwM2M 1.1) as a SenML pack.
     *
     * @param values samples by path; each sample's content is shaped as for {@link #encodeRead}
     * @param accept SenML JSON or SenML CBOR, {@code null} for SenML CBOR
     * @throws LwM2mException 4.06 for another format, 5.00 when the content cannot be encoded
     */
    public Encoded encodeTimestamped(Map<LwM2mPath, List<TimedValue>> values, Integer accept) {
        int format = accept == null ? SENML_CBOR : accept;
        if (!SENML_FORMATS.contains(format)) {
            throw LwM2mException.notAcceptable(formatName(format) + " cannot represent timestamped values: use "
                    + formatName(SENML_JSON) + " or " + formatName(SENML_CBOR));
        }
        TimestampedLwM2mNodes.Builder builder = TimestampedLwM2mNodes.builder();
        boolean empty = true;
        for (Map.Entry<LwM2mPath, List<TimedValue>> entry : new TreeMap<>(values).entrySet()) {
            for (TimedValue sample : entry.getValue()) {
                builder.put(sample.time(), NodeMapper.toLeshan(entry.getKey()), toNode(entry.getKey(), sample.content()));
                empty = false;
            }
        }
        if (empty) {
            return new Encoded(format, emptyPack(format));
        }
        try {
            return new Encoded(format, Codecs.ENCODER.encodeTimestampedNodes(builder.build(), ContentFormat.fromCode(format),
                    models));
        } catch (RuntimeException e) {
            throw LwM2mException.internal("Cannot encode timestamped values for " + values.keySet() + " as "
                    + formatName(format) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A payload whose names are those of a device behind an LwM2M Gateway: in SenML (JSON or CBOR) every
     * record's name, resolved with its base name, is put under {@code /prefix}, e.g. {@code /3303/0/5700}
     * becomes {@code /dev1/3303/0/5700}; in LwM2M JSON the base name is. Other formats are returned as they
     * are (see {@link PrefixRenamer}).
     *
     * @throws LwM2mException 5.00 when the payload cannot be read back
     */
    public Encoded prefixed(Encoded encoded, String prefix) {
        byte[] payload = PrefixRenamer.prefixed(encoded.contentFormat(), encoded.payload(), prefix);
        return payload == encoded.payload() ? encoded : new Encoded(encoded.contentFormat(), payload);
    }

    // -------------------------------------------------------------------------------- internals

    /** Lightgate content as the leshan node of {@code path}. */
    private static LwM2mNode toNode(LwM2mPath path, Object content) {
        switch (path.depth()) {
            case 1: {
                if (!(content instanceof List<?> list)) {
                    throw new IllegalArgumentException("content for object path " + path + " must be a List<InstanceContent>");
                }
                List<InstanceContent> instances = new ArrayList<>(list.size());
                for (Object o : list) {
                    if (!(o instanceof InstanceContent ic)) {
                        throw new IllegalArgumentException("content for object path " + path + " holds " + o);
                    }
                    instances.add(ic);
                }
                return convert(path, () -> NodeMapper.toLeshan(path.objectId(), instances));
            }
            case 2: {
                if (!(content instanceof InstanceContent ic)) {
                    throw new IllegalArgumentException("content for instance path " + path + " must be an InstanceContent");
                }
                // the path names the instance
                return convert(path, () -> NodeMapper.toLeshan(new InstanceContent(path.instanceId(), ic.resources())));
            }
            case 3: {
                Resource r = resourceContent(path, content);
                return convert(path, () -> NodeMapper.toLeshan(r));
            }
            case 4: {
                Resource r = resourceContent(path, content);
                if (!r.isMultiple() || !r.instances().containsKey(path.resourceInstanceId())) {
                    throw LwM2mException.notFound("Resource instance " + path + " does not exist");
                }
                return convert(path, () -> NodeMapper.toLeshanInstance(r, path.resourceInstanceId()));
            }
            default:
                throw new IllegalArgumentException("the root path has no content to encode");
        }
    }

    /**
     * leshan writes text floats with {@code String.valueOf(double)} ("1.0E-7", "23.0"); Lightgate's
     * text form ({@link Value#toText()}) has no exponent and no trailing ".0".
     */
    private byte[] textFloat(LwM2mPath path, Resource resource, byte[] leshanText) {
        org.eclipse.leshan.core.model.ResourceModel rm = models.getResourceModel(path.objectId(), path.resourceId());
        boolean isFloat = rm != null ? rm.type == Type.FLOAT : resource.type() == ResourceType.FLOAT;
        if (!isFloat) {
            return leshanText;
        }
        Value v = resource.isMultiple() ? resource.instances().get(path.resourceInstanceId())
                : resource.value();
        return Value.of(v.asDouble()).toText().getBytes(StandardCharsets.UTF_8);
    }

    /** Runs a NodeMapper conversion of content for {@code path}: a value that does not convert is a 5.00. */
    private static LwM2mNode convert(LwM2mPath path, Supplier<LwM2mNode> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException e) {
            throw LwM2mException.internal("Cannot encode " + path + ": " + e.getMessage(), e);
        }
    }

    private static Resource resourceContent(LwM2mPath path, Object content) {
        if (!(content instanceof Resource r)) {
            throw new IllegalArgumentException("content for " + path + " must be a Resource");
        }
        if (r.id() != path.resourceId()) {
            throw new IllegalArgumentException("content for " + path + " is resource " + r.id());
        }
        return r;
    }

    private static boolean isSingleValueFormat(int format) {
        return format == TEXT || format == OPAQUE || format == CBOR;
    }

    /** Throws 4.06 unless {@code format} can represent {@code node}. */
    private static void checkAcceptable(int format, LwM2mPath path, LwM2mNode node) {
        if (!isSupported(format)) {
            throw LwM2mException.notAcceptable(formatName(format) + " is not supported (supported: "
                    + SUPPORTED_FORMATS + ")");
        }
        if (isSingleValueFormat(format)) {
            boolean singleValue = node instanceof LwM2mResourceInstance
                    || (node instanceof LwM2mResource r && !r.isMultiInstances());
            if (!singleValue) {
                throw LwM2mException.notAcceptable(formatName(format) + " cannot represent " + describe(node) + " " + path);
            }
            if (format == OPAQUE) {
                Object type = node instanceof LwM2mResource r ? r.getType() : ((LwM2mResourceInstance) node).getType();
                if (type != org.eclipse.leshan.core.model.ResourceModel.Type.OPAQUE) {
                    throw LwM2mException.notAcceptable(formatName(format) + " cannot represent the non-opaque resource "
                            + path);
                }
            }
        }
    }

    private static String describe(LwM2mNode node) {
        if (node instanceof LwM2mObject) return "the object";
        if (node instanceof LwM2mObjectInstance) return "the object instance";
        if (node instanceof LwM2mResource) return "the multi-instance resource";
        return "the node";
    }

    /** The leshan format for a payload's Content-Format, or 4.15. */
    private ContentFormat decodableFormat(int contentFormat) {
        ContentFormat format = ContentFormat.fromCode(contentFormat);
        if (!isSupported(contentFormat) || !Codecs.DECODER.isSupported(format)) {
            throw LwM2mException.unsupportedFormat(formatName(contentFormat) + " is not supported (supported: "
                    + SUPPORTED_FORMATS + ")");
        }
        return format;
    }

    private static ContentFormat senmlFormat(int contentFormat) {
        if (!SENML_FORMATS.contains(contentFormat)) {
            throw LwM2mException.unsupportedFormat(formatName(contentFormat) + " cannot carry composite content: use "
                    + formatName(SENML_JSON) + " or " + formatName(SENML_CBOR));
        }
        return ContentFormat.fromCode(contentFormat);
    }

    private ObjectModel requireModel(int objectId) {
        return models.source(objectId)
                .orElseThrow(() -> LwM2mException.notFound("Object " + objectId + " is not known (no model)"));
    }

    private static ResourceModel requireResource(ObjectModel model, LwM2mPath path) {
        return model.resource(path.resourceId()).orElseThrow(() -> LwM2mException.notFound("Resource "
                + path.resourceId() + " is not defined for object " + model.id() + " (" + model.name() + ")"));
    }

    /** Checks a write to a resource or resource instance against the model. */
    private static void checkResourceTarget(LwM2mPath path, ObjectModel model, int contentFormat) {
        ResourceModel resourceModel = requireResource(model, path);
        if (path.isResourceInstance() && !resourceModel.multiple()) {
            throw LwM2mException.notFound("Resource " + path.parent() + " is single-instance: " + path
                    + " does not exist");
        }
        if (path.isResource() && resourceModel.multiple() && isSingleValueFormat(contentFormat)) {
            throw LwM2mException.unsupportedFormat(formatName(contentFormat) + " cannot carry the multi-instance resource "
                    + path);
        }
        if (contentFormat == OPAQUE && resourceModel.type() != ResourceType.OPAQUE) {
            throw LwM2mException.unsupportedFormat(formatName(contentFormat) + " cannot carry the "
                    + resourceModel.type() + " resource " + path);
        }
    }

    /** A decoded resource must be single or multiple as its model says (when it has one). */
    private static void checkMultiplicity(ObjectModel model, LwM2mPath path, Resource resource) {
        model.resource(resource.id()).ifPresent(rm -> {
            if (rm.multiple() != resource.isMultiple()) {
                throw new IllegalArgumentException("resource " + resource.id() + " is "
                        + (rm.multiple() ? "multi-instance" : "single-instance") + " but the payload holds a "
                        + (resource.isMultiple() ? "multi-instance" : "single") + " value");
            }
        });
    }

    /**
     * The original value at a place of a TLV tree encoded for {@code path}, when leshan wrote it
     * with the value's own type (the model's type is the same, or there is no model): what
     * {@link TlvRepair#repairEncoded} needs.
     */
    private TlvRepair.ValueAt valuesOf(LwM2mPath path, Object content) {
        return (instanceId, resourceId, resourceInstanceId) -> {
            Resource r = null;
            if (content instanceof Resource res && res.id() == resourceId) {
                r = res;
            } else if (content instanceof InstanceContent ic) {
                r = ic.resources().get(resourceId);
            } else if (content instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof InstanceContent ic && (ic.id() == instanceId || list.size() == 1)) {
                        r = ic.resources().get(resourceId);
                    }
                }
            }
            if (r == null || r.isMultiple() != (resourceInstanceId >= 0)) {
                return null;
            }
            org.eclipse.leshan.core.model.ResourceModel rm = models.getResourceModel(path.objectId(), resourceId);
            if (rm != null && LeshanModels.fromLeshan(rm.type) != r.type()) {
                return null;
            }
            return r.isMultiple() ? r.instances().get(resourceInstanceId) : r.value();
        };
    }

    /** Whether the content holds a value leshan's TLV encoder gets wrong (see {@link TlvRepair}). */
    private static boolean needsTlvRepair(Object content) {
        if (content instanceof Resource r) {
            for (Value v : r.isMultiple() ? r.instances().values() : List.of(r.value())) {
                if ((v.type() == ResourceType.UNSIGNED_INTEGER && v.asLong() < 0) || (v.type() == ResourceType.TIME
                        && v.asTime().getEpochSecond() != (int) v.asTime().getEpochSecond())) {
                    return true;
                }
            }
        } else if (content instanceof InstanceContent ic) {
            return ic.resources().values().stream().anyMatch(ContentCodec::needsTlvRepair);
        } else if (content instanceof List<?> list) {
            return list.stream().anyMatch(ContentCodec::needsTlvRepair);
        }
        return false;
    }

    /** Whether leshan's TLV decoder may misread an unsigned value of this object (see {@link TlvRepair}). */
    private boolean hasUnsignedResource(int objectId) {
        return models.source(objectId).map(m -> m.resources().values().stream()
                .anyMatch(r -> r.type() == ResourceType.UNSIGNED_INTEGER)).orElse(false);
    }

    /** Decodes with leshan; every failure is a 4.00 naming what is wrong. */
    private LwM2mNode decode(byte[] payload, ContentFormat format, LwM2mPath path) {
        try {
            byte[] bytes = payload == null ? new byte[0] : payload;
            if (format.getCode() == TLV && hasUnsignedResource(path.objectId())) {
                bytes = TlvRepair.repairForDecoding(bytes, path.depth() >= 3 ? path.resourceId() : -1, resourceId -> {
                    org.eclipse.leshan.core.model.ResourceModel rm = models.getResourceModel(path.objectId(), resourceId);
                    return rm != null && rm.type == Type.UNSIGNED_INTEGER;
                });
            }
            LwM2mNode node = Codecs.DECODER.decode(bytes, format, NodeMapper.toLeshan(path), models);
            if (node == null) {
                throw new IllegalArgumentException("nothing decoded");
            }
            return node;
        } catch (RuntimeException e) {
            throw new LwM2mException(ResponseCode.BAD_REQUEST, "Invalid " + formatName(format.getCode()) + " payload for "
                    + path + ": " + messageOf(e), e);
        }
    }

    /** The exception's message followed by its causes' (leshan wraps the useful part). */
    private static String messageOf(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    private static byte[] emptyPack(int format) {
        return format == SENML_JSON ? "[]".getBytes(StandardCharsets.UTF_8) : new byte[] { (byte) 0x80 };
    }
}
