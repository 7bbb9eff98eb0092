/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.ConfigurationOrigin;
import io.lightgate.dlms.client.ClientSettings;
import io.lightgate.dlms.client.TransportKind;
import io.lightgate.dlms.protocol.Authentication;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.api.registry.EndpointContribution;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.status.SourceMonitor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured meter at work, as a virtual LwM2M endpoint (registers the meter's objects: its Device
 * object 3, 10242 or 10243, optionally 3305/3331, the load profile 26241, and then, once the
 * meter answered or {@code registration.wait} is over, its {@link EndpointDescriptor}), or as
 * instances of objects under the gateway's own endpoint (shared with the other meters there, see
 * {@link io.lightgate.api.object.LwM2mObject#SHARED}; no Device object: the gateway has its own);
 * polls the meter at the configured interval so observations see its changes.
 */
final class RunningMeter implements MeterListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunningMeter.class);

    private final Meter meter;
    private final EndpointContribution contribution; // the meter's endpoint and objects, or its instances under the gateway's
    private final ScheduledFuture<?> polling;
    private final MeterObjects objects;
    private final RegistrationGate gate;
    private final MeterDevice device;
    private final MeterSource source;
    private final org.osgi.framework.ServiceRegistration<SourceMonitor> sourceRegistration;

    /** @throws IllegalArgumentException for a setting that does not work (logged, naming the setting and the file) */
    RunningMeter(BundleContext context, MeterConfig config, Map<String, Object> properties, DlmsWorkers workers) {
        String origin = ConfigurationOrigin.of(properties).where();
        ClientSettings settings = settings(config, origin);
        String endpoint = config.endpoint().isBlank() ? "dlms-" + config.host() + "-" + config.port() : config.endpoint().strip();
        List<MappedResource> mapping;
        ObisCode profile;
        try {
            mapping = Mapping.resolve(config.phases(), config.energy_objects(), config.mapping());
            profile = config.load_profile().isBlank() ? null : ObisCode.parse(config.load_profile());
        } catch (IllegalArgumentException e) {
            throw misconfigured(origin, "mapping/load.profile", e.getMessage());
        }
        MeterObjects[] objects = new MeterObjects[1];
        // the meter tells this component (answered/unreachable) only once polling starts, at the end
        this.meter = new Meter(endpoint, settings, mapping, profile, config.load_profile_entries(),
                Duration.ofSeconds(Math.max(0, config.max_age())), workers.io(), Clock.systemUTC(),
                changed -> objects[0].changed(changed), this);
        boolean underGateway = config.gateway_instance() >= 0;
        boolean behindGateway = exposure(config.exposure(), origin);
        try {
            objects[0] = new MeterObjects(meter, profile == null ? null : profile.toString(), config.gateway_instance());
        } catch (IllegalArgumentException e) { // an instance id out of range
            throw misconfigured(origin, "gateway.instance", e.getMessage());
        }
        this.objects = objects[0];
        if (underGateway) {
            // the registry merges the meters' instances; one whose ids another meter has is refused with a warning
            contribution = EndpointContribution.services(context, null);
            objects[0].objects().forEach(contribution::addShared);
            gate = null;
            device = null;
        } else {
            contribution = EndpointContribution.services(context, endpoint);
            device = new MeterDevice(endpoint, meter);
            contribution.add(3, device.object());
            objects[0].objects().forEach(contribution::add);
            long wait = Math.max(0, config.registration_wait());
            EndpointDescriptor descriptor = new EndpointDescriptor(endpoint, Duration.ofSeconds(Math.max(30, config.lifetime())),
                    List.of(), behindGateway);
            gate = new RegistrationGate(Duration.ofSeconds(wait), workers.scheduler(),
                    () -> register(descriptor),
                    () -> LOG.warn("DLMS meter {} did not answer within registration.wait = {} s; its endpoint "
                            + "registers now and reads answer 5.03 until the meter answers", endpoint, Long.toString(wait)));
        }
        long interval = Math.max(1, config.polling_interval());
        source = new MeterSource(ConfigurationOrigin.of(properties).shortName(), config.host() + ":" + config.port(),
                underGateway ? List.of() : List.of(endpoint), origin, Clock.systemUTC(), this::nextPoll);
        polling = workers.scheduler().scheduleWithFixedDelay(() -> meter.poll().whenComplete((s, failure) -> source.polled(failure)),
                0, interval, TimeUnit.SECONDS);
        sourceRegistration = context.registerService(SourceMonitor.class, source, null);
        LOG.info("DLMS meter {}: {}:{} over {}, objects {} {}, polled every {} s", endpoint,
                config.host(), Integer.toString(config.port()), settings.transport(), objects[0].objects().keySet(),
                underGateway ? "as instance " + config.gateway_instance() + " of the gateway's endpoint" : behindGateway ? "on its endpoint behind the gateway's registration (object 25)" : "on its own endpoint",
                interval);
    }

    /** The meter answered a poll: its Device object learns what it said, its endpoint may register. */
    @Override
    public void answered(MeterIdentity identity, Instant meterTime, Instant hostTime) {
        if (device != null) {
            device.answered(identity, meterTime, hostTime);
            gate.open();
        }
    }

    @Override
    public void unreachable() {
        if (device != null) {
            device.unreachable();
        }
    }

    /** The endpoint registers with the servers (the engine follows EndpointDescriptor services); not once deactivated. */
    private void register(EndpointDescriptor descriptor) {
        if (contribution.registerEndpoint(descriptor)) {
            LOG.info(descriptor.behindGateway() ? "DLMS meter {}: endpoint goes behind the gateway's registration (object 25)"
                    : "DLMS meter {}: endpoint registers with the LwM2M servers", descriptor.name());
        }
    }

    /** exposure: true for "gateway" (behind the gateway's registration), false for "endpoints". */
    static boolean exposure(String value, String origin) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("endpoints")) {
            return false;
        }
        if (v.equalsIgnoreCase("gateway")) {
            return true;
        }
        throw misconfigured(origin, "exposure", "'" + v + "' is neither 'endpoints' (one registration per meter) nor 'gateway' "
                + "(behind the gateway's registration, object 25)");
    }

    /** When the next poll starts; null while polling is not scheduled (yet, or any more). */
    private Instant nextPoll() {
        ScheduledFuture<?> next = polling; // null while the constructor has not scheduled it
        return next == null || next.isDone() ? null : Instant.now().plusMillis(Math.max(0, next.getDelay(TimeUnit.MILLISECONDS)));
    }

    private static IllegalArgumentException misconfigured(String origin, String setting, String problem) {
        String message = "DLMS meter in " + origin + ": setting '" + setting + "': " + problem;
        LOG.error(message);
        return new IllegalArgumentException(message);
    }

    static ClientSettings settings(MeterConfig c, String origin) {
        TransportKind transport;
        Authentication auth;
        try {
            transport = TransportKind.parse(c.transport());
        } catch (IllegalArgumentException e) {
            throw misconfigured(origin, "transport", e.getMessage());
        }
        try {
            auth = Authentication.parse(c.authentication());
        } catch (IllegalArgumentException e) {
            throw misconfigured(origin, "authentication", "'" + c.authentication() + "' is not none or low");
        }
        if (auth != Authentication.NONE && auth != Authentication.LOW) {
            throw misconfigured(origin, "authentication", "high-level security (" + c.authentication()
                    + ") is not implemented yet; use none or low");
        }
        byte[] password = null;
        if (auth != Authentication.NONE) {
            if (c.password_file().isBlank()) {
                throw misconfigured(origin, "password.file", "authentication " + c.authentication() + " needs a password file");
            }
            try {
                String text = Files.readString(Path.of(c.password_file()), StandardCharsets.UTF_8);
                password = text.lines().findFirst().orElse("").strip().getBytes(StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw misconfigured(origin, "password.file", "cannot read " + c.password_file() + ": " + e);
            }
        }
        try {
            return new ClientSettings(c.host(), c.port(), transport, c.client_address(), c.server_logical_address(),
                    c.server_physical_address(), c.server_address_size(), auth, password,
                    Duration.ofMillis(Math.max(100, c.connect_timeout())), Duration.ofMillis(Math.max(100, c.response_timeout())),
                    c.max_pdu_size(), c.hdlc_max_info(), 1 << 20);
        } catch (IllegalArgumentException e) {
            throw misconfigured(origin, "host/port/authentication/max.pdu.size", e.getMessage());
        }
    }

    /** Stops polling, withdraws the endpoint and its objects, closes the connection to the meter. */
    void close() {
        try {
            sourceRegistration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
        polling.cancel(false);
        if (gate != null) {
            gate.cancel();
        }
        contribution.withdraw(); // the endpoint first: it de-registers before its objects disappear
        meter.close();
    }
}
