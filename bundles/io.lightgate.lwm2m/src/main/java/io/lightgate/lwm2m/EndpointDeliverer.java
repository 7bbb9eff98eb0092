/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.CheckedExecutor;
import org.eclipse.californium.elements.util.SerialExecutor;

/**
 * Californium's deliverer, able to put back an observe relation a server holds while the endpoint
 * lost it (a restart, or Californium ending it while the server was unreachable): the server's
 * Observe request is rebuilt from its {@link StoredObservation} and the relation established as
 * if its first answer had just gone out — nothing is sent now; the next notification carries the
 * server's token and reaches the observation the server kept.
 */
final class EndpointDeliverer extends ServerMessageDeliverer {

    EndpointDeliverer(Resource root, Configuration config) {
        super(root, config);
    }

    /** A stored Observe request on its way back: the exchange, and the executor that lets the restoring thread own it. */
    record Prepared(Exchange exchange, ClaimableExecutor executor) {
    }

    /**
     * An exchange carrying the stored Observe request as if it had just come from {@code server}
     * on {@code endpoint}, whose notifications go out on that endpoint's socket; {@code prefix} is the
     * first path segment of a device behind the gateway (object 25), empty for an endpoint's own tree.
     */
    static Prepared prepare(StoredObservation o, String prefix, InetSocketAddress server, Endpoint endpoint, Executor executor) {
        Request request = new Request(o.fetch() ? CoAP.Code.FETCH : CoAP.Code.GET, o.confirmable() ? CoAP.Type.CON : CoAP.Type.NON);
        request.setToken(new Token(o.token()));
        request.getOptions().setObserve(0);
        String path = (prefix.isEmpty() ? "" : "/" + prefix) + (o.path().isRoot() ? "" : o.path().toString());
        if (!path.isEmpty()) {
            request.getOptions().setUriPath(path.substring(1));
        }
        if (o.accept() >= 0) {
            request.getOptions().setAccept(o.accept());
        }
        if (o.contentFormat() >= 0) {
            request.getOptions().setContentFormat(o.contentFormat());
        }
        request.setPayload(o.payload());
        request.setSourceContext(new AddressEndpointContext(server));
        // answered long ago: a notification is a separate CON/NON, never a piggy-backed ACK
        request.setAcknowledged(true);
        ClaimableExecutor claimable = new ClaimableExecutor(executor);
        Exchange exchange = new Exchange(request, server, Exchange.Origin.REMOTE, claimable);
        exchange.setEndpoint(endpoint);
        return new Prepared(exchange, claimable);
    }

    /**
     * An exchange's serial executor that the thread putting the relation back may own for that moment:
     * Californium lets only the exchange's owner set its relation, and handing the work to the pool
     * and waiting for it would block a pool thread (or deadlock with two endpoints restoring at once).
     */
    static final class ClaimableExecutor implements CheckedExecutor {
        private final SerialExecutor serial;
        private volatile Thread claimedBy;

        private ClaimableExecutor(Executor executor) {
            this.serial = new SerialExecutor(executor);
        }

        private void runClaimed(Runnable work) {
            claimedBy = Thread.currentThread();
            try {
                work.run();
            } finally {
                claimedBy = null;
            }
        }

        @Override
        public void execute(Runnable command) {
            serial.execute(command);
        }

        @Override
        public boolean checkOwner() {
            return claimedBy == Thread.currentThread() || serial.checkOwner();
        }

        @Override
        public void assertOwner() {
            if (!checkOwner()) {
                serial.assertOwner();
            }
        }
    }

    /**
     * Establishes the relation of {@code exchange} on {@code resource} without answering (the
     * resource's addObserveRelation runs, as after a first answer).
     *
     * @return the relation, or null when Californium refused it (too many observations)
     */
    ObserveRelation reestablish(Prepared prepared, PathResource resource) {
        Exchange exchange = prepared.exchange();
        ObserveRelation[] established = new ObserveRelation[1];
        prepared.executor().runClaimed(() -> {
            checkForObserveOption(exchange, resource);
            ObserveRelation relation = exchange.getRelation();
            if (relation != null) {
                relation.setEstablished();
                resource.addObserveRelation(relation);
                established[0] = relation;
            }
        });
        return established[0];
    }
}
