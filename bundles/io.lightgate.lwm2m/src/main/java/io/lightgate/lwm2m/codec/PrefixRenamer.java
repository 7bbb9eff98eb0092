/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import io.lightgate.api.LwM2mException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.json.JsonArrayEntry;
import org.eclipse.leshan.core.json.JsonRootObject;
import org.eclipse.leshan.core.json.LwM2mJsonException;
import org.eclipse.leshan.core.json.jackson.LwM2mJsonJacksonEncoderDecoder;
import org.eclipse.leshan.senml.SenMLException;
import org.eclipse.leshan.senml.SenMLRecord;

/**
 * Puts the names of a payload under an LwM2M Gateway prefix, as the server addresses an end device
 * behind the gateway ({@code /3303/0/5700} becomes {@code /dev1/3303/0/5700}), and merges the
 * per-device answers of a composite request into one pack. SenML (JSON, CBOR) and LwM2M JSON have
 * names; other formats are left as they are. Pure; thread-safe.
 */
public final class PrefixRenamer {

    private static final LwM2mJsonJacksonEncoderDecoder LWM2M_JSON = new LwM2mJsonJacksonEncoderDecoder();

    private PrefixRenamer() {
    }

    /**
     * The payload with its names under {@code /prefix}: in SenML every record's name stands alone
     * (base name resolved into it); in LwM2M JSON the base name (or, without one, each entry's name)
     * is prefixed. Other formats, and empty payloads, are returned as they are.
     *
     * @throws LwM2mException 5.00 when the payload cannot be read back
     */
    public static byte[] prefixed(int contentFormat, byte[] payload, String prefix) {
        if (payload == null || payload.length == 0 || prefix == null || prefix.isEmpty()) {
            return payload;
        }
        if (contentFormat == ContentCodec.LWM2M_JSON) {
            return lwm2mJson(payload, prefix);
        }
        if (!SenmlPacks.isSenml(contentFormat)) {
            return payload;
        }
        try {
            List<SenMLRecord> records = SenmlPacks.standalone(SenmlPacks.decode(contentFormat, payload));
            records.forEach(r -> r.setName(under(prefix, r.getName())));
            return SenmlPacks.encode(contentFormat, records);
        } catch (SenMLException | RuntimeException e) {
            throw LwM2mException.internal("Cannot put the SenML names under /" + prefix + ": " + e.getMessage(), e);
        }
    }

    /**
     * One SenML pack from the parts of a composite answer, each a pack in {@code contentFormat} keyed by
     * its prefix ({@link CompositeSplitter#OWN} for the gateway's own): every name under its part's
     * prefix, the parts in the map's order. A single own part is returned as it is.
     *
     * @throws LwM2mException 5.00 when a part cannot be read back
     */
    public static byte[] merge(int contentFormat, Map<String, byte[]> parts) {
        if (parts.size() == 1 && parts.containsKey(CompositeSplitter.OWN)) {
            return parts.get(CompositeSplitter.OWN);
        }
        try {
            List<SenMLRecord> all = new ArrayList<>();
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                byte[] payload = part.getValue();
                if (payload == null || payload.length == 0) {
                    continue;
                }
                List<SenMLRecord> records = SenmlPacks.standalone(SenmlPacks.decode(contentFormat, payload));
                records.forEach(r -> r.setName(under(part.getKey(), r.getName())));
                all.addAll(records);
            }
            return SenmlPacks.encode(contentFormat, all);
        } catch (SenMLException | RuntimeException e) {
            throw LwM2mException.internal("Cannot merge the composite answers of " + parts.keySet() + ": " + e.getMessage(), e);
        }
    }

    /** {@code /3/0/0} under {@code dev1}: {@code /dev1/3/0/0}; the own prefix leaves it as it is. */
    static String under(String prefix, String name) {
        if (prefix.isEmpty() || name == null) {
            return name;
        }
        return "/" + prefix + (name.startsWith("/") ? name : "/" + name);
    }

    private static byte[] lwm2mJson(byte[] payload, String prefix) {
        try {
            JsonRootObject root = LWM2M_JSON.fromJsonLwM2m(new String(payload, StandardCharsets.UTF_8));
            if (root.getBaseName() != null) {
                root.setBaseName(under(prefix, root.getBaseName()));
            } else if (root.getResourceList() != null) {
                for (JsonArrayEntry e : root.getResourceList()) {
                    e.setName(under(prefix, e.getName()));
                }
            }
            return LWM2M_JSON.toJsonLwM2m(root).getBytes(StandardCharsets.UTF_8);
        } catch (LwM2mJsonException | RuntimeException e) {
            throw LwM2mException.internal("Cannot put the LwM2M JSON names under /" + prefix + ": " + e.getMessage(), e);
        }
    }
}
