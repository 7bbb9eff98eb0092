/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.client.TransportKind;
import io.lightgate.dlms.protocol.Authentication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** One simulated meter per configuration, listening until the configuration or bundle goes away. */
@Component(configurationPid = SimulatorComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = SimulatorConfig.class, factory = true)
public final class SimulatorComponent {

    public static final String FACTORY_PID = "io.lightgate.simulator.dlms";

    private static final System.Logger LOG = System.getLogger(SimulatorComponent.class.getName());

    private final DlmsServer server;

    @Activate
    public SimulatorComponent(SimulatorConfig c, Map<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        String origin = file != null ? file.toString() : "configuration " + properties.get("service.pid");
        try {
            Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(c.clock_offset()));
            SimulatedMeter meter = new SimulatedMeter(c.serial(), clock::instant, c.serial().hashCode(),
                    c.current(), Duration.ofSeconds(Math.max(1, c.capture_period())), Math.max(1, c.profile_entries()));
            ServerOptions options = new ServerOptions(TransportKind.parse(c.transport()), c.logical_address(),
                    Authentication.parse(c.authentication()), c.password().getBytes(StandardCharsets.US_ASCII),
                    c.max_pdu_size(), c.hdlc_max_info(), Math.max(1, c.max_connections()));
            server = new DlmsServer(meter, options, InetAddress.getByName(c.bind()), c.port());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, "DLMS simulator in {0}: {1}", origin, e.getMessage());
            throw e;
        } catch (IOException e) {
            LOG.log(Level.ERROR, "DLMS simulator in {0}: cannot listen on {1}:{2}: {3}", origin, c.bind(), Integer.toString(c.port()), e.toString());
            throw new UncheckedIOException(e);
        }
        LOG.log(Level.INFO, "DLMS simulator {0} listening on {1}:{2} ({3})", c.serial(), c.bind(), Integer.toString(server.port()), c.transport());
    }

    @Deactivate
    void deactivate() {
        server.close();
        LOG.log(Level.INFO, "DLMS simulator on port {0} stopped", Integer.toString(server.port()));
    }
}
