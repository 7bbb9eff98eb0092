/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.ExtendedCoapStackFactory;
import org.eclipse.californium.core.network.Outbox;
import org.eclipse.californium.core.network.stack.BaseCoapStack;
import org.eclipse.californium.core.network.stack.BlockwiseLayer;
import org.eclipse.californium.core.network.stack.CoapStack;
import org.eclipse.californium.core.network.stack.CongestionControlLayer;
import org.eclipse.californium.core.network.stack.ExchangeCleanupLayer;
import org.eclipse.californium.core.network.stack.Layer;
import org.eclipse.californium.core.network.stack.ObserveLayer;
import org.eclipse.californium.core.network.stack.ReliabilityLayer;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.config.Configuration;

/**
 * Californium's reliability layer, except that an acknowledged notification settles its observe
 * relation's retransmissions.
 * <p>
 * All notifications of a relation go through the one exchange of its Observe request, and
 * Californium 3.12 counts failed transmissions per exchange: the count is reset only when the
 * exchange gets a new request, never when a CON notification is acknowledged. So every
 * retransmission a relation ever needed stayed counted: each later CON notification started with
 * the previous one's last timeout, doubled (up to MAX_ACK_TIMEOUT, 60 s, so an outage was noticed
 * later and later), and once the relation had MAX_RETRANSMIT (4) retransmissions in all, across
 * separate outages, the next timer expiry was a timeout: Californium cancelled every relation of
 * that server while the server still believed it observed. Here an ACK of a notification resets
 * the count: the next CON notification starts afresh, as the relation's first one did (ACK_TIMEOUT,
 * the whole MAX_RETRANSMIT).
 */
final class NotificationReliabilityLayer extends ReliabilityLayer {

    /** Builds the engine's UDP and DTLS stacks with this layer instead of Californium's. */
    static final ExtendedCoapStackFactory STACK_FACTORY = new ExtendedCoapStackFactory() {
        @Override
        public CoapStack createCoapStack(String protocol, String tag, Configuration config, EndpointContextMatcher matcher, Outbox outbox,
                Object customStackArgument) {
            if (CoAP.isTcpProtocol(protocol)) {
                throw new IllegalArgumentException("The engine has no CoAP over TCP endpoint, got " + protocol);
            }
            return new UdpStack(tag, config, matcher, outbox);
        }

        @Override
        public CoapStack createCoapStack(String protocol, String tag, Configuration config, Outbox outbox, Object customStackArgument) {
            // as Californium's own factory: no matcher (CoapEndpoint calls the method above)
            return createCoapStack(protocol, tag, config, null, outbox, customStackArgument);
        }
    };

    /**
     * The layers of Californium's CoapUdpStack, whose constructor with a matcher (the one CoapEndpoint
     * uses) offers no hook for the reliability layer.
     */
    private static final class UdpStack extends BaseCoapStack {
        UdpStack(String tag, Configuration config, EndpointContextMatcher matcher, Outbox outbox) {
            super(outbox);
            // a congestion control algorithm (none by default, the engine sets none) brings its own layer
            ReliabilityLayer reliability = config.get(CoapConfig.CONGESTION_CONTROL_ALGORITHM) == CoapConfig.CongestionControlMode.NULL
                    ? new NotificationReliabilityLayer(config) : CongestionControlLayer.newImplementation(tag, config);
            setLayers(new Layer[] { new ExchangeCleanupLayer(config), new ObserveLayer(config), new BlockwiseLayer(tag, false, config, matcher),
                    reliability });
        }
    }

    NotificationReliabilityLayer(Configuration config) {
        super(config);
    }

    @Override
    protected boolean processEmptyMessage(Exchange exchange, EmptyMessage message) {
        boolean acknowledged = super.processEmptyMessage(exchange, message);
        if (acknowledged && message.getType() == CoAP.Type.ACK && !exchange.isOfLocalOrigin() && exchange.getRelation() != null
                && exchange.getFailedTransmissionCount() > 0) {
            resetFailedTransmissions(exchange);
        }
        return acknowledged;
    }

    /**
     * Exchange has no setter for the count; setting another current request is the one call that
     * resets it (with the retransmission timer, which the ACK cancelled already). The Observe request
     * is put back at once, on the exchange's own executor (where Californium processes the ACK), so
     * nothing of the stack sees the stand-in.
     */
    private static void resetFailedTransmissions(Exchange exchange) {
        Request observe = exchange.getCurrentRequest();
        exchange.setCurrentRequest(null);
        exchange.setCurrentRequest(observe);
    }
}
