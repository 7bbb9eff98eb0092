/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.observe;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * When to notify, for ONE observation (one server, one path), following the &lt;NOTIFICATION&gt; attributes
 * of OMA LwM2M Core 1.1 §5.1.2 (and the 1.2 edge attribute). A passive state machine: it never sends,
 * reads or schedules anything; the engine feeds it events and acts on its {@link Decision}s. Time is in
 * milliseconds from an injectable clock, or passed in explicitly. Thread-safe.
 *
 * <h2>How the engine drives it</h2>
 * <ol>
 * <li>Answer the Observe with the current value, then call {@link #notified} (the response is the initial
 * notification; "Each time a Resource notification is sent, the Minimum Period and Maximum Period timers
 * associated to this Resource are restarted").</li>
 * <li>On a value change of the observed path call {@link #onChange} (the new value for a resource or
 * resource-instance observation, {@code null} for an instance or object observation) and act:
 * {@code NOTIFY_NOW}: send the current value and call {@link #notified}; {@code NOTIFY_AT} /
 * {@code EVALUATE_AT}: make sure the observation's timer fires at {@link Decision#atMillis()};
 * {@code IGNORE}: nothing.</li>
 * <li>Keep one timer per observation at {@link #nextWakeUp()} (re-read it after every call). When it
 * fires, read the current value (resource paths only) and call {@link #onTimer}; act on the decision as
 * above. {@link #nextEvaluation()} is only present when epmax is set, so slow resources are polled only
 * then.</li>
 * <li>After a Write-Attributes that changes the effective attributes, call {@link #updateAttributes} and
 * reschedule the timer.</li>
 * </ol>
 *
 * <h2>Spec choices</h2>
 * <ul>
 * <li><b>pmin</b>: "If a notification of an observed Resource is supposed to be generated but it is before
 * pmin expiry, notification MUST be sent as soon as pmin expires": a qualifying change before pmin yields
 * {@code NOTIFY_AT(last + pmin)}; further changes are coalesced into that one notification, which carries
 * the latest value and is sent even if later changes alone would not qualify (as Leshan does).</li>
 * <li><b>pmax</b>: "When this Maximum Period expires after the last notification, a new notification MUST be
 * sent"; a pmax of 0 or below pmin is ignored ("The value of 0, means pmax MUST be ignored", "otherwise
 * pmax will be ignored").</li>
 * <li><b>gt / lt</b>: the 1.1 text says "notify the Server each time the Observed Resource value crosses
 * this threshold"; 1.2 adds that the attributes "MUST follow [DynLink]", which counts crossings relative
 * to the last reported value in both directions ("If the value drops below the upper limit value then a
 * notification is sent"). So a change notifies when the new value and the last notified value lie on
 * different sides of gt (above: {@code > gt}) or of lt (below: {@code < lt}). Leshan only notifies upward
 * crossings of gt and downward crossings of lt.</li>
 * <li><b>st</b>: "the value variation since the last notification ... is greater or equal to the Step":
 * {@code |new - last notified| >= st}, in decimal arithmetic.</li>
 * <li><b>Combination</b>: "a valid Change Value Condition ("Greater Than", "Less Than", OR "Step") - if any is
 * defined - AND the Minimum Period ... OR the Maximum Period": gt, lt and st are OR-ed; with none of them
 * (nor edge) any change notifies. Conditions that are not "valid" (lt &ge; gt or lt + 2*st &ge; gt, possible
 * when they come from different levels) are ignored, so every change notifies.</li>
 * <li><b>edge</b> (1.2, Boolean resources): "each time the Observed Resource value goes from "true" to
 * "false" (edge = "0"), or from "false" to "true" (edge = "1")": a transition of the value itself, so it is
 * judged against the previous value evaluated, not the last notified one. gt/lt/st need numeric resources
 * and edge a Boolean one, so they never meet on one resource.</li>
 * <li><b>epmin / epmax</b>: "the minimum time ... the LwM2M Client MUST wait between two evaluations" / "When
 * the Maximum Evaluation Period expires after the previous evaluation, a new evaluation MUST occur". A change
 * within epmin of the last evaluation is held ({@code EVALUATE_AT}) and evaluated when epmin expires; epmax
 * makes {@link #nextEvaluation()} ask the engine to sample the value. Sending a notification counts as an
 * evaluation. An epmax of 0 is ignored.</li>
 * <li>A change to exactly the last notified value notifies nothing (no state change to report).</li>
 * </ul>
 */
public final class NotificationPolicy {

    /** What the engine should do after an event. */
    public record Decision(Kind kind, long atMillis) {

        /** The kinds of decision. */
        public enum Kind {
            /** Send a notification with the current value now, then call {@link NotificationPolicy#notified}. */
            NOTIFY_NOW,
            /** A notification is due at {@code atMillis} (pmin not yet elapsed); fire the timer then. */
            NOTIFY_AT,
            /** Evaluate again at {@code atMillis} (epmin not yet elapsed); fire the timer then. */
            EVALUATE_AT,
            /** Nothing to send (criteria not met, or nothing due). */
            IGNORE
        }

        /** Nothing to do. */
        public static final Decision IGNORE = new Decision(Kind.IGNORE, -1);

        static Decision notifyNow(long now) { return new Decision(Kind.NOTIFY_NOW, now); }
        static Decision notifyAt(long t) { return new Decision(Kind.NOTIFY_AT, t); }
        static Decision evaluateAt(long t) { return new Decision(Kind.EVALUATE_AT, t); }

        /** True for {@link Kind#NOTIFY_NOW}. */
        public boolean notifyNow() { return kind == Kind.NOTIFY_NOW; }
    }

    private static final long NONE = -1;

    private final LongSupplier clock;
    private NotificationAttributes attributes;

    private boolean started;
    private long lastNotification;
    private Value lastNotifiedValue;
    /** The value at the last evaluation or notification: the "previous value" for edge. */
    private Value lastSeenValue;
    private long lastEvaluation;
    /** When a pmin-delayed notification is due, or NONE. */
    private long pendingAt = NONE;
    /** When an epmin-held change is to be evaluated, or NONE. */
    private long deferredAt = NONE;
    private Value deferredValue;

    /**
     * @param effective the observation's effective attributes ({@link AttributeStore#effective})
     * @param clockMillis the time in milliseconds, for the overloads without an explicit time
     */
    public NotificationPolicy(NotificationAttributes effective, LongSupplier clockMillis) {
        this.attributes = Objects.requireNonNull(effective, "effective");
        this.clock = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    /** With a {@link Clock}'s milliseconds. */
    public NotificationPolicy(NotificationAttributes effective, Clock clock) {
        this(effective, Objects.requireNonNull(clock, "clock")::millis);
    }

    /** The attributes in force. */
    public synchronized NotificationAttributes attributes() {
        return attributes;
    }

    /**
     * Records a notification sent at {@code nowMillis} with {@code sent} (null for instance/object
     * observations); restarts pmin and pmax and clears what was pending. Call it for the Observe response
     * too.
     */
    public synchronized void notified(Value sent, long nowMillis) {
        started = true;
        lastNotification = nowMillis;
        lastNotifiedValue = sent;
        lastSeenValue = sent;
        lastEvaluation = nowMillis;
        pendingAt = NONE;
        deferredAt = NONE;
        deferredValue = null;
    }

    /** {@link #notified(Value, long)} at the clock's time. */
    public void notified(Value sent) {
        notified(sent, clock.getAsLong());
    }

    /**
     * The observed path changed.
     *
     * @param newValue the new value of an observed resource or resource instance; null when the
     *        observation covers an object instance or object (any change then counts)
     * @return NOTIFY_NOW, NOTIFY_AT(last notification + pmin), EVALUATE_AT(last evaluation + epmin) or IGNORE
     */
    public synchronized Decision onChange(Value newValue, long nowMillis) {
        if (!started) {
            return Decision.notifyNow(nowMillis);
        }
        if (pendingAt != NONE) {
            return Decision.notifyAt(pendingAt); // coalesced: the pending notification carries the latest value
        }
        long epmin = attributes.epmin().orElse(0);
        if (epmin > 0) {
            long allowed = plusSeconds(lastEvaluation, epmin);
            if (nowMillis < allowed) {
                deferredAt = allowed;
                deferredValue = newValue;
                return Decision.evaluateAt(allowed);
            }
        }
        return evaluate(newValue, nowMillis);
    }

    /** {@link #onChange(Value, long)} at the clock's time. */
    public Decision onChange(Value newValue) {
        return onChange(newValue, clock.getAsLong());
    }

    /**
     * The observation's timer fired ({@link #nextWakeUp()}): a pmin-delayed notification, a pmax-forced
     * one, an epmin-held change or an epmax sampling may be due.
     *
     * @param currentValue the value read now for a resource or resource-instance observation; null for an
     *        instance or object observation (an epmax sampling can then not tell a change and is ignored:
     *        the engine reports such changes through {@link #onChange})
     * @return NOTIFY_NOW when a notification is due, otherwise the outcome of a due evaluation, or IGNORE
     */
    public synchronized Decision onTimer(Value currentValue, long nowMillis) {
        if (!started) {
            return Decision.IGNORE;
        }
        if (pendingAt != NONE && nowMillis >= pendingAt) {
            return Decision.notifyNow(nowMillis);
        }
        OptionalLong forced = forcedAt();
        if (forced.isPresent() && nowMillis >= forced.getAsLong()) {
            return Decision.notifyNow(nowMillis);
        }
        if (deferredAt != NONE && nowMillis >= deferredAt) {
            Value v = currentValue != null ? currentValue : deferredValue;
            return evaluate(v, nowMillis);
        }
        OptionalLong sample = evaluationAt();
        if (sample.isPresent() && nowMillis >= sample.getAsLong()) {
            if (currentValue == null) {
                lastEvaluation = nowMillis;
                return Decision.IGNORE;
            }
            return evaluate(currentValue, nowMillis);
        }
        return pendingAt != NONE ? Decision.notifyAt(pendingAt) : Decision.IGNORE;
    }

    /** {@link #onTimer(Value, long)} at the clock's time. */
    public Decision onTimer(Value currentValue) {
        return onTimer(currentValue, clock.getAsLong());
    }

    /**
     * {@link #onChange(Value, long)} and, when it answers NOTIFY_NOW, {@link #notified(Value, long)} with
     * {@code newValue}, as one step under this policy's lock. The engine sends a notification some time
     * after deciding it (it reads the value again, on another thread); a change decided in between must
     * already count that notification as sent, or it is judged against the older baseline and a second,
     * duplicate notification goes out (two changes read as the same value both notify; a pmin timer
     * firing twice sends twice). Call {@link #notified} again when the notification actually goes out,
     * with the value it carried.
     */
    public synchronized Decision onChangeAndMark(Value newValue, long nowMillis) {
        return mark(onChange(newValue, nowMillis), newValue, nowMillis);
    }

    /** {@link #onTimer(Value, long)} and, on NOTIFY_NOW, {@link #notified} in one step: see {@link #onChangeAndMark}. */
    public synchronized Decision onTimerAndMark(Value currentValue, long nowMillis) {
        return mark(onTimer(currentValue, nowMillis), currentValue, nowMillis);
    }

    private Decision mark(Decision d, Value value, long nowMillis) {
        if (d.notifyNow()) {
            // without a value (an instance/object observation, or a change that needed no read) the
            // baseline stays until the notification reports what it carried
            notified(value != null ? value : lastNotifiedValue, nowMillis);
        }
        return d;
    }

    /**
     * Replaces the effective attributes (after a Write-Attributes) and re-plans: a pending notification
     * moves to last notification + new pmin (possibly already due), a held evaluation to last evaluation +
     * new epmin; pmax and epmax are always computed from the current attributes. The last notified value
     * stays the baseline for gt/lt/st/edge.
     *
     * @return {@link #nextWakeUp()} after the change: reschedule the observation's timer to it
     */
    public synchronized OptionalLong updateAttributes(NotificationAttributes effective, long nowMillis) {
        attributes = Objects.requireNonNull(effective, "effective");
        if (pendingAt != NONE) {
            pendingAt = plusSeconds(lastNotification, attributes.minimumPeriodSeconds());
        }
        if (deferredAt != NONE) {
            long epmin = attributes.epmin().orElse(0);
            deferredAt = epmin > 0 ? plusSeconds(lastEvaluation, epmin) : nowMillis;
        }
        return nextWakeUp();
    }

    /** {@link #updateAttributes(NotificationAttributes, long)} at the clock's time. */
    public OptionalLong updateAttributes(NotificationAttributes effective) {
        return updateAttributes(effective, clock.getAsLong());
    }

    /** When a pmin-delayed notification is due, if one is pending. */
    public synchronized OptionalLong pendingNotification() {
        return pendingAt == NONE ? OptionalLong.empty() : OptionalLong.of(pendingAt);
    }

    /** When pmax forces a notification (last notification + pmax), or empty without a pmax in force. */
    public synchronized OptionalLong nextForcedNotification() {
        return forcedAt();
    }

    /**
     * When epmax requires the next evaluation (last evaluation + epmax): the engine samples the value then
     * and calls {@link #onTimer}. Empty without epmax: the engine never polls, it relies on change events.
     */
    public synchronized OptionalLong nextEvaluation() {
        return evaluationAt();
    }

    /** The earliest of the pending notification, the forced notification, a held evaluation and the next evaluation. */
    public synchronized OptionalLong nextWakeUp() {
        long t = Long.MAX_VALUE;
        if (pendingAt != NONE) t = Math.min(t, pendingAt);
        if (deferredAt != NONE) t = Math.min(t, deferredAt);
        OptionalLong f = forcedAt();
        if (f.isPresent()) t = Math.min(t, f.getAsLong());
        OptionalLong e = evaluationAt();
        if (e.isPresent()) t = Math.min(t, e.getAsLong());
        return t == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(t);
    }

    /** The value last notified (null before the first or for instance/object observations). */
    public synchronized Value lastNotifiedValue() {
        return lastNotifiedValue;
    }

    /** When the last notification was sent, if any. */
    public synchronized OptionalLong lastNotification() {
        return started ? OptionalLong.of(lastNotification) : OptionalLong.empty();
    }

    private OptionalLong forcedAt() {
        OptionalLong pmax = attributes.maximumPeriodSeconds();
        return started && pmax.isPresent() ? OptionalLong.of(plusSeconds(lastNotification, pmax.getAsLong())) : OptionalLong.empty();
    }

    private OptionalLong evaluationAt() {
        long epmax = attributes.epmax().orElse(0);
        return started && epmax > 0 ? OptionalLong.of(plusSeconds(lastEvaluation, epmax)) : OptionalLong.empty();
    }

    private Decision evaluate(Value value, long now) {
        lastEvaluation = now;
        deferredAt = NONE;
        deferredValue = null;
        boolean qualifies = qualifies(value);
        if (value != null) {
            lastSeenValue = value;
        }
        if (!qualifies) {
            return Decision.IGNORE;
        }
        long earliest = plusSeconds(lastNotification, attributes.minimumPeriodSeconds());
        if (now >= earliest) {
            return Decision.notifyNow(now);
        }
        pendingAt = earliest;
        return Decision.notifyAt(earliest);
    }

    /**
     * Whether {@code value} satisfies the change value conditions: gt, lt and st relative to the last
     * notified value, edge relative to the previous value seen (a transition of the value itself).
     */
    private boolean qualifies(Value value) {
        if (value == null) {
            return true; // instance/object observation: any change counts
        }
        if (value.type() == ResourceType.BOOLEAN && attributes.edge().isPresent()) {
            Value previous = lastSeenValue;
            if (previous == null || previous.type() != ResourceType.BOOLEAN) {
                return true; // no baseline to compare with
            }
            boolean rising = attributes.edge().get();
            return rising ? !previous.asBoolean() && value.asBoolean() : previous.asBoolean() && !value.asBoolean();
        }
        Value last = lastNotifiedValue;
        if (value.equals(last)) {
            return false;
        }
        if (!isNumeric(value) || !attributes.hasValidValueConditions()) {
            return true;
        }
        if (last == null) {
            return true; // no baseline to compare with
        }
        if (isNumeric(last)) {
            if (!isFinite(value) || !isFinite(last)) {
                return true; // NaN or infinity: not comparable, report the change
            }
            BigDecimal x = decimal(value);
            BigDecimal l = decimal(last);
            if (attributes.gt().isPresent()) {
                BigDecimal gt = BigDecimal.valueOf(attributes.gt().getAsDouble());
                if ((x.compareTo(gt) > 0) != (l.compareTo(gt) > 0)) return true;
            }
            if (attributes.lt().isPresent()) {
                BigDecimal lt = BigDecimal.valueOf(attributes.lt().getAsDouble());
                if ((x.compareTo(lt) < 0) != (l.compareTo(lt) < 0)) return true;
            }
            if (attributes.st().isPresent()) {
                BigDecimal st = BigDecimal.valueOf(attributes.st().getAsDouble());
                if (x.subtract(l).abs().compareTo(st) >= 0) return true;
            }
            return false;
        }
        return true; // types differ from the baseline: cannot compare, report the change
    }

    private static boolean isNumeric(Value v) {
        ResourceType t = v.type();
        return t == ResourceType.INTEGER || t == ResourceType.UNSIGNED_INTEGER || t == ResourceType.FLOAT;
    }

    private static boolean isFinite(Value v) {
        return v.type() != ResourceType.FLOAT || Double.isFinite(v.asDouble());
    }

    private static BigDecimal decimal(Value v) {
        switch (v.type()) {
            case INTEGER: return BigDecimal.valueOf(v.asLong());
            case UNSIGNED_INTEGER: return new BigDecimal(v.asUnsigned());
            default: return BigDecimal.valueOf(v.asDouble());
        }
    }

    /** {@code base + seconds}, saturating at Long.MAX_VALUE. */
    private static long plusSeconds(long base, long seconds) {
        long millis = seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
        long sum = base + millis;
        return (millis > 0 && sum < base) ? Long.MAX_VALUE : sum;
    }
}
