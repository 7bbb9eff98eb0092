/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration of one endpoint with one LwM2M server (Core 6.2): Register, periodic and
 * change-driven Update, De-register; retries with exponential backoff (with jitter) while the
 * server is unreachable. Every step runs on the shared scheduler; nothing blocks a thread.
 * All state changes happen under this object's lock.
 * <p>
 * Where the server keeps the registration is stored in data/ at each Register (and forgotten at
 * a stop): after a restart, or a kill -9, the endpoint first sends an Update there while the
 * stored lifetime runs, so the server keeps its registration (and the registration id); a
 * refused Update (4.04: the server forgot it) means a fresh Register.
 * <p>
 * Queue mode (binding UQ): the Register asks for it (LwM2M 1.1: b=U and the Q parameter); after
 * each exchange with the server the endpoint stays awake for the server's awake time, then sleeps
 * toward it ({@link #asleep()}); {@link #wakeUp()} sends an Update to say it is awake again.
 */
final class Registration {

    /** Where the registration stands. */
    enum State { IDLE, REGISTERING, REGISTERED, UPDATING, WAITING_RETRY, DISABLED, NO_CREDENTIALS, STOPPED }

    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);

    /**
     * What a registration reads of its endpoint.
     *
     * @param endpoint the endpoint's name (ep= of the Register)
     * @param defaultLifetime the lifetime when the server definition sets none
     * @param objectLinks the object links of the endpoint's tree now (the Register's payload)
     * @param retryPolicy the Communication Retry settings of a server, by short server id
     * @param store where the registration's location is kept in data/
     */
    record Setup(String endpoint, Duration defaultLifetime, Supplier<String> objectLinks, IntFunction<RetryPolicy> retryPolicy,
            ClientStateStore store) {
    }

    /** What a registration tells its endpoint; every call comes under the registration's lock. */
    interface Events {
        /** The server took a fresh Register: it holds none of the earlier observations. */
        void registeredAfresh(Registration r);

        /** The server answered a Register, or renewed a registration kept from before. */
        void registered(Registration r);

        /** After a restart, the registration kept in data/ is resumed: what the server observed comes back. */
        void restoreObservations(Registration r);

        /** The server took a Register or an Update. */
        void serverReachable(Registration r);

        /** The server did not answer, refused the registration or was disabled. */
        void serverUnreachable(Registration r, String why);

        /** An attempt failed (a bootstrap may follow). */
        void registrationFailed();
    }

    private final Setup setup;
    private final ServerLink link;
    private final Events events;
    private final ServerDefinition server;
    private final ScheduledExecutorService scheduler;

    private State state = State.IDLE;
    private String location;
    // read without the lock (observations and store-and-forward ask while holding their own locks; so does the
    // socket's QueueModeInterceptor for every message)
    private volatile InetSocketAddress serverAddress;
    private final QueueMode queue;
    private volatile boolean queueMode;
    // the binding's Q changed while an exchange was in flight: a fresh Register follows its answer
    private boolean queueModeChanged;
    private Instant lastSuccess;
    private String lastError = "";
    // when the last Register went out (nanoTime): observations made after it belong to the registration it makes
    private volatile long registerSentNanos;
    private int failures;
    /** When the retry timer fires (WAITING_RETRY only), for consoles. */
    private Instant retryAt;
    private boolean updatePending;
    private boolean linksChanged;
    private boolean lifetimeChanged;
    private String sentLinks = "";
    // the stored registration the first attempt resumes with an Update, and whether that Update is in flight
    private StoredRegistration resumable;
    private boolean resuming;
    // until when the server keeps the registration (and the observations on it) without hearing from us
    private Instant liveUntil;
    private ScheduledFuture<?> timer;
    // Server object (1) settings a server may change at run time
    private long lifetimeOverride;
    private String bindingOverride;
    private volatile long defaultPmin;
    private volatile long defaultPmax;

    Registration(ServerDefinition server, Setup setup, ServerLink link, Events events, ScheduledExecutorService scheduler) {
        this.setup = setup;
        this.link = link;
        this.events = events;
        this.server = server;
        this.scheduler = scheduler;
        this.defaultPmin = server.defaultPmin();
        this.defaultPmax = server.defaultPmax();
        this.queue = new QueueMode(server.queueAwakeMillis(), () -> System.nanoTime() / 1_000_000);
        this.queueMode = server.queueMode();
    }

    ServerDefinition server() {
        return server;
    }

    synchronized State state() {
        return state;
    }

    synchronized String location() {
        return location;
    }

    synchronized Instant lastSuccess() {
        return lastSuccess;
    }

    /** Failed attempts since the last success. */
    synchronized int failures() {
        return failures;
    }

    /** When the next attempt goes out, while waiting for a retry; null otherwise. */
    synchronized Instant retryAt() {
        return state == State.WAITING_RETRY ? retryAt : null;
    }

    synchronized String lastError() {
        return lastError;
    }

    /** The server's socket address, once resolved: requests from it are this server's. */
    InetSocketAddress serverAddress() {
        return serverAddress;
    }

    synchronized long lifetimeSeconds() {
        if (lifetimeOverride > 0) {
            return lifetimeOverride;
        }
        return server.lifetime() > 0 ? server.lifetime() : setup.defaultLifetime().toSeconds();
    }

    synchronized String binding() {
        return bindingOverride != null ? bindingOverride : server.binding();
    }

    /** Whether this registration is in queue mode (its binding has Q). */
    boolean queueMode() {
        return queueMode;
    }

    /** In queue mode, whether the endpoint sleeps toward this server now: it answers nothing and holds notifications. */
    boolean asleep() {
        return queueMode && !queue.awake();
    }

    /** A message went to this server or came from it: in queue mode, awake for the awake time from now. Takes no lock. */
    void exchanged() {
        // counted also without queue mode, so that the awake time is right when a server turns it on
        if (queue.exchanged() && queueMode) {
            LOG.debug("Endpoint '{}' is awake toward {} for {} ms (queue mode)", setup.endpoint(), server, queue.awakeMillis());
        }
    }

    /**
     * In queue mode, asleep, with something to tell (held notifications, a Send): an Update says the
     * endpoint is awake (Core 1.1 6.2.1: the server then sends what it queued); its answer releases
     * what was held. An exchange already in flight wakes it anyway.
     */
    synchronized void wakeUp() {
        // also when something else (a retransmission) woke it meanwhile: held values wait for an Update's answer
        if (state == State.REGISTERED && queueMode) {
            update("queue mode: waking up, notifications are held");
        }
    }

    long defaultPmin() {
        return defaultPmin;
    }

    long defaultPmax() {
        return defaultPmax;
    }

    synchronized void setDefaultPeriods(long pmin, long pmax) {
        this.defaultPmin = pmin;
        this.defaultPmax = pmax;
    }

    /** The server wrote its Lifetime (1/x/1) or Binding (1/x/7): the next Update carries it. */
    synchronized void setLifetimeAndBinding(long lifetime, String binding) {
        if (lifetime != lifetimeSeconds() || !binding.equals(binding())) {
            lifetimeOverride = lifetime;
            bindingOverride = binding;
            lifetimeChanged = true;
            if (QueueMode.requested(binding) != queueMode) {
                // a 1.1 Update carries no Q: only a Register tells the server that queue mode changed
                queueMode = QueueMode.requested(binding);
                LOG.info("Endpoint '{}': queue mode toward {} turned {} (binding {}); registering again to tell the server",
                        setup.endpoint(), server, queueMode ? "on" : "off", binding);
                queueModeChanged = true;
                // a moment later, so that the answer to the Write reaches the server before the Register
                // (a server cancels what is under way with a registration it replaces)
                scheduler.schedule(() -> {
                    synchronized (Registration.this) {
                        if (state == State.REGISTERED && queueModeChanged) {
                            location = null;
                            register();
                        } // registering or updating: a fresh Register follows the answer; waiting: the retry registers
                    }
                }, 500, TimeUnit.MILLISECONDS);
                return;
            }
            if (state == State.REGISTERED) {
                update("lifetime or binding changed");
            } else if (state == State.REGISTERING || state == State.UPDATING) {
                updatePending = true;
            }
        }
    }

    /**
     * Disable (1/x/4): de-register, stay away for {@code timeout}, then register again.
     */
    synchronized void disable(Duration timeout) {
        LOG.info("Endpoint '{}': server {} executed Disable; de-registering for {} s", setup.endpoint(), server, timeout.toSeconds());
        pause(timeout);
    }

    /** Reboot of a virtual endpoint's default Device object: de-register, then register again. */
    synchronized void reregister() {
        LOG.info("Endpoint '{}': Reboot executed; registering with {} again", setup.endpoint(), server);
        pause(Duration.ZERO);
    }

    private void pause(Duration timeout) {
        // leave the Execute's 2.04 time to reach the server before the De-register does
        scheduler.schedule(() -> {
            CompletableFuture<Void> done;
            synchronized (Registration.this) {
                if (state == State.STOPPED || state == State.DISABLED) {
                    return;
                }
                done = stop();
                state = State.DISABLED;
                events.serverUnreachable(Registration.this, "disabled");
            }
            done.whenComplete((v, e) -> {
                synchronized (Registration.this) {
                    if (state == State.DISABLED) {
                        timer = scheduler.schedule(() -> {
                            synchronized (Registration.this) {
                                if (state == State.DISABLED) {
                                    state = State.IDLE;
                                    register();
                                }
                            }
                        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            });
        }, 500, TimeUnit.MILLISECONDS);
    }

    synchronized void start() {
        if (state == State.IDLE) {
            resumable = storedRegistration();
            register();
        }
    }

    /** The endpoint's tree changed to {@code currentLinks}: tell the server (unless nothing it sees changed). */
    synchronized void treeChanged(String currentLinks) {
        if (state == State.REGISTERED && currentLinks.equals(sentLinks)) {
            return; // e.g. an object replaced by another bundle: same links, nothing to tell
        }
        linksChanged = true;
        if (state == State.REGISTERED) {
            update("tree changed");
        } else if (state == State.REGISTERING || state == State.UPDATING) {
            updatePending = true;
        } // waiting for a retry: the next Register carries the new links anyway
    }

    /** Sends an Update now (Server object's Registration Update Trigger, Gogo command). */
    synchronized void triggerUpdate() {
        if (state == State.REGISTERED) {
            update("update triggered");
        } else if (state == State.UPDATING || state == State.REGISTERING) {
            updatePending = true; // an exchange is in flight: the trigger sends one more Update after it, not none
        }
    }

    // ---- Register ----------------------------------------------------------------------------

    private void register() {
        cancelTimer();
        if (!resolve()) {
            retry("cannot resolve " + server.uri().getHost());
            return;
        }
        if (server.secure()) {
            String problem = link.prepareSecureSession(server, serverAddress);
            if (problem != null) {
                // nothing to retry until the configuration changes (which makes a new Registration)
                state = State.NO_CREDENTIALS;
                lastError = problem;
                LOG.error("Endpoint '{}' does not register with {}: {}. Fix the server's configuration; the endpoint's other "
                        + "servers are not affected.", setup.endpoint(), server, problem);
                return;
            }
        }
        if (resumable != null) {
            resume();
            return;
        }
        state = State.REGISTERING;
        linksChanged = false;
        lifetimeChanged = false;
        updatePending = false;
        queueModeChanged = false;
        Request request = Request.newPost();
        request.setDestinationContext(new AddressEndpointContext(serverAddress));
        request.getOptions().setUriPath("rd");
        request.getOptions().addUriQuery("ep=" + setup.endpoint());
        request.getOptions().addUriQuery("lt=" + lifetimeSeconds());
        request.getOptions().addUriQuery("lwm2m=1.1");
        request.getOptions().addUriQuery("b=" + QueueMode.transportBinding(binding()));
        if (queueMode) {
            request.getOptions().addUriQuery("Q"); // LwM2M 1.1: queue mode is this parameter, not a Q in b=
        }
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        sentLinks = setup.objectLinks().get();
        request.setPayload(sentLinks);
        registerSentNanos = System.nanoTime();
        link.send(request, server).thenAccept(response -> onRegisterResponse(request, response));
    }

    /** When the last Register went out (System.nanoTime). */
    long registerSentNanos() {
        return registerSentNanos;
    }

    private synchronized void onRegisterResponse(Request request, Response response) {
        if (state != State.REGISTERING) {
            return; // stopped meanwhile
        }
        if (response == null || response.getCode() != CoAP.ResponseCode.CREATED) {
            retry(response == null ? noAnswer(request) : "answered " + response.getCode() + " " + response.getPayloadString());
            return;
        }
        location = "/" + response.getOptions().getLocationPathString();
        state = State.REGISTERED;
        events.registeredAfresh(this);
        lastSuccess = Instant.now();
        liveUntil = lastSuccess.plusSeconds(lifetimeSeconds());
        remember(new StoredRegistration(location, lastSuccess, Duration.ofSeconds(lifetimeSeconds())));
        if (failures > 0) {
            LOG.info("Endpoint '{}' registered with {} at {} after {} failed attempt(s)", setup.endpoint(), server, location, failures);
        } else {
            LOG.info("Endpoint '{}' registered with {} at {} (lifetime {} s)", setup.endpoint(), server, location, lifetimeSeconds());
        }
        failures = 0;
        lastError = "";
        events.serverReachable(this);
        events.registered(this);
        if (queueModeChanged) {
            register();
        } else if (updatePending || linksChanged || lifetimeChanged) {
            update("changed during registration");
        } else {
            scheduleLifetimeUpdate();
        }
    }

    // ---- Update -----------------------------------------------------------------------------

    private void update(String reason) {
        cancelTimer();
        state = State.UPDATING;
        boolean withLinks = linksChanged;
        boolean withLifetime = lifetimeChanged;
        linksChanged = false;
        lifetimeChanged = false;
        updatePending = false;
        Request request = Request.newPost();
        request.setDestinationContext(new AddressEndpointContext(serverAddress));
        request.getOptions().setUriPath(location.substring(1));
        if (withLifetime) {
            request.getOptions().addUriQuery("lt=" + lifetimeSeconds());
            request.getOptions().addUriQuery("b=" + QueueMode.transportBinding(binding()));
        }
        if (withLinks) {
            String links = setup.objectLinks().get();
            if (links.equals(sentLinks)) {
                withLinks = false; // the change was undone before we got to send it
            } else {
                sentLinks = links;
                request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
                request.setPayload(links);
            }
        }
        LOG.debug("Endpoint '{}': Update to {} ({}{})", setup.endpoint(), server, reason, withLinks ? ", with object links" : "");
        boolean linksSent = withLinks;
        link.send(request, server).thenAccept(r -> onUpdateResponse(request, r, linksSent));
    }

    private synchronized void onUpdateResponse(Request request, Response response, boolean withLinks) {
        if (state != State.UPDATING) {
            return;
        }
        if (response != null && response.getCode() == CoAP.ResponseCode.CHANGED) {
            state = State.REGISTERED;
            lastSuccess = Instant.now();
            liveUntil = lastSuccess.plusSeconds(lifetimeSeconds());
            if (resuming) {
                resuming = false;
                LOG.info("Endpoint '{}' registered with {} at {} ({}, renewed by an Update)", setup.endpoint(), server, location,
                        failures > 0 ? "the registration kept through " + failures + " failed attempt(s)"
                                : "the registration stored before the restart");
                failures = 0;
                lastError = "";
                events.registered(this);
            }
            events.serverReachable(this);
            if (queueModeChanged) {
                location = null;
                register();
            } else if (updatePending || linksChanged || lifetimeChanged) {
                update("tree changed during update");
            } else {
                scheduleLifetimeUpdate();
            }
            return;
        }
        // 4.04: the server forgot us; anything else: start over with a fresh Register
        String why = response == null ? noAnswer(request) : "answered " + response.getCode();
        events.serverUnreachable(this, "Update " + why);
        if (response == null && liveUntil != null && Instant.now().isBefore(liveUntil)) {
            // unanswered, not refused: the server keeps the registration, and the observations on it,
            // until its lifetime ends, so the same registration is updated again after the backoff (a
            // fresh Register would make the server drop the observations)
            resumable = new StoredRegistration(location, liveUntil.minusSeconds(lifetimeSeconds()), Duration.ofSeconds(lifetimeSeconds()));
            resuming = false;
            linksChanged |= withLinks;
            retry("Update " + why + "; the registration is kept until " + liveUntil);
            return;
        }
        if (resuming) {
            resuming = false;
            LOG.info("Endpoint '{}': the registration at {} stored before the restart is no longer usable ({}); registering with {} afresh",
                    setup.endpoint(), location, why, server);
            forget();
        } else {
            LOG.warn("Endpoint '{}': Update to {} failed ({}); registering again", setup.endpoint(), server, why);
        }
        if (response == null && server.secure() && serverAddress != null && link.renewSecureSession(server, serverAddress)) {
            // the server may have lost our DTLS connection (restart, expiry, a new NAT binding) and
            // dropped the Update unread: the Register goes out after an abbreviated handshake
            LOG.info("Endpoint '{}': {} did not answer over DTLS; the Register resumes the DTLS session first", setup.endpoint(), server);
        }
        linksChanged |= withLinks;
        location = null;
        register();
    }

    private void scheduleLifetimeUpdate() {
        // update well before the lifetime ends: at 90 %, and at least 2 s ahead
        long lifetimeMs = lifetimeSeconds() * 1000;
        long delay = Math.max(1000, Math.min(lifetimeMs * 9 / 10, lifetimeMs - 2000));
        timer = scheduler.schedule(() -> {
            synchronized (Registration.this) {
                if (state == State.REGISTERED) {
                    update("lifetime");
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    // ---- De-register ------------------------------------------------------------------------

    /** De-registers (if registered) and stops; completes when the server answered or gave up. */
    synchronized CompletableFuture<Void> stop() {
        cancelTimer();
        State before = state;
        state = State.STOPPED;
        resumable = null;
        forget(); // a clean stop ends the registration: the next start registers afresh
        if (location == null || (before != State.REGISTERED && before != State.UPDATING)) {
            return CompletableFuture.completedFuture(null);
        }
        Request request = Request.newDelete();
        request.setDestinationContext(new AddressEndpointContext(serverAddress));
        request.getOptions().setUriPath(location.substring(1));
        String where = location;
        location = null;
        return link.send(request, server).thenAccept(r -> {
            if (r != null && r.getCode() == CoAP.ResponseCode.DELETED) {
                LOG.info("Endpoint '{}' de-registered from {} ({})", setup.endpoint(), server, where);
            } else {
                LOG.warn("Endpoint '{}': De-register from {} {}; the server will drop the registration when its lifetime ends",
                        setup.endpoint(), server, r == null ? "got no answer" : "answered " + r.getCode());
            }
        });
    }

    // ---- the stored registration -------------------------------------------------------------

    /** The registration stored before a restart, if the server may still hold it. */
    private StoredRegistration storedRegistration() {
        try {
            StoredRegistration stored = setup.store().registration(setup.endpoint(), server.shortServerId(), server.uri()).orElse(null);
            if (stored != null && !stored.liveAt(Instant.now())) {
                LOG.info("Endpoint '{}': the registration with {} stored at {} has outlived its lifetime ({} s); registering afresh",
                        setup.endpoint(), server, stored.registeredAt(), stored.lifetime().toSeconds());
                return null;
            }
            return stored;
        } catch (IOException e) {
            LOG.warn("Endpoint '{}' registers with {} afresh: {}", setup.endpoint(), server, e.getMessage());
            return null;
        }
    }

    /** The first attempt after a restart: an Update to the stored location, with the object links, lifetime and binding of now. */
    private void resume() {
        StoredRegistration stored = resumable;
        resumable = null;
        resuming = true;
        boolean afterRestart = location == null;
        location = stored.location();
        liveUntil = stored.registeredAt().plus(stored.lifetime());
        linksChanged = true;
        lifetimeChanged = true;
        if (afterRestart) {
            LOG.info("Endpoint '{}': Update to {} at {}, its registration stored before the restart (registered {})", setup.endpoint(),
                    server, location, stored.registeredAt());
            events.restoreObservations(this);
        }
        update(afterRestart ? "resuming the stored registration" : "the server did not answer the last Update");
    }

    private void remember(StoredRegistration registration) {
        try {
            setup.store().rememberRegistration(setup.endpoint(), server.shortServerId(), server.uri(), registration);
        } catch (IOException e) {
            LOG.warn("Endpoint '{}': {}. After a restart it registers with {} afresh.", setup.endpoint(), e.getMessage(), server);
        }
    }

    /** The registration ends here (a clean stop, or the server no longer has it): so do the observations and attributes kept for it. */
    private void forget() {
        try {
            setup.store().forgetRegistration(setup.endpoint(), server.shortServerId(), server.uri());
            setup.store().clearServerEntries(Observations.STORED, setup.endpoint(), server.shortServerId(), server.uri());
            setup.store().clearServerEntries(ServerAttributes.STORED, setup.endpoint(), server.shortServerId(), server.uri());
        } catch (IOException e) {
            LOG.debug("Endpoint '{}': the stored registration with {} is not forgotten: {}", setup.endpoint(), server, e.getMessage());
        }
    }

    // ---- failures ---------------------------------------------------------------------------

    private void retry(String why) {
        if (server.secure() && serverAddress != null) {
            // the next attempt handshakes again: resuming the session if there is one, else afresh
            // (a refused handshake may still be pending, retransmitting for up to a minute)
            link.renewSecureSession(server, serverAddress);
        }
        failures++;
        lastError = why;
        state = State.WAITING_RETRY;
        events.serverUnreachable(this, "Register " + why);
        RetryPolicy policy = setup.retryPolicy().apply(server.shortServerId());
        long delay = policy.delayAfter(failures, bound -> ThreadLocalRandom.current().nextLong(bound + 1)).toMillis();
        if (failures > 3 && failures % 10 != 0) {
            // between the first attempts and every tenth: one line each, at debug (a long outage stays readable)
            LOG.debug("Endpoint '{}' cannot register with {}: {}. Retrying in {} s (attempt {})", setup.endpoint(), server, why,
                    delay / 1000.0, failures + 1);
        } else {
            LOG.warn("Endpoint '{}' cannot register with {}: {}. Retrying in {} s (attempt {}); check that the server runs "
                    + "and the URI is right{}.", setup.endpoint(), server, why, delay / 1000.0, failures + 1,
                    server.secure() ? ", and that the server knows this endpoint's credentials (" + server.security().describe() + ")" : "");
        }
        events.registrationFailed();
        retryAt = Instant.now().plusMillis(delay);
        timer = scheduler.schedule(() -> {
            synchronized (Registration.this) {
                if (state == State.WAITING_RETRY) {
                    register();
                }
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Why a request got no response: the send error (e.g. a failed DTLS handshake) if there was one. */
    private String noAnswer(Request request) {
        Throwable error = request.getSendError();
        if (error == null) {
            return server.secure() ? "no answer (a DTLS handshake with a wrong key or identity gets no answer either)" : "no answer";
        }
        String kind = server.secure() && error.getClass().getName().contains("Handshake") ? "DTLS handshake failed: " : "send failed: ";
        return kind + error.getMessage();
    }

    private boolean resolve() {
        try {
            InetAddress address = InetAddress.getByName(server.uri().getHost());
            serverAddress = new InetSocketAddress(address, server.uri().getPort());
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
