/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import gurux.dlms.GXByteBuffer;
import gurux.dlms.GXDLMSClient;
import gurux.dlms.GXReplyData;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.objects.GXDLMSObject;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Drives the Gurux DLMS client (GPL, test scope only) over a loopback TCP socket. */
final class GuruxClientDriver implements AutoCloseable {

    final GXDLMSClient client;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final InterfaceType type;

    GuruxClientDriver(int port, InterfaceType type, Authentication auth, String password, int clientAddress) throws Exception {
        this.type = type;
        int server = type == InterfaceType.HDLC ? GXDLMSClient.getServerAddress(1, 17) : 1;
        client = new GXDLMSClient(true, clientAddress, server, auth, password, type);
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void connect() throws Exception {
        GXReplyData reply = new GXReplyData();
        if (type == InterfaceType.HDLC) {
            packet(client.snrmRequest(), reply);
            client.parseUAResponse(reply.getData());
        }
        reply = new GXReplyData();
        blocks(client.aarqRequest(), reply);
        client.parseAareResponse(reply.getData());
    }

    Object read(GXDLMSObject object, int attribute) throws Exception {
        GXReplyData reply = new GXReplyData();
        blocks(client.read(object, attribute), reply);
        return client.updateValue(object, attribute, reply.getValue());
    }

    GXReplyData send(byte[][] request) throws Exception {
        GXReplyData reply = new GXReplyData();
        blocks(request, reply);
        return reply;
    }

    private void blocks(byte[][] data, GXReplyData reply) throws Exception {
        for (byte[] d : data) {
            reply.clear();
            block(d, reply);
        }
    }

    private void block(byte[] data, GXReplyData reply) throws Exception {
        packet(data, reply);
        for (int i = 0; reply.isMoreData() && i < 10_000; i++) {
            packet(reply.isStreaming() ? null : client.receiverReady(reply), reply);
        }
    }

    private void packet(byte[] data, GXReplyData reply) throws Exception {
        if (data != null) {
            out.write(data);
            out.flush();
        }
        GXByteBuffer buffer = new GXByteBuffer();
        GXReplyData notify = new GXReplyData();
        byte[] chunk = new byte[2048];
        while (!client.getData(buffer, reply, notify)) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new EOFException("simulator closed the connection");
            }
            buffer.set(chunk, 0, n);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            send(client.releaseRequest());
            byte[] disc = type == InterfaceType.HDLC ? client.disconnectRequest() : null;
            if (disc != null && disc.length > 0) { // Gurux sends nothing when it thinks the link is down
                packet(disc, new GXReplyData());
            }
        } finally {
            socket.close();
        }
    }
}
