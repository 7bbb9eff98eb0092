/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import io.lightgate.dlms.client.TransportKind;
import io.lightgate.dlms.protocol.Authentication;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One simulated meter per configuration, listening until the configuration or bundle goes away. */
@Component(configurationPid = SimulatorComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = SimulatorConfig.class, factory = true)
public final class SimulatorComponent {

    public static final String FACTORY_PID = "io.lightgate.simulator.dlms";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

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
            LOG.error("DLMS simulator in {}: {}", origin, e.getMessage());
            throw e;
        } catch (IOException e) {
            LOG.error("DLMS simulator in {}: cannot listen on {}:{}: {}", origin, c.bind(), Integer.toString(c.port()), e.toString());
            throw new UncheckedIOException(e);
        }
        LOG.info("DLMS simulator {} listening on {}:{} ({})", c.serial(), c.bind(), Integer.toString(server.port()), c.transport());
    }

    @Deactivate
    void deactivate() {
        server.close();
        LOG.info("DLMS simulator on port {} stopped", Integer.toString(server.port()));
    }
}
