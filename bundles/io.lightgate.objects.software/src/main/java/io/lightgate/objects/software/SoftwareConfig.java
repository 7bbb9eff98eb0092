/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Software Management object (PID {@value SoftwareManagementObject#PID}). */
@ObjectClassDefinition(
        name = "Lightgate Software Management object (9)",
        description = "Add-on bundles installed, started, stopped and uninstalled by the LwM2M server through object 9.")
public @interface SoftwareConfig {

    @AttributeDefinition(name = "Largest package (bytes)", min = "1",
            description = "A package pulled from a Package URI may not be larger (Update Result 50). A package pushed to"
                    + " 9/x/2 is also bounded by max.payload.bytes of the LwM2M engine (io.lightgate.lwm2m).")
    long max_package_bytes() default 16L * 1024 * 1024;

    @AttributeDefinition(name = "Download timeout (s)", min = "1",
            description = "Connecting to and answering from the Package URI's server may each take this long before the"
                    + " download counts as lost (Update Result 52).")
    int download_timeout_s() default 60;

    @AttributeDefinition(name = "Show load/ bundles",
            description = "Bundles dropped into the load/ folder appear as read-only instances (started and stopped"
                    + " through object 9, installed and removed only through the folder).")
    boolean load_folder_instances() default true;
}
