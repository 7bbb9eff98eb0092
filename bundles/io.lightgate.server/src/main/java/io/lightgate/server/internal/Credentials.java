/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import io.lightgate.server.api.Credential;
import io.lightgate.server.api.Credential.Mode;
import io.lightgate.server.api.LocalServerException;
import io.lightgate.server.api.LocalServerException.Reason;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.leshan.server.security.EditableSecurityStore;
import org.eclipse.leshan.server.security.NonUniqueSecurityInfoException;
import org.eclipse.leshan.server.security.SecurityInfo;

/** Conversion between {@link Credential} and Leshan's SecurityInfo, with input checks. */
final class Credentials {

    private Credentials() {
    }

    static List<Credential> list(EditableSecurityStore store) {
        return store.getAll().stream().map(Credentials::toCredential).sorted(Comparator.comparing(Credential::endpoint)).toList();
    }

    private static Credential toCredential(SecurityInfo info) {
        if (info.usePSK()) {
            // the key itself is never handed out again
            return new Credential(info.getEndpoint(), Mode.PSK, info.getPskIdentity(), "");
        }
        if (info.useRPK()) {
            return new Credential(info.getEndpoint(), Mode.RPK, "", HexFormat.of().formatHex(info.getRawPublicKey().getEncoded()));
        }
        return new Credential(info.getEndpoint(), Mode.X509, "", "");
    }

    static void put(EditableSecurityStore store, Credential credential) {
        SecurityInfo info = toSecurityInfo(credential);
        try {
            store.add(info);
        } catch (NonUniqueSecurityInfoException e) {
            throw new LocalServerException(Reason.BAD_REQUEST, null, e.getMessage(), e);
        }
    }

    static SecurityInfo toSecurityInfo(Credential c) {
        if (c.endpoint().isBlank()) {
            throw new LocalServerException(Reason.BAD_REQUEST, "endpoint must not be empty");
        }
        try {
            switch (c.mode()) {
                case PSK:
                    if (c.identity().isBlank() || c.key().isBlank()) {
                        throw new LocalServerException(Reason.BAD_REQUEST, "PSK credentials need identity and key (hex)");
                    }
                    return SecurityInfo.newPreSharedKeyInfo(c.endpoint(), c.identity(), HexFormat.of().parseHex(c.key()));
                case RPK:
                    PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(HexFormat.of().parseHex(c.key())));
                    return SecurityInfo.newRawPublicKeyInfo(c.endpoint(), key);
                default:
                    return SecurityInfo.newX509CertInfo(c.endpoint());
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new LocalServerException(Reason.BAD_REQUEST, null, "Bad key for " + c.endpoint() + " (" + c.mode()
                    + "): expected hex" + (c.mode() == Mode.RPK ? " of an EC public key in SubjectPublicKeyInfo DER" : "") + ": " + e.getMessage(), e);
        }
    }
}
