/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import io.lightgate.api.Value;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The Error Codes (3/0/11) the gateway has now, evaluated from the host at every read:
 * <ul>
 * <li>1 Low battery power: the internal battery is low and not on power;</li>
 * <li>2 External power supply off: the host has mains or USB supplies that report whether they
 * are online, and none is;</li>
 * <li>5 Out of memory: the data folder's file store (what 3/0/10 and 3/0/21 report) has less
 * than the configured share left;</li>
 * <li>7 IP connectivity failure: no network interface but loopback is up with an address;</li>
 * <li>{@value #HEAP_EXHAUSTED} (device specific): the JVM heap is still fuller than the
 * configured share right after a garbage collection.</li>
 * </ul>
 * No condition: the single instance 0 with value 0, as the object defines it.
 */
final class ErrorConditions {

    static final int LOW_BATTERY = 1;
    static final int EXTERNAL_POWER_OFF = 2;
    static final int OUT_OF_MEMORY = 5;
    static final int IP_CONNECTIVITY_FAILURE = 7;
    static final int HEAP_EXHAUSTED = 16;

    private final HostStorage storage;
    private final int lowStoragePercent;
    private final Supplier<List<HostPowerSupplies.Supply>> supplies;
    private final int lowBatteryPercent;
    private final BooleanSupplier networkUp;
    private final IntSupplier heapPercentAfterGc;
    private final int heapAlarmPercent;

    ErrorConditions(HostStorage storage, int lowStoragePercent, Supplier<List<HostPowerSupplies.Supply>> supplies, int lowBatteryPercent,
            BooleanSupplier networkUp, IntSupplier heapPercentAfterGc, int heapAlarmPercent) {
        this.storage = storage;
        this.lowStoragePercent = lowStoragePercent;
        this.supplies = supplies;
        this.lowBatteryPercent = lowBatteryPercent;
        this.networkUp = networkUp;
        this.heapPercentAfterGc = heapPercentAfterGc;
        this.heapAlarmPercent = heapAlarmPercent;
    }

    /** The host's conditions. */
    static ErrorConditions ofHost(HostStorage storage, HostPowerSupplies power, DeviceConfig config) {
        return new ErrorConditions(storage, config.lowStoragePercent(), power::supplies, config.lowBatteryPercent(),
                ErrorConditions::anyNetworkUp, ErrorConditions::heapPercentAfterLastCollection, config.heapAlarmPercent());
    }

    /** The codes of the conditions present now, ascending; empty when there is none. */
    List<Integer> codes() {
        List<Integer> codes = new ArrayList<>();
        List<HostPowerSupplies.Supply> host = supplies.get();
        Optional<Battery> battery = internalBattery(host, lowBatteryPercent);
        if (battery.isPresent() && battery.get().isLow() && !battery.get().onPower()) {
            codes.add(LOW_BATTERY);
        }
        List<Boolean> external = host.stream().filter(s -> isExternal(s) && s.powersTheHost()).map(HostPowerSupplies.Supply::online)
                .flatMap(Optional::stream).toList();
        if (!external.isEmpty() && !external.contains(true)) {
            codes.add(EXTERNAL_POWER_OFF);
        }
        if (storage.space().map(s -> s.below(lowStoragePercent)).orElse(false)) {
            codes.add(OUT_OF_MEMORY);
        }
        if (!networkUp.getAsBoolean()) {
            codes.add(IP_CONNECTIVITY_FAILURE);
        }
        if (heapPercentAfterGc.getAsInt() >= heapAlarmPercent) {
            codes.add(HEAP_EXHAUSTED);
        }
        return codes;
    }

    /** Resource 11: one instance per code, or the single instance 0 = 0 (no error). */
    Map<Integer, Value> resource() {
        List<Integer> codes = codes();
        if (codes.isEmpty()) {
            return Map.of(0, Value.of(0));
        }
        Map<Integer, Value> out = new TreeMap<>();
        for (int i = 0; i < codes.size(); i++) {
            out.put(i, Value.of(codes.get(i)));
        }
        return out;
    }

    /** The first present battery of the host, as the Device object's internal battery. */
    static Optional<Battery> internalBattery(List<HostPowerSupplies.Supply> host, int lowPercent) {
        return host.stream().filter(s -> s.isBattery() && s.present() && s.powersTheHost()).findFirst().map(s -> new Battery(s, lowPercent));
    }

    private static boolean isExternal(HostPowerSupplies.Supply s) {
        String t = s.type().toUpperCase(Locale.ROOT);
        return t.equals("MAINS") || t.startsWith("USB");
    }

    /** Whether an interface other than loopback is up and has an address. */
    static boolean anyNetworkUp() {
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (n.isUp() && !n.isLoopback() && n.getInetAddresses().hasMoreElements()) {
                    return true;
                }
            }
        } catch (SocketException | NullPointerException e) {
            // no interface list: nothing is up
        }
        return false;
    }

    /**
     * How full, in percent, the fullest heap pool was right after the last garbage collection that
     * reached it: memory the JVM could not free. 0 before any collection.
     */
    static int heapPercentAfterLastCollection() {
        int fullest = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported()) {
                continue;
            }
            MemoryUsage after = pool.getCollectionUsage();
            if (after != null && after.getMax() > 0) {
                fullest = Math.max(fullest, (int) (after.getUsed() * 100 / after.getMax()));
            }
        }
        return fullest;
    }
}
