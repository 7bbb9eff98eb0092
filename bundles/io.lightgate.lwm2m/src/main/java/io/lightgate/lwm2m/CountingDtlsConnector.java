/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.lwm2m.transport.TrafficMeter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;

/**
 * A Scandium DTLS connector that counts the datagrams of its socket, handshakes and alerts
 * included: what crossed the link, not the CoAP messages inside the records.
 */
final class CountingDtlsConnector extends DTLSConnector {

    private final TrafficMeter meter;

    CountingDtlsConnector(DtlsConnectorConfig config, TrafficMeter meter) {
        super(config);
        this.meter = meter;
    }

    @Override
    protected void sendNextDatagramOverNetwork(DatagramPacket datagram) throws IOException {
        super.sendNextDatagramOverNetwork(datagram);
        meter.sent(datagram.getLength(), datagram.getAddress());
    }

    @Override
    protected void processDatagram(DatagramPacket datagram, InetSocketAddress router) {
        meter.received(datagram.getLength(), datagram.getAddress());
        super.processDatagram(datagram, router);
    }
}
