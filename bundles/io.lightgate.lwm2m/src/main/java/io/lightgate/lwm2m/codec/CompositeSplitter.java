/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResponseCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.senml.SenMLException;
import org.eclipse.leshan.senml.SenMLRecord;

/**
 * Splits the SenML payload of a composite request on the gateway's root (Read-, Observe- or
 * Write-Composite) by the LwM2M Gateway prefix its names start with: {@code /3/0/0} is the
 * gateway's own, {@code /dev1/3/0/0} device {@code dev1}'s (a prefix is never numeric, an object
 * id always is). Each part is a pack in the same format whose names are absolute and without the
 * prefix, ready for {@link ContentCodec#decodePaths} or {@link ContentCodec#decodeComposite}.
 * Pure; thread-safe.
 */
public final class CompositeSplitter {

    /** The key of the gateway's own part. */
    public static final String OWN = "";

    private CompositeSplitter() {
    }

    /**
     * The payload's records by prefix, in the order prefixes first appear. A pack that names no prefix is
     * returned whole and unchanged, as the gateway's own part; so is an empty payload.
     *
     * @throws LwM2mException 4.15 for a format other than SenML JSON or CBOR, 4.00 when the pack does not decode
     */
    public static Map<String, byte[]> split(int contentFormat, byte[] payload) {
        if (!SenmlPacks.isSenml(contentFormat)) {
            throw LwM2mException.unsupportedFormat(ContentCodec.formatName(contentFormat) + " cannot carry composite content: use "
                    + ContentCodec.formatName(ContentCodec.SENML_JSON) + " or " + ContentCodec.formatName(ContentCodec.SENML_CBOR));
        }
        if (payload == null || payload.length == 0) {
            return Map.of(OWN, payload == null ? new byte[0] : payload);
        }
        try {
            List<SenMLRecord> records = SenmlPacks.standalone(SenmlPacks.decode(contentFormat, payload));
            Map<String, List<SenMLRecord>> byPrefix = new LinkedHashMap<>();
            for (SenMLRecord r : records) {
                String prefix = prefixOf(r.getName());
                if (!prefix.isEmpty()) {
                    r.setName(withoutPrefix(r.getName()));
                }
                byPrefix.computeIfAbsent(prefix, k -> new ArrayList<>()).add(r);
            }
            if (byPrefix.keySet().equals(java.util.Set.of(OWN))) {
                return Map.of(OWN, payload); // the usual case: as it came
            }
            Map<String, byte[]> parts = new LinkedHashMap<>();
            for (Map.Entry<String, List<SenMLRecord>> e : byPrefix.entrySet()) {
                parts.put(e.getKey(), SenmlPacks.encode(contentFormat, e.getValue()));
            }
            return parts;
        } catch (SenMLException | RuntimeException e) {
            throw new LwM2mException(ResponseCode.BAD_REQUEST, "Invalid " + ContentCodec.formatName(contentFormat)
                    + " composite payload: " + e.getMessage(), e);
        }
    }

    /**
     * The prefix a resolved SenML name starts with: its first segment when that is not a number
     * ({@code dev1} for {@code /dev1/3/0/0}), otherwise (and for {@code /} or no name) {@link #OWN}.
     */
    public static String prefixOf(String name) {
        if (name == null) {
            return OWN;
        }
        String rest = name.startsWith("/") ? name.substring(1) : name;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (first.isEmpty() || Character.isDigit(first.charAt(0))) {
            return OWN;
        }
        return first;
    }

    /** {@code /dev1/3/0/0} as {@code /3/0/0}; {@code /dev1} and {@code /dev1/} as {@code /}. */
    static String withoutPrefix(String name) {
        String rest = name.startsWith("/") ? name.substring(1) : name;
        int slash = rest.indexOf('/');
        return slash < 0 ? "/" : rest.substring(slash);
    }
}
