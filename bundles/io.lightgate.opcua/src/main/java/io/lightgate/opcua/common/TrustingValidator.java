/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.common;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts every certificate (trust.all.servers / trust.all.clients) and says so once per
 * certificate, not at every connection as Milo's InsecureCertificateValidator does.
 */
public final class TrustingValidator implements CertificateValidator {

    private static final Logger LOG = LoggerFactory.getLogger(TrustingValidator.class);

    private final String setting;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** @param setting the configuration key that asked for it, named in the warning */
    public TrustingValidator(String setting) {
        this.setting = setting;
    }

    @Override
    public void validateCertificateChain(List<X509Certificate> chain, String applicationUri, String[] validHostnames) {
        X509Certificate c = chain.get(0);
        if (seen.add(c.getSubjectX500Principal().getName() + "#" + c.getSerialNumber())) {
            LOG.warn("Accepting certificate '{}' without checking it because {}=true",
                    c.getSubjectX500Principal().getName(), setting);
        }
    }
}
