/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The transport security settings a server configuration and the bootstrap configuration share
 * (same setting names in both files), read into a {@link TransportSecurity}. Key files are
 * resolved against the configuration file's folder; errors name the setting and the file.
 */
record SecuritySettings(String mode, String pskIdentity, String pskKeyFile, String pskKey, String pskKeysFile,
        String rpkPrivateKeyFile, String rpkPublicKeyFile, String rpkKeysFolder, String serverPublicKeyFile, String x509Keystore,
        String x509KeystoresFolder,
        String x509PasswordFile, String x509Password, String x509Truststore, String serverCertificateFile,
        int x509CertificateUsage) {

    static SecuritySettings of(ServerConfig c) {
        return new SecuritySettings(c.security_mode(), c.psk_identity(), c.psk_key_file(), c.psk_key(), c.psk_keys_file(),
                c.rpk_private_key_file(), c.rpk_public_key_file(), c.rpk_keys_folder(), c.server_public_key_file(), c.x509_keystore(),
                c.x509_keystores_folder(),
                c.x509_password_file(), c.x509_password(), c.x509_truststore(), c.server_certificate_file(),
                c.x509_certificate_usage());
    }

    static SecuritySettings of(BootstrapServerConfig c) {
        return new SecuritySettings(c.security_mode(), c.psk_identity(), c.psk_key_file(), c.psk_key(), c.psk_keys_file(),
                c.rpk_private_key_file(), c.rpk_public_key_file(), c.rpk_keys_folder(), c.server_public_key_file(), c.x509_keystore(),
                c.x509_keystores_folder(),
                c.x509_password_file(), c.x509_password(), c.x509_truststore(), c.server_certificate_file(),
                c.x509_certificate_usage());
    }

    /** Security mode and credentials for a server at {@code uri}: PSK by default for coaps://, none for coap://. */
    TransportSecurity transportSecurity(URI uri, Path folder, String where) {
        TransportSecurity.Mode fallback = ServerDefinition.isSecureScheme(uri) ? TransportSecurity.Mode.PSK : TransportSecurity.Mode.NO_SEC;
        TransportSecurity.Mode parsed = TransportSecurity.Mode.parse(mode, fallback, where);
        switch (parsed) {
            case NO_SEC:
                return TransportSecurity.NO_SEC;
            case PSK:
                break;
            case RPK:
                return CertificateSettings.rpk(this, folder, where);
            default:
                return CertificateSettings.x509(this, folder, where);
        }
        boolean inline = !pskKey.isBlank();
        boolean fromFile = !pskKeyFile.isBlank();
        if (inline && fromFile) {
            throw new IllegalArgumentException(where + ": both psk.key and psk.key.file are set; keep one (psk.key.file preferred)");
        }
        byte[] key = null;
        if (fromFile) {
            key = SecretFiles.hexKeyFile(folder.resolve(pskKeyFile.strip()), "psk.key.file", where);
        } else if (inline) {
            key = SecretFiles.hexKey(pskKey, where + ": psk.key");
        }
        Map<String, byte[]> endpointKeys = Map.of();
        String keysFile = "";
        if (!pskKeysFile.isBlank()) {
            Path file = folder.resolve(pskKeysFile.strip());
            endpointKeys = SecretFiles.endpointKeys(file, "psk.keys.file", where);
            keysFile = file.toString();
        }
        return TransportSecurity.psk(pskIdentity, key, endpointKeys, keysFile, where);
    }

    @Override
    public String toString() {
        return "security settings (mode " + (mode.isBlank() ? "default" : mode) + ")"; // never the inline secrets
    }
}
