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
        // a missing entry reads 0 (and is logged by the Device object)
        assertEquals(Map.of(0, Value.of(350), 1, Value.of(0)), p.currents());
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
