/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PowerSourcesTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    /** A fake /sys/class/power_supply entry, written as the kernel does (one value per file). */
    static void supply(Path root, String name, String type, Long microvolts, Long microamps) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("type"), type + "\n");
        if (microvolts != null) {
            Files.writeString(dir.resolve("voltage_now"), microvolts + "\n");
        }
        if (microamps != null) {
            Files.writeString(dir.resolve("current_now"), microamps + "\n");
        }
    }

    /**
     * /sys/class/power_supply of a laptop as its kernel shows it: the AC adapter (online, no
     * measurements), the internal battery BAT0 discharging at 87 %, a USB-C port without a
     * partner, and a wireless mouse's battery (scope Device).
     */
    static void laptop(Path root) throws IOException {
        supply(root, "AC", "Mains", null, null);
        Files.writeString(root.resolve("AC").resolve("online"), "1\n");
        supply(root, "BAT0", "Battery", 12_345_678L, 1_500_400L);
        Path bat = root.resolve("BAT0");
        Files.writeString(bat.resolve("present"), "1\n");
        Files.writeString(bat.resolve("status"), "Discharging\n");
        Files.writeString(bat.resolve("capacity"), "87\n");
        Files.writeString(bat.resolve("capacity_level"), "Normal\n");
        Files.writeString(bat.resolve("technology"), "Li-poly\n");
        Files.writeString(bat.resolve("manufacturer"), "SMP\n");
        supply(root, "hidpp_battery_0", "Battery", 3_900_000L, null);
        Path mouse = root.resolve("hidpp_battery_0");
        Files.writeString(mouse.resolve("scope"), "Device\n");
        Files.writeString(mouse.resolve("capacity_level"), "Low\n");
        Files.writeString(mouse.resolve("status"), "Discharging\n");
        supply(root, "ucsi-source-psy-USBC000:001", "USB", 5_000_000L, 0L);
        Path usb = root.resolve("ucsi-source-psy-USBC000:001");
        Files.writeString(usb.resolve("online"), "0\n");
        Files.writeString(usb.resolve("usb_type"), "[C] PD PD_PPS\n");
    }

    @Test
    public void readsALaptopsSupplies() throws IOException {
        laptop(root());
        List<HostPowerSupplies.Supply> host = new HostPowerSupplies(root()).supplies();
        assertEquals(List.of("AC", "BAT0", "hidpp_battery_0", "ucsi-source-psy-USBC000:001"),
                host.stream().map(HostPowerSupplies.Supply::name).toList());
        HostPowerSupplies.Supply ac = host.get(0);
        assertEquals(java.util.Optional.of(true), ac.online());
        HostPowerSupplies.Supply bat = host.get(1);
        assertTrue(bat.present() && bat.powersTheHost() && bat.isBattery());
        assertEquals(java.util.OptionalInt.of(87), bat.capacityPercent());
        assertEquals(java.util.Optional.of("Discharging"), bat.status());
        assertEquals(java.util.Optional.empty(), bat.health());
        assertFalse("a mouse's battery", host.get(2).powersTheHost());
        assertEquals(java.util.Optional.of(false), host.get(3).online());

        PowerSources p = PowerSources.ofHost(host);
        // Mains 6, Battery 1, USB 5 (a port may power the host); the mouse is left out
        assertEquals(Map.of(0, Value.of(6), 1, Value.of(1), 2, Value.of(5)), p.types());
        assertEquals(Map.of(1, Value.of(12_346), 2, Value.of(5_000)), p.voltages());
        assertEquals(Map.of(1, Value.of(1_500), 2, Value.of(0)), p.currents());

        Battery battery = ErrorConditions.internalBattery(host, 15).orElseThrow();
        assertEquals("BAT0", battery.name());
        assertEquals(Battery.NORMAL, battery.status());
    }

    @Test
    public void batteryStatusFollowsTheDriver() throws IOException {
        laptop(root());
        Path bat = root().resolve("BAT0");
        Battery battery = ErrorConditions.internalBattery(new HostPowerSupplies(root()).supplies(), 15).orElseThrow();
        Files.writeString(bat.resolve("status"), "Full\n");
        assertEquals(Battery.CHARGE_COMPLETE, battery.status());
        Files.writeString(bat.resolve("status"), "Discharging\n");
        Files.writeString(bat.resolve("capacity_level"), "Critical\n");
        assertEquals(Battery.LOW, battery.status());
        Files.writeString(bat.resolve("health"), "Dead\n");
        assertEquals(Battery.DAMAGED, battery.status());
        Files.writeString(bat.resolve("status"), "Unknown\n");
        Files.delete(bat.resolve("health"));
        assertEquals(Battery.UNKNOWN, battery.status());
        Files.writeString(bat.resolve("present"), "0\n");
        assertEquals(Battery.NOT_INSTALLED, battery.status());
        assertTrue("an empty bay is no internal battery",
                ErrorConditions.internalBattery(new HostPowerSupplies(root()).supplies(), 15).isEmpty());
    }

    private Path root() {
        return folder.getRoot().toPath().resolve("power_supply");
    }

    @Test
    public void noPowerSupplyFolderMeansNoSupplies() {
        assertEquals(List.of(), new HostPowerSupplies(root()).supplies());
    }

    @Test
    public void readsMicroUnitsAsMilliUnits() throws IOException {
        supply(root(), "BAT0", "Battery", 12_345_678L, 1_500_400L);
        HostPowerSupplies.Supply bat = new HostPowerSupplies(root()).supplies().get(0);
        assertEquals("Battery", bat.type());
        assertEquals(12_346, bat.millivolts().getAsLong());
        assertEquals(1_500, bat.milliamps().getAsLong());
    }

    @Test
    public void unreadableOrMissingValuesAreNoReading() throws IOException {
        supply(root(), "AC", "Mains", null, null);
        Files.writeString(root().resolve("AC").resolve("voltage_now"), "n/a\n");
        HostPowerSupplies.Supply ac = new HostPowerSupplies(root()).supplies().get(0);
        assertFalse(ac.millivolts().isPresent());
        assertFalse(ac.milliamps().isPresent());
        assertFalse(ac.measures());
    }

    @Test
    public void configuredNominalValuesWhenTheHostMeasuresNothing() {
        PowerSources p = PowerSources.of(new int[] { 0, 4 }, new long[] { 24_000, 48_000 }, new long[] { 350 }, List.of());
        assertEquals(Map.of(0, Value.of(0), 1, Value.of(4)), p.types());
        assertEquals(Map.of(0, Value.of(24_000), 1, Value.of(48_000)), p.voltages());
        // a missing entry has no instance (and is logged by the Device object)
        assertEquals(Map.of(0, Value.of(350)), p.currents());
        assertFalse(p.anyMeasured());
    }

    @Test
    public void aMeasuringHostSupplyOfTheRightKindWins() throws IOException {
        supply(root(), "AC", "Mains", 19_500_000L, null);
        supply(root(), "BAT0", "Battery", 3_800_000L, 125_000L);
        supply(root(), "usb0", "USB", 5_000_000L, 900_000L);
        List<HostPowerSupplies.Supply> host = new HostPowerSupplies(root()).supplies();
        PowerSources p = PowerSources.of(new int[] { 1, 5, 6, 7 }, new long[] { 1, 2, 3, 4 }, new long[] { 10, 20, 30, 40 }, host);
        assertTrue(p.anyMeasured());
        assertEquals(Map.of(0, Value.of(3_800), 1, Value.of(5_000), 2, Value.of(19_500), 3, Value.of(4)), p.voltages());
        // the AC adapter has no current_now: its nominal current stands in; solar has no sysfs type
        assertEquals(Map.of(0, Value.of(125), 1, Value.of(900), 2, Value.of(30), 3, Value.of(40)), p.currents());
        assertNull(p.sources().get(3).supply());
    }

    @Test
    public void oneHostSupplyServesOneSourceOnly() throws IOException {
        supply(root(), "BAT0", "Battery", 3_800_000L, null);
        PowerSources p = PowerSources.of(new int[] { 1, 2 }, new long[] { 0, 12_000 }, new long[0], new HostPowerSupplies(root()).supplies());
        assertEquals(Map.of(0, Value.of(3_800), 1, Value.of(12_000)), p.voltages());
    }

    @Test
    public void valuesFollowTheHost() throws IOException {
        supply(root(), "BAT0", "Battery", 3_800_000L, null);
        PowerSources p = PowerSources.of(new int[] { 1 }, new long[0], new long[0], new HostPowerSupplies(root()).supplies());
        assertEquals(Value.of(3_800), p.voltages().get(0));
        Files.writeString(root().resolve("BAT0").resolve("voltage_now"), "3700000\n");
        assertEquals(Value.of(3_700), p.voltages().get(0));
    }

    @Test
    public void sourcesOutsideTheDdfAreLeftOut() {
        PowerSources p = PowerSources.of(new int[] { 6, 9, -1, 4 }, new long[] { 230_000, 0, 0, 48_000 }, new long[0], List.of());
        assertEquals(Map.of(0, Value.of(6), 1, Value.of(4)), p.types());
        assertEquals(List.of(9, -1), PowerSources.invalid(new int[] { 6, 9, -1, 4 }));
        // positions follow the configuration, so the 4's voltage is still its own
        assertEquals(Map.of(0, Value.of(230_000), 1, Value.of(48_000)), p.voltages());
    }
}
