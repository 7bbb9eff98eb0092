/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package com.example.heap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.ObjectListener;
import io.lightgate.api.object.Polling;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.After;
import org.junit.Test;

public class HeapUsageSensorTest {

    private final ArrayDeque<Double> measurements = new ArrayDeque<>(List.of(40.0, 55.5, 35.0, 45.0));
    private final List<String> changes = new ArrayList<>();
    // a long interval: the test drives the samples itself
    private final List<Runnable> polled = new ArrayList<>();
    /** The gateway's Polling as the test's: it keeps the task, and the test samples by hand. */
    private final Polling polling = (period, what, task) -> {
        polled.add(task);
        return () -> polled.remove(task);
    };
    private final HeapUsageSensor sensor = new HeapUsageSensor(3_600_000, polling, measurements::poll);

    @After
    public void tearDown() {
        sensor.deactivate();
    }

    @Test
    public void samplesOnTheGatewaysPollingUntilDeactivated() {
        assertEquals("one task on the gateway's polling", 1, polled.size());
        assertEquals(40.0, read(5700), 0); // the sample taken at the start
        polled.get(0).run();
        assertEquals(55.5, read(5700), 0);
        sensor.deactivate();
        assertTrue("the task is closed with the object", polled.isEmpty());
    }

    private double read(int resource) {
        return sensor.read(0, resource).toCompletableFuture().join().value().asDouble();
    }

    @Test
    public void offersThePercentageResources() {
        assertEquals(Set.of(5601, 5602, 5603, 5604, 5605, 5700, 5701, 5750), sensor.resourceIds(0));
        assertEquals("%", sensor.read(0, 5701).toCompletableFuture().join().value().asString());
        assertEquals(0, read(5603), 0);
        assertEquals(100, read(5604), 0);
    }

    @Test
    public void tracksTheMeasurementsAndNotifiesObservers() {
        sensor.setListener(new ObjectListener() {
            @Override
            public void resourcesChanged(int instanceId, int... resourceIds) {
                changes.add(instanceId + ":" + Arrays.toString(resourceIds));
            }

            @Override
            public void instancesChanged() {
            }
        });
        assertEquals("first measurement taken at activation", 40.0, read(5700), 0);
        sensor.sample();
        sensor.sample();
        assertEquals(35.0, read(5700), 0);
        assertEquals(35.0, read(5601), 0);
        assertEquals(55.5, read(5602), 0);
        sensor.execute(0, 5605, ExecuteArguments.NONE).toCompletableFuture().join();
        assertEquals(35.0, read(5602), 0);
        assertEquals(List.of("0:[5700, 5602]", "0:[5700, 5601]", "0:[5602]"), changes);
    }

    @Test
    public void aFailedMeasurementKeepsTheLastValue() {
        measurements.clear(); // poll() now answers null: the supplier throws
        sensor.sample();
        assertEquals(40.0, read(5700), 0);
    }

    @Test
    public void measuresARealShareOfTheHeap() {
        double percent = HeapUsageSensor.percentOfMaxHeap();
        assertTrue(percent + " %", percent > 0 && percent <= 100);
    }
}
