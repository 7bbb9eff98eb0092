/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.dlms.client;

import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.WrapperHeader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** IEC 62056-47 WRAPPER over a TCP socket. */
final class WrapperTransport implements DlmsTransport {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int clientAddress;
    private final int serverAddress;
    private final int maxApdu;

    /**
     * @param socket a connected socket with a read timeout set
     * @param maxApdu the largest APDU accepted from the meter
     */
    WrapperTransport(Socket socket, int clientAddress, int serverAddress, int maxApdu) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.clientAddress = clientAddress;
        this.serverAddress = serverAddress;
        this.maxApdu = maxApdu;
    }

    @Override
    public byte[] exchange(byte[] apdu) throws IOException, DlmsProtocolException {
        out.write(WrapperHeader.wrap(clientAddress, serverAddress, apdu));
        out.flush();
        byte[][] answer = new byte[1][];
        WrapperHeader h = WrapperHeader.read(in, maxApdu, answer);
        if (h.source() != serverAddress || h.destination() != clientAddress) {
            throw new DlmsProtocolException("WRAPPER answer from wPort " + h.source() + " to " + h.destination()
                    + ", expected " + serverAddress + " to " + clientAddress);
        }
        return answer[0];
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
