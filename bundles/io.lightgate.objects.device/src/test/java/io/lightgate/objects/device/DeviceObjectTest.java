/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.ConfigurationOrigin;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.ObjectListener;
import io.lightgate.api.object.WriteMode;
import io.lightgate.registry.SharedPolling;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

public class DeviceObjectTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00.250Z");

    private final CountDownLatch updated = new CountDownLatch(1);
    /** The gateway's polling, as the bundle gets it. */
    private final SharedPolling polling = new SharedPolling();

    @After
    public void stopPolling() {
        polling.deactivate();
    }
    private final Fakes.MutableClock clock = new Fakes.MutableClock(START);
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private DeviceObject device;

    @org.junit.Rule
    public final org.junit.rules.TemporaryFolder sysfs = new org.junit.rules.TemporaryFolder();

    @Before
    public void setUp() {
        device = device(Map.of("rebootDelayMillis", 0L));
    }

    // the host's conditions the tests set: whether a network is up, how full the heap stays after a collection
    private final java.util.concurrent.atomic.AtomicBoolean networkUp = new java.util.concurrent.atomic.AtomicBoolean(true);
    private final java.util.concurrent.atomic.AtomicInteger heapPercent = new java.util.concurrent.atomic.AtomicInteger(10);

    private java.nio.file.Path powerSupplies() {
        return sysfs.getRoot().toPath().resolve("power_supply");
    }

    private java.nio.file.Path dataFolder() {
        return sysfs.getRoot().toPath().resolve("data");
    }

    private DeviceObject device(Map<String, Object> config) {
        Bundle system = Fakes.bundle("org.apache.felix.framework", "7.0.5", "Apache Felix Framework", updated::countDown);
        Bundle self = Fakes.bundle("io.lightgate.objects.device", "0.1.0.SNAPSHOT", "Device", () -> { });
        DeviceConfig c = Fakes.config(DeviceConfig.class, config);
        HostPowerSupplies host = new HostPowerSupplies(powerSupplies());
        ErrorConditions errors = new ErrorConditions(new HostStorage(dataFolder()), c.lowStoragePercent(), host::supplies,
                c.lowBatteryPercent(), networkUp::get, heapPercent::get, c.heapAlarmPercent());
        DeviceObject d = new DeviceObject(c, Fakes.context(self, system, Map.of("lightgate.data", dataFolder().toString())), polling,
                clock, host, errors);
        d.setListener(new ObjectListener() {
            @Override
            public void resourcesChanged(int instanceId, int... resourceIds) {
                for (int r : resourceIds) {
                    events.add(instanceId + "/" + r);
                }
            }

            @Override
            public void instancesChanged() {
                events.add("instances");
            }
        });
        return d;
    }

    private Resource read(int resourceId) {
        return device.read(0, resourceId).toCompletableFuture().join();
    }

    private void write(int resourceId, Value value) {
        device.write(0, List.of(Resource.of(resourceId, value)), WriteMode.UPDATE).toCompletableFuture().join();
    }

    private static LwM2mException failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LwM2mException l) {
                return l;
            }
            throw new AssertionError("failed with " + e.getCause(), e.getCause());
        }
        throw new AssertionError("did not fail");
    }

    @Test
    public void implementsOnlyTheResourcesItCanAnswer() {
        assertEquals(Set.of(0), device.instanceIds());
        // no power supply on this host and none configured: no 6, 7, 8; no battery: no 9, 20
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21), device.resourceIds(0));
    }

    @Test
    public void readsPlausibleValues() {
        assertEquals("Lightgate", read(0).value().asString());
        assertEquals("Lightgate Gateway", read(1).value().asString());
        assertFalse(read(2).value().asString().isBlank());
        assertEquals("Lightgate 0.1.0-SNAPSHOT (Apache Felix Framework 7.0.5)", read(3).value().asString());
        assertEquals(Map.of(0, Value.of(0)), read(11).instances());
        assertEquals("U", read(16).value().asString());
        assertEquals("Gateway", read(17).value().asString());
        assertTrue(read(18).value().asString().contains(System.getProperty("os.arch")));
        assertTrue(read(19).value().asString().contains(System.getProperty("java.version")));

        long free = read(10).value().asLong();
        long total = read(21).value().asLong();
        assertTrue("free " + free + " total " + total, free > 0 && free <= total);
        // the data folder does not exist yet: the file store it will be on
        try {
            java.nio.file.FileStore store = java.nio.file.Files.getFileStore(sysfs.getRoot().toPath());
            assertEquals(store.getTotalSpace() / 1000, total);
            long tolerance = total / 100;
            assertTrue("free " + free + " kB, the file store says " + store.getUsableSpace() / 1000,
                    Math.abs(store.getUsableSpace() / 1000 - free) <= tolerance);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        assertEquals(START.getEpochSecond(), read(13).value().asTime().getEpochSecond());
        assertEquals(ZoneId.systemDefault().getId(), read(15).value().asString());
        assertTrue(read(14).value().asString().matches("[+-]\\d\\d:\\d\\d"));
    }

    @Test
    public void configurationOverridesIdentity() {
        device = device(Map.of("manufacturer", "ACME", "modelNumber", "EG-1", "serialNumber", " SN-42 ",
                "powerSources", new int[] { 6, 4, 9 }));
        assertEquals("ACME", read(0).value().asString());
        assertEquals("EG-1", read(1).value().asString());
        assertEquals("SN-42", read(2).value().asString());
        // 9 is no power source of the DDF and is left out
        assertEquals(Map.of(0, Value.of(6), 1, Value.of(4)), read(6).instances());
    }

    @Test
    public void writesTimezoneAndReadsItBack() {
        write(15, Value.of("Asia/Kolkata"));
        assertEquals("Asia/Kolkata", read(15).value().asString());
        // nobody wrote a UTC offset, so it follows the zone and observers of 14 hear of it
        assertEquals("+05:30", read(14).value().asString());
        assertTrue(events.toString(), events.contains("0/14") && events.contains("0/15"));
    }

    @Test
    public void writesUtcOffsetAndReadsItBack() {
        write(14, Value.of("+01:00"));
        assertEquals("+01:00", read(14).value().asString());
        write(14, Value.of("UTC-0530"));
        assertEquals("-05:30", read(14).value().asString());
        write(14, Value.of("Z"));
        assertEquals("+00:00", read(14).value().asString());
        // a written offset stays when the zone changes
        write(15, Value.of("Europe/Berlin"));
        assertEquals("+00:00", read(14).value().asString());
    }

    @Test
    public void rejectsUnknownTimezone() {
        LwM2mException e = failure(device.write(0, List.of(Resource.of(15, Value.of("Mars/Olympus_Mons"))), WriteMode.UPDATE));
        assertEquals(ResponseCode.BAD_REQUEST, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("Mars/Olympus_Mons"));
        // a bare offset is no IANA zone name either
        assertEquals(ResponseCode.BAD_REQUEST,
                failure(device.write(0, List.of(Resource.of(15, Value.of("+01:00"))), WriteMode.UPDATE)).code());
        assertEquals(ZoneId.systemDefault().getId(), read(15).value().asString());
    }

    @Test
    public void rejectsMalformedUtcOffset() {
        assertEquals(ResponseCode.BAD_REQUEST,
                failure(device.write(0, List.of(Resource.of(14, Value.of("one hour"))), WriteMode.UPDATE)).code());
    }

    @Test
    public void currentTimeWriteShiftsTheReportedTimeNotTheClock() {
        Instant serverTime = START.plus(Duration.ofHours(2)).minusSeconds(7);
        write(13, Value.ofTime(serverTime));
        assertEquals(serverTime.getEpochSecond(), read(13).value().asTime().getEpochSecond());

        clock.advance(Duration.ofSeconds(10));
        assertEquals(serverTime.getEpochSecond() + 10, read(13).value().asTime().getEpochSecond());
        assertEquals("the host clock is untouched", START.plusSeconds(10), clock.instant());
    }

    @Test
    public void rebootRestartsTheFrameworkOnAnotherThread() throws Exception {
        device.execute(0, 4, ExecuteArguments.NONE).toCompletableFuture().join();
        assertTrue(device.isRestartPending());
        assertTrue("framework restarted (start level 25 -> 1 -> 25)", updated.await(5, TimeUnit.SECONDS));
        // a second Reboot while one is pending is accepted and changes nothing
        device.execute(0, 4, ExecuteArguments.NONE).toCompletableFuture().join();
    }

    @Test
    public void factoryResetWithoutConfigAdminAnswers500() {
        LwM2mException e = failure(device.execute(0, 5, ExecuteArguments.NONE));
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("Configuration Admin"));
        assertFalse(device.isRestartPending());
    }

    @Test
    public void factoryResetDeletesRuntimeConfigurationsOnlyThenRestarts() throws Exception {
        List<String> deleted = Collections.synchronizedList(new ArrayList<>());
        Configuration fromServer = configuration("io.lightgate.lwm2m.server~1", null, deleted);
        Configuration fromFile = configuration("io.lightgate.objects.device", "file:/opt/lightgate/etc/device.cfg", deleted);
        List<String> filters = new ArrayList<>();
        ConfigurationAdmin ca = (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ConfigurationAdmin.class }, (proxy, method, args) -> {
                    if (method.getName().equals("listConfigurations")) {
                        filters.add((String) args[0]);
                        return new Configuration[] { fromServer, fromFile };
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        device.setConfigurationAdmin(ca);

        device.execute(0, 5, ExecuteArguments.NONE).toCompletableFuture().join();

        assertEquals(List.of(FactoryReset.FILTER), filters);
        assertEquals(List.of("io.lightgate.lwm2m.server~1"), deleted);
        assertTrue("framework restarted (start level 25 -> 1 -> 25)", updated.await(5, TimeUnit.SECONDS));

        // once unbound, Factory Reset cannot run any more
        device.unsetConfigurationAdmin(ca);
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, failure(device.execute(0, 5, ExecuteArguments.NONE)).code());
    }

    private static Configuration configuration(String pid, String file, List<String> deleted) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("service.pid", pid);
        if (file != null) {
            props.put(ConfigurationOrigin.FILE_PROPERTY, file);
        }
        return (Configuration) Proxy.newProxyInstance(DeviceObjectTest.class.getClassLoader(),
                new Class<?>[] { Configuration.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getPid": return pid;
                        case "getProperties": return props;
                        case "delete":
                            deleted.add(pid);
                            return null;
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    public void readOnlyResourcesRefuseWrites() {
        LwM2mException e = failure(device.write(0, List.of(Resource.of(0, Value.of("Other"))), WriteMode.UPDATE));
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, e.code());
        assertNotNull(read(0));
    }

    @Test
    public void powerSourceVoltageAndCurrentHaveOneInstancePerSource() {
        // nothing reported, nothing configured: no number made up
        assertEquals(ResponseCode.NOT_FOUND, failure(device.read(0, 7)).code());
        device = device(Map.of("powerSources", new int[] { 0 }));
        assertEquals(Map.of(0, Value.of(0)), read(6).instances());
        assertEquals("a source with neither a measurement nor a nominal value", Map.of(), read(7).instances());
        device = device(Map.of("powerSources", new int[] { 0, 4 }, "powerSourceVoltage", new long[] { 24_000, 48_000 },
                "powerSourceCurrent", new long[] { 350, 120 }));
        assertEquals(Map.of(0, Value.of(0), 1, Value.of(4)), read(6).instances());
        assertEquals(Map.of(0, Value.of(24_000), 1, Value.of(48_000)), read(7).instances());
        assertEquals(Map.of(0, Value.of(350), 1, Value.of(120)), read(8).instances());
        assertEquals(Value.of(48_000), device.read(0, 7).toCompletableFuture().join().instances().get(1));
    }

    @Test
    public void measuredVoltageChangesAreReportedToObservers() throws Exception {
        java.nio.file.Path root = sysfs.getRoot().toPath().resolve("power_supply");
        PowerSourcesTest.supply(root, "BAT0", "Battery", 3_800_000L, 125_000L);
        device = device(Map.of("powerSources", new int[] { 1 }, "powerPollSeconds", 1L));
        try {
            assertEquals(Map.of(0, Value.of(3_800)), read(7).instances());
            assertEquals(Map.of(0, Value.of(125)), read(8).instances());
            java.nio.file.Files.writeString(root.resolve("BAT0").resolve("voltage_now"), "3700000\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!events.contains("0/7") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue("a change of 3/0/7 reported: " + events, events.contains("0/7"));
            assertFalse("the current did not change: " + events, events.contains("0/8"));
            assertEquals(Map.of(0, Value.of(3_700)), read(7).instances());
        } finally {
            device.deactivate();
        }
    }

    @Test
    public void aLaptopsSuppliesBecomeThePowerSourcesAndItsBatteryIsReported() throws Exception {
        java.nio.file.Path root = powerSupplies();
        PowerSourcesTest.laptop(root);
        device = device(Map.of());
        assertTrue(device.resourceIds(0).containsAll(Set.of(6, 7, 8, 9, 20)));
        // AC adapter (6), the internal battery (1) and a USB-C port (5); the mouse's battery powers the mouse
        assertEquals(Map.of(0, Value.of(6), 1, Value.of(1), 2, Value.of(5)), read(6).instances());
        assertEquals("the adapter measures nothing: no instance 0", Map.of(1, Value.of(12_346), 2, Value.of(5_000)), read(7).instances());
        assertEquals(Map.of(1, Value.of(1_500), 2, Value.of(0)), read(8).instances());
        assertEquals(Value.of(87), read(9).value());
        assertEquals(Value.of(Battery.NORMAL), read(20).value());
        java.nio.file.Files.writeString(root.resolve("BAT0").resolve("status"), "Charging\n");
        assertEquals(Value.of(Battery.CHARGING), read(20).value());
    }

    @Test
    public void errorCodesFollowTheHostsConditions() throws Exception {
        java.nio.file.Path root = powerSupplies();
        PowerSourcesTest.laptop(root);
        device = device(Map.of("conditionPollSeconds", 1L));
        try {
            assertEquals(Map.of(0, Value.of(0)), read(11).instances());
            networkUp.set(false);
            heapPercent.set(95);
            // a host reading answers Reads for up to DeviceObject.HOST_READINGS_KEPT
            assertEquals(Map.of(0, Value.of(7), 1, Value.of(16)), errorCodesWithin(Map.of(0, Value.of(7), 1, Value.of(16))));
            networkUp.set(true);
            heapPercent.set(10);
            java.nio.file.Files.writeString(root.resolve("AC").resolve("online"), "0\n");
            java.nio.file.Files.writeString(root.resolve("BAT0").resolve("capacity"), "9\n");
            assertEquals("on battery, and it is low", Map.of(0, Value.of(1), 1, Value.of(2)), errorCodesWithin(Map.of(0, Value.of(1), 1, Value.of(2))));
            assertEquals(Value.of(Battery.LOW), read(20).value());
            // observers learn of it from the host reading, without anyone asking
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!events.contains("0/11") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue("a change of 3/0/11 reported: " + events, events.contains("0/11"));
            events.clear();
            device.execute(0, 12, ExecuteArguments.NONE).toCompletableFuture().join();
            assertTrue("Reset Error Code re-evaluates and tells: " + events, events.contains("0/11"));
            assertEquals(Map.of(0, Value.of(1), 1, Value.of(2)), read(11).instances());
        } finally {
            device.deactivate();
        }
    }

    /** Error Code (3/0/11) once it is {@code expected}, or as it is after twice the time a host reading is kept. */
    private Map<Integer, Value> errorCodesWithin(Map<Integer, Value> expected) throws InterruptedException {
        long deadline = System.nanoTime() + 2 * DeviceObject.HOST_READINGS_KEPT.toNanos();
        Map<Integer, Value> codes = read(11).instances();
        while (!codes.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            codes = read(11).instances();
        }
        return codes;
    }

    @Test
    public void lowStorageIsOutOfMemory() {
        device = device(Map.of("lowStoragePercent", 100));
        assertEquals(Map.of(0, Value.of(5)), read(11).instances());
    }
}
