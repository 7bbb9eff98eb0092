/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.ConfigurationOrigin;
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
    private final boolean denyWithoutEntries;

    @Activate
    public AccessControlConfiguration(AclConfig config, Map<String, Object> properties) {
        ConfigurationOrigin origin = ConfigurationOrigin.of(properties);
        String where = origin.fromFile() ? origin.where() : "configuration " + PID;
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
        this.denyWithoutEntries = denyWithoutEntries(config.endpoints_without_entries(), where);
        LOG.info("Access control: {} entries from {}; endpoints without entries: {}", entries.size(), where,
                denyWithoutEntries ? "deny (the Core spec's rule)" : "allow (open to every server)");
    }

    /** A value other than allow or deny is refused towards the safe side: deny. */
    private static boolean denyWithoutEntries(String value, String where) {
        String v = value == null ? "allow" : value.strip();
        if (v.equalsIgnoreCase("allow")) {
            return false;
        }
        if (!v.equalsIgnoreCase("deny")) {
            LOG.error("{}: endpoints.without.entries is '{}', which is neither allow nor deny; the gateway applies deny "
                    + "until the file is fixed.", where, v);
        }
        return true;
    }

    /**
     * Whether the endpoint's access is controlled: a line applies to it, or endpoints without lines
     * are denied (then, with more than one server, only what an Access Control instance grants is allowed).
     */
    boolean appliesTo(String endpoint) {
        return denyWithoutEntries || AclEntry.appliesTo(endpoint, entries);
    }

    List<AclInstance> instancesFor(String endpoint) {
        return AclEntry.instancesFor(endpoint, entries);
    }
}
