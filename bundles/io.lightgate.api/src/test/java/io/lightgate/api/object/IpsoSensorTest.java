/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Test;

public class IpsoSensorTest {

    /** Every change the object reports, as "instance:resource,resource". */
    private final List<String> changes = new ArrayList<>();
    private IpsoSensor sensor;

    @Before
    public void setUp() {
        sensor = new IpsoSensor(
                SensorInstance.builder(0).units("Cel").range(-40, 125).applicationType("Freezer").build(),
                SensorInstance.builder(1).build());
        sensor.setListener(new ObjectListener() {
            @Override
            public void resourcesChanged(int instanceId, int... resourceIds) {
                synchronized (changes) {
                    changes.add(instanceId + ":" + Arrays.toString(resourceIds));
                }
            }

            @Override
            public void instancesChanged() {
            }
        });
    }

    private Value read(int instance, int resource) {
        return sensor.read(instance, resource).toCompletableFuture().join().value();
    }

    private ResponseCode failure(int instance, int resource) {
        CompletionException e = assertThrows(CompletionException.class,
                () -> sensor.read(instance, resource).toCompletableFuture().join());
        return ((LwM2mException) e.getCause()).code();
    }

    @Test
    public void implementsTheResourcesItsDescriptionSets() {
        assertEquals(Set.of(5601, 5602, 5603, 5604, 5605, 5700, 5701, 5750), sensor.resourceIds(0));
        assertEquals(Set.of(5601, 5602, 5605, 5700), sensor.resourceIds(1));
        assertEquals("Cel", read(0, 5701).asString());
        assertEquals(-40.0, read(0, 5603).asDouble(), 0);
        assertEquals(125.0, read(0, 5604).asDouble(), 0);
        assertEquals("Freezer", read(0, 5750).asString());
        assertEquals(ResponseCode.NOT_FOUND, failure(1, 5701));
    }

    @Test
    public void measuredValuesAnswer503UntilTheFirstReport() {
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, failure(0, 5700));
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, failure(0, 5601));
        assertTrue(sensor.value(0).isEmpty());
        sensor.report(0, -18.5);
        assertEquals(-18.5, read(0, 5700).asDouble(), 0);
        assertEquals(-18.5, read(0, 5601).asDouble(), 0);
        assertEquals(-18.5, read(0, 5602).asDouble(), 0);
        assertEquals(List.of("0:[5700, 5601, 5602]"), changes);
    }

    @Test
    public void reportsTrackMinAndMaxAndNotifyOnlyWhatChanged() {
        sensor.report(0, -18);
        sensor.report(0, -20);   // new min
        sensor.report(0, -15);   // new max
        sensor.report(0, -17);   // value only
        sensor.report(0, -17);   // nothing
        assertEquals(-17, read(0, 5700).asDouble(), 0);
        assertEquals(-20, read(0, 5601).asDouble(), 0);
        assertEquals(-15, read(0, 5602).asDouble(), 0);
        assertEquals(List.of("0:[5700, 5601, 5602]", "0:[5700, 5601]", "0:[5700, 5602]", "0:[5700]"), changes);
    }

    @Test
    public void resetExecuteSetsMinAndMaxToTheCurrentValueAndNotifiesThem() {
        sensor.report(0, 3);
        sensor.report(0, 9);
        sensor.report(0, 5);
        changes.clear();
        sensor.execute(0, 5605, ExecuteArguments.NONE).toCompletableFuture().join();
        assertEquals(5, read(0, 5601).asDouble(), 0);
        assertEquals(5, read(0, 5602).asDouble(), 0);
        assertEquals(5, read(0, 5700).asDouble(), 0);
        assertEquals(List.of("0:[5601, 5602]"), changes);
    }

    @Test
    public void resetBeforeAnyValueChangesNothing() {
        sensor.execute(1, 5605, ExecuteArguments.NONE).toCompletableFuture().join();
        assertTrue(changes.isEmpty());
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, failure(1, 5700));
    }

    @Test
    public void applicationTypeIsWritableAndItsChangeReported() {
        sensor.write(0, List.of(Resource.of(5750, Value.of("Cold room"))), WriteMode.UPDATE).toCompletableFuture().join();
        assertEquals("Cold room", read(0, 5750).asString());
        assertEquals(List.of("0:[5750]"), changes);
    }

    @Test
    public void rejectsNonFiniteValuesAndUnknownInstances() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> sensor.report(0, Double.NaN));
        assertTrue(nan.getMessage(), nan.getMessage().contains("NaN"));
        assertThrows(IllegalArgumentException.class, () -> sensor.report(0, Double.POSITIVE_INFINITY));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> sensor.report(7, 1));
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("instance 7"));
        assertTrue(changes.isEmpty());
    }

    @Test
    public void removedInstancesTakeTheirReadingsAlong() {
        sensor.report(1, 2);
        assertTrue(sensor.removeInstance(1));
        assertFalse(sensor.instanceIds().contains(1));
        assertThrows(IllegalArgumentException.class, () -> sensor.report(1, 3));
        sensor.addSensor(SensorInstance.builder(1).build());
        assertTrue("a new instance starts with nothing measured", sensor.value(1).isEmpty());
    }

    @Test
    public void descriptionsRefuseWhatNoSensorCanBe() {
        assertThrows(IllegalArgumentException.class, () -> SensorInstance.builder(-1));
        assertThrows(IllegalArgumentException.class, () -> SensorInstance.builder(65535));
        assertThrows(IllegalArgumentException.class, () -> SensorInstance.builder(0).range(10, -10));
        assertThrows(IllegalArgumentException.class, () -> SensorInstance.builder(0).range(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> SensorInstance.builder(0).units(" "));
    }

    @Test
    public void concurrentReportsKeepTheTrueExtremes() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        // every thread reports values in -perThread*threads .. +perThread*threads
                        sensor.report(1, (i * threads + offset) * (offset % 2 == 0 ? 1 : -1));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(-((perThread - 1) * threads + 3), read(1, 5601).asDouble(), 0);
        assertEquals((perThread - 1) * threads + 2, read(1, 5602).asDouble(), 0);
    }
}
