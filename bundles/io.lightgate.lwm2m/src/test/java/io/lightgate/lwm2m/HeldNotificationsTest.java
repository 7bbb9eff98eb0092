/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Value;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class HeldNotificationsTest {

    private final HeldNotifications<String, String> held = new HeldNotifications<>(5);

    private static StoredValue value(long v) {
        return new StoredValue(Instant.ofEpochMilli(1_000 + v), LwM2mPath.of(4, 0, 2), Value.of(v));
    }

    @Test
    public void theFirstHeldNotificationOfAServerAsksForTheWakeUp() {
        assertFalse(held.holding("A"));
        assertTrue("first: wake up", held.hold("A", "rssi"));
        assertFalse("already waking up", held.hold("A", "temperature"));
        assertFalse("the same observation again", held.hold("A", "rssi"));
        assertTrue("another server has its own hold", held.hold("B", "rssi"));
        assertTrue(held.holding("A"));
    }

    @Test
    public void releasedObservationsComeInTheOrderTheyWereFirstHeldOnce() {
        held.hold("A", "rssi");
        held.hold("A", "temperature");
        held.hold("A", "rssi");
        HeldNotifications.Released<String> released = held.release("A");
        assertEquals(List.of("rssi", "temperature"), released.watches());
        assertFalse(held.holding("A"));
        assertTrue("nothing more to release", held.release("A").isEmpty());
    }

    @Test
    public void valuesReadWhileHeldAreKeptInOrderForStoreAndForward() {
        held.hold("A", "rssi");
        held.read("A", "rssi", List.of(value(1)));
        held.hold("A", "temperature");
        held.read("A", "rssi", List.of(value(2)));
        HeldNotifications.Released<String> released = held.release("A");
        assertEquals(List.of(value(1), value(2)), released.values());
        assertEquals("temperature read nothing yet", List.of("temperature"), released.withoutValues());
    }

    @Test
    public void valuesReadAfterTheReleaseAreNotKept() {
        held.hold("A", "rssi");
        held.release("A");
        assertFalse(held.read("A", "rssi", List.of(value(1))));
        held.hold("A", "temperature");
        assertFalse("rssi is not held in the new hold", held.read("A", "rssi", List.of(value(2))));
        assertTrue(held.release("A").values().isEmpty());
    }

    @Test
    public void aFullHoldDropsTheOldestAndCountsThem() {
        held.hold("A", "rssi");
        for (long v = 1; v <= 8; v++) {
            held.read("A", "rssi", List.of(value(v)));
        }
        assertEquals(3, held.dropped("A"));
        assertEquals(List.of(value(4), value(5), value(6), value(7), value(8)), held.release("A").values());
        assertEquals(0, held.dropped("A"));
    }

    @Test
    public void holdsOfServersAreIndependent() {
        held.hold("A", "rssi");
        held.hold("B", "rssi");
        held.read("A", "rssi", List.of(value(1)));
        held.read("B", "rssi", List.of(value(2)));
        assertEquals(List.of(value(2)), held.release("B").values());
        assertTrue(held.holding("A"));
        assertEquals(List.of(value(1)), held.release("A").values());
    }
}
