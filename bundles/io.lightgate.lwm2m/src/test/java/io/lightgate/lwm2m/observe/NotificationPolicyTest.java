/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.observe;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.Value;
import io.lightgate.lwm2m.observe.NotificationPolicy.Decision;
import io.lightgate.lwm2m.observe.NotificationPolicy.Decision.Kind;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class NotificationPolicyTest {

    /** A notification the fake engine sent. */
    private record Sent(long at, Value value) {
        @Override
        public String toString() {
            return value + "@" + at;
        }
    }

    /**
     * Drives a policy the way the engine is meant to: one timer at nextWakeUp(), the current value read
     * when it fires, a notification sent for every NOTIFY_NOW. Time is fake and only moves on request.
     */
    private static final class FakeEngine {
        final AtomicLong now = new AtomicLong();
        final NotificationPolicy policy;
        final List<Sent> sent = new ArrayList<>();
        Value current;

        FakeEngine(NotificationAttributes attributes, Value initial) {
            policy = new NotificationPolicy(attributes, now::get);
            current = initial;
            policy.notified(initial); // the Observe response at t=0
        }

        Decision change(long atMillis, Value v) {
            advanceTo(atMillis);
            current = v;
            Decision d = policy.onChange(v);
            act(d);
            return d;
        }

        void act(Decision d) {
            if (d.notifyNow()) {
                sent.add(new Sent(now.get(), current));
                policy.notified(current);
            }
        }

        /** Fires the timer as often as it falls due up to {@code t}, then sets the clock to {@code t}. */
        void advanceTo(long t) {
            for (int guard = 0;; guard++) {
                OptionalLong wake = policy.nextWakeUp();
                if (wake.isEmpty() || wake.getAsLong() > t) {
                    break;
                }
                if (guard > 10_000) {
                    fail("timer does not advance: " + wake);
                }
                now.set(Math.max(now.get(), wake.getAsLong()));
                act(policy.onTimer(current));
            }
            now.set(Math.max(now.get(), t));
        }
    }

    private static long s(double seconds) {
        return Math.round(seconds * 1000);
    }

    private static NotificationAttributes.Builder attrs() {
        return NotificationAttributes.builder();
    }

    @Test
    public void pminCoalescesChangesIntoOneNotificationWithTheLastValue() {
        FakeEngine e = new FakeEngine(attrs().pmin(10).build(), Value.of(1));
        assertEquals(new Decision(Kind.NOTIFY_AT, s(10)), e.change(s(2), Value.of(2)));
        assertEquals(new Decision(Kind.NOTIFY_AT, s(10)), e.change(s(4), Value.of(3)));
        assertEquals(new Decision(Kind.NOTIFY_AT, s(10)), e.change(s(6), Value.of(4)));
        assertEquals(OptionalLong.of(s(10)), e.policy.pendingNotification());
        e.advanceTo(s(10) - 1);
        assertTrue(e.sent.isEmpty());
        e.advanceTo(s(10));
        assertEquals(List.of(new Sent(s(10), Value.of(4))), e.sent);
        assertFalse(e.policy.pendingNotification().isPresent());
        e.advanceTo(s(100));
        assertEquals(1, e.sent.size());
    }

    @Test
    public void changeAfterPminNotifiesAtOnce() {
        FakeEngine e = new FakeEngine(attrs().pmin(10).build(), Value.of(1));
        assertEquals(new Decision(Kind.NOTIFY_NOW, s(10)), e.change(s(10), Value.of(2)));
        assertEquals(new Decision(Kind.NOTIFY_AT, s(20)), e.change(s(15), Value.of(3)));
    }

    @Test
    public void withoutAttributesEveryChangeNotifiesButNotAReturnToTheSameValue() {
        FakeEngine e = new FakeEngine(NotificationAttributes.EMPTY, Value.of("a"));
        assertTrue(e.change(1, Value.of("b")).notifyNow());
        assertTrue(e.change(2, Value.of("c")).notifyNow());
        assertEquals(Decision.IGNORE, e.change(3, Value.of("c")));
        assertFalse(e.policy.nextWakeUp().isPresent()); // never polls, never forces
        assertEquals(2, e.sent.size());
    }

    @Test
    public void pmaxForcesTheUnchangedValue() {
        FakeEngine e = new FakeEngine(attrs().pmax(30).build(), Value.of(7));
        assertEquals(OptionalLong.of(s(30)), e.policy.nextForcedNotification());
        e.advanceTo(s(75));
        assertEquals(List.of(new Sent(s(30), Value.of(7)), new Sent(s(60), Value.of(7))), e.sent);
        // a change restarts the pmax timer
        e.change(s(80), Value.of(8));
        assertEquals(OptionalLong.of(s(110)), e.policy.nextForcedNotification());
        e.advanceTo(s(109));
        assertEquals(3, e.sent.size());
        e.advanceTo(s(110));
        assertEquals(new Sent(s(110), Value.of(8)), e.sent.get(3));
    }

    @Test
    public void pmaxZeroOrBelowPminIsIgnored() {
        assertFalse(new FakeEngine(attrs().pmax(0).build(), Value.of(1)).policy.nextForcedNotification().isPresent());
        FakeEngine e = new FakeEngine(attrs().pmin(60).pmax(30).build(), Value.of(1));
        assertFalse(e.policy.nextForcedNotification().isPresent());
        e.advanceTo(s(1000));
        assertTrue(e.sent.isEmpty());
    }

    @Test
    public void pminEqualToPmaxSendsOncePerPeriod() {
        FakeEngine e = new FakeEngine(attrs().pmin(10).pmax(10).build(), Value.of(1));
        e.change(s(3), Value.of(2));
        e.change(s(4), Value.of(3));
        e.advanceTo(s(25));
        assertEquals(List.of(new Sent(s(10), Value.of(3)), new Sent(s(20), Value.of(3))), e.sent);
    }

    @Test
    public void gtNotifiesOnCrossingInBothDirections() {
        FakeEngine e = new FakeEngine(attrs().gt(20).build(), Value.of(15.0));
        assertEquals(Decision.IGNORE, e.change(1, Value.of(18.0)));
        assertTrue(e.change(2, Value.of(21.0)).notifyNow());   // up across gt
        assertEquals(Decision.IGNORE, e.change(3, Value.of(25.0))); // still above
        assertTrue(e.change(4, Value.of(19.5)).notifyNow());   // back below: DynLink / "crosses"
        assertEquals(Decision.IGNORE, e.change(5, Value.of(20.0))); // 20 is not above 20
        assertEquals(List.of(new Sent(2, Value.of(21.0)), new Sent(4, Value.of(19.5))), e.sent);
    }

    @Test
    public void ltNotifiesOnCrossingDown() {
        FakeEngine e = new FakeEngine(attrs().lt(10).build(), Value.of(15));
        assertEquals(Decision.IGNORE, e.change(1, Value.of(12)));
        assertTrue(e.change(2, Value.of(9)).notifyNow());
        assertEquals(Decision.IGNORE, e.change(3, Value.of(5)));
        assertTrue(e.change(4, Value.of(10)).notifyNow()); // 10 is no longer below 10
        assertEquals(2, e.sent.size());
    }

    @Test
    public void stepComparesWithTheLastNotifiedValue() {
        FakeEngine e = new FakeEngine(attrs().st(5).build(), Value.of(100));
        assertEquals(Decision.IGNORE, e.change(1, Value.of(103)));
        assertEquals(Decision.IGNORE, e.change(2, Value.of(104)));
        assertTrue(e.change(3, Value.of(105)).notifyNow()); // |105 - 100| >= 5
        assertEquals(Decision.IGNORE, e.change(4, Value.of(101)));
        assertTrue(e.change(5, Value.of(100)).notifyNow());
        assertEquals(List.of(new Sent(3, Value.of(105)), new Sent(5, Value.of(100))), e.sent);
    }

    @Test
    public void stepUsesDecimalArithmetic() {
        // 0.7 - 0.2 is 0.49999999999999994 in binary floating point
        FakeEngine e = new FakeEngine(attrs().st(0.5).build(), Value.of(0.2));
        assertTrue(e.change(1, Value.of(0.7)).notifyNow());
        // unsigned values beyond Long.MAX_VALUE
        BigInteger big = BigInteger.ONE.shiftLeft(63).add(BigInteger.TEN);
        FakeEngine u = new FakeEngine(attrs().st(10).build(), Value.ofUnsigned(big));
        assertEquals(Decision.IGNORE, u.change(1, Value.ofUnsigned(big.add(BigInteger.valueOf(9)))));
        assertTrue(u.change(2, Value.ofUnsigned(big.subtract(BigInteger.TEN))).notifyNow());
    }

    @Test
    public void valueConditionsAreOred() {
        FakeEngine e = new FakeEngine(attrs().gt(50).st(10).build(), Value.of(0));
        assertTrue(e.change(1, Value.of(10)).notifyNow());          // st
        assertEquals(Decision.IGNORE, e.change(2, Value.of(15)));   // neither
        assertTrue(e.change(3, Value.of(51)).notifyNow());          // gt (and st)
        assertTrue(e.change(4, Value.of(49)).notifyNow());          // gt, although |49 - 51| < st
    }

    @Test
    public void invalidValueConditionsAreIgnored() {
        // lt >= gt can only arise from different levels; the conditions are then not "valid"
        FakeEngine e = new FakeEngine(attrs().lt(30).gt(20).build(), Value.of(25));
        assertTrue(e.change(1, Value.of(26)).notifyNow());
    }

    @Test
    public void qualifyingChangeBeforePminIsSentAtPminEvenIfItCrossedBack() {
        FakeEngine e = new FakeEngine(attrs().pmin(10).gt(20).build(), Value.of(15));
        assertEquals(new Decision(Kind.NOTIFY_AT, s(10)), e.change(s(1), Value.of(25)));
        assertEquals(new Decision(Kind.NOTIFY_AT, s(10)), e.change(s(2), Value.of(16)));
        e.advanceTo(s(10));
        assertEquals(List.of(new Sent(s(10), Value.of(16))), e.sent);
        // the baseline is now 16: a change to 18 crosses nothing
        assertEquals(Decision.IGNORE, e.change(s(30), Value.of(18)));
    }

    @Test
    public void edgeNotifiesOnTheChosenTransition() {
        FakeEngine rising = new FakeEngine(attrs().edge(true).build(), Value.of(false));
        assertTrue(rising.change(1, Value.of(true)).notifyNow());
        assertEquals(Decision.IGNORE, rising.change(2, Value.of(false)));
        assertTrue(rising.change(3, Value.of(true)).notifyNow());
        FakeEngine falling = new FakeEngine(attrs().edge(false).build(), Value.of(false));
        assertEquals(Decision.IGNORE, falling.change(1, Value.of(true)));
        assertTrue(falling.change(2, Value.of(false)).notifyNow());
    }

    @Test
    public void instanceObservationCountsEveryChange() {
        FakeEngine e = new FakeEngine(attrs().pmin(5).gt(10).build(), null);
        assertEquals(new Decision(Kind.NOTIFY_AT, s(5)), e.change(s(1), null));
        e.advanceTo(s(5));
        assertEquals(1, e.sent.size());
        assertTrue(e.change(s(11), null).notifyNow());
    }

    @Test
    public void attributeChangeReplansThePendingNotification() {
        FakeEngine e = new FakeEngine(attrs().pmin(30).build(), Value.of(1));
        assertEquals(new Decision(Kind.NOTIFY_AT, s(30)), e.change(s(5), Value.of(2)));
        assertEquals(OptionalLong.of(s(10)), e.policy.updateAttributes(attrs().pmin(10).build()));
        e.advanceTo(s(10));
        assertEquals(List.of(new Sent(s(10), Value.of(2))), e.sent);

        // removing pmin while a notification is pending makes it due at once
        e.change(s(12), Value.of(3));
        assertEquals(OptionalLong.of(s(20)), e.policy.pendingNotification());
        assertEquals(OptionalLong.of(s(10)), e.policy.updateAttributes(NotificationAttributes.EMPTY));
        e.advanceTo(s(12));
        assertEquals(new Sent(s(12), Value.of(3)), e.sent.get(1));
    }

    @Test
    public void attributeChangeAddsPmaxAndValueConditions() {
        FakeEngine e = new FakeEngine(NotificationAttributes.EMPTY, Value.of(100));
        assertFalse(e.policy.nextForcedNotification().isPresent());
        e.advanceTo(s(20));
        e.policy.updateAttributes(attrs().pmax(60).st(10).build());
        assertEquals(OptionalLong.of(s(60)), e.policy.nextForcedNotification()); // from the last notification
        assertEquals(Decision.IGNORE, e.change(s(30), Value.of(105)));         // baseline stays 100
        assertTrue(e.change(s(40), Value.of(111)).notifyNow());
        e.advanceTo(s(100));
        assertEquals(List.of(new Sent(s(40), Value.of(111)), new Sent(s(100), Value.of(111))), e.sent);
    }

    @Test
    public void epminHoldsEvaluationOfChanges() {
        FakeEngine e = new FakeEngine(attrs().epmin(5).gt(20).build(), Value.of(10));
        assertEquals(new Decision(Kind.EVALUATE_AT, s(5)), e.change(s(1), Value.of(22)));
        assertEquals(new Decision(Kind.EVALUATE_AT, s(5)), e.change(s(2), Value.of(18)));
        e.advanceTo(s(5));
        assertTrue(e.sent.isEmpty()); // evaluated at 5 s with 18: no crossing
        assertEquals(new Decision(Kind.EVALUATE_AT, s(10)), e.change(s(6), Value.of(25)));
        e.advanceTo(s(10));
        assertEquals(List.of(new Sent(s(10), Value.of(25))), e.sent);
    }

    @Test
    public void epmaxAsksForSamplingOnlyWhenSet() {
        assertFalse(new FakeEngine(attrs().pmin(1).build(), Value.of(1)).policy.nextEvaluation().isPresent());
        FakeEngine e = new FakeEngine(attrs().epmax(60).build(), Value.of(1));
        assertEquals(OptionalLong.of(s(60)), e.policy.nextEvaluation());
        e.advanceTo(s(60)); // sampled, unchanged
        assertTrue(e.sent.isEmpty());
        assertEquals(OptionalLong.of(s(120)), e.policy.nextEvaluation());
        e.current = Value.of(2); // the slow resource changed without telling anyone
        e.advanceTo(s(120));
        assertEquals(List.of(new Sent(s(120), Value.of(2))), e.sent);
        assertEquals(OptionalLong.of(s(180)), e.policy.nextEvaluation());
    }

    @Test
    public void notifiesAtOnceBeforeTheFirstNotificationIsRecorded() {
        NotificationPolicy p = new NotificationPolicy(attrs().pmin(10).build(), () -> 0L);
        assertTrue(p.onChange(Value.of(1), 5).notifyNow());
        assertFalse(p.nextWakeUp().isPresent());
        assertEquals(Decision.IGNORE, p.onTimer(Value.of(1), 5));
    }

    @Test
    public void worksWithAJavaTimeClock() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC);
        NotificationPolicy p = new NotificationPolicy(attrs().pmin(2).pmax(5).build(), clock);
        p.notified(Value.of(1));
        assertEquals(OptionalLong.of(6_000), p.nextForcedNotification());
        assertEquals(new Decision(Kind.NOTIFY_AT, 3_000), p.onChange(Value.of(2)));
        assertEquals(OptionalLong.of(3_000), p.nextWakeUp());
    }

    @Test
    public void hugePeriodsDoNotOverflow() {
        NotificationPolicy p = new NotificationPolicy(attrs().pmin(Long.MAX_VALUE / 10).pmax(Long.MAX_VALUE).build(), () -> 0L);
        p.notified(Value.of(1), 1_000);
        assertEquals(OptionalLong.of(Long.MAX_VALUE), p.nextForcedNotification());
        Decision d = p.onChange(Value.of(2), 2_000);
        assertEquals(Kind.NOTIFY_AT, d.kind());
        assertEquals(Long.MAX_VALUE, d.atMillis());
    }

    // ---- decision and "notified" in one step (the engine's entry points) ----------------------

    @Test
    public void aChangeDecidedTwiceBeforeItsNotificationGoesOutNotifiesOnce() {
        // the engine reads the value when it evaluates a change, so two change events in a row can
        // both read the newest value; the second must see the first's notification as sent
        NotificationPolicy p = new NotificationPolicy(attrs().st(10).build(), () -> 0L);
        p.notified(Value.of(0), 0);
        assertEquals(Kind.NOTIFY_NOW, p.onChangeAndMark(Value.of(15), 100).kind());
        assertEquals("the same value again: already notified", Kind.IGNORE, p.onChangeAndMark(Value.of(15), 101).kind());
        assertEquals("a step of 3 from the value being notified", Kind.IGNORE, p.onChangeAndMark(Value.of(18), 102).kind());
        assertEquals(Kind.NOTIFY_NOW, p.onChangeAndMark(Value.of(26), 103).kind());
        assertEquals(Value.of(26), p.lastNotifiedValue());
    }

    @Test
    public void aPminTimerFiringTwiceBeforeTheNotificationGoesOutNotifiesOnce() {
        NotificationPolicy p = new NotificationPolicy(attrs().pmin(2).build(), () -> 0L);
        p.notified(Value.of(0), 0);
        assertEquals(new Decision(Kind.NOTIFY_AT, s(2)), p.onChangeAndMark(Value.of(5), 100));
        assertEquals(Kind.NOTIFY_NOW, p.onTimerAndMark(Value.of(5), s(2)).kind());
        // a change reschedules the timer at once while the notification is on its way
        assertEquals(Kind.IGNORE, p.onTimerAndMark(Value.of(5), s(2) + 1).kind());
        assertEquals("the next change waits for pmin from the notification just decided",
                new Decision(Kind.NOTIFY_AT, s(4)), p.onChangeAndMark(Value.of(6), s(2) + 2));
    }

    @Test
    public void anObservationWithoutAValueKeepsItsBaselineWhenMarked() {
        NotificationPolicy p = new NotificationPolicy(attrs().build(), () -> 0L);
        p.notified(Value.of(7), 0);
        assertEquals(Kind.NOTIFY_NOW, p.onChangeAndMark(null, 10).kind());
        assertEquals(Value.of(7), p.lastNotifiedValue());
        assertEquals(OptionalLong.of(10), p.lastNotification());
    }

    @Test
    public void concurrentChangesOfOneValueNotifyExactlyOnce() throws Exception {
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                NotificationPolicy p = new NotificationPolicy(attrs().st(10).build(), () -> 0L);
                p.notified(Value.of(0), 0);
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
                List<java.util.concurrent.Future<Decision>> decisions = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long at = 100 + t;
                    decisions.add(pool.submit(() -> {
                        start.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        return p.onChangeAndMark(Value.of(15), at);
                    }));
                }
                int notify = 0;
                for (var d : decisions) {
                    if (d.get(10, java.util.concurrent.TimeUnit.SECONDS).notifyNow()) {
                        notify++;
                    }
                }
                assertEquals("round " + round + ": one notification for one change seen " + threads + " times", 1, notify);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
