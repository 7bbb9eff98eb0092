/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.identity.X509IdentityProvider;

/** The user identity a session is activated with, from the configuration. */
record Identity(String kind, String username, String password, ClientCertificates certificates) {

    static Identity from(ServerConfig config, ClientCertificates certificates, String where) throws IOException {
        String kind = config.identity().strip().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "anonymous":
            case "certificate":
                return new Identity(kind, "", "", certificates);
            case "username":
                if (config.username().isBlank()) {
                    throw new IllegalArgumentException("identity=username needs username in " + where);
                }
                String password = config.password();
                if (!config.password_file().isBlank()) {
                    Path file = Path.of(config.password_file());
                    try {
                        password = Files.readString(file).strip();
                    } catch (IOException e) {
                        throw new IOException("password.file " + file + " in " + where + " cannot be read: " + e, e);
                    }
                }
                return new Identity(kind, config.username().strip(), password, certificates);
            default:
                throw new IllegalArgumentException("identity '" + config.identity() + "' in " + where
                        + " is not anonymous, username or certificate");
        }
    }

    IdentityProvider provider() {
        return switch (kind) {
            case "username" -> new UsernameProvider(username, password);
            case "certificate" -> new X509IdentityProvider(certificates.certificate(), certificates.keyPair().getPrivate());
            default -> new AnonymousProvider();
        };
    }

    String description() {
        return switch (kind) {
            case "username" -> "user '" + username + "'";
            case "certificate" -> "certificate '" + certificates.certificate().getSubjectX500Principal().getName() + "'";
            default -> "anonymous";
        };
    }

    @Override
    public String toString() {
        return description(); // never the password
    }
}
