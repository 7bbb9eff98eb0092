/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.osgi.service.metatype.AttributeDefinition;

/** Which settings the console never gives out: the gateway's own setting names. */
public class ConfigFormsSecretTest {

    private static AttributeDefinition ad(String id, int type) {
        return new AttributeDefinition() {
            @Override public String getName() { return id; }
            @Override public String getID() { return id; }
            @Override public String getDescription() { return ""; }
            @Override public int getCardinality() { return 0; }
            @Override public int getType() { return type; }
            @Override public String[] getOptionValues() { return null; }
            @Override public String[] getOptionLabels() { return null; }
            @Override public String validate(String value) { return null; }
            @Override public String[] getDefaultValue() { return null; }
        };
    }

    private static boolean secret(String id) {
        return ConfigForms.secret(ad(id, AttributeDefinition.STRING));
    }

    @Test
    public void settingsNamedForASecretAreSecret() {
        for (String id : new String[] { "psk.key", "x509.password", "password", "client.secret", "api_token", "PSK.KEY" }) {
            assertTrue(id, secret(id));
        }
        assertTrue(ConfigForms.secret(ad("anything", AttributeDefinition.PASSWORD)));
    }

    @Test
    public void pathsToSecretsAndOtherSettingsAreShown() {
        for (String id : new String[] { "psk.key.file", "psk.keys.file", "rpk.keys.folder", "rpk.private.key.file", "rpk.public.key.file",
                "server.public.key.file", "x509.keystore", "x509.keystores.folder", "x509.password.file", "password.file",
                "password.on.loopback", "keepalive", "monkey", "uri" }) {
            assertFalse(id, secret(id));
        }
    }
}
