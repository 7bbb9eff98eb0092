/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
/**
 * UDP transport for many CoAP endpoints on few threads.
 * <p>
 * Californium's {@code UDPConnector} runs a receiver and a sender thread per socket, so a thousand
 * virtual LwM2M endpoints would cost two thousand threads. Here one {@link
 * io.lightgate.lwm2m.transport.UdpSelector} (one thread, one {@link java.nio.channels.Selector})
 * serves the non-blocking sockets of any number of {@link io.lightgate.lwm2m.transport.NioUdpConnector}s,
 * which plug into {@code CoapEndpoint.Builder.setConnector(...)}. Received datagrams are handed
 * to an executor, so an endpoint costs a socket and no thread. Not exported.
 */
@org.jspecify.annotations.NullMarked
package io.lightgate.lwm2m.transport;
