/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.KeyMID;
import org.eclipse.californium.core.network.deduplication.Deduplicator;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Duplicate detection (RFC 7252 4.5) that remembers an answered request by its response's bytes
 * instead of its whole {@link Exchange}. Californium's deduplicators keep every received request's
 * Exchange (request, response, options, payloads, contexts, a serial executor) for
 * EXCHANGE_LIFETIME; once a request is answered with a piggy-backed ACK or a NON response, all a
 * duplicate needs is that response again, which here costs its bytes (tens of bytes for a Read)
 * and two references (the benchmark measured 2.2 KiB per request kept before, 0.47 KiB with this:
 * benchmarks/README.md, "Requests kept for duplicate detection"). A duplicate of such a request gets a throw-away Exchange rebuilt
 * from them, on which Californium's reliability layer sends the same bytes again; the request
 * never reaches the resources a second time.
 * <p>
 * Requests not yet answered, answered with a CON (separate) response or by a notification keep
 * their Exchange, as in Californium. Entries last EXCHANGE_LIFETIME, at most
 * PEERS_MARK_AND_SWEEP_MESSAGES per peer (the newest ones); a sweep every MARK_AND_SWEEP_INTERVAL
 * drops the expired ones and trims the answered ones.
 * <p>
 * Installed per socket through {@code InMemoryMessageExchangeStore.setDeduplicator} (see
 * {@link MessageIdStore}), not through Californium's static DeduplicatorFactory, so nothing
 * outside the engine's own endpoints is affected.
 */
final class AnsweredRequests implements Deduplicator {

    private static final Logger LOG = LoggerFactory.getLogger(AnsweredRequests.class);

    private final long lifetimeNanos;
    private final int perPeer;
    private final long sweepMillis;
    private final UdpDataParser parser = new UdpDataParser();
    // guarded by this: every request received within the lifetime, by peer in arrival order
    private final Map<KeyMID, Entry> entries = new HashMap<>();
    private final Map<Object, ArrayDeque<Entry>> byPeer = new HashMap<>();
    // guarded by this: entries whose Exchange is still kept (not yet answered, or never trimmable)
    private final ArrayDeque<Entry> untrimmed = new ArrayDeque<>();
    private ScheduledExecutorService executor; // guarded by this
    private ScheduledFuture<?> sweep; // guarded by this

    AnsweredRequests(Configuration config) {
        this(config.get(CoapConfig.EXCHANGE_LIFETIME, TimeUnit.NANOSECONDS),
                Math.max(1, config.get(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES)),
                config.get(CoapConfig.MARK_AND_SWEEP_INTERVAL, TimeUnit.MILLISECONDS));
    }

    AnsweredRequests(long lifetimeNanos, int perPeer, long sweepMillis) {
        this.lifetimeNanos = lifetimeNanos;
        this.perPeer = perPeer;
        this.sweepMillis = Math.max(1, sweepMillis);
    }

    /** What answering a duplicate of an answered request takes. */
    private record Answer(EndpointContext requestContext, EndpointContext responseContext, byte[] response, long sentNanos) {
    }

    private static final class Entry {
        final KeyMID key;
        final long receivedNanos;
        Exchange exchange; // until answered and trimmed
        Answer answer; // once trimmed

        Entry(KeyMID key, Exchange exchange, long receivedNanos) {
            this.key = key;
            this.exchange = exchange;
            this.receivedNanos = receivedNanos;
        }
    }

    @Override
    public synchronized void start() {
        if (sweep == null && executor != null) {
            sweep = executor.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
        clear();
    }

    @Override
    public synchronized void setExecutor(ScheduledExecutorService executor) {
        boolean running = sweep != null;
        stop();
        this.executor = executor;
        if (running) {
            start();
        }
    }

    @Override
    public Exchange findPrevious(KeyMID key, Exchange exchange) {
        long now = ClockUtil.nanoRealtime();
        Answer answer;
        synchronized (this) {
            trimAnswered();
            Entry previous = entries.get(key);
            if (previous == null || now - previous.receivedNanos > lifetimeNanos) {
                if (previous != null) {
                    remove(previous);
                }
                add(new Entry(key, exchange, now));
                return null;
            }
            if (previous.exchange != null) {
                return previous.exchange;
            }
            answer = previous.answer;
        }
        return replay(answer, exchange);
    }

    @Override
    public synchronized boolean replacePrevious(KeyMID key, Exchange previous, Exchange exchange) {
        Entry entry = entries.get(key);
        if (entry == null || (entry.exchange != null && entry.exchange != previous)) {
            return false;
        }
        remove(entry);
        add(new Entry(key, exchange, ClockUtil.nanoRealtime()));
        return true;
    }

    /**
     * Californium looks here for the exchange of a response whose token it does not know. A
     * remembered answer belongs to a request this endpoint received, to which no response can
     * belong: for those, nothing.
     */
    @Override
    public synchronized Exchange find(KeyMID key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.exchange;
    }

    @Override
    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized void clear() {
        entries.clear();
        byPeer.clear();
        untrimmed.clear();
    }

    /** How many remembered requests keep their whole Exchange (for tests). */
    synchronized int untrimmed() {
        return untrimmed.size();
    }

    private void add(Entry entry) {
        entries.put(entry.key, entry);
        untrimmed.add(entry);
        ArrayDeque<Entry> peer = byPeer.computeIfAbsent(entry.key.getPeer(), p -> new ArrayDeque<>());
        peer.add(entry);
        while (peer.size() > perPeer) {
            Entry oldest = peer.poll();
            entries.remove(oldest.key, oldest);
            if (oldest.exchange != null) {
                untrimmed.remove(oldest);
            }
        }
    }

    private void remove(Entry entry) {
        entries.remove(entry.key, entry);
        ArrayDeque<Entry> peer = byPeer.get(entry.key.getPeer());
        if (peer != null) {
            peer.remove(entry);
            if (peer.isEmpty()) {
                byPeer.remove(entry.key.getPeer());
            }
        }
        if (entry.exchange != null) {
            untrimmed.remove(entry);
        }
    }

    /** Replaces the Exchange of every request answered since by what a duplicate needs. */
    private void trimAnswered() {
        for (Iterator<Entry> it = untrimmed.iterator(); it.hasNext();) {
            Entry entry = it.next();
            Exchange exchange = entry.exchange;
            if (!exchange.isComplete()) {
                continue;
            }
            Answer answer = answerOf(exchange);
            if (answer != null) {
                entry.answer = answer;
                entry.exchange = null;
            }
            // complete either way: an Exchange that could not be trimmed stays as it is
            it.remove();
        }
    }

    /** The answer of a completed exchange, or null where a duplicate needs the Exchange itself. */
    private static Answer answerOf(Exchange exchange) {
        if (exchange.isOfLocalOrigin()) {
            return null; // a response this endpoint received: Californium matches its duplicates by the Exchange
        }
        Response response = exchange.getCurrentResponse();
        Request request = exchange.getCurrentRequest();
        if (response == null || request == null || response.getSendError() != null || response.isNotification()
                || !(response.getType() == CoAP.Type.ACK || response.getType() == CoAP.Type.NON)) {
            return null;
        }
        byte[] bytes = response.getBytes();
        long sent = exchange.getSendNanoTimestamp();
        if (bytes == null || sent == 0 || response.getEffectiveDestinationContext() == null) {
            return null;
        }
        return new Answer(request.getSourceContext(), response.getEffectiveDestinationContext(), bytes, sent);
    }

    /**
     * A throw-away Exchange for the duplicate {@code incoming} that answers it as the original one
     * did: its request as received, its response as sent.
     */
    private Exchange replay(Answer answer, Exchange incoming) {
        Message parsed;
        try {
            parsed = parser.parseMessage(answer.response());
        } catch (RuntimeException e) {
            LOG.warn("A remembered response could not be read again ({}); the duplicate request is answered anew", e.toString());
            return null;
        }
        if (!(parsed instanceof Response response)) {
            return null;
        }
        response.setDestinationContext(answer.responseContext());
        Request duplicate = incoming.getCurrentRequest();
        Request request = new Request(duplicate.getCode(), duplicate.getType());
        request.setMID(duplicate.getMID());
        request.setToken(duplicate.getToken());
        request.setSourceContext(answer.requestContext());
        // no executor: Californium then runs the replay where the duplicate arrived; it only sends
        // bytes again, and nothing else ever sees this Exchange
        Exchange replay = new Exchange(request, incoming.getPeersIdentity(), Exchange.Origin.REMOTE, null);
        replay.setResponse(response);
        replay.setCurrentResponse(response);
        replay.setSendNanoTimestamp(answer.sentNanos());
        return replay;
    }

    private void sweep() {
        long now = ClockUtil.nanoRealtime();
        synchronized (this) {
            trimAnswered();
            for (Iterator<ArrayDeque<Entry>> peers = byPeer.values().iterator(); peers.hasNext();) {
                ArrayDeque<Entry> peer = peers.next();
                // arrival order: the expired ones are at the head
                while (!peer.isEmpty() && now - peer.peek().receivedNanos > lifetimeNanos) {
                    Entry expired = peer.poll();
                    entries.remove(expired.key, expired);
                    if (expired.exchange != null) {
                        untrimmed.remove(expired);
                    }
                }
                if (peer.isEmpty()) {
                    peers.remove();
                }
            }
        }
    }
}
