/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.api.ConfigurationOrigin;
import io.lightgate.api.model.ModelRepository;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OPC UA server configuration: the server as a virtual endpoint ({@link OpcUaServerEndpoint}),
 * or, when the configuration does not work (a setting, the client's certificate folder), a source
 * in state {@link SourceState#FAILED} whose error says what to fix, so the console and
 * {@code lwm2m:adapters} show the server instead of nothing. Fixing or deleting the file replaces
 * or removes this component, and with it the failed source.
 */
@RequireModels
@Component(service = {}, immediate = true, configurationPid = OpcUaServerComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ServerConfig.class, factory = true)
public final class OpcUaServerComponent {

    /** Factory PID: one etc/io.lightgate.adapter.opcua.server-&lt;name&gt;.cfg per OPC UA server. */
    public static final String FACTORY_PID = "io.lightgate.adapter.opcua.server";

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaServerComponent.class);

    private final OpcUaServerEndpoint endpoint; // null when the configuration was refused
    private final ServiceRegistration<SourceMonitor> refusal; // null when the endpoint runs

    @Activate
    public OpcUaServerComponent(ServerConfig config, Map<String, Object> properties, BundleContext context,
            @Reference ModelRepository models) {
        OpcUaServerEndpoint running = null;
        ServiceRegistration<SourceMonitor> failed = null;
        try {
            running = new OpcUaServerEndpoint(config, properties, context, models);
        } catch (Exception e) {
            ConfigurationOrigin origin = ConfigurationOrigin.of(properties);
            String problem = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!problem.contains(origin.where())) {
                problem = problem + " (in " + origin.where() + ")";
            }
            LOG.error("OPC UA server {} is not used: {}. Fix the file; the gateway picks it up when it changes.",
                    config.endpoint_url(), problem, e instanceof IllegalArgumentException ? null : e);
            SourceStatus status = refused(origin, config, problem, Instant.now());
            failed = context.registerService(SourceMonitor.class, () -> List.of(status), null);
        }
        this.endpoint = running;
        this.refusal = failed;
    }

    /** What the console shows for a configuration that does not work. */
    static SourceStatus refused(ConfigurationOrigin origin, ServerConfig config, String problem, Instant since) {
        String name = config.endpoint_name() == null ? "" : config.endpoint_name().strip();
        return new SourceStatus(SourceReport.KIND, origin.shortName(), String.valueOf(config.endpoint_url()),
                name.isEmpty() ? List.of() : List.of(name), SourceState.FAILED, since, problem, null, 0, 0);
    }

    @Deactivate
    void deactivate() {
        if (endpoint != null) {
            endpoint.close();
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
