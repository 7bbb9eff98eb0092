/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which retransmission of a CON notification makes its server count as unreachable, for the
 * notifications of one endpoint to one server. At the first, the server is unreachable unless
 * some endpoint of the gateway heard from it after the notification went out: then the server
 * is there and the datagram (or its ACK) was lost to congestion, and Californium retransmits it.
 * At the second retransmission of the same relation's notification in transit, the server is
 * unreachable whatever was heard. Without this, under overload one lost datagram per endpoint
 * took each endpoint offline, into a storm of Updates and Sends of stored values.
 * <p>
 * Keyed by relation, not by notification: a fresher notification Californium postponed behind
 * the one in transit takes over its retransmission (and its count), so its next retransmission
 * is the relation's second. Not thread-safe: used under the lock of the server's queue.
 *
 * @param <R> what identifies an observe relation
 */
final class NotificationRetransmissions<R> {

    private final ServerLastHeard lastHeard;
    /** Relations whose notification in transit was let retransmit once; made at the first (one per endpoint and server). */
    private @Nullable Set<R> retransmitted;

    NotificationRetransmissions(ServerLastHeard lastHeard) {
        this.lastHeard = lastHeard;
    }

    /** What a retransmission of a CON notification means. */
    enum Verdict {
        /** Some endpoint heard from the server since the notification went out: let it be retransmitted. */
        RETRANSMIT,
        /** Nothing was heard from the server since the notification went out: it is unreachable. */
        NOTHING_HEARD,
        /** The relation's notification in transit is retransmitted a second time: the server is unreachable. */
        SECOND_RETRANSMISSION
    }

    /**
     * A CON notification of the relation is retransmitted now (Californium's timer fired).
     *
     * @param server the server's address (null: not known, nothing was heard from it)
     * @param sentAt when the notification first went out ({@link #now})
     */
    Verdict retransmitting(R relation, InetSocketAddress server, long sentAt) {
        if (retransmitted != null && retransmitted.contains(relation)) {
            return Verdict.SECOND_RETRANSMISSION;
        }
        if (!lastHeard.heardSince(server, sentAt)) {
            return Verdict.NOTHING_HEARD;
        }
        if (retransmitted == null) {
            retransmitted = new HashSet<>();
        }
        retransmitted.add(relation);
        return Verdict.RETRANSMIT;
    }

    /** A notification of the relation was acknowledged, or the relation ended: its next retransmission is a first again. */
    void settled(R relation) {
        if (retransmitted != null) {
            retransmitted.remove(relation);
        }
    }

    /** The server went offline: what was in transit is stored, nothing is retransmitted any more. */
    void clear() {
        retransmitted = null;
    }
}
