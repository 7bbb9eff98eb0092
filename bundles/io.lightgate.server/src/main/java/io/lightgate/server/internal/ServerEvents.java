/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import io.lightgate.server.api.ClientInfo;
import io.lightgate.server.api.LocalServerListener;
import io.lightgate.server.api.NodeContent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leshan's registration and observation events, passed on to the {@link LocalServerListener}s
 * (a listener that throws is logged and does not stop the others) and to the registration file.
 */
final class ServerEvents implements RegistrationListener, ObservationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ServerEvents.class);

    private final Collection<LocalServerListener> listeners;
    private final Runnable persist;

    ServerEvents(Collection<LocalServerListener> listeners, Runnable persist) {
        this.listeners = listeners;
        this.persist = persist;
    }

    static ClientInfo info(Registration r) {
        LwM2mPeer peer = r.getClientTransportData();
        List<String> links = Arrays.stream(r.getSortedObjectLinks()).map(Link::getUriReference)
                .filter(uri -> !uri.equals("/") && !uri.equals(r.getRootPath())).toList();
        return new ClientInfo(r.getEndpoint(), r.getId(), r.getAddress().getHostAddress() + ":" + r.getPort(),
                r.getLwM2mVersion().toString(), BindingMode.toString(r.getBindingMode()),
                r.getLifeTimeInSec() == null ? 0 : r.getLifeTimeInSec(), r.getRegistrationDate().toInstant(),
                r.getLastUpdate().toInstant(), peer != null && peer.getIdentity() != null && peer.getIdentity().isSecure(), links);
    }

    static List<io.lightgate.api.LwM2mPath> observedPaths(Collection<Observation> observations) {
        return observations.stream().flatMap(o -> o instanceof SingleObservation s ? List.of(s.getPath()).stream()
                : ((CompositeObservation) o).getPaths().stream()).map(NodeValues::path).sorted().distinct().toList();
    }

    private void each(Consumer<LocalServerListener> call) {
        for (LocalServerListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("Local server listener {} failed: {}", listener.getClass().getName(), e.toString());
            }
        }
    }

    @Override
    public void registered(Registration registration, Registration previous, Collection<Observation> previousObservations) {
        LOG.info("{} registered to the local server from {} (LwM2M {}, objects {})", registration.getEndpoint(),
                registration.getSocketAddress(), registration.getLwM2mVersion(), info(registration).objectLinks());
        persist.run();
        ClientInfo info = info(registration);
        each(l -> l.clientChanged(info));
    }

    @Override
    public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
        persist.run();
        ClientInfo info = info(updated);
        each(l -> l.clientChanged(info));
    }

    @Override
    public void unregistered(Registration registration, Collection<Observation> observations, boolean expired, Registration newRegistration) {
        if (newRegistration != null) {
            return; // replaced by a new registration of the same endpoint: registered() reports it
        }
        LOG.info("{} {} the local server", registration.getEndpoint(), expired ? "expired at" : "de-registered from");
        persist.run();
        ClientInfo info = info(registration);
        each(l -> l.clientGone(info, expired));
    }

    @Override
    public void newObservation(Observation observation, Registration registration) {
    }

    @Override
    public void cancelled(Observation observation) {
    }

    @Override
    public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
        LwM2mNode content = response.getContent();
        if (content != null) {
            NodeContent node = new NodeContent(NodeValues.path(observation.getPath()), NodeValues.toPlain(content));
            each(l -> l.notified(registration.getEndpoint(), node));
        }
    }

    @Override
    public void onResponse(CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {
        if (response.getContent() == null) {
            return;
        }
        response.getContent().forEach((path, node) -> {
            NodeContent content = new NodeContent(NodeValues.path(path), NodeValues.toPlain(node));
            each(l -> l.notified(registration.getEndpoint(), content));
        });
    }

    @Override
    public void onError(Observation observation, Registration registration, Exception error) {
        LOG.debug("Notification from {} could not be handled: {}", registration.getEndpoint(), error.toString());
    }
}
