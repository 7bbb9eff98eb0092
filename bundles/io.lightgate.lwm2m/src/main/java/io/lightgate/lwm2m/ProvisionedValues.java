/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import java.util.List;

/**
 * Checks of Bootstrap-Written values the decoder cannot make: a value of the right type but
 * outside what the resource allows. Refused at the write (4.00, Core 1.1 6.1.7.6) rather than
 * found out at Finish or at the next registration, when the session that sent it is gone.
 */
final class ProvisionedValues {

    /** Security object resource 2: 0 PSK, 1 RPK, 2 X.509, 3 NoSec, 4 EST (Core 1.1 E.1). */
    static final int SECURITY_MODE = 2;
    private static final long HIGHEST_SECURITY_MODE = 4;

    private ProvisionedValues() {
    }

    /**
     * @param instance the object instance written
     * @param resources the decoded resources written into it
     * @throws LwM2mException 4.00 for a value the resource does not allow
     */
    static void check(LwM2mPath instance, List<Resource> resources) {
        if (instance.objectId() != ClientState.SECURITY) {
            return;
        }
        for (Resource r : resources) {
            if (r.id() == SECURITY_MODE && !r.isMultiple() && r.type() == ResourceType.INTEGER) {
                long mode = r.value().asLong();
                if (mode < 0 || mode > HIGHEST_SECURITY_MODE) {
                    throw LwM2mException.badRequest("/" + instance.objectId() + "/" + instance.instanceId() + "/2 Security Mode " + mode
                            + " is not one of 0 (PSK), 1 (RPK), 2 (X.509), 3 (NoSec), 4 (EST)");
                }
            }
        }
    }
}
