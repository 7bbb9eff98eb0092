/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import org.eclipse.californium.core.coap.CoAP;

/**
 * How one endpoint notifies one server: the rate (see {@link NotificationPacer}) and the message
 * type (RFC 7641 4.5: NON, with a CON every n-th; Californium's relation check makes that CON).
 *
 * @param perSecond notifications per second on average
 * @param burst how many may go out at once after a quiet time
 * @param conEvery every n-th notification of a relation is CON; 1: all are
 * @param messageIds the message IDs these notifications draw from (the default rate is theirs)
 * @param backlog what a single-value observation sends once values wait behind its notification
 */
record NotificationPacing(double perSecond, int burst, int conEvery, MessageIdBudget messageIds, NotificationBacklog backlog) {

    NotificationPacing {
        if (!(perSecond > 0) || burst < 1 || conEvery < 1 || backlog == null) {
            throw new IllegalArgumentException("a positive rate, a burst, a CON interval of at least 1 and a backlog mode, got "
                    + perSecond + "/s, " + burst + ", " + conEvery + ", " + backlog);
        }
    }

    /** Every waiting value is sent (the default, {@link NotificationBacklog#ALL}). */
    NotificationPacing(double perSecond, int burst, int conEvery, MessageIdBudget messageIds) {
        this(perSecond, burst, conEvery, messageIds, NotificationBacklog.ALL);
    }

    /** The type a notification gets before Californium's check turns every n-th into CON; null: the Observe request's (CON). */
    CoAP.Type notificationType() {
        return conEvery > 1 ? CoAP.Type.NON : null;
    }
}
