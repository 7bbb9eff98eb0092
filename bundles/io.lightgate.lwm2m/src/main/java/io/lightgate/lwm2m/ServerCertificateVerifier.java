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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@link ServerTrust} of the server at that address. A refusal is a handshake failure whose
 * message (it reaches the registration's log line) names the setting and the file.
 */
final class ServerCertificateVerifier implements NewAdvancedCertificateVerifier {

    private record Expected(ServerTrust trust, String host) {
    }

    private final Map<InetSocketAddress, Expected> byServer = new ConcurrentHashMap<>();

    /** The server at {@code address}, reached by the URI host {@code host}, must satisfy {@code trust}. */
    void put(InetSocketAddress address, ServerTrust trust, String host) {
        byServer.put(address, new Expected(trust, host));
    }

    void remove(InetSocketAddress address) {
        byServer.remove(address);
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return List.of(CertificateType.RAW_PUBLIC_KEY, CertificateType.X_509);
    }

    @Override
    public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName, InetSocketAddress remotePeer,
            boolean clientUsage, boolean verifySubject, boolean truncateCertificatePath, CertificateMessage message) {
        Expected expected = byServer.get(remotePeer);
        try {
            if (expected == null) {
                throw new GeneralSecurityException("no server is configured at " + remotePeer);
            }
            CertPath path = message.getCertificateChain();
            if (path == null) {
                expected.trust().checkRawPublicKey(message.getPublicKey());
                return new CertificateVerificationResult(cid, message.getPublicKey(), null);
            }
            @SuppressWarnings("unchecked")
            List<X509Certificate> chain = (List<X509Certificate>) path.getCertificates();
            expected.trust().checkChain(chain, expected.host());
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
