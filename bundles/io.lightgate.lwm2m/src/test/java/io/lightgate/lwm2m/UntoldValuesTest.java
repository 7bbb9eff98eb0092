/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.Resource;
import io.lightgate.api.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** What a notification takes of the values waiting for it, in both backlog modes and for both kinds of format. */
public class UntoldValuesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");

    private final UntoldValues untold = new UntoldValues(10_000);

    @Test
    public void withAllASingleValueFormatTakesTheOldestAndEveryValueComesInOrder() {
        report(1, 2, 3, 4);

        List<Double> carried = new ArrayList<>();
        while (untold.pending()) {
            UntoldValues.Take take = untold.take(false, NotificationBacklog.ALL);
            assertEquals(0, take.superseded());
            carried.add(last(take));
        }

        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), carried);
    }

    @Test
    public void withNewestASingleValueFormatCarriesTheNewestAndCountsTheOthersSuperseded() {
        report(1, 2, 3, 4);

        UntoldValues.Take take = untold.take(false, NotificationBacklog.NEWEST);

        assertEquals(4.0, last(take), 0.0);
        assertFalse("the value carried is reported, not read", take.read());
        assertEquals(3, take.superseded());
        assertEquals("all of them stay tracked for delivery (stored should it not be acknowledged)", 4, take.taken().size());
        assertFalse(untold.pending());
    }

    @Test
    public void withNewestASingleWaitingValueIsCarriedAndNothingIsSuperseded() {
        report(7);

        UntoldValues.Take take = untold.take(false, NotificationBacklog.NEWEST);

        assertEquals(7.0, last(take), 0.0);
        assertEquals(0, take.superseded());
    }

    @Test
    public void aSenmlNotificationCarriesEveryValueInEitherMode() {
        for (NotificationBacklog backlog : NotificationBacklog.values()) {
            report(1, 2, 3);

            UntoldValues.Take take = untold.take(true, backlog);

            assertEquals(backlog.toString(), 3, take.taken().size());
            assertEquals(backlog.toString(), 0, take.superseded());
        }
    }

    @Test
    public void withNewestAChangeWithoutItsValueMakesTheNotificationReadAndSupersedesEveryReportedOne() {
        report(1, 2);
        untold.changedUnreported();

        UntoldValues.Take take = untold.take(false, NotificationBacklog.NEWEST);

        assertTrue(take.read());
        assertEquals(2, take.superseded());
        assertFalse(untold.pending());
    }

    @Test
    public void nothingWaitingReadsNow() {
        untold.changedUnreported();

        UntoldValues.Take take = untold.take(false, NotificationBacklog.NEWEST);

        assertTrue(take.taken().isEmpty());
        assertTrue(take.read());
        assertFalse(untold.pending());
    }

    @Test
    public void beyondTheLimitTheOldestGo() {
        UntoldValues small = new UntoldValues(2);
        for (int i = 1; i <= 3; i++) {
            small.add(new Observations.Taken(Resource.of(5700, Value.of((double) i)), T0.plusMillis(i)));
        }

        UntoldValues.Take take = small.takeAll();

        assertEquals(List.of(2.0, 3.0), take.taken().stream().map(t -> t.content().value().asDouble()).toList());
    }

    private void report(double... values) {
        for (int i = 0; i < values.length; i++) {
            untold.add(new Observations.Taken(Resource.of(5700, Value.of(values[i])), T0.plusMillis(i)));
        }
    }

    private static double last(UntoldValues.Take take) {
        return take.taken().get(take.taken().size() - 1).content().value().asDouble();
    }
}
