/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * Checks the server's raw public key or certificate chain in a DTLS handshake against the
 * {@link ServerTrust} of one server (each RPK / X.509 server has a DTLS socket of its own).
 * A refusal is a handshake failure whose message (it reaches the registration's log line and
 * the shell) names the setting and the file.
 */
final class ServerCertificateVerifier implements NewAdvancedCertificateVerifier {

    private final ServerTrust trust;
    private final String host;
    private final CertificateType type;

    /**
     * @param host the server URI's host, which an X.509 server certificate must name
     * @param mode RPK or X509: the only certificate type offered to the server
     */
    ServerCertificateVerifier(ServerTrust trust, String host, TransportSecurity.Mode mode) {
        this.trust = trust;
        this.host = host;
        this.type = mode == TransportSecurity.Mode.RPK ? CertificateType.RAW_PUBLIC_KEY : CertificateType.X_509;
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return List.of(type);
    }

    @Override
    public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName, InetSocketAddress remotePeer,
            boolean clientUsage, boolean verifySubject, boolean truncateCertificatePath, CertificateMessage message) {
        try {
            CertPath path = message.getCertificateChain();
            if (path == null) {
                trust.checkRawPublicKey(message.getPublicKey());
                return new CertificateVerificationResult(cid, message.getPublicKey(), null);
            }
            @SuppressWarnings("unchecked")
            List<X509Certificate> chain = (List<X509Certificate>) path.getCertificates();
            trust.checkChain(chain, host);
            return new CertificateVerificationResult(cid, path, null);
        } catch (GeneralSecurityException | ClassCastException e) {
            AlertMessage alert = new AlertMessage(AlertMessage.AlertLevel.FATAL, AlertMessage.AlertDescription.BAD_CERTIFICATE);
            return new CertificateVerificationResult(cid, new HandshakeException(e.getMessage(), alert), null);
        }
    }

    @Override
    public List<X500Principal> getAcceptedIssuers() {
        return List.of(); // asked on the server side only
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // answers are synchronous
    }
}
