/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The RPK and X.509 settings of a server configuration, read into a {@link TransportSecurity}:
 * the gateway endpoint's identity from its files, and virtual endpoints' identities from a folder
 * with one key pair (RPK) or key store (X.509) per endpoint name. Relative file names are
 * resolved against the configuration file's folder; errors name the setting, the file and the
 * configuration.
 */
final class CertificateSettings {

    static final String RPK_PRIVATE_SUFFIX = ".key.pem";
    static final String RPK_PUBLIC_SUFFIX = ".pub.pem";
    static final String X509_SUFFIX = ".p12";

    private CertificateSettings() {
    }

    static TransportSecurity rpk(SecuritySettings config, Path folder, String where) {
        boolean perEndpoint = !config.rpkKeysFolder().isBlank();
        boolean own = !perEndpoint || !config.rpkPrivateKeyFile().isBlank() || !config.rpkPublicKeyFile().isBlank();
        Path serverFile = required(config.serverPublicKeyFile(), "server.public.key.file", "RPK", folder, where);
        PublicKey serverKey = KeyFiles.publicKey(serverFile, "server.public.key.file", where);
        ServerTrust trust = ServerTrust.rawPublicKey(serverKey, "server.public.key.file " + serverFile + " (" + where + ")");
        CertificateCredential gateway = null;
        if (own) {
            Path privateFile = required(config.rpkPrivateKeyFile(), "rpk.private.key.file", "RPK", folder, where);
            Path publicFile = required(config.rpkPublicKeyFile(), "rpk.public.key.file", "RPK", folder, where);
            gateway = rawPublicKey(privateFile, publicFile, "rpk.private.key.file", "rpk.public.key.file", trust, serverFile, where);
        }
        Map<String, CertificateCredential> endpoints = Map.of();
        String source = "";
        if (perEndpoint) {
            Path dir = folder.resolve(config.rpkKeysFolder().strip());
            source = "rpk.keys.folder " + dir;
            endpoints = perEndpoint(dir, "rpk.keys.folder", RPK_PRIVATE_SUFFIX, where, name -> rawPublicKey(dir.resolve(name + RPK_PRIVATE_SUFFIX),
                    dir.resolve(name + RPK_PUBLIC_SUFFIX), "rpk.keys.folder", "rpk.keys.folder", trust, serverFile, where));
        }
        return TransportSecurity.certificates(TransportSecurity.Mode.RPK, gateway, endpoints, source);
    }

    static TransportSecurity x509(SecuritySettings config, Path folder, String where) {
        boolean perEndpoint = !config.x509KeystoresFolder().isBlank();
        boolean own = !perEndpoint || !config.x509Keystore().isBlank();
        Path keystore = own ? required(config.x509Keystore(), "x509.keystore", "X509", folder, where) : null;
        ServerTrust trust = x509Trust(config, folder, where);
        boolean passwordFile = !config.x509PasswordFile().isBlank();
        if (passwordFile && !config.x509Password().isBlank()) {
            throw new IllegalArgumentException(where + ": both x509.password and x509.password.file are set; keep one (the file preferred)");
        }
        char[] password = passwordFile
                ? KeyFiles.password(folder.resolve(config.x509PasswordFile().strip()), "x509.password.file", where)
                : config.x509Password().toCharArray();
        try {
            CertificateCredential gateway = own ? x509(keystore, password, "x509.keystore", trust, where) : null;
            Map<String, CertificateCredential> endpoints = Map.of();
            String source = "";
            if (perEndpoint) {
                Path dir = folder.resolve(config.x509KeystoresFolder().strip());
                source = "x509.keystores.folder " + dir;
                endpoints = perEndpoint(dir, "x509.keystores.folder", X509_SUFFIX, where,
                        name -> x509(dir.resolve(name + X509_SUFFIX), password, "x509.keystores.folder", trust, where));
            }
            return TransportSecurity.certificates(TransportSecurity.Mode.X509, gateway, endpoints, source);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static CertificateCredential rawPublicKey(Path privateFile, Path publicFile, String privateSetting, String publicSetting,
            ServerTrust trust, Path serverFile, String where) {
        PrivateKey privateKey = KeyFiles.privateKey(privateFile, privateSetting, where);
        PublicKey publicKey = KeyFiles.publicKey(publicFile, publicSetting, where);
        KeyFiles.checkPair(privateKey, publicKey, where + ": " + privateSetting + " (" + privateFile + ") and " + publicSetting + " ("
                + publicFile + ")");
        return CertificateCredential.rawPublicKey(privateKey, publicKey, trust, "key " + publicFile + ", server key " + serverFile);
    }

    private static CertificateCredential x509(Path keystore, char[] password, String setting, ServerTrust trust, String where) {
        KeyFiles.KeyAndChain own = KeyFiles.pkcs12(keystore, password, setting, where);
        return CertificateCredential.x509(own.privateKey(), List.of(own.chain()), trust,
                "certificate '" + own.chain()[0].getSubjectX500Principal().getName() + "' from " + keystore + ", server checked by "
                        + trust.source());
    }

    private static ServerTrust x509Trust(SecuritySettings config, Path folder, String where) {
        List<X509Certificate> trusted = List.of();
        String source = "";
        if (!config.x509Truststore().isBlank()) {
            Path file = folder.resolve(config.x509Truststore().strip());
            trusted = KeyFiles.certificates(file, "x509.truststore", where);
            source = "x509.truststore " + file;
        }
        X509Certificate pinned = null;
        if (!config.serverCertificateFile().isBlank()) {
            Path file = folder.resolve(config.serverCertificateFile().strip());
            pinned = KeyFiles.certificates(file, "server.certificate.file", where).get(0);
            source = (source.isEmpty() ? "" : source + " / ") + "server.certificate.file " + file;
        }
        source = (source.isEmpty() ? "x509.truststore / server.certificate.file" : source) + " (" + where + ")";
        return ServerTrust.x509(trusted, pinned, config.x509CertificateUsage(), source);
    }

    /** One credential per endpoint name: the files in {@code dir} ending with {@code suffix}. */
    private static Map<String, CertificateCredential> perEndpoint(Path dir, String setting, String suffix, String where,
            Function<String, CertificateCredential> read) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(where + ": " + setting + " names " + dir + ", which is not a folder");
        }
        Map<String, CertificateCredential> result = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                if (file.endsWith(suffix) && file.length() > suffix.length()) {
                    String endpoint = file.substring(0, file.length() - suffix.length());
                    result.put(endpoint, read.apply(endpoint));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": " + setting + " names " + dir + ", which cannot be listed (" + e + ")");
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + setting + " " + dir + " holds no <endpoint>" + suffix + " file");
        }
        return result;
    }

    private static Path required(String value, String setting, String mode, Path folder, String where) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + ": security.mode is " + mode + " but " + setting + " is not set");
        }
        return folder.resolve(value.strip());
    }
}
