/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import java.util.Arrays;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;

/** security.policy and security.mode from the configuration. */
final class SecurityChoice {

    private SecurityChoice() {
    }

    static SecurityPolicy policy(ServerConfig config, String where) {
        String p = config.security_policy().strip();
        for (SecurityPolicy policy : SecurityPolicy.values()) {
            if (policy.name().equalsIgnoreCase(p) || policy.getUri().equals(p)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("security.policy '" + p + "' in " + where + " is not one of "
                + Arrays.toString(SecurityPolicy.values()));
    }

    static MessageSecurityMode mode(ServerConfig config, String where) {
        String m = config.security_mode().strip();
        SecurityPolicy policy = policy(config, where);
        if (m.isEmpty()) {
            return policy == SecurityPolicy.None ? MessageSecurityMode.None : MessageSecurityMode.SignAndEncrypt;
        }
        for (MessageSecurityMode mode : new MessageSecurityMode[] { MessageSecurityMode.None, MessageSecurityMode.Sign,
                MessageSecurityMode.SignAndEncrypt }) {
            if (mode.name().equalsIgnoreCase(m)) {
                if ((mode == MessageSecurityMode.None) != (policy == SecurityPolicy.None)) {
                    throw new IllegalArgumentException("security.mode " + mode + " does not go with security.policy " + policy
                            + " in " + where + " (None goes with None only)");
                }
                return mode;
            }
        }
        throw new IllegalArgumentException("security.mode '" + m + "' in " + where + " is not None, Sign or SignAndEncrypt");
    }
}
