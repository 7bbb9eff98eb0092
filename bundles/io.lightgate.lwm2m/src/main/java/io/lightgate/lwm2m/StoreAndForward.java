/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mPath;
import io.lightgate.lwm2m.codec.ContentCodec;
import io.lightgate.lwm2m.codec.Encoded;
import io.lightgate.lwm2m.codec.TimedValue;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserver;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification Storing When Disabled or Offline (Server object resource 6, default true): while
 * a server does not acknowledge notifications, does not answer its Update or Register, or is
 * disabled, the values its observations report are appended to a queue per server in data/
 * (bounded; the oldest go first, counted and logged). Once the server takes a Register or an
 * Update again, the queue is forwarded in order with the values' original timestamps, as LwM2M
 * 1.1 Send (timestamped SenML CBOR to /dp), before live notifications resume.
 * <p>
 * A notification handed to Californium counts as delivered once its CON is acknowledged (or
 * when it went out as NON, which nothing acknowledges). When a CON is retransmitted, the server
 * is taken as unreachable (that notification and every later one go to the queue), unless some
 * endpoint of the gateway heard from the server since the CON went out: then it is retransmitted
 * once, and the server counts as unreachable at its second retransmission (see
 * {@link NotificationRetransmissions}).
 */
final class StoreAndForward implements Observations.Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(StoreAndForward.class);

    /** Values per Send: about one datagram of SenML CBOR. */
    static final int VALUES_PER_SEND = 40;

    private final ClientEndpoint endpoint;
    private final ContentCodec codec;
    private final long maxStoredPerServer;
    private final ServerLastHeard lastHeard;
    private final Map<Registration, ServerQueue> queues = PerServer.map();

    /** A live notification that went to Californium and is not known to have arrived yet. */
    private record Pending(long seq, List<StoredValue> values) {
    }

    /** The queue of one server and whether it is reachable. All fields guarded by this. */
    private final class ServerQueue {
        final Registration server;
        boolean offline;
        boolean forwarding;
        long stored;
        long lostSinceOffline;
        long discardedSinceOffline;
        long nextSeq = 1;
        final Map<ObserveRelation, ArrayDeque<Pending>> unacknowledged = new LinkedHashMap<>();
        final NotificationRetransmissions<ObserveRelation> retransmissions = new NotificationRetransmissions<>(lastHeard);

        ServerQueue(Registration server) {
            this.server = server;
            try {
                stored = endpoint.stateStore().storedCount(endpoint.name(), server.server().shortServerId(), server.server().uri());
            } catch (IOException e) {
                LOG.warn("Endpoint '{}': stored notifications for {} cannot be read: {}", endpoint.name(), server.server(), e.getMessage());
            }
            if (stored > 0) {
                offline = true;
                LOG.info("Endpoint '{}': {} notification value(s) for {} were stored before the restart; they are forwarded once it "
                        + "takes the registration", endpoint.name(), stored, server.server());
            }
        }
    }

    /** @param lastHeard when the gateway's endpoints last heard from each server */
    StoreAndForward(ClientEndpoint endpoint, ContentCodec codec, long maxStoredPerServer, ServerLastHeard lastHeard) {
        this.endpoint = endpoint;
        this.codec = codec;
        this.maxStoredPerServer = maxStoredPerServer;
        this.lastHeard = lastHeard;
    }

    private ServerQueue queue(Registration r) {
        return queues.computeIfAbsent(r, ServerQueue::new);
    }

    /** Notification Storing When Disabled or Offline (/1/x/6) of the server. */
    @Override
    public boolean storing(Registration r) {
        return endpoint.notificationStoring(r);
    }

    /** The server's registration ended for good (server removed or changed): its queue stays on disk for the next one. */
    void forget(Registration r) {
        queues.remove(r);
    }

    /** Whether notifications to this server go to its queue now instead of to the server. */
    @Override
    public boolean holds(Registration r) {
        ServerQueue q = queue(r);
        synchronized (q) {
            return q.offline || q.forwarding || q.stored > 0;
        }
    }

    /** A notification's values while the server is held: into its queue (or discarded when the server turned storing off). */
    @Override
    public void store(Registration r, List<StoredValue> values) {
        if (values.isEmpty()) {
            return;
        }
        ServerQueue q = queue(r);
        synchronized (q) {
            if (!endpoint.notificationStoring(r)) {
                if (q.discardedSinceOffline++ == 0) {
                    LOG.info("Endpoint '{}': {} is unreachable and its Notification Storing (/1/x/6) is off: notifications to it "
                            + "are discarded until it is back", endpoint.name(), r.server());
                }
                return;
            }
            append(q, values);
            if (!q.offline && !q.forwarding && q.stored > 0) {
                // a capture whose read began while the server was held ended after it was back: forward it,
                // or it (and every notification after it, held by a non-empty queue) would wait for the next Update
                q.forwarding = true;
                endpoint.context().executors().main.execute(() -> forwardNext(q, 0));
            }
        }
    }

    private void append(ServerQueue q, List<StoredValue> values) {
        try {
            long dropped = endpoint.stateStore().appendStored(endpoint.name(), q.server.server().shortServerId(), q.server.server().uri(),
                    values, maxStoredPerServer);
            endpoint.keptFor(q.server);
            q.stored = Math.min(maxStoredPerServer, q.stored + values.size());
            if (dropped > 0) {
                if (q.lostSinceOffline == 0 || (q.lostSinceOffline + dropped) / 10_000 > q.lostSinceOffline / 10_000) {
                    LOG.warn("Endpoint '{}': the queue of stored notifications for {} is full ({} values): the oldest are dropped "
                            + "({} so far). Raise notifications.stored.max in etc/io.lightgate.lwm2m.cfg to keep more.",
                            endpoint.name(), q.server.server(), maxStoredPerServer, q.lostSinceOffline + dropped);
                }
                q.lostSinceOffline += dropped;
            }
        } catch (IOException e) {
            q.lostSinceOffline += values.size();
            LOG.error("Endpoint '{}': {} notification value(s) for {} are lost: {}", endpoint.name(), values.size(), q.server.server(),
                    e.getMessage());
        }
    }

    /**
     * A notification is about to go out: remembered until it is known to have arrived; or, when the
     * server is held meanwhile (the notification's read began before), stored instead. One decision
     * under the queue's lock, so no notification slips between "held" and "remembered".
     *
     * @return the observer to attach to its response, or null when the values were stored (send nothing)
     */
    MessageObserver track(Registration r, ObserveRelation relation, Response response, List<StoredValue> values) {
        ServerQueue q = queue(r);
        long seq;
        synchronized (q) {
            if (q.offline || q.forwarding || q.stored > 0) {
                store(r, values);
                return null;
            }
            seq = q.nextSeq++;
            q.unacknowledged.computeIfAbsent(relation, k -> new ArrayDeque<>()).add(new Pending(seq, values));
        }
        long handedOver = lastHeard.now();
        // A NON notification (Californium's default between the CON it mixes in every 100 notifications)
        // is never acknowledged: its values stay pending until a later CON of the relation is, and are
        // stored with it when that one goes unanswered. A NON that did arrive before an outage is then
        // forwarded once more (at least once, never lost).
        return new MessageObserverAdapter() {
            // when it went out first (a notification Californium postponed goes out after it was handed over)
            private volatile long sentAt = handedOver;

            @Override
            public void onSent(boolean retransmission) {
                if (!retransmission) {
                    sentAt = lastHeard.now();
                }
            }

            @Override
            public void onRetransmission() {
                NotificationRetransmissions.Verdict verdict;
                synchronized (q) {
                    verdict = q.retransmissions.retransmitting(relation, r.serverAddress(), sentAt);
                }
                if (verdict == NotificationRetransmissions.Verdict.RETRANSMIT) {
                    // the server answered other endpoints meanwhile: congestion, not an outage; Californium retransmits
                    LOG.debug("Endpoint '{}': a notification to {} was not acknowledged, but the server answered since; retransmitted",
                            endpoint.name(), r.server());
                    return;
                }
                unanswered(r, verdict == NotificationRetransmissions.Verdict.SECOND_RETRANSMISSION
                        ? "a notification was not acknowledged, twice"
                        : "a notification was not acknowledged, and no endpoint heard from the server since it went out");
                // Neither this notification nor a fresher one Californium postponed behind it goes out
                // again: what they carry is stored now. Left in transit, the retransmission (or the
                // fresher one taking over its growing timer) would hold back live notifications long
                // after the server is back, and once timed out Californium would end every relation
                // of the server. Cancelled, the relation stays and notifies afresh once it is back.
                Response postponed = relation.getNextNotification(response, true);
                response.cancel();
                if (postponed != null) {
                    postponed.cancel();
                }
            }

            @Override
            public void onAcknowledgement() {
                delivered(q, relation, seq);
            }

            @Override
            public void onTimeout() {
                unanswered(r, "a notification timed out");
            }

            @Override
            public void onSendError(Throwable error) {
                unanswered(r, "a notification could not be sent: " + error.getMessage());
            }

            @Override
            public void onCancel() {
                // replaced by a fresher notification (one CON in transit per relation): a later
                // acknowledgement settles it; a relation that ended has nothing more to deliver
                if (relation.isCanceled()) {
                    synchronized (q) {
                        q.unacknowledged.remove(relation);
                        q.retransmissions.settled(relation);
                    }
                }
            }
        };
    }

    private void delivered(ServerQueue q, ObserveRelation relation, long seq) {
        synchronized (q) {
            q.retransmissions.settled(relation);
            ArrayDeque<Pending> pending = q.unacknowledged.get(relation);
            while (pending != null && !pending.isEmpty() && pending.peekFirst().seq() <= seq) {
                pending.pollFirst();
            }
            if (pending != null && pending.isEmpty()) {
                q.unacknowledged.remove(relation);
            }
        }
    }

    /**
     * The server's Update or Register failed, or it was disabled: from now on its notifications are
     * stored, starting with those not known to have arrived.
     */
    void unreachable(Registration r, String why) {
        goOffline(r, why, false);
    }

    /** A notification or a Send went unanswered: as {@link #unreachable}, and an Update asks whether the server is there. */
    private void unanswered(Registration r, String why) {
        goOffline(r, why, true);
    }

    private void goOffline(Registration r, String why, boolean probe) {
        ServerQueue q = queue(r);
        synchronized (q) {
            if (q.offline) {
                return;
            }
            q.offline = true;
            q.lostSinceOffline = 0;
            q.discardedSinceOffline = 0;
            List<StoredValue> values = drainUnacknowledged(q);
            values.addAll(endpoint.observations().takeUntold(r)); // reported after those, carried by no notification yet
            boolean storing = endpoint.notificationStoring(r);
            if (storing && !values.isEmpty()) {
                append(q, values);
            }
            LOG.warn("Endpoint '{}': {} is unreachable ({}); {} until it takes the registration again", endpoint.name(), r.server(), why,
                    storing ? "its notifications are stored in data/ and forwarded" : "its notifications are discarded (Notification "
                            + "Storing /1/x/6 is off)");
        }
        if (probe) {
            r.triggerUpdate(); // the Update tells when the server is back (or starts registering again)
        }
    }

    /**
     * Observations were put back after a restart: until the server takes the registration's Update,
     * what they report is stored (nothing is sent to a server not known to be there).
     */
    void holdUntilRegistered(Registration r) {
        ServerQueue q = queue(r);
        synchronized (q) {
            if (endpoint.notificationStoring(r)) {
                q.offline = true;
            }
        }
    }

    /** The server took a Register or an Update: forward what is stored, then notify live again. */
    void reachable(Registration r) {
        ServerQueue q = queue(r);
        synchronized (q) {
            if (q.forwarding || (!q.offline && q.stored == 0)) {
                return;
            }
            endpoint.observations().releaseInTransit(r);
            if (q.stored == 0 && !storeLeftovers(q)) {
                back(q);
                return;
            }
            q.forwarding = true;
            LOG.info("Endpoint '{}': {} is reachable again; forwarding {} stored notification value(s){}", endpoint.name(), r.server(),
                    q.stored, q.lostSinceOffline > 0 ? " (" + q.lostSinceOffline + " older ones were dropped, the queue was full)" : "");
        }
        endpoint.context().executors().main.execute(() -> forwardNext(q, 0));
    }

    /**
     * Notifications handed to Californium while the server was unreachable (their read began before it
     * was found so) are not known to have arrived: they join the queue. Under q's lock.
     *
     * @return whether there were any
     */
    private boolean storeLeftovers(ServerQueue q) {
        List<StoredValue> values = drainUnacknowledged(q);
        if (values.isEmpty()) {
            return false;
        }
        if (endpoint.notificationStoring(q.server)) {
            append(q, values);
        }
        return q.stored > 0;
    }

    /** The values of every notification not known to have arrived, oldest first; forgets them. Under q's lock. */
    private static List<StoredValue> drainUnacknowledged(ServerQueue q) {
        List<Pending> pending = new ArrayList<>();
        q.unacknowledged.values().forEach(pending::addAll);
        q.unacknowledged.clear();
        q.retransmissions.clear();
        pending.sort(Comparator.comparingLong(Pending::seq));
        List<StoredValue> values = new ArrayList<>();
        pending.forEach(p -> values.addAll(p.values()));
        return values;
    }

    private void back(ServerQueue q) {
        q.offline = false;
        q.forwarding = false;
        endpoint.observations().serverBack(q.server);
    }

    private void forwardNext(ServerQueue q, long forwardedSoFar) {
        SortedMap<Long, StoredValue> batch;
        try {
            batch = endpoint.stateStore().storedBatch(endpoint.name(), q.server.server().shortServerId(), q.server.server().uri(),
                    VALUES_PER_SEND);
        } catch (IOException e) {
            LOG.error("Endpoint '{}': stored notifications for {} cannot be read ({}); they stay stored", endpoint.name(), q.server.server(),
                    e.getMessage());
            stopForwarding(q);
            return;
        }
        if (batch.isEmpty()) {
            synchronized (q) {
                q.stored = 0;
                if (storeLeftovers(q)) {
                    endpoint.context().executors().main.execute(() -> forwardNext(q, forwardedSoFar));
                    return;
                }
                back(q);
            }
            LOG.info("Endpoint '{}': {} stored notification value(s) forwarded to {}; notifying live again", endpoint.name(), forwardedSoFar,
                    q.server.server());
            return;
        }
        long upTo = cut(batch);
        Map<LwM2mPath, List<TimedValue>> values = new LinkedHashMap<>();
        int count = 0;
        for (Map.Entry<Long, StoredValue> e : batch.headMap(upTo + 1).entrySet()) {
            StoredValue v = e.getValue();
            values.computeIfAbsent(v.path(), p -> new ArrayList<>()).add(new TimedValue(v.time(), v.content()));
            count++;
        }
        Encoded encoded = endpoint.prefixed(codec.encodeTimestamped(values, ContentCodec.SENML_CBOR));
        Request request = Request.newPost();
        request.setDestinationContext(new AddressEndpointContext(q.server.serverAddress()));
        request.getOptions().setUriPath("dp");
        request.getOptions().setContentFormat(encoded.contentFormat());
        request.setPayload(encoded.payload());
        int sent = count;
        endpoint.send(request, q.server.server()).thenAccept(response -> {
            if (response != null && response.getCode() == CoAP.ResponseCode.CHANGED) {
                try {
                    endpoint.stateStore().removeStored(endpoint.name(), q.server.server().shortServerId(), q.server.server().uri(), upTo);
                    synchronized (q) {
                        q.stored = Math.max(0, q.stored - sent);
                    }
                } catch (IOException e) {
                    LOG.error("Endpoint '{}': forwarded values cannot be removed from data/ ({}); they may be sent twice",
                            endpoint.name(), e.getMessage());
                }
                forwardNext(q, forwardedSoFar + sent);
            } else if (response == null) {
                stopForwarding(q);
                unanswered(q.server, "a Send of stored notifications got no answer");
            } else {
                refused(q, response);
            }
        });
    }

    /**
     * The key of the last value that goes into one Send: a SenML pack holds one value per path and
     * time, so a path seen again at the same millisecond starts the next Send.
     */
    private static long cut(SortedMap<Long, StoredValue> batch) {
        Set<String> seen = new HashSet<>();
        long last = batch.firstKey();
        for (Map.Entry<Long, StoredValue> e : batch.entrySet()) {
            if (!seen.add(e.getValue().path() + "@" + e.getValue().time().toEpochMilli())) {
                break;
            }
            last = e.getKey();
        }
        return last;
    }

    private void stopForwarding(ServerQueue q) {
        synchronized (q) {
            q.forwarding = false;
        }
    }

    /** The server refuses Send (a 1.0 server, or Send not allowed): what is stored cannot be delivered and is dropped, once, loudly. */
    private void refused(ServerQueue q, Response response) {
        long dropped;
        synchronized (q) {
            dropped = q.stored;
            try {
                endpoint.stateStore().removeStored(endpoint.name(), q.server.server().shortServerId(), q.server.server().uri(), Long.MAX_VALUE);
            } catch (IOException e) {
                LOG.warn("Endpoint '{}': {}", endpoint.name(), e.getMessage());
            }
            q.stored = 0;
            back(q);
        }
        LOG.error("Endpoint '{}': {} refused the Send of stored notifications ({} {}): {} stored value(s) are dropped. A server that "
                + "does not take LwM2M 1.1 Send gets only live notifications; turn Notification Storing (/1/x/6) off for it.",
                endpoint.name(), q.server.server(), response.getCode(), response.getPayloadString(), dropped);
    }
}
