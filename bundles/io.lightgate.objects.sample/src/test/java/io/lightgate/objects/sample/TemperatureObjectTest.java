/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.sample;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.Resource;
import io.lightgate.api.Value;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.WriteMode;
import io.lightgate.registry.SharedPolling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TemperatureObjectTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final RecordingListener listener = new RecordingListener();
    private final SharedPolling polling = new SharedPolling(); // the gateway's, as the bundle gets it
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private TemperatureObject object;

    @After
    public void tearDown() {
        if (object != null) {
            object.deactivate();
        }
        polling.deactivate();
    }

    /** An object whose scheduler never fires during the test: the test samples by hand. */
    private TemperatureObject create(Map<String, Object> config) {
        Map<String, Object> values = new HashMap<>(config);
        values.putIfAbsent("intervalMillis", 3_600_000L);
        values.putIfAbsent("thermalRoot", tmp.getRoot().getPath());
        object = new TemperatureObject(Configs.of(TemperatureConfig.class, values), polling, nanos::get);
        object.setListener(listener);
        return object;
    }

    private Path zone(String name, String milliCelsius, String type) throws IOException {
        Path dir = tmp.getRoot().toPath().resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("temp"), milliCelsius + "\n");
        if (type != null) {
            Files.writeString(dir.resolve("type"), type + "\n");
        }
        return dir;
    }

    private static void setTemp(Path zone, String milliCelsius) throws IOException {
        Files.writeString(zone.resolve("temp"), milliCelsius + "\n");
    }

    private Value read(int instance, int resource) {
        return object.read(instance, resource).toCompletableFuture().join().value();
    }

    @Test
    public void thermalZonesBecomeInstancesInCelsius() throws Exception {
        zone("thermal_zone0", "45000", "x86_pkg_temp");
        zone("thermal_zone1", "38562", "acpitz");
        Files.createDirectories(tmp.getRoot().toPath().resolve("cooling_device0"));
        create(Map.of("source", "thermal"));

        assertEquals(Set.of(0, 1), object.instanceIds());
        assertEquals(Set.of(5601, 5602, 5603, 5604, 5605, 5700, 5701, 5750), object.resourceIds(0));
        assertEquals(45.0, read(0, 5700).asDouble(), 0);
        assertEquals(38.562, read(1, 5700).asDouble(), 1e-9);
        assertEquals("x86_pkg_temp", read(0, 5750).asString());
        assertEquals("acpitz", read(1, 5750).asString());
        assertEquals("Cel", read(0, 5701).asString());
        assertEquals(-40.0, read(0, 5603).asDouble(), 0);
        assertEquals(125.0, read(0, 5604).asDouble(), 0);
    }

    @Test
    public void instanceIdsAreZoneNumbers() throws Exception {
        zone("thermal_zone10", "30000", null);
        zone("thermal_zone2", "31000", null);
        create(Map.of());
        assertEquals(List.of(2, 10), List.copyOf(object.instanceIds()));
        // without a type file the zone names itself
        assertEquals("thermal_zone10", read(10, 5750).asString());
    }

    @Test
    public void unreadableZonesAreSkipped() throws Exception {
        zone("thermal_zone0", "40000", null);
        zone("thermal_zone1", "not a number", null);
        create(Map.of("source", "thermal"));
        assertEquals(Set.of(0), object.instanceIds());
    }

    @Test
    public void autoFallsBackToSimulationWithoutZonesButThermalDoesNot() {
        create(Map.of("source", "auto", "instances", 3));
        assertEquals(Set.of(0, 1, 2), object.instanceIds());
        object.deactivate();

        create(Map.of("source", "THERMAL"));
        assertTrue(object.instanceIds().isEmpty());
    }

    @Test
    public void simulatedSourceIgnoresThermalZones() throws Exception {
        zone("thermal_zone0", "45000", "x86_pkg_temp");
        create(Map.of("source", "simulated"));
        assertEquals(Set.of(0), object.instanceIds());
        assertEquals("Simulated temperature", read(0, 5750).asString());
    }

    @Test
    public void rejectsUnknownSource() {
        try {
            create(Map.of("source", "lava"));
            fail("accepted source=lava");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("lava"));
        }
    }

    @Test
    public void simulatedSignalStaysWithinMeanAmplitudeAndNoise() {
        double mean = 20;
        double amplitude = 5;
        double noise = 0.5;
        create(Map.of("source", "simulated", "instances", 2, "mean", mean, "amplitude", amplitude,
                "noise", noise, "periodSeconds", 60.0));
        double lowest = Double.MAX_VALUE;
        double highest = -Double.MAX_VALUE;
        for (int i = 0; i < 2000; i++) {
            nanos.addAndGet(1_700_000_000L); // 1.7 s: walks all through the 60 s period
            object.sampleAll();
            for (int instance : object.instanceIds()) {
                double v = read(instance, 5700).asDouble();
                // + 0.005: values are rounded to 0.01 Cel
                assertTrue("value " + v, v >= mean - amplitude - noise - 0.005 && v <= mean + amplitude + noise + 0.005);
                lowest = Math.min(lowest, v);
                highest = Math.max(highest, v);
            }
        }
        assertTrue("a sine, not a constant: " + lowest + ".." + highest, lowest < mean - amplitude + 0.5 && highest > mean + amplitude - 0.5);
        assertEquals(lowest, Math.min(read(0, 5601).asDouble(), read(1, 5601).asDouble()), 0);
        assertEquals(highest, Math.max(read(0, 5602).asDouble(), read(1, 5602).asDouble()), 0);
    }

    @Test
    public void simulatedSignalIsRepeatable() {
        AtomicLong clock = new AtomicLong();
        SimulatedSensor a = new SimulatedSensor(22, 3, 600, 0.1, 0, 7, clock::get);
        SimulatedSensor b = new SimulatedSensor(22, 3, 600, 0.1, 0, 7, clock::get);
        for (int i = 0; i < 100; i++) {
            clock.addAndGet(1_000_000_000L);
            assertEquals(a.read(), b.read(), 0);
        }
    }

    @Test
    public void tracksMinAndMaxAndResetsThemOnExecute() throws Exception {
        Path z = zone("thermal_zone0", "40000", "cpu");
        create(Map.of());

        setTemp(z, "45000");
        object.sampleAll();
        setTemp(z, "42500");
        object.sampleAll();
        assertEquals(42.5, read(0, 5700).asDouble(), 0);
        assertEquals(40.0, read(0, 5601).asDouble(), 0);
        assertEquals(45.0, read(0, 5602).asDouble(), 0);
        assertEquals(List.of("0:[5700, 5602]", "0:[5700]"), listener.drain());

        object.execute(0, 5605, ExecuteArguments.NONE).toCompletableFuture().join();
        assertEquals(42.5, read(0, 5601).asDouble(), 0);
        assertEquals(42.5, read(0, 5602).asDouble(), 0);
        assertEquals(List.of("0:[5601, 5602]"), listener.drain());

        // a second reset changes nothing and says nothing
        object.execute(0, 5605, ExecuteArguments.NONE).toCompletableFuture().join();
        assertEquals(List.of(), listener.drain());

        setTemp(z, "39000");
        object.sampleAll();
        assertEquals(List.of("0:[5700, 5601]"), listener.drain());
    }

    @Test
    public void reportsChangesOnlyWhenValuesChange() throws Exception {
        Path z0 = zone("thermal_zone0", "40000", null);
        zone("thermal_zone1", "50000", null);
        create(Map.of());

        object.sampleAll();
        object.sampleAll();
        assertEquals("same values: no events", List.of(), listener.drain());

        setTemp(z0, "41000");
        object.sampleAll();
        object.sampleAll();
        assertEquals(List.of("0:[5700, 5602]"), listener.drain());
    }

    @Test
    public void failedReadKeepsTheLastValueSilently() throws Exception {
        Path z = zone("thermal_zone0", "40000", null);
        create(Map.of());
        setTemp(z, "garbage");
        object.sampleAll();
        assertEquals(40.0, read(0, 5700).asDouble(), 0);
        assertEquals(List.of(), listener.drain());

        setTemp(z, "40500");
        object.sampleAll();
        assertEquals(40.5, read(0, 5700).asDouble(), 0);
    }

    @Test
    public void applicationTypeIsWritable() throws Exception {
        zone("thermal_zone0", "40000", "acpitz");
        create(Map.of());
        object.write(0, List.of(Resource.of(5750, Value.of("Cabinet air"))), WriteMode.UPDATE).toCompletableFuture().join();
        assertEquals("Cabinet air", read(0, 5750).asString());
        assertEquals(List.of("0:[5750]"), listener.drain());
    }

    @Test
    public void samplesOnTheGatewaysPollingUntilDeactivated() throws Exception {
        Path z = zone("thermal_zone0", "40000", null);
        create(Map.of("intervalMillis", 20L));
        setTemp(z, "47000");
        assertEquals("0:[5700, 5602]", listener.next(5000));
        assertEquals(47.0, read(0, 5700).asDouble(), 0);

        object.deactivate();
        setTemp(z, "48000");
        Thread.sleep(100); // five sampling intervals
        // once deactivate returned, no sample is taken: nobody reads the new value
        assertEquals(List.of(), listener.drain());
        object = null;
    }

    @Test
    public void shipsTheDdf() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("models/3303.xml")) {
            assertNotNull("models/3303.xml", in);
            String ddf = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(ddf.contains("<ObjectID>3303</ObjectID>"));
        }
    }
}
