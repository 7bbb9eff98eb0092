/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.LinkParseException;
import org.eclipse.leshan.core.peer.IpPeer;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.peer.PskIdentity;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.server.registration.DefaultRegistrationDataExtractor;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationDataExtractor.RegistrationData;

/**
 * A registration as written to data/server/registrations.json. Unsecured and PSK clients are
 * kept; an RPK or X.509 client's identity is not, such a client registers again after a restart.
 */
record StoredRegistration(String id, String endpoint, String host, int port, String pskIdentity, String lwm2mVersion,
        String binding, long lifetime, boolean queueMode, String rootPath, String links, long registeredAt,
        long lastUpdate, Map<String, String> attributes) {

    static boolean storable(Registration registration) {
        LwM2mPeer peer = registration.getClientTransportData();
        return peer instanceof IpPeer ip && (!ip.isSecure() || ip.isPSK());
    }

    static StoredRegistration of(Registration r) {
        IpPeer peer = (IpPeer) r.getClientTransportData();
        String psk = peer.isPSK() ? ((PskIdentity) peer.getIdentity()).getPskIdentity() : "";
        String links = Arrays.stream(r.getObjectLinks()).map(Link::toCoreLinkFormat).collect(Collectors.joining(","));
        return new StoredRegistration(r.getId(), r.getEndpoint(), peer.getSocketAddress().getAddress().getHostAddress(),
                peer.getSocketAddress().getPort(), psk, r.getLwM2mVersion().toString(), BindingMode.toString(r.getBindingMode()),
                r.getLifeTimeInSec(), Boolean.TRUE.equals(r.getQueueMode()), r.getRootPath(), links,
                r.getRegistrationDate().getTime(), r.getLastUpdate().getTime(), Map.copyOf(r.getAdditionalRegistrationAttributes()));
    }

    /** True when the registration's lifetime has run out at this time. */
    boolean expiredAt(long nowMillis) {
        return lastUpdate + lifetime * 1000 < nowMillis;
    }

    /**
     * The Leshan registration, bound to the server endpoint it is restored on.
     *
     * @throws LinkParseException when the stored links do not parse
     */
    Registration toRegistration(URI endpointUri) throws LinkParseException, UnknownHostException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
        IpPeer peer = pskIdentity == null || pskIdentity.isEmpty() ? new IpPeer(address) : new IpPeer(address, new PskIdentity(pskIdentity));
        LwM2mVersion version = LwM2mVersion.get(lwm2mVersion);
        // as the server parsed them at registration: plain core links (rt="oma.lwm2m" and all)
        Link[] objectLinks = new RegisterLinkParser().parseCoreLinkFormat(links.getBytes(StandardCharsets.UTF_8));
        RegistrationData data = new DefaultRegistrationDataExtractor().extractDataFromObjectLinks(objectLinks, version);
        return new Registration.Builder(id, endpoint, peer, endpointUri)
                .lwM2mVersion(version)
                .bindingMode(BindingMode.parse(binding))
                .lifeTimeInSec(lifetime)
                .queueMode(queueMode)
                .objectLinks(objectLinks)
                .rootPath(data.getAlternatePath())
                .supportedContentFormats(data.getSupportedContentFormats())
                .supportedObjects(data.getSupportedObjects())
                .availableInstances(data.getAvailableInstances())
                .registrationDate(new Date(registeredAt))
                .lastUpdate(new Date(lastUpdate))
                .additionalRegistrationAttributes(attributes == null ? Map.of() : attributes)
                .build();
    }
}
