/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.Random;

import org.eclipse.californium.core.coap.CoAP;

/**
 * The message IDs one socket uses toward one peer, in two ranges of groups (see
 * {@link MessageIdBudget}): CON messages from the first, NON ones from the second. A group is
 * entered only when every ID in it is free again (its lease, the latest use plus that message
 * type's lifetime, has passed). When a type's range is used up it borrows from the other, which
 * stays safe (the lease is the longer of the two); when both are, there is no ID to give.
 */
final class MessageIdLeases {

    private static final long SECOND = 1_000_000_000L;

    private final long conLifetimeNanos;
    private final long nonLifetimeNanos;
    private final int conGroups;
    private final long baseNanos;
    // per group: whole seconds after baseNanos from which all its IDs are free again (rounded up, so
    // never early); ints rather than nanosecond longs halve the table kept per endpoint and peer
    private final int[] freeFrom;
    private final Range con;
    private final Range non;
    private long lastUse;

    MessageIdLeases(MessageIdBudget budget, long nowNanos, Random random) {
        this.conLifetimeNanos = budget.conLifetime().toNanos();
        this.nonLifetimeNanos = budget.nonLifetime().toNanos();
        this.conGroups = budget.conGroups();
        int groups = budget.groups();
        this.freeFrom = new int[groups];
        this.baseNanos = nowNanos; // every group free from second 0
        // a random start, as Californium does: a restarted gateway on the same port does not reuse
        // the IDs it sent just before (the server may still hold them as duplicates)
        con = new Range(0, conGroups, random);
        non = conGroups < groups ? new Range(conGroups, groups, random) : con;
        lastUse = nowNanos;
    }

    /** The next free ID for a message of this type, or -1 when every one is taken. */
    synchronized int next(CoAP.Type type, long nowNanos) {
        lastUse = nowNanos;
        boolean isNon = type == CoAP.Type.NON;
        long lifetime = isNon ? nonLifetimeNanos : conLifetimeNanos;
        Range own = isNon ? non : con;
        int mid = own.take(nowNanos, lifetime);
        if (mid < 0 && own != (isNon ? con : non)) {
            mid = (isNon ? con : non).take(nowNanos, lifetime);
        }
        return mid;
    }

    synchronized long lastUse() {
        return lastUse;
    }

    /** Groups [first, end) used in turn. */
    private final class Range {
        private final int first;
        private final int end;
        private int cursor; // the next ID
        private boolean entered; // the group holding cursor was entered (its IDs are ours to hand out)

        Range(int firstGroup, int endGroup, Random random) {
            this.first = firstGroup * MessageIdBudget.GROUP_SIZE;
            this.end = endGroup * MessageIdBudget.GROUP_SIZE;
            this.cursor = first + random.nextInt(end - first);
        }

        int take(long now, long lifetime) {
            int group = cursor / MessageIdBudget.GROUP_SIZE;
            long sinceBase = now - baseNanos;
            if (!entered) {
                if (freeFrom[group] > sinceBase / SECOND) {
                    return -1;
                }
                entered = true;
            }
            int mid = cursor;
            freeFrom[group] = Math.max(freeFrom[group], (int) ((sinceBase + lifetime + SECOND - 1) / SECOND));
            cursor++;
            if (cursor == end) {
                cursor = first;
            }
            if (cursor % MessageIdBudget.GROUP_SIZE == 0) {
                entered = false;
            }
            return mid;
        }
    }
}
