/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import io.lightgate.server.api.ClientInfo;
import io.lightgate.server.api.LocalServerListener;
import io.lightgate.api.LwM2mPath;
import io.lightgate.server.api.NodeContent;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server events for the browser: keeps the latest notified value of every observed path and
 * pushes registrations, de-registrations and values to every open event stream
 * (server-sent events). Writing happens on one thread of its own, so a slow browser never
 * holds up the LwM2M server's threads; a stream whose queue overflows is closed (the browser
 * reconnects and reloads the state).
 */
@Component(service = { LocalServerListener.class, EventHub.class }, immediate = true)
public final class EventHub implements LocalServerListener {

    /** A value as last notified. */
    public record LatestValue(String endpoint, String path, Object value, Instant at) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final int MAX_VALUES = 10_000;
    private static final int MAX_QUEUED = 1_000;
    /** The first frame of every stream: the reconnect delay, and a comment saying the stream is live. */
    private static final byte[] OPENING_FRAME = "retry: 2000\n: live\n\n".getBytes(StandardCharsets.UTF_8);

    private final Map<String, LatestValue> latest = new ConcurrentHashMap<>();
    /** Observations the overview made for itself: their values go to the page as "key" events, not as "value" ones. */
    private final Set<String> background = ConcurrentHashMap.newKeySet();
    private final Set<AsyncContext> streams = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(MAX_QUEUED), r -> new Thread(r, "lightgate-console-events"), (task, executor) -> {
                // a full queue drops broadcast frames; an opening that cannot be queued closes its stream
                if (task instanceof Opening opening) {
                    opening.rejected();
                }
            });
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lightgate-console-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** Set once the first browser subscribes: no console threads before that (most gateways never have one). */
    private final AtomicBoolean heartbeatStarted = new AtomicBoolean();

    /** Starts the keep-alive at the first stream; the writer's thread is made at its first task. */
    private void startHeartbeat() {
        if (heartbeatStarted.compareAndSet(false, true)) {
            // a comment line every 15 s finds streams whose browser has gone
            heartbeat.scheduleWithFixedDelay(() -> {
                if (!streams.isEmpty()) {
                    writer.execute(() -> broadcastRaw(": keep-alive\n\n"));
                }
            }, 15, 15, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void stop() {
        heartbeat.shutdownNow();
        writer.shutdownNow();
        streams.forEach(EventHub::complete);
        streams.clear();
    }

    /** The latest values, optionally of one endpoint, sorted by endpoint and path. */
    public List<LatestValue> latest(String endpoint) {
        List<LatestValue> values = new ArrayList<>();
        latest.values().forEach(v -> {
            if (endpoint == null || v.endpoint().equals(endpoint)) {
                values.add(v);
            }
        });
        values.sort((a, b) -> a.endpoint().equals(b.endpoint()) ? a.path().compareTo(b.path()) : a.endpoint().compareTo(b.endpoint()));
        return values;
    }

    /** Starts streaming to this (already started) async request. */
    void open(AsyncContext stream) throws IOException {
        HttpServletResponse response = (HttpServletResponse) stream.getResponse();
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        startHeartbeat();
        // Joined to the broadcast set before the opening frame is written, both on the writer
        // thread: a client that has read the opening frame misses no event published after it.
        writer.execute(new Opening(stream, out));
    }

    /** Joins a stream to the broadcast set and writes its opening frame; closes it if the writer is full. */
    private final class Opening implements Runnable {
        private final AsyncContext stream;
        private final OutputStream out;

        Opening(AsyncContext stream, OutputStream out) {
            this.stream = stream;
            this.out = out;
        }

        @Override
        public void run() {
            streams.add(stream);
            try {
                out.write(OPENING_FRAME);
                out.flush();
            } catch (IOException | IllegalStateException e) {
                streams.remove(stream);
                complete(stream);
            }
        }

        void rejected() {
            complete(stream); // the browser reconnects after the retry delay
        }
    }

    void close(AsyncContext stream) {
        streams.remove(stream);
    }

    @Override
    public void clientChanged(ClientInfo client) {
        publish("client", client);
    }

    @Override
    public void clientGone(ClientInfo client, boolean expired) {
        latest.keySet().removeIf(key -> key.startsWith(client.endpoint() + "\u0000"));
        background.removeIf(key -> key.startsWith(client.endpoint() + "\u0000"));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("endpoint", client.endpoint());
        event.put("expired", expired);
        publish("gone", event);
    }

    @Override
    public void notified(String endpoint, NodeContent content) {
        String path = content.path().toString();
        if (background.contains(key(endpoint, path))) {
            return;
        }
        LatestValue value = new LatestValue(endpoint, path, content.value(), Instant.now());
        if (latest.size() >= MAX_VALUES && !latest.containsKey(key(endpoint, path))) {
            LOG.warn("More than {} observed values: the console keeps no further ones; cancel observations you do not need", MAX_VALUES);
        } else {
            latest.put(key(endpoint, path), value);
        }
        publish("value", value);
    }

    /** Marks an observation as the overview's own: its notifications are not shown as live values. */
    void observedInBackground(String endpoint, String path) {
        background.add(key(endpoint, path));
    }

    /** Marks an observation as the user's (made or cancelled through the API): its notifications are live values again. */
    void ownedByUser(String endpoint, String path) {
        background.remove(key(endpoint, path));
    }

    /** Forgets the latest value of a path (when its observation is cancelled). */
    void forget(String endpoint, LwM2mPath path) {
        latest.remove(key(endpoint, path.toString()));
    }

    private static String key(String endpoint, String path) {
        return endpoint + "\u0000" + path;
    }

    /** Sends an event to every open stream (dropped when none is open). */
    void publish(String event, Object data) {
        if (streams.isEmpty()) {
            return;
        }
        String frame = "event: " + event + "\ndata: " + Json.text(data) + "\n\n";
        writer.execute(() -> broadcastRaw(frame));
    }

    private void broadcastRaw(String frame) {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        for (AsyncContext stream : streams) {
            try {
                OutputStream out = stream.getResponse().getOutputStream();
                out.write(bytes);
                out.flush();
            } catch (IOException | IllegalStateException e) {
                streams.remove(stream);
                complete(stream);
            }
        }
    }

    private static void complete(AsyncContext stream) {
        try {
            stream.complete();
        } catch (IllegalStateException e) {
            // already completed by the container
        }
    }
}
