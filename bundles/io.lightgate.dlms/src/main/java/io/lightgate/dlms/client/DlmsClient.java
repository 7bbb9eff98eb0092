/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.client;

import io.lightgate.dlms.protocol.Aare;
import io.lightgate.dlms.protocol.Aarq;
import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.Authentication;
import io.lightgate.dlms.protocol.Axdr;
import io.lightgate.dlms.protocol.ByteReader;
import io.lightgate.dlms.protocol.ByteWriter;
import io.lightgate.dlms.protocol.Conformance;
import io.lightgate.dlms.protocol.DataAccessResult;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.HdlcAddress;
import io.lightgate.dlms.protocol.HdlcParameters;
import io.lightgate.dlms.protocol.XdlmsRequest;
import io.lightgate.dlms.protocol.XdlmsResponse;
import io.lightgate.dlms.protocol.XdlmsResponse.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A logical-name DLMS client bound to one association with one meter. Not thread-safe: one
 * request at a time (the caller serialises calls; the DLMS adapter does so per meter). Every call blocks at most the
 * response timeout per frame; a failed call leaves the client unusable ({@link #isOpen()}
 * false) so the caller re-associates.
 */
public final class DlmsClient implements AutoCloseable {

    private final ClientSettings settings;
    private final DlmsTransport transport;
    private Aare aare;
    private int invokeId;
    private volatile boolean open;

    private DlmsClient(ClientSettings settings, DlmsTransport transport) {
        this.settings = settings;
        this.transport = transport;
    }

    /** Connects, sets up the link (HDLC) and associates (AARQ/AARE). */
    public static DlmsClient connect(ClientSettings s) throws IOException, DlmsProtocolException {
        Socket socket = new Socket();
        DlmsTransport transport = null;
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(s.host(), s.port()), (int) s.connectTimeout().toMillis());
            socket.setSoTimeout((int) Math.max(1, s.responseTimeout().toMillis()));
            if (s.transport() == TransportKind.HDLC) {
                HdlcTransport hdlc = new HdlcTransport(socket, HdlcAddress.client(s.clientAddress()),
                        HdlcAddress.server(s.serverLogical(), s.serverPhysical(), s.serverAddressSize()), s.maxPduSize());
                transport = hdlc;
                hdlc.connect(new HdlcParameters(s.hdlcMaxInfo(), s.hdlcMaxInfo(), 1, 1));
            } else {
                transport = new WrapperTransport(socket, s.clientAddress(), s.serverLogical(), s.maxPduSize());
            }
            DlmsClient client = new DlmsClient(s, transport);
            client.associate();
            return client;
        } catch (IOException | DlmsProtocolException | RuntimeException e) {
            if (transport != null) {
                transport.close();
            }
            socket.close();
            throw e;
        }
    }

    /** A client over an already open transport (tests, other links). */
    static DlmsClient over(ClientSettings s, DlmsTransport transport) throws IOException, DlmsProtocolException {
        DlmsClient client = new DlmsClient(s, transport);
        client.associate();
        return client;
    }

    private void associate() throws IOException, DlmsProtocolException {
        byte[] secret = settings.authentication() == Authentication.NONE ? null : settings.password();
        Aarq aarq = new Aarq(settings.authentication(), secret, Conformance.CLIENT_PROPOSAL, settings.maxPduSize());
        Aare answer = Aare.decode(transport.exchange(aarq.encode()));
        if (!answer.accepted()) {
            throw new DlmsProtocolException("meter refused the association: " + answer.reason());
        }
        aare = answer;
        open = true;
    }

    public boolean isOpen() { return open; }

    /** The negotiated conformance bits. */
    public int conformance() { return aare.conformance(); }

    /** The largest APDU the meter accepts. */
    public int serverMaxPduSize() { return aare.maxPduSize(); }

    private int nextInvoke() {
        invokeId = (invokeId + 1) & 0x0F;
        return 0xC0 | invokeId; // high priority, confirmed service
    }

    private XdlmsResponse call(XdlmsRequest request) throws IOException, DlmsProtocolException {
        if (!open) {
            throw new IOException("the association is closed");
        }
        try {
            XdlmsResponse r = XdlmsResponse.decode(transport.exchange(request.encode()));
            if (r instanceof XdlmsResponse.Exception e) {
                throw new DlmsProtocolException("meter sent exception-response (state error " + e.stateError()
                        + ", service error " + e.serviceError() + ")");
            }
            if (r instanceof XdlmsResponse.ServiceError e) {
                throw new DlmsProtocolException("meter sent confirmed-service-error " + e.service() + "/" + e.kind() + "/" + e.code());
            }
            return r;
        } catch (IOException | DlmsProtocolException | RuntimeException e) {
            // the link state is unknown after a failed exchange: the caller must re-associate
            open = false;
            throw e;
        }
    }

    /** Reads one attribute; access errors come back as a Result with an error. */
    public Result get(AttributeAddress attribute) throws IOException, DlmsProtocolException {
        XdlmsResponse r = call(new XdlmsRequest.Get(nextInvoke(), attribute));
        if (r instanceof XdlmsResponse.Get g) {
            return g.result();
        }
        if (r instanceof XdlmsResponse.GetBlock b) {
            byte[] raw = readBlocks(b);
            return raw == null ? Result.error(b.error()) : Result.of(Axdr.decode(raw));
        }
        throw unexpected(r, "GET");
    }

    /** Reads one attribute's value or throws the meter's access error. */
    public DlmsData read(AttributeAddress attribute) throws IOException, DlmsProtocolException, DlmsAccessException {
        Result r = get(attribute);
        if (!r.ok()) {
            throw new DlmsAccessException("GET " + attribute, r.error());
        }
        return r.data();
    }

    /**
     * Reads several attributes: one GET-with-list when the meter supports it (split to keep
     * requests small), one GET each otherwise.
     */
    public List<Result> get(List<AttributeAddress> attributes) throws IOException, DlmsProtocolException {
        List<Result> results = new ArrayList<>(attributes.size());
        if ((aare.conformance() & Conformance.MULTIPLE_REFERENCES) == 0 || attributes.size() == 1) {
            for (AttributeAddress a : attributes) {
                results.add(get(a));
            }
            return results;
        }
        final int chunk = 10;
        for (int i = 0; i < attributes.size(); i += chunk) {
            List<AttributeAddress> part = attributes.subList(i, Math.min(attributes.size(), i + chunk));
            XdlmsResponse r = call(new XdlmsRequest.GetWithList(nextInvoke(), part));
            List<Result> got;
            if (r instanceof XdlmsResponse.GetList l) {
                got = l.results();
            } else if (r instanceof XdlmsResponse.GetBlock b) {
                byte[] raw = readBlocks(b);
                if (raw == null) {
                    throw new DlmsProtocolException("GET-with-list failed: " + b.error());
                }
                got = decodeResultList(raw);
            } else {
                throw unexpected(r, "GET-with-list");
            }
            if (got.size() != part.size()) {
                throw new DlmsProtocolException("GET-with-list asked " + part.size() + " attributes, got " + got.size());
            }
            results.addAll(got);
        }
        return results;
    }

    private static List<Result> decodeResultList(byte[] raw) throws DlmsProtocolException {
        ByteReader r = new ByteReader(raw);
        int n = r.boundedLength("result list", 2);
        List<Result> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int choice = r.u8("result choice");
            list.add(choice == 0 ? Result.of(Axdr.decode(r)) : Result.error(DataAccessResult.of(r.u8("data access result"))));
        }
        return list;
    }

    /** Collects a block transfer; null when the meter aborted it with an error (in first.error()). */
    private byte[] readBlocks(XdlmsResponse.GetBlock first) throws IOException, DlmsProtocolException {
        ByteWriter all = new ByteWriter();
        XdlmsResponse.GetBlock b = first;
        long expected = 1;
        while (true) {
            if (b.error() != null) {
                if (b == first) {
                    return null;
                }
                throw new DlmsProtocolException("block transfer aborted at block " + b.blockNumber() + ": " + b.error());
            }
            if (b.blockNumber() != expected) {
                throw new DlmsProtocolException("block " + b.blockNumber() + " arrived, expected " + expected);
            }
            byte[] raw = b.raw();
            if (all.size() + raw.length > settings.maxResponseBytes()) {
                throw new DlmsProtocolException("block transfer exceeds " + settings.maxResponseBytes() + " bytes");
            }
            all.bytes(raw);
            if (b.last()) {
                return all.toByteArray();
            }
            XdlmsResponse next = call(new XdlmsRequest.GetNext(nextInvoke(), b.blockNumber()));
            if (!(next instanceof XdlmsResponse.GetBlock nb)) {
                throw unexpected(next, "GET-next");
            }
            b = nb;
            expected++;
        }
    }

    /** Writes one attribute; answers the meter's result (SUCCESS or the refusal). */
    public DataAccessResult set(AttributeAddress attribute, DlmsData value) throws IOException, DlmsProtocolException {
        XdlmsResponse r = call(new XdlmsRequest.Set(nextInvoke(), attribute, value));
        if (r instanceof XdlmsResponse.Set s) {
            return s.result();
        }
        throw unexpected(r, "SET");
    }

    /**
     * Invokes a method.
     *
     * @param method class, logical name and method index
     * @param parameters the method's parameter, or null for none
     * @return the action result with the returned data, if any
     */
    public XdlmsResponse.Action action(AttributeAddress method, @Nullable DlmsData parameters) throws IOException, DlmsProtocolException {
        XdlmsResponse r = call(new XdlmsRequest.Action(nextInvoke(), method, parameters));
        if (r instanceof XdlmsResponse.Action a) {
            return a;
        }
        throw unexpected(r, "ACTION");
    }

    private static DlmsProtocolException unexpected(XdlmsResponse r, String to) {
        return new DlmsProtocolException("unexpected answer to " + to + ": " + r.getClass().getSimpleName());
    }

    /** Releases the association (RLRQ/RLRE) and closes the link; errors are ignored. */
    @Override
    public void close() {
        if (open) {
            open = false;
            try {
                transport.exchange(new XdlmsRequest.Release().encode());
            } catch (IOException | DlmsProtocolException | RuntimeException e) {
                // the meter may already be gone; the link ends anyway
            }
        }
        transport.close();
    }
}
