/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.client.CaptureObject;
import io.lightgate.dlms.client.CosemDateTime;
import io.lightgate.dlms.client.ScalerUnit;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.ObisCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A 3-phase electricity meter: voltages around 230 V with noise, phase currents following a
 * daily-shaped load, active power from both, import energy integrating the power, frequency
 * around 50 Hz, and a load profile (clock, import and export energy) captured every period.
 * Time comes from a supplier so tests can drive it. Thread-safe (one lock).
 */
public final class SimulatedMeter {

    public static final ObisCode ENERGY_IMPORT = ObisCode.parse("1.0.1.8.0.255");
    public static final ObisCode ENERGY_EXPORT = ObisCode.parse("1.0.2.8.0.255");
    public static final ObisCode POWER_IMPORT = ObisCode.parse("1.0.1.7.0.255");
    public static final ObisCode POWER_EXPORT = ObisCode.parse("1.0.2.7.0.255");
    public static final ObisCode FREQUENCY = ObisCode.parse("1.0.14.7.0.255");
    public static final ObisCode POWER_FACTOR = ObisCode.parse("1.0.13.7.0.255");
    public static final ObisCode[] VOLTAGE = {ObisCode.parse("1.0.32.7.0.255"), ObisCode.parse("1.0.52.7.0.255"),
        ObisCode.parse("1.0.72.7.0.255")};
    public static final ObisCode[] CURRENT = {ObisCode.parse("1.0.31.7.0.255"), ObisCode.parse("1.0.51.7.0.255"),
        ObisCode.parse("1.0.71.7.0.255")};
    public static final ObisCode LOAD_PROFILE = ObisCode.parse("1.0.99.1.0.255");
    public static final ObisCode SERIAL_NUMBER = ObisCode.parse("0.0.96.1.0.255");
    public static final ObisCode MANUFACTURER = ObisCode.parse("0.0.96.1.1.255");
    /** COSEM logical device name (Data, octet-string): the FLAG id {@value #FLAG_ID} and the serial number. */
    public static final ObisCode LOGICAL_DEVICE_NAME = ObisCode.parse("0.0.42.0.0.255");
    /** Active firmware identifier (Data, octet-string). */
    public static final ObisCode FIRMWARE_ID = ObisCode.parse("1.0.0.2.0.255");
    /** The manufacturer's three-letter FLAG id the simulator's logical device name starts with. */
    public static final String FLAG_ID = "LGS";
    public static final String FIRMWARE_VERSION = "LG-SIM 1.2.0";
    /** A writable Data object (customer label), for SET. */
    public static final ObisCode LABEL = ObisCode.parse("0.0.96.1.10.255");

    private final Supplier<Instant> clock;
    private final Random random;
    private final double baseCurrent;
    private final Duration capturePeriod;
    private final Map<String, CosemObject> objects = new LinkedHashMap<>();
    private final ProfileGenericObject loadProfile;

    private Instant last;
    private double importWh;
    private double exportWh;
    private final int[] voltageDeciV = new int[3];
    private final int[] currentCentiA = new int[3];
    private int frequencyCentiHz = 5000;
    private final double powerFactor = 0.95;
    private Instant nextCapture;

    /**
     * @param serial the meter's serial number
     * @param baseCurrent mean phase current in A
     * @param capturePeriod load profile capture period
     * @param profileEntries load profile capacity (pre-filled with history)
     */
    public SimulatedMeter(String serial, Supplier<Instant> clock, long seed, double baseCurrent, Duration capturePeriod,
            int profileEntries) {
        this.clock = clock;
        this.random = new Random(seed);
        this.baseCurrent = baseCurrent;
        this.capturePeriod = capturePeriod;
        this.last = clock.get();
        this.importWh = 1_000_000 + random.nextInt(500_000);
        this.exportWh = 10_000 + random.nextInt(5_000);
        sample(last);

        add(new DataObject(SERIAL_NUMBER, DlmsData.visible(serial), false));
        add(new DataObject(MANUFACTURER, DlmsData.visible("Lightgate simulator"), false));
        add(new DataObject(LOGICAL_DEVICE_NAME, DlmsData.octets(logicalDeviceName(serial)), false));
        add(new DataObject(FIRMWARE_ID, DlmsData.octets(FIRMWARE_VERSION.getBytes(StandardCharsets.US_ASCII)), false));
        add(new DataObject(LABEL, DlmsData.visible(""), true));
        add(new ClockObject(this::now));
        for (int p = 0; p < 3; p++) {
            int phase = p;
            add(new RegisterObject(VOLTAGE[p], new ScalerUnit(-1, ScalerUnit.VOLT),
                    () -> read(() -> DlmsData.uint16(voltageDeciV[phase])), null));
            add(new RegisterObject(CURRENT[p], new ScalerUnit(-2, ScalerUnit.AMPERE),
                    () -> read(() -> DlmsData.uint16(currentCentiA[phase])), null));
        }
        add(new RegisterObject(POWER_IMPORT, new ScalerUnit(0, ScalerUnit.WATT),
                () -> read(() -> DlmsData.uint32(Math.round(power()))), null));
        add(new RegisterObject(POWER_EXPORT, new ScalerUnit(0, ScalerUnit.WATT), () -> DlmsData.uint32(0), null));
        add(new RegisterObject(ENERGY_IMPORT, new ScalerUnit(0, ScalerUnit.WATT_HOUR),
                () -> read(() -> DlmsData.uint32((long) importWh)), () -> resetEnergy(true)));
        add(new RegisterObject(ENERGY_EXPORT, new ScalerUnit(0, ScalerUnit.WATT_HOUR),
                () -> read(() -> DlmsData.uint32((long) exportWh)), () -> resetEnergy(false)));
        add(new RegisterObject(FREQUENCY, new ScalerUnit(-2, ScalerUnit.HERTZ),
                () -> read(() -> DlmsData.uint16(frequencyCentiHz)), null));
        add(new RegisterObject(POWER_FACTOR, new ScalerUnit(-3, 255),
                () -> DlmsData.int16((int) Math.round(powerFactor * 1000)), null));
        loadProfile = new ProfileGenericObject(LOAD_PROFILE, List.of(
                new CaptureObject(8, ClockObject.OBIS, 2, 0),
                new CaptureObject(3, ENERGY_IMPORT, 2, 0),
                new CaptureObject(3, ENERGY_EXPORT, 2, 0)), (int) capturePeriod.toSeconds(), profileEntries);
        add(loadProfile);
        add(new AssociationObject(() -> Collections.unmodifiableCollection(objects.values())));
        prefillProfile(profileEntries);
    }

    /** FLAG id and serial number, at most 16 octets as the Blue Book gives the logical device name. */
    static byte[] logicalDeviceName(String serial) {
        String name = FLAG_ID + serial;
        return name.substring(0, Math.min(16, name.length())).getBytes(StandardCharsets.US_ASCII);
    }

    private void add(CosemObject o) {
        objects.put(key(o.classId(), o.obis()), o);
    }

    private static String key(int classId, ObisCode obis) {
        return classId + "/" + obis;
    }

    /** The object of that class and logical name, or null. */
    CosemObject object(int classId, ObisCode obis) {
        return objects.get(key(classId, obis));
    }

    Collection<CosemObject> objects() {
        return Collections.unmodifiableCollection(objects.values());
    }

    private Instant now() {
        return clock.get();
    }

    private synchronized DlmsData read(Supplier<DlmsData> value) {
        advance();
        return value.get();
    }

    /** Brings the meter to the current time: integrates energy, new noisy samples, captures. */
    public synchronized void advance() {
        Instant now = clock.get();
        if (!now.isAfter(last)) {
            return;
        }
        double hours = Duration.between(last, now).toMillis() / 3_600_000.0;
        importWh += power() * hours;
        last = now;
        sample(now);
        while (nextCapture != null && !nextCapture.isAfter(now)) {
            loadProfile.capture(List.of(CosemDateTime.toData(nextCapture), DlmsData.uint32((long) importWh),
                    DlmsData.uint32((long) exportWh)));
            nextCapture = nextCapture.plus(capturePeriod);
        }
    }

    private void sample(Instant now) {
        double day = (now.getEpochSecond() % 86_400) / 86_400.0;
        double load = 1.0 + 0.5 * Math.sin(2 * Math.PI * (day - 0.3));
        for (int p = 0; p < 3; p++) {
            voltageDeciV[p] = (int) Math.round(2300 + random.nextGaussian() * 8);
            currentCentiA[p] = (int) Math.max(0, Math.round(100 * baseCurrent * load * (1 + 0.1 * p)
                    + random.nextGaussian() * 10));
        }
        frequencyCentiHz = (int) Math.round(5000 + random.nextGaussian() * 2);
    }

    private double power() {
        double w = 0;
        for (int p = 0; p < 3; p++) {
            w += voltageDeciV[p] / 10.0 * currentCentiA[p] / 100.0 * powerFactor;
        }
        return w;
    }

    private void prefillProfile(int entries) {
        long period = capturePeriod.toSeconds();
        Instant aligned = Instant.ofEpochSecond(last.getEpochSecond() / period * period);
        double avgWhPerPeriod = 3 * 230 * baseCurrent * powerFactor * period / 3600.0;
        for (int i = entries; i >= 1; i--) {
            Instant t = aligned.minusSeconds(i * period);
            long wh = (long) (importWh - i * avgWhPerPeriod);
            loadProfile.capture(List.of(CosemDateTime.toData(t), DlmsData.uint32(Math.max(0, wh)),
                    DlmsData.uint32((long) exportWh)));
        }
        nextCapture = aligned.plusSeconds(period);
    }

    private synchronized void resetEnergy(boolean imported) {
        advance();
        if (imported) {
            importWh = 0;
        } else {
            exportWh = 0;
        }
    }

    /** The import energy in Wh now (for tests). */
    public synchronized double importWh() {
        advance();
        return importWh;
    }
}
