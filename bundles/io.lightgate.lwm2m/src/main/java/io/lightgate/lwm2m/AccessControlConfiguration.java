/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.lwm2m.access.AclEntry;
import io.lightgate.lwm2m.access.AclInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code io.lightgate.lwm2m.acl} configuration, checked: the factory-provisioned Access Control
 * instances of the endpoints. A line that does not parse is logged with the file and left out (its
 * object instance then has no Access Control instance, so servers are refused rather than let in);
 * the other lines apply.
 */
@Designate(ocd = AclConfig.class)
@Component(service = AccessControlConfiguration.class, configurationPid = AccessControlConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class AccessControlConfiguration {

    static final String PID = "io.lightgate.lwm2m.acl";
    private static final Logger LOG = LoggerFactory.getLogger(AccessControlConfiguration.class);

    private final List<AclEntry> entries;

    @Activate
    public AccessControlConfiguration(AclConfig config, Map<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        String where = file != null ? String.valueOf(file) : "configuration " + PID;
        List<AclEntry> parsed = new ArrayList<>();
        for (String line : config.entries()) {
            if (line == null || line.isBlank()) {
                continue;
            }
            try {
                parsed.add(AclEntry.parse(line));
            } catch (IllegalArgumentException e) {
                LOG.error("{}: entries: {}. The line is left out (servers get no rights from it) until the file is fixed.", where,
                        e.getMessage());
            }
        }
        this.entries = List.copyOf(parsed);
        LOG.info("Access control: {} entries from {}", entries.size(), where);
    }

    /** Whether the configuration says anything about the endpoint (then its access is controlled). */
    boolean appliesTo(String endpoint) {
        return AclEntry.appliesTo(endpoint, entries);
    }

    List<AclInstance> instancesFor(String endpoint) {
        return AclEntry.instancesFor(endpoint, entries);
    }
}
