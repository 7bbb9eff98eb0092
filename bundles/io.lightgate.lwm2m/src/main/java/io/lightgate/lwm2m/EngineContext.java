/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.lwm2m.codec.ContentCodec;
import io.lightgate.lwm2m.transport.TrafficMeter;
import org.eclipse.californium.elements.config.Configuration;
import org.osgi.framework.BundleContext;

/**
 * What every endpoint of the engine shares: the registry, the codecs, the threads, the CoAP
 * configuration and the servers' notification attributes.
 *
 * @param registry the object registry
 * @param codec payload encoding and decoding
 * @param executors the shared threads
 * @param coap Californium settings for every endpoint, coap:// and coaps://, the gateway's own endpoint with a body
 *            large enough for a firmware image
 * @param localAddress the address sockets bind to
 * @param attributes notification attributes per endpoint and server
 * @param requestTimeoutMillis how long a request to a server may take
 * @param updateDelayMillis the debounce window for registration updates
 * @param bundleContext the engine bundle's context, to register each endpoint's Server object
 * @param storedNotificationsMax values kept per server while it is unreachable (see {@link StoreAndForward})
 * @param traffic counts what every socket of the engine sends and receives
 * @param registrationListeners told when an endpoint has registered
 * @param gatewayDeviceWaitMillis how long the state kept for a device behind the gateway (object 25) waits for the device
 *            after the gateway's registration started or resumed; then, the device not back, it is cleared
 * @param notificationPacing how fast one endpoint may notify one server
 * @param registrationWindow how many Register, Update and De-register requests may be in flight to one server
 * @param serverLastHeard when any endpoint last heard from each server (see {@link StoreAndForward})
 */
record EngineContext(ObjectRegistry registry, ContentCodec codec, EngineExecutors executors, CoapSettings coap,
        String localAddress, ServerAttributes attributes, long requestTimeoutMillis, long updateDelayMillis,
        BundleContext bundleContext, long storedNotificationsMax, TrafficMeter traffic,
        RegistrationListeners registrationListeners, long gatewayDeviceWaitMillis, NotificationPacing notificationPacing,
        RegistrationWindow registrationWindow, ServerLastHeard serverLastHeard) {

    /** The Californium settings of an endpoint's coap:// socket. */
    Configuration coapConfigurationFor(String endpointName) {
        return coap.plain(endpointName.equals(registry.gatewayEndpoint()));
    }

    /** The Californium settings of an endpoint's coaps:// sockets (made at the first one). */
    Configuration secureCoapConfigurationFor(String endpointName) {
        return coap.secure(endpointName.equals(registry.gatewayEndpoint()));
    }
}
