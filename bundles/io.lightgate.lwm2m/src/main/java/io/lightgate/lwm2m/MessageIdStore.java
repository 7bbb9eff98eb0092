/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.network.InMemoryMessageExchangeStore;
import org.eclipse.californium.core.network.KeyMID;
import org.eclipse.californium.core.network.TokenGenerator;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Californium's exchange store with message IDs that know the message's type: Californium's own
 * trackers hold every ID for EXCHANGE_LIFETIME, so NON notifications got no more than CON ones
 * (65,000 IDs per 247 s). Here a NON's ID is free again after NON_LIFETIME, as RFC 7252 allows
 * (see {@link MessageIdLeases}).
 */
final class MessageIdStore extends InMemoryMessageExchangeStore {

    private static final Logger LOG = LoggerFactory.getLogger(MessageIdStore.class);

    private final MessageIdBudget budget;
    private final Map<InetSocketAddress, MessageIdLeases> peers = PerServer.map();
    private final String tag;
    private final AnsweredRequests answeredRequests;

    MessageIdStore(String tag, Configuration config, TokenGenerator tokens, MessageIdBudget budget) {
        super(tag, config, tokens);
        this.budget = budget;
        this.tag = tag;
        // Californium asks a provider only where it does not know the message (it never does here)
        setMessageIdProvider(peer -> next(peer, CoAP.Type.CON));
        // received requests are remembered by their answer, not their whole Exchange
        answeredRequests = new AnsweredRequests(config);
        setDeduplicator(answeredRequests);
    }

    /** This socket's duplicate detection. */
    AnsweredRequests answeredRequests() {
        return answeredRequests;
    }

    @Override
    public int assignMessageId(Message message) {
        if (message.getMID() != Message.NONE) {
            return message.getMID();
        }
        InetSocketAddress peer = message.getDestinationContext().getPeerAddress();
        try {
            int mid = next(peer, message.getType());
            // A quiet observe relation keeps its last NON notification's ID registered (to match a
            // reset) for as long as it sends nothing newer: an ID whose lifetime passed may still be
            // taken that way; skip it (a plain UDP exchange is registered under the peer's address).
            for (int tries = 0; tries < 8 && get(new KeyMID(mid, peer)) != null; tries++) {
                mid = next(peer, message.getType());
            }
            message.setMID(mid);
        } catch (IllegalStateException e) {
            LOG.debug("{} cannot send {} to {}: {}", tag, message.getType(), peer, e.getMessage());
        }
        return message.getMID();
    }

    private int next(InetSocketAddress peer, CoAP.Type type) {
        long now = ClockUtil.nanoRealtime();
        MessageIdLeases leases = peers.get(peer);
        if (leases == null) {
            forgetQuietPeers(now);
            leases = peers.computeIfAbsent(peer, p -> new MessageIdLeases(budget, now, ThreadLocalRandom.current()));
        }
        int mid = leases.next(type, now);
        if (mid < 0) {
            throw new IllegalStateException("every message ID toward " + peer + " is taken (" + budget + ")");
        }
        return mid;
    }

    /** A peer not sent to for EXCHANGE_LIFETIME has no ID taken any more: its leases can go. */
    private void forgetQuietPeers(long now) {
        long lifetime = Math.max(budget.conLifetime().toNanos(), budget.nonLifetime().toNanos());
        peers.values().removeIf(l -> now - l.lastUse() > lifetime);
    }
}
