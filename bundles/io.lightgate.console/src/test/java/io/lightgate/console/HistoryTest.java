/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class HistoryTest {

    private static final long HOUR = 3_600_000;

    @Test
    public void keepsPointsInOrder() {
        History history = new History(HOUR, 720, 10);
        history.record("a", 10_000, 1.5);
        history.record("a", 20_000, 2.5);
        assertEquals(List.of(new History.Point(10_000, 1.5), new History.Point(20_000, 2.5)), history.points("a", 20_000).orElseThrow());
        assertTrue(history.points("b", 20_000).isEmpty());
    }

    @Test
    public void dropsPointsOlderThanTheAgeBound() {
        History history = new History(HOUR, 720, 10);
        history.record("a", 0, 1);
        history.record("a", HOUR / 2, 2);
        history.record("a", HOUR + 1_000, 3); // the first point is now more than an hour old
        List<History.Point> points = history.points("a", HOUR + 1_000).orElseThrow();
        assertEquals(List.of(new History.Point(HOUR / 2, 2), new History.Point(HOUR + 1_000, 3)), points);
        // reading later drops what aged since
        assertEquals(List.of(new History.Point(HOUR + 1_000, 3)), history.points("a", HOUR / 2 + HOUR + 1).orElseThrow());
    }

    @Test
    public void keepsAtMostMaxPointsDroppingTheOldest() {
        History history = new History(HOUR, 100, 10); // resolution 36 s
        for (int i = 0; i < 250; i++) {
            history.record("a", i * 36_000L, i);
        }
        List<History.Point> points = history.points("a", 249 * 36_000L).orElseThrow();
        assertEquals(100, points.size());
        assertEquals(150, points.get(0).value(), 0);
        assertEquals(249, points.get(99).value(), 0);
    }

    @Test
    public void mergesPointsCloserThanTheResolution() {
        History history = new History(HOUR, 720, 10); // resolution 5 s
        history.record("a", 0, 1);
        history.record("a", 1_000, 2);
        history.record("a", 4_999, 3);
        history.record("a", 5_000, 4);
        assertEquals(List.of(new History.Point(0, 3), new History.Point(5_000, 4)), history.points("a", 5_000).orElseThrow());
    }

    @Test
    public void refusesNewSeriesBeyondTheCapUntilOneAgesOut() {
        History history = new History(HOUR, 720, 2);
        assertTrue(history.record("a", 0, 1));
        assertTrue(history.record("b", 1_000, 1));
        assertFalse("a third live series is refused", history.record("c", 2_000, 1));
        assertEquals(2, history.seriesCount());
        // an hour later 'a' has aged out: its slot goes to 'c'
        assertTrue(history.record("b", HOUR + 500, 2));
        assertTrue(history.record("c", HOUR + 600, 1));
        assertTrue(history.points("a", HOUR + 600).isEmpty());
        assertEquals(2, history.seriesCount());
    }

    @Test
    public void forgetsSeriesByPrefix() {
        History history = new History(HOUR, 720, 10);
        history.record("meter\u0000/10242/0/4", 0, 230);
        history.record("meter\u0000/10242/0/5", 0, 231);
        history.record("oven\u0000/3303/0/5700", 0, 180);
        history.forget("meter\u0000");
        assertEquals(1, history.seriesCount());
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesNonsenseBounds() {
        new History(0, 720, 10);
    }
}
