/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.device;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Device object (3), instance 0, of a virtual endpoint, filled from what the adapter learns
 * of its source. Register it as an {@link io.lightgate.api.object.LwM2mObject} service with object
 * id 3 and the endpoint's name; it replaces the engine's default Device object of that endpoint.
 *
 * <ul>
 * <li>0–3, 17–19: from the {@link DeviceDescription} ({@link #describe} when the source tells more,
 * e.g. after it connected);</li>
 * <li>4 Reboot: the adapter's action, typically a reconnect to the source;</li>
 * <li>11 Error Code: {@link #setErrorCodes}, e.g. {@link #IP_CONNECTIVITY_FAILURE} while the source
 * cannot be reached, 0 (no error) otherwise;</li>
 * <li>13 Current Time: the source's clock, kept as an offset against the host clock
 * ({@link #setSourceClock}) so a read does not ask the source; a server may write it (the source's
 * clock is not changed; the written time is what reads answer from then on, advancing with the
 * source's clock);</li>
 * <li>14 UTC Offset, 15 Timezone: the host's zone; 16 Supported Binding and Modes: U.</li>
 * </ul>
 * The engine notifies observers of Current Time every second, like any Device object.
 */
public class VirtualDevice extends SimpleObject {

    /** Error code 7 of the Device object: IP connectivity failure (the source cannot be reached). */
    public static final int IP_CONNECTIVITY_FAILURE = 7;
    /** Error code 8 of the Device object: peripheral malfunction (the source reports a fault). */
    public static final int PERIPHERAL_MALFUNCTION = 8;

    static final int MANUFACTURER = 0;
    static final int MODEL_NUMBER = 1;
    static final int SERIAL_NUMBER = 2;
    static final int FIRMWARE_VERSION = 3;
    static final int REBOOT = 4;
    static final int ERROR_CODE = 11;
    static final int CURRENT_TIME = 13;
    static final int UTC_OFFSET = 14;
    static final int TIMEZONE = 15;
    static final int BINDING_MODES = 16;
    static final int DEVICE_TYPE = 17;
    static final int HARDWARE_VERSION = 18;
    static final int SOFTWARE_VERSION = 19;

    private final Clock clock;
    private final AtomicReference<DeviceDescription> description;
    private final AtomicReference<int[]> errorCodes = new AtomicReference<>(new int[] {0});
    // Current Time = host clock + the source's offset + what a server's write added on top, so a
    // written time stays what reads answer while the source's clock readings keep coming
    private final AtomicReference<Duration> sourceOffset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Duration> writtenOffset = new AtomicReference<>(Duration.ZERO);

    /**
     * @param description what is known of the device now
     * @param reboot what Reboot (3/0/4) does; it runs on the engine's thread, so start long work
     *        (a reconnect) asynchronously and return
     */
    public VirtualDevice(DeviceDescription description, SimpleInstance.Action reboot) {
        this(description, reboot, Clock.systemUTC());
    }

    /** As {@link #VirtualDevice(DeviceDescription, SimpleInstance.Action)}, with the clock to count from. */
    public VirtualDevice(DeviceDescription description, SimpleInstance.Action reboot, Clock clock) {
        this.description = new AtomicReference<>(Objects.requireNonNull(description, "description"));
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(reboot, "reboot");
        addInstance(SimpleInstance.builder(0)
                .readsAtOnce() // every value is held here
                .string(MANUFACTURER, () -> description().manufacturer())
                .string(MODEL_NUMBER, () -> description().modelNumber())
                .string(SERIAL_NUMBER, () -> description().serialNumber())
                .string(FIRMWARE_VERSION, () -> description().firmwareVersion())
                .executable(REBOOT, reboot)
                .readableInstances(ERROR_CODE, ResourceType.INTEGER, this::errorCodeInstances)
                .writable(CURRENT_TIME, ResourceType.TIME, () -> Value.ofTime(currentTime()), v -> writeCurrentTime(v.asTime()))
                .string(UTC_OFFSET, this::utcOffset)
                .string(TIMEZONE, () -> ZoneId.systemDefault().getId())
                .string(BINDING_MODES, () -> "U")
                .string(DEVICE_TYPE, () -> description().deviceType())
                .string(HARDWARE_VERSION, () -> description().hardwareVersion())
                .string(SOFTWARE_VERSION, () -> description().softwareVersion())
                .build());
    }

    /** What the device says about itself now. */
    public DeviceDescription description() {
        return description.get();
    }

    /** Replaces the description; observers of the resources that changed are notified. */
    public void describe(DeviceDescription next) {
        Objects.requireNonNull(next, "next");
        DeviceDescription before = description.getAndSet(next);
        int[] changed = java.util.stream.IntStream.of(MANUFACTURER, MODEL_NUMBER, SERIAL_NUMBER, FIRMWARE_VERSION,
                DEVICE_TYPE, HARDWARE_VERSION, SOFTWARE_VERSION)
                .filter(r -> !Objects.equals(field(before, r), field(next, r))).toArray();
        if (changed.length > 0) {
            fireResourcesChanged(0, changed);
        }
    }

    /**
     * Sets the active error codes (empty or {@code 0}: no error); observers of 11 are notified when
     * they change.
     *
     * @throws IllegalArgumentException for a code outside 0..32 (the Device object's range)
     */
    public void setErrorCodes(int... codes) {
        for (int c : codes) {
            if (c < 0 || c > 32) {
                throw new IllegalArgumentException("Device error code " + c + " is outside 0..32");
            }
        }
        int[] next = codes.length == 0 ? new int[] {0} : codes.clone();
        if (!Arrays.equals(errorCodes.getAndSet(next), next)) {
            fireResourcesChanged(0, ERROR_CODE);
        }
    }

    /**
     * The source reported its clock reading {@code sourceTime} at the host instant {@code hostTime}:
     * Current Time follows the source's clock from now on (plus the difference a server's write made).
     */
    public void setSourceClock(Instant sourceTime, Instant hostTime) {
        sourceOffset.set(Duration.between(hostTime, sourceTime));
    }

    /** Current Time (3/0/13) as it reads now. */
    public Instant currentTime() {
        return clock.instant().plus(sourceOffset.get()).plus(writtenOffset.get());
    }

    private void writeCurrentTime(Instant written) {
        if (written == null) {
            throw LwM2mException.badRequest("Current Time needs a time value");
        }
        // the source's clock is not set: the difference is kept and added to its readings
        writtenOffset.set(Duration.between(clock.instant().plus(sourceOffset.get()), written));
    }

    private String utcOffset() {
        ZoneOffset offset = ZoneId.systemDefault().getRules().getOffset(currentTime());
        return offset == ZoneOffset.UTC ? "+00:00" : offset.getId();
    }

    private Map<Integer, Value> errorCodeInstances() {
        int[] codes = errorCodes.get();
        Map<Integer, Value> instances = new TreeMap<>();
        for (int i = 0; i < codes.length; i++) {
            instances.put(i, Value.of(codes[i]));
        }
        return instances;
    }

    private static String field(DeviceDescription d, int resourceId) {
        return switch (resourceId) {
            case MANUFACTURER -> d.manufacturer();
            case MODEL_NUMBER -> d.modelNumber();
            case SERIAL_NUMBER -> d.serialNumber();
            case FIRMWARE_VERSION -> d.firmwareVersion();
            case DEVICE_TYPE -> d.deviceType();
            case HARDWARE_VERSION -> d.hardwareVersion();
            default -> d.softwareVersion();
        };
    }
}
