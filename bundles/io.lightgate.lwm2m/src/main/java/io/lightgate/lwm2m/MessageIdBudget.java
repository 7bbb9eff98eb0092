/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.time.Duration;

import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.RandomTokenGenerator;
import org.eclipse.californium.core.network.TokenGenerator;
import org.eclipse.californium.elements.config.Configuration;

/**
 * What one socket may send one peer: 65,000 message IDs, each unusable again for EXCHANGE_LIFETIME
 * (247 s) after a CON and for NON_LIFETIME (145 s) after a NON (RFC 7252 4.4, 4.8.2). With
 * notifications as NON and every n-th CON, the ID space is split in two ranges sized by what
 * each type needs (share of messages times how long an ID stays taken), so both run out at the
 * same rate; {@link #perSecond()} is that rate, less a margin for the endpoint's other messages
 * (registration updates, separate responses, Current Time notifications).
 *
 * <p>Only IDs below {@code idLimit} are used: Californium keeps the IDs from MULTICAST_BASE_MID
 * (65,000 by default) up for multicast requests, and an endpoint built on it (ours, and a Leshan
 * server) silently drops an ACK or response with such an ID as one to a multicast request. A CON
 * notification with ID 65,000 was never acknowledged: the endpoint took its server for unreachable.
 *
 * @param conEvery every n-th notification is CON (1: all)
 * @param conLifetime how long a CON's ID stays taken (Californium's EXCHANGE_LIFETIME)
 * @param nonLifetime how long a NON's ID stays taken (NON_LIFETIME)
 * @param idLimit IDs from this one up are never used (Californium's MULTICAST_BASE_MID; 65,536 when it is 0)
 */
record MessageIdBudget(int conEvery, Duration conLifetime, Duration nonLifetime, int idLimit) {

    /** IDs are taken in groups (one lease time per group, not per ID: 0.5 KiB per peer instead of 512 KiB). */
    static final int GROUP_SIZE = 512;
    /** The ID space when nothing is kept for multicast. */
    static final int ALL_IDS = 65_536;

    /** All IDs below Californium's default MULTICAST_BASE_MID (65,000). */
    MessageIdBudget(int conEvery, Duration conLifetime, Duration nonLifetime) {
        this(conEvery, conLifetime, nonLifetime, 65_000);
    }
    /** Share of the budget left for the endpoint's messages that are not notifications. */
    static final double MARGIN = 0.05;

    MessageIdBudget {
        if (conEvery < 1 || conLifetime.isNegative() || conLifetime.isZero() || nonLifetime.isNegative() || nonLifetime.isZero()
                || idLimit < 4 * GROUP_SIZE || idLimit > ALL_IDS) {
            throw new IllegalArgumentException("CON every n >= 1, positive lifetimes and at least " + 4 * GROUP_SIZE + " IDs, got " + conEvery
                    + ", " + conLifetime + ", " + nonLifetime + ", " + idLimit);
        }
    }

    /** The groups the usable IDs make (a part group below idLimit is not used). */
    int groups() {
        return idLimit / GROUP_SIZE;
    }

    /** Groups of the range CON messages draw from (the rest is the NON range); all of them when every notification is CON. */
    int conGroups() {
        if (conEvery == 1) {
            return groups();
        }
        int best = 1;
        double bestRate = 0;
        for (int c = 1; c < groups(); c++) {
            double r = rate(c);
            if (r > bestRate) {
                bestRate = r;
                best = c;
            }
        }
        return best;
    }

    /** Notifications per second one endpoint can send one server without running out of message IDs, less the margin. */
    double perSecond() {
        return rate(conGroups()) * (1 - MARGIN);
    }

    /**
     * Sustained notifications/s with {@code c} CON groups. Entering a group needs every ID of it
     * free, and its last use was one pass ago: a range of g groups carries (g - 1) groups' IDs per
     * lifetime.
     */
    private double rate(int c) {
        double conShare = 1.0 / conEvery;
        double conIdsPerSecond = (c - 1) * (double) GROUP_SIZE / seconds(conLifetime);
        if (c == groups()) {
            return conIdsPerSecond / conShare;
        }
        double nonIdsPerSecond = (groups() - c - 1) * (double) GROUP_SIZE / seconds(nonLifetime);
        return Math.min(conIdsPerSecond / conShare, nonIdsPerSecond / (1 - conShare));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /**
     * A builder for an endpoint whose message IDs follow this budget (see {@link MessageIdStore}), on a
     * stack whose observe relations start each CON notification afresh ({@link NotificationReliabilityLayer}).
     */
    CoapEndpoint.Builder endpointBuilder(Configuration config, String loggingTag) {
        TokenGenerator tokens = new RandomTokenGenerator(config);
        return new CoapEndpoint.Builder().setConfiguration(config).setTokenGenerator(tokens).setLoggingTag(loggingTag)
                .setMessageExchangeStore(new MessageIdStore(loggingTag, config, tokens, this))
                .setCoapStackFactory(NotificationReliabilityLayer.STACK_FACTORY);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.0f notifications/s (CON every %d; IDs taken %d s after a CON, %d s after a NON)",
                perSecond(), conEvery, conLifetime.toSeconds(), nonLifetime.toSeconds());
    }
}
