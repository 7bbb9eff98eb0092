/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.protocol.Aare;
import io.lightgate.dlms.protocol.Aarq;
import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.Authentication;
import io.lightgate.dlms.protocol.Conformance;
import io.lightgate.dlms.protocol.DataAccessResult;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.XdlmsRequest;
import io.lightgate.dlms.protocol.XdlmsResponse;
import io.lightgate.dlms.protocol.XdlmsResponse.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The application layer of one connection: association (lowest or low-level security), GET
 * normal/next/with-list with block transfer when the answer exceeds the client's PDU size,
 * SET, ACTION, release. Transport independent: APDU in, APDU out.
 */
final class ServerSession {

    /** What the simulator grants. */
    static final int CONFORMANCE = Conformance.GET | Conformance.SET | Conformance.ACTION | Conformance.SELECTIVE_ACCESS
            | Conformance.BLOCK_TRANSFER_GET | Conformance.MULTIPLE_REFERENCES | Conformance.PRIORITY_MGMT
            | Conformance.ATTRIBUTE0_GET;

    private final SimulatedMeter meter;
    private final Authentication authentication;
    private final byte[] password;
    private final int serverMaxPdu;
    private boolean associated;
    private int clientMaxPdu;
    private byte[] pendingBlocks;
    private int pendingInvoke;
    private long blockNumber;

    ServerSession(SimulatedMeter meter, Authentication authentication, byte[] password, int serverMaxPdu) {
        this.meter = meter;
        this.authentication = authentication;
        this.password = password.clone();
        this.serverMaxPdu = serverMaxPdu;
    }

    boolean associated() { return associated; }

    /** Answers one APDU; a malformed one throws (the caller logs it and drops the connection). */
    byte[] handle(byte[] apdu) throws DlmsProtocolException {
        if (apdu.length > 0 && (apdu[0] & 0xFF) == Aarq.TAG) {
            return associate(Aarq.decode(apdu)).encode();
        }
        XdlmsRequest request = XdlmsRequest.decode(apdu);
        if (request instanceof XdlmsRequest.Release) {
            associated = false;
            return new XdlmsResponse.Release().encode();
        }
        if (!associated) {
            // service not allowed: no association
            return new XdlmsResponse.Exception(1, 2).encode();
        }
        meter.advance();
        if (request instanceof XdlmsRequest.Get g) {
            return blocked(g.invoke(), new XdlmsResponse.Get(g.invoke(), get(g.attribute())).encode(), 4);
        }
        if (request instanceof XdlmsRequest.GetWithList l) {
            List<Result> results = new ArrayList<>();
            for (AttributeAddress a : l.attributes()) {
                results.add(get(a));
            }
            return blocked(l.invoke(), new XdlmsResponse.GetList(l.invoke(), results).encode(), 3);
        }
        if (request instanceof XdlmsRequest.GetNext n) {
            return nextBlock(n);
        }
        if (request instanceof XdlmsRequest.Set s) {
            CosemObject o = meter.object(s.attribute().classId(), s.attribute().obis());
            DataAccessResult r = o == null ? DataAccessResult.OBJECT_UNDEFINED : o.set(s.attribute().index(), s.value());
            return new XdlmsResponse.Set(s.invoke(), r).encode();
        }
        if (request instanceof XdlmsRequest.Action a) {
            CosemObject o = meter.object(a.method().classId(), a.method().obis());
            if (o == null) {
                return new XdlmsResponse.Action(a.invoke(), DataAccessResult.OBJECT_UNDEFINED, null).encode();
            }
            Result r = o.action(a.method().index(), a.parameters());
            if (r != null && !r.ok()) {
                return new XdlmsResponse.Action(a.invoke(), r.error(), null).encode();
            }
            return new XdlmsResponse.Action(a.invoke(), DataAccessResult.SUCCESS, r).encode();
        }
        throw new DlmsProtocolException("unsupported request " + request);
    }

    private Aare associate(Aarq aarq) {
        associated = false;
        if (aarq.authentication() != authentication) {
            return new Aare(1, authentication == Authentication.NONE ? 11 : 12, 0, 0, -1);
        }
        if (authentication == Authentication.LOW && !Arrays.equals(password, aarq.secret())) {
            return new Aare(1, Aare.AUTHENTICATION_FAILURE, 0, 0, -1);
        }
        associated = true;
        clientMaxPdu = aarq.maxReceivePduSize() == 0 ? 0xFFFF : aarq.maxReceivePduSize();
        return new Aare(0, 0, CONFORMANCE & aarq.conformance(), serverMaxPdu, -1);
    }

    private Result get(AttributeAddress a) {
        CosemObject o = meter.object(a.classId(), a.obis());
        if (o == null) {
            return Result.error(DataAccessResult.OBJECT_UNDEFINED);
        }
        return o.get(a);
    }

    /**
     * Sends the response as is when it fits the client's PDU, else keeps its data part and
     * sends the first block.
     *
     * @param header bytes of the encoded response before the block data (tag, type, invoke[, choice])
     */
    private byte[] blocked(int invoke, byte[] response, int header) {
        int max = Math.min(clientMaxPdu, serverMaxPdu);
        if (response.length <= max) {
            pendingBlocks = null;
            return response;
        }
        // normal: the raw data is the encoded Data after the result choice; with-list: count and results
        pendingBlocks = Arrays.copyOfRange(response, header, response.length);
        pendingInvoke = invoke;
        blockNumber = 0;
        return block(invoke);
    }

    private byte[] block(int invoke) {
        int max = Math.min(clientMaxPdu, serverMaxPdu);
        int chunk = Math.max(16, max - 16); // room for tag, type, invoke, last, block number, length
        int from = (int) Math.min((long) blockNumber * chunk, pendingBlocks.length);
        int to = Math.min(pendingBlocks.length, from + chunk);
        blockNumber++;
        boolean last = to == pendingBlocks.length;
        byte[] raw = Arrays.copyOfRange(pendingBlocks, from, to);
        if (last) {
            pendingBlocks = null;
        }
        return new XdlmsResponse.GetBlock(invoke, last, blockNumber, raw, null).encode();
    }

    private byte[] nextBlock(XdlmsRequest.GetNext n) {
        if (pendingBlocks == null) {
            return new XdlmsResponse.GetBlock(n.invoke(), true, n.blockNumber(), null,
                    DataAccessResult.NO_LONG_GET_IN_PROGRESS).encode();
        }
        if (n.blockNumber() != blockNumber) {
            pendingBlocks = null;
            return new XdlmsResponse.GetBlock(n.invoke(), true, n.blockNumber(), null,
                    DataAccessResult.DATA_BLOCK_NUMBER_INVALID).encode();
        }
        return block(n.invoke());
    }
}
