/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import io.lightgate.api.ConfigurationOrigin;
import io.lightgate.api.model.RequireModels;
import io.lightgate.api.status.SourceMonitor;
import io.lightgate.api.status.SourceState;
import io.lightgate.api.status.SourceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One meter configuration ({@code etc/io.lightgate.adapter.dlms.meter-<name>.cfg}): the meter at
 * work ({@link RunningMeter}), or, when a setting does not work, a source in state
 * {@link SourceState#FAILED} whose error names the setting and the file, so the console and
 * {@code lwm2m:adapters} show the meter and what to fix, not nothing. Fixing or deleting the file
 * replaces or removes this component, and with it the failed source.
 */
@RequireModels
@Component(configurationPid = MeterComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = MeterConfig.class, factory = true)
public final class MeterComponent {

    /** Factory PID: one configuration per meter. */
    public static final String FACTORY_PID = "io.lightgate.adapter.dlms.meter";

    private final RunningMeter running; // null when the configuration was refused
    private final ServiceRegistration<SourceMonitor> refusal; // null when the meter runs

    @Activate
    public MeterComponent(BundleContext context, MeterConfig config, Map<String, Object> properties,
            @Reference DlmsWorkers workers) {
        RunningMeter meter = null;
        ServiceRegistration<SourceMonitor> failed = null;
        try {
            meter = new RunningMeter(context, config, properties, workers);
        } catch (IllegalArgumentException e) { // RunningMeter logged it, naming the setting and the file
            SourceStatus status = refused(ConfigurationOrigin.of(properties), config, e.getMessage(), Instant.now());
            failed = context.registerService(SourceMonitor.class, () -> List.of(status), null);
        }
        this.running = meter;
        this.refusal = failed;
    }

    /** What the console shows for a configuration that does not work. */
    static SourceStatus refused(ConfigurationOrigin origin, MeterConfig config, String problem, Instant since) {
        String endpoint = config.endpoint().isBlank() ? "dlms-" + config.host() + "-" + config.port() : config.endpoint().strip();
        return new SourceStatus(MeterSource.KIND, origin.shortName(), config.host() + ":" + config.port(),
                config.gateway_instance() >= 0 ? List.of() : List.of(endpoint), SourceState.FAILED, since, problem + " (the meter is not polled until the file is fixed)", null, 0, 0);
    }

    @Deactivate
    void deactivate() {
        if (running != null) {
            running.close();
        }
        if (refusal != null) {
            try {
                refusal.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }
}
