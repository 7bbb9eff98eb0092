/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import gurux.dlms.enums.InterfaceType;
import io.lightgate.dlms.client.ClientSettings;
import io.lightgate.dlms.client.TransportKind;
import io.lightgate.adapter.dlms.interop.GuruxMeterAccess;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** The adapter's meter logic against a Gurux DLMS server (test-scope peer). */
public class MeterTest {

    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final List<Set<MappedResource>> changes = new CopyOnWriteArrayList<>();

    @After
    public void stop() throws Exception {
        io.shutdownNow();
        io.awaitTermination(5, TimeUnit.SECONDS);
    }

    private Meter meter(int port, List<MappedResource> mapping, Duration maxAge) {
        ClientSettings s = ClientSettings.of("127.0.0.1", port, TransportKind.WRAPPER)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        return new Meter("test", s, mapping, ObisCode.parse("1.0.99.1.0.255"), 4, maxAge, io, Clock.systemUTC(), changes::add);
    }

    private static MappedResource find(List<MappedResource> mapping, String key) {
        return mapping.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    public void pollsScalesConvertsResetsAndAnswers503WhenTheMeterIsGone() throws Exception {
        List<MappedResource> mapping = Mapping.resolve(3, true, new String[0]);
        try (GuruxMeterAccess gurux = GuruxMeterAccess.start(InterfaceType.WRAPPER)) {
            Meter meter = meter(gurux.port(), mapping, Duration.ZERO);
            MeterState state = meter.poll().get(10, TimeUnit.SECONDS);

            // 123456789 x 10^-1 Wh = 12345.6789 kWh, exactly as text
            Value energy = state.values().get("10242/0/41");
            assertEquals("12345.6789", energy.toText());
            assertEquals("12345678.9", state.values().get("3305/0/5805").toText()); // 3305 keeps Wh
            assertEquals("230.1", state.values().get("10242/0/4").toText());
            // the Gurux meter has no current register: absent, not zero
            assertNull(state.values().get("10242/0/5"));
            assertFalse(meter.offered().contains(ObisCode.parse("1.0.31.7.0.255")));
            assertEquals(1, changes.size());

            // the load profile: its newest 4 entries, energy in kWh
            LoadProfile lp = state.profile();
            assertEquals(4, lp.times().size());
            assertEquals("1.0.1.8.0.255", lp.columns().get(0).obis());
            assertEquals("kWh", lp.columns().get(0).unit());

            // Execute 5822 on 3331: the register is reset on the meter
            meter.reset(find(mapping, "3331/0/5700").source()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(gurux.energyIsReset());

            // the meter goes away: a read answers 5.03
            gurux.close();
            CompletionException failed = assertThrows(CompletionException.class,
                    () -> meter.read(find(mapping, "10242/0/4")).toCompletableFuture().join());
            assertEquals(ResponseCode.SERVICE_UNAVAILABLE, ((LwM2mException) failed.getCause()).code());
            meter.close();
        }
    }

    @Test
    public void aDroppedAssociationIsReestablishedWithinThePoll() throws Exception {
        List<MappedResource> mapping = Mapping.resolve(3, false, new String[0]);
        try (GuruxMeterAccess gurux = GuruxMeterAccess.start(InterfaceType.WRAPPER)) {
            Meter meter = meter(gurux.port(), mapping, Duration.ZERO);
            meter.poll().get(10, TimeUnit.SECONDS);
            gurux.dropConnection(); // the meter's inactivity timeout ends the association
            // whether the close has reached the adapter's socket or not, the poll succeeds on a new association
            MeterState again = meter.poll().get(10, TimeUnit.SECONDS);
            assertEquals("230.1", again.values().get("10242/0/4").toText());
            assertEquals("a second association", 2, gurux.connections());
            meter.close();
        }
    }

    @Test
    public void extendedAndDemandRegistersThroughMappingOverrides() throws Exception {
        List<MappedResource> mapping = Mapping.resolve(3, false,
                new String[] {"10242/6=4:1.0.1.6.0.255", "10242/16=5:1.0.1.4.0.255"});
        try (GuruxMeterAccess gurux = GuruxMeterAccess.start(InterfaceType.WRAPPER)) {
            MeterState state = meter(gurux.port(), mapping, Duration.ZERO).poll().get(10, TimeUnit.SECONDS);
            // 45678 x 10^-2 W = 456.78 W = 0.45678 kW (extended register: scaler_unit is attribute 3)
            assertEquals("0.45678", state.values().get("10242/0/6").toText());
            // 3210 W = 3.21 kW (demand register: scaler_unit is attribute 4)
            assertEquals("3.21", state.values().get("10242/0/16").toText());
        }
    }

    @Test
    public void aSilentMeterTimesOutWithoutHangingTheCaller() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<MappedResource> mapping = Mapping.resolve(3, false, new String[0]);
            ClientSettings s = ClientSettings.of("127.0.0.1", silent.getLocalPort(), TransportKind.WRAPPER)
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));
            Meter meter = new Meter("silent", s, mapping, null, 0, Duration.ZERO, io, Clock.systemUTC(), changes::add);
            long start = System.nanoTime();
            var read = meter.read(find(mapping, "10242/0/4")).toCompletableFuture();
            // the call returned at once; the stage fails with 5.03 after the response timeout
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
            CompletionException failed = assertThrows(CompletionException.class, read::join);
            assertEquals(ResponseCode.SERVICE_UNAVAILABLE, ((LwM2mException) failed.getCause()).code());
        }
    }

    @Test
    public void identityAndClockFromTheMeterReassociationAndOutage() throws Exception {
        List<MappedResource> mapping = Mapping.resolve(3, false, new String[0]);
        List<MeterIdentity> identities = new CopyOnWriteArrayList<>();
        List<java.time.Instant> clocks = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger outages = new java.util.concurrent.atomic.AtomicInteger();
        MeterListener listener = new MeterListener() {
            @Override
            public void answered(MeterIdentity identity, java.time.Instant meterTime, java.time.Instant hostTime) {
                identities.add(identity);
                clocks.add(meterTime);
            }

            @Override
            public void unreachable() {
                outages.incrementAndGet();
            }
        };
        try (GuruxMeterAccess gurux = GuruxMeterAccess.start(InterfaceType.WRAPPER)) {
            ClientSettings s = ClientSettings.of("127.0.0.1", gurux.port(), TransportKind.WRAPPER)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
            Meter meter = new Meter("gx", s, mapping, null, 0, Duration.ZERO, io, Clock.systemUTC(), changes::add, listener);
            meter.poll().get(10, TimeUnit.SECONDS);
            MeterIdentity id = identities.get(0);
            assertEquals(GuruxMeterAccess.logicalDeviceName(), id.logicalDeviceName());
            assertEquals("GRX", id.flagId());
            assertEquals(GuruxMeterAccess.serialNumber(), id.serialNumber());
            assertNull("the Gurux meter has no firmware identifier", id.firmware());
            assertEquals("the clock rides along in the poll", GuruxMeterAccess.clockTime(), clocks.get(0));

            // Reboot: the association is released and a new one made
            int before = gurux.connections();
            meter.reassociate().get(10, TimeUnit.SECONDS);
            assertEquals(before + 1, gurux.connections());
            assertEquals(2, identities.size());

            // the meter goes away: told once, however many polls fail
            gurux.close();
            gurux.dropConnection();
            assertThrows(java.util.concurrent.ExecutionException.class, () -> meter.poll().get(10, TimeUnit.SECONDS));
            assertThrows(java.util.concurrent.ExecutionException.class, () -> meter.poll().get(10, TimeUnit.SECONDS));
            assertEquals(1, outages.get());
            meter.close();
        }
    }
}
