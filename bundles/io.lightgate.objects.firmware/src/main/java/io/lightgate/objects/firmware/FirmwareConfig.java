/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Firmware Update object (PID {@value FirmwareUpdateObject#PID}). */
@ObjectClassDefinition(name = "Lightgate Firmware Update object (5)",
        description = "Firmware Update of the gateway's own endpoint: a package is a new gateway image (gateway.jar) or a feature"
                + " (a zip of feature.properties and bundles/*.jar, composed with the running image into a new one), applied by the"
                + " supervisor bin/lightgate.")
public @interface FirmwareConfig {

    @AttributeDefinition(name = "Exit delay (ms)",
            description = "Time between the answer to Update (5/0/2) and the gateway's exit with code 10, which asks bin/lightgate"
                    + " to apply the staged image: long enough for the 2.04 to reach the server.")
    long exitDelayMillis() default 1000;

    @AttributeDefinition(name = "Download timeout (s)",
            description = "How long a download from the Package URI (5/0/1) may take before it counts as a lost connection (result 4).")
    long downloadTimeoutSeconds() default 600;

    @AttributeDefinition(name = "Largest package (bytes)",
            description = "A package from the Package URI larger than this is refused with result 2 (not enough storage). A pushed"
                    + " package is bounded by gateway.max.payload.bytes in etc/io.lightgate.lwm2m.cfg.")
    long maxPackageBytes() default 256L * 1024 * 1024;
}
