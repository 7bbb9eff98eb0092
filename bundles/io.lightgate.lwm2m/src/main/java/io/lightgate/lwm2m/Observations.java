/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Resource;
import io.lightgate.api.Value;
import io.lightgate.lwm2m.codec.CompositeSplitter;
import io.lightgate.lwm2m.observe.NotificationAttributes;
import io.lightgate.lwm2m.observe.NotificationPolicy;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.elements.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observe relations of one endpoint (Core 6.4) and when they fire. Californium keeps the
 * relations and sends the notifications; this class decides when, per relation, from the
 * registry's value-change events and the server's attributes (pmin, pmax, gt, lt, st, epmin,
 * epmax): {@link NotificationPolicy}. A notification is the relation's GET handled again,
 * so it carries the value read at that moment in the format the server asked for.
 */
final class Observations implements RequestHandler.Observing {

    private static final Logger LOG = LoggerFactory.getLogger(Observations.class);

    /** One relation: which server, which path, its policy and its timer. */
    private final class Watch {
        final ObserveRelation relation;
        final PathResource resource;
        final Registration server;
        final NotificationPolicy policy;
        final List<LwM2mPath> targets; // the observed path, or the paths of an Observe-Composite
        // an Observe-Composite on the gateway's root: the paths it names of devices behind it, by prefix (object 25)
        final Map<String, List<LwM2mPath>> deviceTargets;
        final StoredObservation observation; // what the server asked for, as kept in data/
        ScheduledFuture<?> timer;
        // values reported with changes since the last notification was made, oldest first, and whether a
        // change came without its value (see #remember)
        final UntoldValues untold = new UntoldValues(UNTOLD_MAX);
        // the value the last change or timer was decided on, read for it (value conditions, pmax), while no later
        // change came: the notification that decision makes carries it instead of reading it again (see #evaluate)
        Resource evaluated;
        long evaluations; // counts changes and timers: a read of an earlier one that completes late is not kept
        // one notification in transit at a time (see #beginNotification); when since (nanoTime) and
        // whether a change asked for a notification meanwhile
        long inTransitSince;
        boolean inTransit;
        boolean notifyAfterTransit;
        // Californium ended the relation while its server was unreachable: the watch keeps storing
        // values for that server until it is back (then it goes; the server observes again)
        volatile boolean orphan;
        // when the relation was made (nanoTime): a fresh Register ends only relations made before it was sent
        final long createdNanos = System.nanoTime();

        Watch(ObserveRelation relation, PathResource resource, Registration server) {
            this.relation = relation;
            this.resource = resource;
            this.server = server;
            Map<String, List<LwM2mPath>> byPrefix = targets(relation, resource);
            this.targets = byPrefix.getOrDefault(CompositeSplitter.OWN, List.of());
            byPrefix.remove(CompositeSplitter.OWN);
            this.deviceTargets = Map.copyOf(byPrefix);
            this.observation = StoredObservation.of(relation.getExchange().getRequest(), resource.path());
            this.policy = new NotificationPolicy(attributesOf(this), System::currentTimeMillis);
        }

        boolean isComposite() {
            return resource.path().isRoot();
        }

        LwM2mPath path() {
            return resource.path();
        }
    }

    private final String endpoint;
    private final EngineContext context;
    private final ClientStateStore store;
    private final ServerLookup servers;
    private final Outbox outbox;
    private final Restorer restorer;
    private final Map<ObserveRelation, Watch> watches = new ConcurrentHashMap<>();
    // Indexes so that a value change finds the relations it concerns without asking every relation
    // (1,000 observations on one endpoint made that the bottleneck): by exact target path, and
    // by target path and each of its ancestors below the root.
    private final Map<LwM2mPath, Set<Watch>> byTarget = new ConcurrentHashMap<>();
    private final Map<LwM2mPath, Set<Watch>> atOrBelow = new ConcurrentHashMap<>();
    // Observe-Composite relations on the gateway's root naming paths of a device behind it, by the device's prefix
    private final Map<String, Set<Watch>> byDevice = new ConcurrentHashMap<>();
    // Californium adds a relation to its resource only once the first response went out, so
    // that response is recorded here and becomes the new watch's baseline.
    private final Map<ObserveRelation, Sent> firstResponses = new ConcurrentHashMap<>();

    private record Sent(Value value, long atMillis) {
    }

    /** A value an object reported with a change (the content a read of the observed path answers), and when. */
    record Taken(Resource content, Instant at) {
    }

    /**
     * What the next notification of a relation carries: the values reported since the last one, oldest
     * first; and whether it reads the value now (nothing reported, or a change came without its value).
     */
    record Untold(List<Taken> taken, boolean read, Resource current) {
        static final Untold NOTHING = new Untold(List.of(), true, null);

        Untold(List<Taken> taken, boolean read) {
            this(taken, read, null);
        }
    }

    /** Reported values a relation keeps for its next notification; beyond this the oldest go (a server that far behind is reachable and fed the newest). */
    static final int UNTOLD_MAX = 10_000;

    /**
     * The values an object reported with a change (by resource path) and when: what a notification
     * stored or held because of that change carries, instead of a later read that could already
     * see the next value.
     */
    private record Reported(Map<LwM2mPath, Resource> values, Instant at) {
        static final Reported NOTHING = new Reported(Map.of(), Instant.EPOCH);

        /** The content a read of {@code target} would answer, as reported; null when it was not. */
        Resource contentFor(LwM2mPath target) {
            if (values.isEmpty() || target.depth() < 3) {
                return null;
            }
            if (target.depth() == 3) {
                return values.get(target);
            }
            Resource r = values.get(target.parent());
            return r != null && r.isMultiple() && r.instances().containsKey(target.resourceInstanceId()) ? r : null;
        }
    }

    private final Map<Registration, NotificationPacer<Watch>> pacers = PerServer.map();
    // values single-value notifications to a server did not carry, newer ones waiting (see NotificationBacklog)
    private final Map<Registration, LongAdder> superseded = PerServer.map();

    /** The message type of notifications before every n-th is made CON (see {@link NotificationPacing}). */
    CoAP.Type notificationType() {
        return context.notificationPacing().notificationType();
    }

    // queue mode: notifications to a server the endpoint sleeps toward, until it woke up
    private final HeldNotifications<Registration, Watch> held;
    // relations being put back (see reestablish), with their server: known without asking the endpoint
    private final Map<Exchange, Registration> reestablishing = new ConcurrentHashMap<>();

    /** The kind of entry observations are kept under in data/ (see ClientStateStore#serverEntries). */
    static final String STORED = "observations";

    /** Where notifications go while a server is unreachable (see {@link StoreAndForward}). */
    interface Outbox {
        /** Whether notifications to this server go to its queue now instead of to the server. */
        boolean holds(Registration server);

        /** A notification's values while the server is held. */
        void store(Registration server, List<StoredValue> values);

        /** The server's Notification Storing When Disabled or Offline (/1/x/6). */
        boolean storing(Registration server);
    }

    /** Puts relations kept in data/ back on the endpoint's socket (see {@link #reestablish}). */
    interface Restorer {
        /** The exchange carrying a stored Observe request of {@code server}, or null when it cannot be put back. */
        EndpointDeliverer.Prepared observeExchange(Registration server, StoredObservation o);

        /** Establishes the prepared relation on the resource at {@code path}; null when there is none or Californium refused it. */
        ObserveRelation establish(EndpointDeliverer.Prepared prepared, LwM2mPath path);

        /** The endpoint kept state in data/ for {@code server} (a device behind the gateway records it). */
        void keptFor(Registration server);
    }

    /**
     * @param endpoint the endpoint's name
     * @param store where observations are kept in data/
     * @param servers which registration a new relation's server is
     * @param outbox store-and-forward
     * @param restorer puts kept relations back
     */
    Observations(String endpoint, EngineContext context, ClientStateStore store, ServerLookup servers, Outbox outbox, Restorer restorer) {
        this.endpoint = endpoint;
        this.context = context;
        this.store = store;
        this.servers = servers;
        this.outbox = outbox;
        this.restorer = restorer;
        this.held = new HeldNotifications<>((int) Math.min(Integer.MAX_VALUE, context.storedNotificationsMax()));
    }

    /**
     * An Observe-Composite (FETCH on /) watches the paths in its payload, by LwM2M Gateway prefix (the
     * endpoint's own under {@link CompositeSplitter#OWN}); anything else its own path.
     */
    private Map<String, List<LwM2mPath>> targets(ObserveRelation relation, PathResource resource) {
        Map<String, List<LwM2mPath>> byPrefix = new java.util.LinkedHashMap<>();
        if (!resource.path().isRoot()) {
            byPrefix.put(CompositeSplitter.OWN, List.of(resource.path()));
            return byPrefix;
        }
        var request = relation.getExchange().getRequest();
        try {
            int format = request.getOptions().getContentFormat();
            CompositeSplitter.split(format, request.getPayload()).forEach((prefix, part) -> byPrefix.put(prefix,
                    context.codec().decodePaths(format, part)));
        } catch (RuntimeException e) {
            byPrefix.clear(); // the request itself is refused with 4.00, which ends the relation
        }
        return byPrefix;
    }

    private NotificationAttributes attributes(Registration server, LwM2mPath path) {
        return context.attributes().effective(endpoint, server, path);
    }

    /** The attributes a relation follows: its path's, or for an Observe-Composite those of its paths combined. */
    private NotificationAttributes attributesOf(Watch w) {
        return w.isComposite() ? compositeTiming(w.server, w.targets) : attributes(w.server, w.path());
    }

    /**
     * An Observe-Composite follows the periods attached to its paths (the OMA interoperability tests
     * int-304 and int-310 expect its notifications paced by them): the shortest pmin and the shortest
     * pmax among the paths, so no path waits longer than its own attributes allow. Value conditions
     * (gt, lt, st, edge) concern one resource's value and do not apply to the composite.
     */
    private NotificationAttributes compositeTiming(Registration server, List<LwM2mPath> targets) {
        OptionalLong pmin = OptionalLong.empty();
        OptionalLong pmax = OptionalLong.empty();
        for (LwM2mPath target : targets) {
            NotificationAttributes a = attributes(server, target);
            pmin = smaller(pmin, a.pmin());
            pmax = smaller(pmax, a.maximumPeriodSeconds());
        }
        NotificationAttributes.Builder b = NotificationAttributes.builder();
        pmin.ifPresent(b::pmin);
        pmax.ifPresent(b::pmax);
        return b.build();
    }

    private static OptionalLong smaller(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.getAsLong() <= b.getAsLong() ? a : b;
    }

    // ---- relations come and go (called by PathResource) ---------------------------------------

    void relationAdded(PathResource resource, ObserveRelation relation) {
        Registration reestablished = reestablishing.get(relation.getExchange());
        Registration server = reestablished != null ? reestablished : servers.registrationFor(relation.getSource());
        if (server == null) {
            return; // the request is answered 4.01, which ends the relation
        }
        Watch w = new Watch(relation, resource, server);
        Sent first = firstResponses.remove(relation);
        if (first != null) {
            w.policy.notified(first.value(), first.atMillis());
        }
        watches.put(relation, w);
        index(w, true);
        reschedule(w);
        if (reestablished == null) {
            keep(w);
        }
    }

    /** A new observation goes to data/, so that it outlives a restart of the gateway. */
    private void keep(Watch w) {
        try {
            store.putServerEntry(STORED, endpoint, w.server.server().shortServerId(), w.server.server().uri(),
                    w.observation.key(), w.observation.encode());
            restorer.keptFor(w.server);
        } catch (IOException e) {
            LOG.warn("Endpoint '{}': {} of {} is not kept in data/ ({}); after a restart the server has to observe again", endpoint,
                    w.observation, w.server.server(), e.getMessage());
        }
    }

    private void unkeep(Watch w) {
        try {
            store.removeServerEntry(STORED, endpoint, w.server.server().shortServerId(), w.server.server().uri(),
                    w.observation.key());
        } catch (IOException e) {
            LOG.debug("Endpoint '{}': {} stays in data/ ({})", endpoint, w.observation, e.getMessage());
        }
    }

    /**
     * Puts back a relation the server holds although this endpoint lost it (a restart; Californium
     * ending it while the server was unreachable): established at once, nothing sent now.
     *
     * @return whether it is back
     */
    boolean reestablish(Registration server, StoredObservation o) {
        EndpointDeliverer.Prepared prepared = restorer.observeExchange(server, o);
        if (prepared == null) {
            return false;
        }
        Exchange exchange = prepared.exchange();
        reestablishing.put(exchange, server);
        try {
            return restorer.establish(prepared, o.path()) != null;
        } catch (RuntimeException e) {
            LOG.warn("Endpoint '{}': {} of {} cannot be put back ({}); the server has to observe again", endpoint, o, server.server(),
                    e.toString());
            return false;
        } finally {
            reestablishing.remove(exchange);
        }
    }

    /**
     * A server registered afresh: it holds none of the observations made before the Register, so
     * they end here too (without a word to it) and leave data/. Those it made once it had the
     * Register (a server may observe as soon as it has answered 2.01, before that answer is
     * processed here) are the new registration's: they stay.
     *
     * @param registerSentNanos when the Register went out (nanoTime)
     */
    void forgetServer(Registration server, long registerSentNanos) {
        for (Watch w : List.copyOf(watches.values())) {
            if (w.server == server && w.createdNanos - registerSentNanos < 0) {
                remove(w.relation, false);
                if (!w.relation.isCanceled()) {
                    w.relation.getExchange().execute(w.relation::cancel);
                }
            }
        }
        try {
            store.clearServerEntries(STORED, endpoint, server.server().shortServerId(), server.server().uri());
        } catch (IOException e) {
            LOG.debug("Endpoint '{}': observations of {} stay in data/ ({})", endpoint, server.server(), e.getMessage());
        }
        for (Watch w : List.copyOf(watches.values())) {
            if (w.server == server && w.createdNanos - registerSentNanos >= 0 && !w.orphan) {
                keep(w); // the new registration's, cleared from data/ with the rest just now
            }
        }
    }

    private void index(Watch w, boolean add) {
        w.deviceTargets.keySet().forEach(prefix -> update(byDevice, prefix, w, add));
        for (LwM2mPath target : w.targets) {
            update(byTarget, target, w, add);
            for (LwM2mPath p = target; !p.isRoot(); p = p.parent()) {
                update(atOrBelow, p, w, add);
            }
        }
    }

    private static <K> void update(Map<K, Set<Watch>> index, K key, Watch w, boolean add) {
        if (add) {
            index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(w);
        } else {
            index.computeIfPresent(key, (k, set) -> {
                set.remove(w);
                return set.isEmpty() ? null : set;
            });
        }
    }

    void relationRemoved(ObserveRelation relation) {
        firstResponses.remove(relation);
        Watch kept = watches.get(relation);
        if (kept != null && outbox.holds(kept.server) && outbox.storing(kept.server)) {
            kept.orphan = true;
            return;
        }
        remove(relation, true);
    }

    /** Ends a watch; {@code ended}: the server's observation ended too, so it leaves data/. */
    private void remove(ObserveRelation relation, boolean ended) {
        Watch w = watches.remove(relation);
        if (w != null) {
            if (ended) {
                unkeep(w);
            }
            index(w, false);
            cancel(w);
            NotificationPacer<Watch> pacer = pacers.get(w.server);
            if (pacer != null) {
                pacer.remove(w);
            }
        }
    }

    int count(Registration server) {
        return (int) watches.values().stream().filter(w -> w.server == server && !w.orphan).count();
    }

    /**
     * A server is reachable again: a notification still in transit (sent while it was not, waiting for a
     * retransmission whose timer grew meanwhile) and the one postponed behind it go no more, so that live
     * notifications are not held back until that timer fires. What they carry is stored (see StoreAndForward).
     */
    void releaseInTransit(Registration server) {
        long now = ClockUtil.nanoRealtime();
        for (Watch w : watches.values()) {
            if (w.server != server || w.orphan || w.relation.getExchange() == null) {
                continue;
            }
            Exchange exchange = w.relation.getExchange();
            exchange.execute(() -> {
                Response current = exchange.getCurrentResponse();
                if (current != null && current.isNotification() && current.isConfirmable() && !current.isAcknowledged()
                        && !current.isCanceled() && !current.isTimedOut() && current.getNanoTimestamp() - now < 0) {
                    Response postponed = w.relation.getNextNotification(current, true);
                    current.cancel();
                    if (postponed != null) {
                        postponed.cancel();
                    }
                }
            });
        }
    }

    /**
     * A server is reachable again and got what was stored: relations Californium ended meanwhile
     * (it ends every relation of a peer when one notification times out) are put back, since the
     * server still holds them; they notify live from now on.
     */
    void serverBack(Registration server) {
        for (Watch w : List.copyOf(watches.values())) {
            if (w.server == server && w.orphan) {
                remove(w.relation, false);
                if (!reestablish(server, w.observation)) {
                    unkeep(w);
                }
            }
        }
    }

    /** A response went out on an observe exchange (the first one or a notification). */
    @Override
    public void sent(ObserveRelation relation, Object content) {
        Watch w = watches.get(relation);
        if (w != null) {
            w.policy.notified(valueOf(content), System.currentTimeMillis());
            reschedule(w);
        } else if (!relation.isCanceled()) {
            firstResponses.put(relation, new Sent(valueOf(content), System.currentTimeMillis()));
        }
    }

    /** A notification was not sent because the source is unavailable: the relation waits for its next chance. */
    @Override
    public void heldBack(ObserveRelation relation) {
        Watch w = watches.get(relation);
        if (w != null) {
            reschedule(w);
        }
    }

    /** Whether any server observes anything on this endpoint. */
    boolean isEmpty() {
        return watches.isEmpty();
    }

    // ---- triggers -------------------------------------------------------------------------------

    /** Values changed in the registry: every relation on, above or below a changed path is asked. */
    void valuesChanged(List<LwM2mPath> changed) {
        valuesChanged(changed, Map.of(), Instant.now());
    }

    /**
     * Values changed in the registry, some of them reported with their new values (by resource
     * path) at {@code at}: every relation on, above or below a changed path is asked.
     */
    void valuesChanged(List<LwM2mPath> changed, Map<LwM2mPath, Resource> values, Instant at) {
        Reported reported = values.isEmpty() ? Reported.NOTHING : new Reported(values, at);
        Set<Watch> concerned = new LinkedHashSet<>();
        for (LwM2mPath c : changed) {
            if (c.isRoot()) {
                concerned.addAll(watches.values());
                break;
            }
            concerned.addAll(atOrBelow.getOrDefault(c, Set.of()));
            for (LwM2mPath above = c.parent();; above = above.parent()) {
                concerned.addAll(byTarget.getOrDefault(above, Set.of()));
                if (above.isRoot()) {
                    break;
                }
            }
        }
        for (Watch w : concerned) {
            if (watches.containsKey(w.relation)) {
                evaluate(w, false, reported);
            }
        }
    }

    /**
     * Values changed on the device behind this (the gateway's) endpoint at {@code prefix}: Observe-Composite
     * relations naming its paths on, above or below a changed one are asked, as for a change of their own paths.
     */
    void deviceValuesChanged(String prefix, List<LwM2mPath> changed) {
        for (Watch w : byDevice.getOrDefault(prefix, Set.of())) {
            List<LwM2mPath> targets = w.deviceTargets.getOrDefault(prefix, List.of());
            boolean concerned = changed.stream().anyMatch(c -> targets.stream().anyMatch(t -> c.startsWith(t) || t.startsWith(c)));
            if (concerned && watches.containsKey(w.relation)) {
                evaluate(w, false, Reported.NOTHING); // the notification reads the device's paths again (see CompositeRouting)
            }
        }
    }

    /** Paths left the tree: relations on or below them are answered now (4.04 ends them). */
    void removed(List<LwM2mPath> paths) {
        for (Watch w : watches.values()) {
            for (LwM2mPath p : paths) {
                if (w.targets.stream().anyMatch(t -> t.startsWith(p))) {
                    takeUntold(w); // the notification answers what is there now: 4.04
                    beginEvaluation(w); // and reads it
                    fire(w);
                    break;
                }
            }
        }
    }

    /** A server wrote attributes at {@code path}: its relations at or below it re-plan. */
    void attributesChanged(Registration server, LwM2mPath path) {
        for (Watch w : watches.values()) {
            if (w.server == server && (w.path().startsWith(path) || w.isComposite())) {
                w.policy.updateAttributes(attributesOf(w), System.currentTimeMillis());
                reschedule(w);
            }
        }
    }

    /** Reads the value when the policy needs it (value conditions, or a timer), then acts on the decision. */
    private void evaluate(Watch w, boolean timer, Reported reported) {
        long evaluation = beginEvaluation(w);
        boolean needsValue = w.path().depth() >= 3 && (timer || w.policy.attributes().hasValidValueConditions()
                || w.policy.attributes().edge().isPresent());
        if (!needsValue) {
            act(w, decide(w, null, timer), reported);
            return;
        }
        Resource known = reported.contentFor(w.path());
        if (known != null) {
            act(w, decide(w, valueOf(known), timer), reported);
            return;
        }
        context.registry().readResource(endpoint, w.path()).whenComplete((resource, failure) -> {
            if (failure != null) {
                if (LwM2mException.from(failure, "").code() == ResponseCode.SERVICE_UNAVAILABLE) {
                    reschedule(w); // the source is away for a while: keep the relation (see RequestHandler)
                } else {
                    fire(w); // the notification carries the error (e.g. 4.04 when the resource went away)
                }
                return;
            }
            synchronized (w) {
                if (w.evaluations == evaluation) {
                    w.evaluated = resource; // what the notification would read now (no change came since)
                }
            }
            act(w, decide(w, valueOf(resource), timer), reported);
        });
    }

    /** A change or timer is evaluated: a value read for an earlier one is no longer the value now. */
    private static long beginEvaluation(Watch w) {
        synchronized (w) {
            w.evaluated = null;
            return ++w.evaluations;
        }
    }

    /**
     * The policy's decision, with a NOTIFY_NOW counted as notified at once: the notification goes out
     * later (after the GET is handled again), and a change or timer decided meanwhile on another
     * thread would otherwise notify a second time.
     */
    private static NotificationPolicy.Decision decide(Watch w, Value value, boolean timer) {
        long now = System.currentTimeMillis();
        return timer ? w.policy.onTimerAndMark(value, now) : w.policy.onChangeAndMark(value, now);
    }

    private void act(Watch w, NotificationPolicy.Decision decision, Reported reported) {
        if (decision.notifyNow()) {
            fire(w, reported);
        } else {
            reschedule(w);
        }
    }

    private void fire(Watch w) {
        fire(w, Reported.NOTHING);
    }

    private void fire(Watch w, Reported reported) {
        if (outbox.holds(w.server)) {
            store(w, reported);
            return;
        }
        if (heldFor(w.server)) {
            hold(w, reported);
            return;
        }
        if (!w.relation.isCanceled()) {
            remember(w, reported);
            pace(w);
        }
    }

    /** Sends through the server's pacer, so one endpoint stays within its message IDs toward the server. */
    private void pace(Watch w) {
        pacers.computeIfAbsent(w.server, server -> new NotificationPacer<>(context.notificationPacing().perSecond(),
                context.notificationPacing().burst(), System::currentTimeMillis, context.executors().main, this::send)).submit(w);
    }

    /**
     * The value reported with a change becomes the content of the relation's next notification
     * (no read); when more changes come before that notification is made, it carries the newest and
     * its delivery is tracked for all of them: should the server turn out unreachable before it
     * acknowledges, every one of them is stored (a later read would have seen the newest only).
     */
    private void remember(Watch w, Reported reported) {
        if (w.targets.size() != 1) {
            return;
        }
        Resource content = reported.contentFor(w.targets.get(0));
        synchronized (w) {
            if (content == null) {
                w.untold.changedUnreported();
                return;
            }
            w.untold.add(new Taken(content, reported.at()));
        }
    }

    /** A notification in transit for longer than this is taken as ended (a lost callback must not stall a relation). */
    private static final long TRANSIT_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(120);

    /**
     * Whether a notification of the relation may be made now: not while the previous one is in
     * transit. Californium keeps one notification in transit per relation and replaces one waiting
     * behind it with the next, so a burst of changes reached the server as its first and last value;
     * the values of the replaced ones were neither sent nor stored. Now the values wait in the
     * relation and the notification made once the previous one is done carries them all.
     */
    @Override
    public boolean beginNotification(ObserveRelation relation) {
        Watch w = watches.get(relation);
        if (w == null) {
            return true;
        }
        synchronized (w) {
            if (w.inTransit && System.nanoTime() - w.inTransitSince < TRANSIT_LIMIT_NANOS) {
                w.notifyAfterTransit = true;
                return false;
            }
            w.inTransit = true;
            w.inTransitSince = System.nanoTime();
            w.notifyAfterTransit = false;
            return true;
        }
    }

    /** The notification begun last is done (sent as NON, acknowledged, refused, cancelled or not made): the next may go. */
    @Override
    public void endNotification(ObserveRelation relation) {
        Watch w = watches.get(relation);
        if (w == null) {
            return;
        }
        boolean again;
        synchronized (w) {
            if (!w.inTransit) {
                return;
            }
            w.inTransit = false;
            // a single path's changes wait in untold (or the flag): emptied when the server went away,
            // they are stored, and a notification now would store the current value twice
            again = w.untold.pending() || (w.notifyAfterTransit && w.targets.size() != 1);
            w.notifyAfterTransit = false;
        }
        if (again) {
            context.executors().main.execute(() -> pace(w)); // the values waiting behind it are paced too
        }
    }

    /**
     * What the notification of the relation being made now carries (see {@link Untold}); forgets it.
     * {@code all}: every value reported since the last notification (a format with timestamps can
     * carry them). Otherwise, with {@code notifications.backlog = all}, the oldest one, and the
     * notification made once this one is done carries the next (see {@link #endNotification}): every
     * reported value reaches the server, in order; with {@code newest}, all of them, of which the
     * notification carries the newest (the others are superseded, counted per server; its delivery is
     * tracked for all, so should the server not acknowledge it, every one is stored).
     */
    @Override
    public Untold takeUntold(ObserveRelation relation, boolean all) {
        Watch w = watches.get(relation);
        if (w == null) {
            return Untold.NOTHING;
        }
        NotificationBacklog backlog = context.notificationPacing().backlog();
        Untold untold;
        int supersededNow;
        synchronized (w) {
            UntoldValues.Take take = w.untold.take(all, backlog);
            supersededNow = take.superseded();
            untold = untoldOf(w, take);
        }
        if (supersededNow > 0) {
            superseded.computeIfAbsent(w.server, s -> new LongAdder()).add(supersededNow);
            if (LOG.isDebugEnabled()) {
                LOG.debug("Endpoint '{}': the notification of {} to {} carries the newest of {} waiting values, {} superseded "
                        + "(notifications.backlog = {})", endpoint, w.path(), w.server.server(), untold.taken().size(), supersededNow,
                        backlog.settingValue());
            }
        }
        return untold;
    }

    /** Values single-value notifications to {@code server} did not carry because newer ones waited (see {@link NotificationBacklog}). */
    long superseded(Registration server) {
        LongAdder count = superseded.get(server);
        return count == null ? 0 : count.sum();
    }

    private static Untold takeUntold(Watch w) {
        synchronized (w) {
            return untoldOf(w, w.untold.takeAll());
        }
    }

    /** The notification's content: the values taken, and the value read for the last decision when it reads (under w's lock). */
    private static Untold untoldOf(Watch w, UntoldValues.Take take) {
        Resource current = w.evaluated;
        w.evaluated = null;
        if (take.taken().isEmpty()) {
            return current == null ? Untold.NOTHING : new Untold(List.of(), true, current);
        }
        if (!take.read() && !w.untold.isEmpty()) {
            w.evaluated = current; // the oldest of several: the notification that reads comes later
        }
        return new Untold(take.taken(), take.read(), take.read() ? current : null);
    }

    /** The server turned out unreachable: the reported values no notification to it carried yet, oldest first; forgets them. */
    List<StoredValue> takeUntold(Registration server) {
        List<StoredValue> values = new ArrayList<>();
        for (Watch w : watches.values()) {
            if (w.server == server) {
                takeUntold(w).taken().forEach(t -> values.addAll(StoredValue.of(w.path(), t.content(), t.at())));
            }
        }
        return values;
    }

    /** The server is unreachable: the values the notification would carry go to its queue in data/. */
    private void store(Watch w, Reported reported) {
        capture(w, reported, values -> outbox.store(w.server, values));
    }

    // ---- queue mode ---------------------------------------------------------------------------

    /** Whether a notification to this server waits: the endpoint sleeps toward it, or is waking up. */
    private boolean heldFor(Registration server) {
        return server.queueMode() && (server.asleep() || held.holding(server));
    }

    /**
     * Queue mode: the endpoint sleeps toward the server (or is waking up). The notification waits for
     * the Update that wakes the endpoint (the first held one asks for it); the values it would carry
     * are read now, for store-and-forward should the server not take the Update.
     */
    private void hold(Watch w, Reported reported) {
        if (held.hold(w.server, w)) {
            LOG.debug("Endpoint '{}': a notification of {} for {} waits; waking up with an Update (queue mode)", endpoint, w.path(),
                    w.server.server());
            context.executors().main.execute(w.server::wakeUp); // not under any lock: the Update takes the registration's
        }
        capture(w, reported, values -> held.read(w.server, w, values));
    }

    /** The server took the Update (or Register) that woke the endpoint: held observations notify now. */
    void awake(Registration server) {
        for (Watch w : held.release(server).watches()) {
            if (watches.containsKey(w.relation)) {
                fire(w);
            }
        }
    }

    /**
     * The server turned out unreachable (e.g. the wake-up Update went unanswered): what the held
     * notifications read goes to store-and-forward, oldest first, like notifications in flight.
     */
    void unreachable(Registration server) {
        HeldNotifications.Released<Watch> released = held.release(server);
        if (released.isEmpty()) {
            return;
        }
        outbox.store(server, released.values());
        for (Watch w : released.withoutValues()) {
            if (watches.containsKey(w.relation)) {
                store(w, Reported.NOTHING); // its read had not completed: it reads again
            }
        }
    }

    /**
     * What a notification of {@code w} would carry, handed on; the policy takes it as notified. A
     * target reported with the change keeps that value and time; any other is read and stamped now.
     */
    private void capture(Watch w, Reported reported, java.util.function.Consumer<List<StoredValue>> to) {
        List<CompletableFuture<List<StoredValue>>> reads = new ArrayList<>();
        List<StoredValue> earlier = new ArrayList<>(); // reported while the server was reachable, told to it by no notification
        takeUntold(w).taken().forEach(t -> earlier.addAll(StoredValue.of(w.path(), t.content(), t.at())));
        reads.add(CompletableFuture.completedFuture(earlier));
        for (LwM2mPath target : w.targets) {
            Resource known = reported.contentFor(target);
            if (known != null) {
                reads.add(CompletableFuture.completedFuture(StoredValue.of(target, known, reported.at())));
                continue;
            }
            // stamped when the read returns, not when it was asked for: a read that waited (behind the
            // object's other calls, or an asynchronous source) returns the value of that moment, which
            // may be newer than the change that asked; stamped earlier, it would claim to predate its own change
            reads.add(read(target).toCompletableFuture().thenApply(content -> StoredValue.of(target, content, Instant.now())));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).whenComplete((v, failure) -> {
            if (failure != null) {
                if (LwM2mException.from(failure, "").code() != ResponseCode.SERVICE_UNAVAILABLE) {
                    LOG.debug("Endpoint '{}': value of {} not stored: {}", endpoint, w.path(), failure.toString());
                }
                reschedule(w);
                return;
            }
            List<StoredValue> values = new ArrayList<>();
            reads.forEach(r -> values.addAll(r.join()));
            to.accept(values);
            w.policy.notified(values.size() == 1 ? values.get(0).value() : null, System.currentTimeMillis());
            reschedule(w);
        });
    }

    private CompletionStage<?> read(LwM2mPath path) {
        String ep = endpoint;
        return switch (path.depth()) {
            case 1 -> context.registry().readObject(ep, path.objectId());
            case 2 -> context.registry().readInstance(ep, path);
            default -> context.registry().readResource(ep, path);
        };
    }

    private void send(Watch w) {
        if (!w.relation.isCanceled() && watches.containsKey(w.relation)) {
            if (heldFor(w.server) && !outbox.holds(w.server)) {
                hold(w, Reported.NOTHING); // the endpoint fell asleep while the notification waited for its turn
                return;
            }
            w.resource.changed(relation -> relation == w.relation);
        }
    }

    private void reschedule(Watch w) {
        synchronized (w) {
            if (w.timer != null) {
                w.timer.cancel(false);
                w.timer = null;
            }
            OptionalLong at = w.policy.nextWakeUp();
            if (at.isPresent() && watches.containsKey(w.relation)) {
                long delay = Math.max(0, at.getAsLong() - System.currentTimeMillis());
                w.timer = context.executors().main.schedule(() -> {
                    try {
                        evaluate(w, true, Reported.NOTHING);
                    } catch (RuntimeException e) {
                        LOG.error("Endpoint '{}': observation of {} failed: {}", endpoint, w.path(), e.toString(), e);
                    }
                }, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void cancel(Watch w) {
        synchronized (w) {
            if (w.timer != null) {
                w.timer.cancel(false);
                w.timer = null;
            }
        }
    }

    private static Value valueOf(Object content) {
        if (content instanceof Resource r && !r.isMultiple()) {
            return r.value();
        }
        if (content instanceof Resource r && r.instances().size() == 1) {
            return r.instances().values().iterator().next();
        }
        return null;
    }
}
