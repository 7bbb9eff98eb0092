/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import io.lightgate.api.GatewayFolder;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResourceType;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.Value;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectId;
import io.lightgate.api.object.Polling;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LwM2M object 3 (Device), single instance 0, describing the real gateway: identity from
 * configuration, versions from the framework and the JVM, Memory Free and Total from the file
 * store of the data folder (the object defines them as storage for data and software), error
 * codes from the host's conditions, Reboot / Factory Reset acting on the OSGi framework, power
 * sources with their voltage and current and the internal battery as the host reports them
 * (/sys/class/power_supply) or as configured. Only resources the gateway can answer truthfully
 * are in the instance: without a battery there is no Battery Level or Status, without a power
 * source the host reports or a configured one no 6, 7 or 8.
 *
 * <p>Time zone, UTC offset and Current Time that servers write are kept in memory: the host
 * clock and zone are never changed, and after a restart the host's values are reported again.
 */
@Component(service = LwM2mObject.class, immediate = true, configurationPid = DeviceObject.PID)
@ObjectId(3)
@Designate(ocd = DeviceConfig.class)
public final class DeviceObject extends SimpleObject {

    /** The configuration PID. */
    public static final String PID = "io.lightgate.objects.device";
    /** How long a reading of the host (error conditions, storage space) answers Reads. */
    static final Duration HOST_READINGS_KEPT = Duration.ofSeconds(1);

    static final int MANUFACTURER = 0;
    static final int MODEL_NUMBER = 1;
    static final int SERIAL_NUMBER = 2;
    static final int FIRMWARE_VERSION = 3;
    static final int REBOOT = 4;
    static final int FACTORY_RESET = 5;
    static final int POWER_SOURCES = 6;
    static final int POWER_SOURCE_VOLTAGE = 7;
    static final int POWER_SOURCE_CURRENT = 8;
    static final int BATTERY_LEVEL = 9;
    static final int MEMORY_FREE = 10;
    static final int ERROR_CODE = 11;
    static final int RESET_ERROR_CODE = 12;
    static final int CURRENT_TIME = 13;
    static final int UTC_OFFSET = 14;
    static final int TIMEZONE = 15;
    static final int BINDING_MODES = 16;
    static final int DEVICE_TYPE = 17;
    static final int HARDWARE_VERSION = 18;
    static final int SOFTWARE_VERSION = 19;
    static final int BATTERY_STATUS = 20;
    static final int MEMORY_TOTAL = 21;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceObject.class);

    private final Clock clock;
    private final FrameworkRestart restart;
    private final AtomicReference<DeviceTime> time = new AtomicReference<>(DeviceTime.ofHost());
    private final AtomicReference<ConfigurationAdmin> configAdmin = new AtomicReference<>();
    private final PowerSources power;
    private final HostStorage storage;
    private final Recent<Map<Integer, Value>> errorCodes;
    private final ErrorConditions errors;
    private final Battery battery;
    private final List<Polling.Polled> polls = new CopyOnWriteArrayList<>();

    /** Activates the component with the host's clock. */
    @Activate
    public DeviceObject(DeviceConfig config, BundleContext context, @Reference Polling polling) {
        this(config, context, polling, Clock.systemUTC(), new HostPowerSupplies(HostPowerSupplies.SYSFS), null);
    }

    /** With {@code errors} null: the host's conditions, on the data folder's storage. */
    DeviceObject(DeviceConfig config, BundleContext context, Polling polling, Clock clock, HostPowerSupplies host, ErrorConditions errors) {
        this.clock = clock;
        this.restart = new FrameworkRestart(context.getBundle(Constants.SYSTEM_BUNDLE_ID), config.rebootDelayMillis());
        String serial = config.serialNumber() == null || config.serialNumber().isBlank()
                ? HostInfo.serialNumber(HostInfo.MACHINE_ID, HostInfo::hostName)
                : config.serialNumber().strip();
        String firmware = HostInfo.firmwareVersion(HostInfo.imageVersion(System.getProperty("java.class.path")),
                context.getProperty(HostInfo.VERSION_PROPERTY),
                context.getBundle(), context.getBundle(Constants.SYSTEM_BUNDLE_ID));
        String hardware = HostInfo.hardwareVersion();
        String software = HostInfo.softwareVersion();
        PowerSources.invalid(config.powerSources()).forEach(source -> LOG.warn("Ignoring power source {} in powerSources of etc/{}.cfg: the Device object defines 0..7", source, PID));
        List<HostPowerSupplies.Supply> supplies = host.supplies();
        boolean configured = config.powerSources() != null && config.powerSources().length > 0;
        this.power = configured
                ? PowerSources.of(config.powerSources(), config.powerSourceVoltage(), config.powerSourceCurrent(), supplies)
                : PowerSources.ofHost(supplies);
        logPowerSources(configured);
        this.battery = ErrorConditions.internalBattery(supplies, config.lowBatteryPercent()).orElse(null);
        this.storage = new HostStorage(GatewayFolder.DATA.path(context));
        this.errors = errors != null ? errors : ErrorConditions.ofHost(storage, host, config);
        boolean storageKnown = storage.space().isPresent();
        if (!storageKnown) {
            LOG.warn("The file store of the data folder {} cannot be read: Memory Free and Memory Total (3/0/10,"
                    + " 3/0/21) are left out", storage.folder());
        }

        this.errorCodes = new Recent<>(this.errors::resource, HOST_READINGS_KEPT, System::nanoTime);
        Recent<Optional<HostStorage.Space>> space = new Recent<>(storage::space, HOST_READINGS_KEPT, System::nanoTime);
        // reads answer from memory but for one host reading a second at most (Recent): no lane hop for them
        SimpleInstance.Builder instance = SimpleInstance.builder(0).readsAtOnce()
                .string(MANUFACTURER, config::manufacturer)
                .string(MODEL_NUMBER, config::modelNumber)
                .string(SERIAL_NUMBER, () -> serial)
                .string(FIRMWARE_VERSION, () -> firmware)
                .executable(REBOOT, args -> restart.restartLater("Reboot executed"))
                .executable(FACTORY_RESET, args -> factoryReset())
                .readableInstances(ERROR_CODE, ResourceType.INTEGER, errorCodes)
                .executable(RESET_ERROR_CODE, args -> errorCodesChanged())
                .writable(CURRENT_TIME, ResourceType.TIME,
                        () -> Value.ofTime(time.get().now(clock)),
                        v -> time.updateAndGet(t -> t.withCurrentTime(v.asTime(), clock)))
                .writable(UTC_OFFSET, ResourceType.STRING,
                        () -> Value.of(time.get().utcOffsetText(clock)),
                        v -> time.updateAndGet(t -> t.withUtcOffset(v.asString())))
                .writable(TIMEZONE, ResourceType.STRING,
                        () -> Value.of(time.get().zone().getId()),
                        v -> writeZone(v.asString()))
                .string(BINDING_MODES, () -> "U")
                .string(DEVICE_TYPE, () -> "Gateway")
                .string(HARDWARE_VERSION, () -> hardware)
                .string(SOFTWARE_VERSION, () -> software);
        if (!power.isEmpty()) {
            instance.readableInstances(POWER_SOURCES, ResourceType.INTEGER, power::types)
                    .readableInstances(POWER_SOURCE_VOLTAGE, ResourceType.INTEGER, power::voltages)
                    .readableInstances(POWER_SOURCE_CURRENT, ResourceType.INTEGER, power::currents);
        }
        if (battery != null) {
            LOG.info("Internal battery {}: Battery Level (3/0/9) and Battery Status (3/0/20) as the host reports them",
                    battery.name());
            if (battery.level().isPresent()) {
                instance.readable(BATTERY_LEVEL, ResourceType.INTEGER, () -> Value.of(battery.level().orElseThrow(
                        () -> LwM2mException.notFound("the host no longer reports a charge for battery " + battery.name()))));
            }
            instance.integer(BATTERY_STATUS, battery::status);
        }
        if (storageKnown) {
            instance.integer(MEMORY_FREE, () -> space.get().map(HostStorage.Space::usableBytes).orElse(0L) / 1000)
                    .integer(MEMORY_TOTAL, () -> space.get().map(HostStorage.Space::totalBytes).orElse(0L) / 1000);
        }
        addInstance(instance.build());
        if (power.anyMeasured()) {
            startPowerPoll(polling, Math.max(1, config.powerPollSeconds()));
        }
        startConditionPoll(polling, Math.max(1, config.conditionPollSeconds()));
    }

    /** Error Code's observers are told, and the Read that follows reads the host again. */
    private void errorCodesChanged() {
        errorCodes.forget();
        fireResourcesChanged(0, ERROR_CODE);
    }

    /** Stops reading the host. */
    @Deactivate
    void deactivate() {
        polls.forEach(Polling.Polled::close);
    }

    // Error codes and the battery change without anyone asking: read again now and then and
    // reported to observers when they moved.
    private void startConditionPoll(Polling polling, long seconds) {
        AtomicReference<HostState> last = new AtomicReference<>(hostState());
        polls.add(polling.every(Duration.ofSeconds(seconds), "Device (3/0): error codes and battery", () -> {
            try {
                HostState now = hostState();
                HostState before = last.getAndSet(now);
                if (!now.errorCodes().equals(before.errorCodes())) {
                    LOG.info("Error codes (3/0/11) now {}, before {} (none: no error)", now.errorCodes(), before.errorCodes());
                    errorCodesChanged();
                }
                if (!now.battery().equals(before.battery())) {
                    fireResourcesChanged(0, resourceIds(0).contains(BATTERY_LEVEL)
                            ? new int[] { BATTERY_LEVEL, BATTERY_STATUS } : new int[] { BATTERY_STATUS });
                }
            } catch (RuntimeException e) {
                LOG.warn("Reading the host's conditions for 3/0/11 failed; trying again in {} s: {}", seconds, e.toString());
            }
        }));
    }

    /** What the condition poll compares: the error codes, and the battery's level and status (empty without one). */
    private record HostState(List<Integer> errorCodes, List<Integer> battery) {
    }

    private HostState hostState() {
        return new HostState(errors.codes(), battery == null ? List.of() : List.of(battery.level().orElse(-1), battery.status()));
    }

    // The registry only notifies observers of what an object reports as changed: measured
    // voltages and currents are read again now and then and reported when they moved.
    private void startPowerPoll(Polling polling, long seconds) {
        AtomicReference<List<Map<Integer, Value>>> last = new AtomicReference<>(List.of(power.voltages(), power.currents()));
        polls.add(polling.every(Duration.ofSeconds(seconds), "Device (3/0): power source voltages and currents", () -> {
            List<Map<Integer, Value>> now = List.of(power.voltages(), power.currents());
            List<Map<Integer, Value>> before = last.getAndSet(now);
            if (!now.get(0).equals(before.get(0))) {
                fireResourcesChanged(0, POWER_SOURCE_VOLTAGE);
            }
            if (!now.get(1).equals(before.get(1))) {
                fireResourcesChanged(0, POWER_SOURCE_CURRENT);
            }
        }));
    }

    private void logPowerSources(boolean configured) {
        if (power.isEmpty()) {
            LOG.info(configured ? "No valid power source configured: resources 3/0/6, 7 and 8 are left out"
                    : "The host reports no power supply (/sys/class/power_supply): resources 3/0/6, 7 and 8 are left out;"
                            + " name the gateway's sources in powerSources of etc/{}.cfg", PID);
        }
        for (int i = 0; i < power.sources().size(); i++) {
            PowerSources.Source s = power.sources().get(i);
            if (s.supply() != null && s.supply().measures()) {
                LOG.info("Power source 3/0/6/{} (type {}): voltage and current measured by the host ({})", i, s.type(),
                        s.supply().dir());
            } else if (s.supply() != null) {
                LOG.info("Power source 3/0/6/{} (type {}) is {}, which measures no voltage or current: 3/0/7 and 3/0/8"
                        + " have no instance {}", i, s.type(), s.supply().dir(), i);
            } else if (s.nominalMillivolts().isEmpty() && s.nominalMilliamps().isEmpty()) {
                LOG.info("Power source 3/0/6/{} (type {}): the host measures nothing for it and no nominal values are"
                        + " configured, so 3/0/7 and 3/0/8 have no instance {}; set powerSourceVoltage and powerSourceCurrent in etc/{}.cfg",
                        i, s.type(), i, PID);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setConfigurationAdmin(ConfigurationAdmin ca) {
        configAdmin.set(ca);
    }

    void unsetConfigurationAdmin(ConfigurationAdmin ca) {
        // a greedy replacement binds the new service before unbinding the old one
        configAdmin.compareAndSet(ca, null);
    }

    /** True once Reboot or Factory Reset has scheduled a framework restart. */
    boolean isRestartPending() {
        return restart.isPending();
    }

    private void writeZone(String zone) {
        String offsetBefore = time.get().utcOffsetText(clock);
        DeviceTime after = time.updateAndGet(t -> t.withZone(zone));
        // a UTC offset nobody wrote follows the zone: tell observers of 14 too
        if (!after.utcOffsetText(clock).equals(offsetBefore)) {
            fireResourcesChanged(0, UTC_OFFSET);
        }
    }

    private void factoryReset() throws IOException {
        ConfigurationAdmin ca = configAdmin.get();
        if (ca == null) {
            throw new LwM2mException(ResponseCode.INTERNAL_SERVER_ERROR,
                    "Factory Reset needs the OSGi Configuration Admin service, which is not available: nothing was reset");
        }
        List<String> deleted = FactoryReset.deleteRuntimeConfigurations(ca);
        LOG.info("Factory Reset deleted the runtime configurations {}", deleted);
        restart.restartLater("Factory Reset executed");
    }
}
