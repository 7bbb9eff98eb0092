/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.californium.scandium.ConnectionListener;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.ResumingServerHandshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;
import org.eclipse.californium.scandium.dtls.SessionListener;

/**
 * What a test server's DTLS connector (Scandium) saw, from the server's side: every handshake
 * that established a session (full or abbreviated, its session id, whether the client's
 * ClientHello offered a session to resume) and when the last application record went to or came
 * from a client. Hooked into the connector by {@link TestLeshanServer.Builder#coaps}.
 */
public final class DtlsRecorder {

    /**
     * One handshake that established a session.
     *
     * @param peer the client's address
     * @param sessionId the established session's id (hex), the same after an abbreviated handshake
     * @param abbreviated true if the session was resumed (RFC 5246 7.3), false for a full handshake
     * @param resumptionOffered true if the ClientHello carried a session id (a resumption attempt,
     *            also when the server did not know the session and fell back to a full handshake)
     * @param at when the session was established
     */
    public record Handshake(InetSocketAddress peer, String sessionId, boolean abbreviated, boolean resumptionOffered, Instant at) {
    }

    private final Object lock = new Object();
    private final List<Handshake> handshakes = new ArrayList<>();
    private long lastRecordNanos = System.nanoTime();

    /** The SessionListener to set on the connector's configuration (Scandium adds it to every handshaker). */
    SessionListener sessionListener() {
        return new SessionAdapter() {
            @Override
            public void contextEstablished(Handshaker handshaker, DTLSContext context) {
                record(new Handshake(handshaker.getPeerAddress(), context.getSession().getSessionIdentifier().getAsString(),
                        !handshaker.isFullHandshake(), handshaker instanceof ResumingServerHandshaker, Instant.now()));
            }
        };
    }

    /** The ConnectionListener to set on the connector's configuration: notes each application record sent or received. */
    ConnectionListener connectionListener() {
        return new ConnectionListener() {
            @Override
            public void onConnectionEstablished(Connection connection) {
            }

            @Override
            public void onConnectionRemoved(Connection connection) {
            }

            @Override
            public boolean onConnectionUpdatesSequenceNumbers(Connection connection, boolean writeSequenceNumber) {
                synchronized (lock) {
                    lastRecordNanos = System.nanoTime();
                    lock.notifyAll();
                }
                return false;
            }

            @Override
            public boolean onConnectionMacError(Connection connection) {
                return false;
            }

            @Override
            public void beforeExecution(Connection connection) {
            }

            @Override
            public void updateExecution(Connection connection) {
            }

            @Override
            public void afterExecution(Connection connection) {
            }
        };
    }

    private void record(Handshake handshake) {
        synchronized (lock) {
            handshakes.add(handshake);
            lock.notifyAll();
        }
    }

    /** The handshakes so far, oldest first. */
    public List<Handshake> handshakes() {
        synchronized (lock) {
            return List.copyOf(handshakes);
        }
    }

    /** The first handshake (oldest first) after the first {@code skip} ones that matches, waiting for it. */
    public Handshake awaitHandshake(int skip, Predicate<Handshake> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                for (int i = skip; i < handshakes.size(); i++) {
                    if (matches.test(handshakes.get(i))) {
                        return handshakes.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching DTLS handshake after the first " + skip + " within " + timeout + "; handshakes: "
                            + handshakes);
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * Waits until no application record went either way for {@code quiet} (bounded by
     * {@code timeout}): the link is as quiet as a NAT binding that expires would find it.
     */
    public void awaitQuiet(Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                long quietFor = System.nanoTime() - lastRecordNanos;
                if (quietFor >= quiet.toNanos()) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the DTLS link was never quiet for " + quiet + " within " + timeout + " (records keep flowing)");
                }
                // woken by every record (which restarts the quiet period), else when the period would end
                lock.wait(Math.max(1, Math.min(left, quiet.toNanos() - quietFor) / 1_000_000 + 1));
            }
        }
    }
}
