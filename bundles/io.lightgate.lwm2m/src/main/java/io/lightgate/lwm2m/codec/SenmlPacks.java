/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.codec;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.leshan.senml.ResolvedSenMLRecord;
import org.eclipse.leshan.senml.SenMLException;
import org.eclipse.leshan.senml.SenMLPack;
import org.eclipse.leshan.senml.SenMLRecord;
import org.eclipse.leshan.senml.SenMLResolver;
import org.eclipse.leshan.senml.cbor.upokecenter.SenMLCborUpokecenterEncoderDecoder;
import org.eclipse.leshan.senml.json.jackson.SenMLJsonJacksonEncoderDecoder;

/**
 * SenML packs (JSON or CBOR) as records whose names and times stand alone: what the prefix
 * splitter and re-namer work on. Records of packs made this way can be moved between packs and
 * concatenated; a base name or time would otherwise carry over to the records after it.
 */
final class SenmlPacks {

    // records without a value are allowed: a Read-Composite's path list has none
    private static final SenMLCborUpokecenterEncoderDecoder CBOR = new SenMLCborUpokecenterEncoderDecoder(true, true);
    private static final SenMLJsonJacksonEncoderDecoder JSON = new SenMLJsonJacksonEncoderDecoder(true);

    private SenmlPacks() {
    }

    static boolean isSenml(int contentFormat) {
        return contentFormat == ContentCodec.SENML_JSON || contentFormat == ContentCodec.SENML_CBOR;
    }

    static SenMLPack decode(int contentFormat, byte[] payload) throws SenMLException {
        return contentFormat == ContentCodec.SENML_CBOR ? CBOR.fromSenML(payload) : JSON.fromSenML(payload);
    }

    static byte[] encode(int contentFormat, List<SenMLRecord> records) throws SenMLException {
        SenMLPack pack = new SenMLPack(records);
        return contentFormat == ContentCodec.SENML_CBOR ? CBOR.toSenML(pack) : JSON.toSenML(pack);
    }

    /**
     * The pack's records, changed in place: each one's name is its resolved name (base name + name) and its
     * time its resolved time (base time + time, when it had either); no base name or base time is left.
     */
    static List<SenMLRecord> standalone(SenMLPack pack) throws SenMLException {
        List<SenMLRecord> records = pack.getRecords() == null ? List.of() : pack.getRecords();
        SenMLResolver<ResolvedSenMLRecord> resolver = new SenMLResolver<>() {
            @Override
            protected ResolvedSenMLRecord createResolvedRecord(SenMLRecord record, String name, BigDecimal time) {
                return new ResolvedSenMLRecord(record, name, time);
            }
        };
        for (SenMLRecord r : records) {
            boolean timed = r.getBaseTime() != null || r.getTime() != null;
            ResolvedSenMLRecord resolved = resolver.resolve(r);
            r.setBaseName(null);
            r.setName(resolved.getName());
            r.setBaseTime(null);
            r.setTime(timed ? resolved.getTimeStamp() : null);
        }
        return records;
    }
}
