/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mPath;
import io.lightgate.lwm2m.codec.Encoded;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.coap.MessageObserver;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * The endpoint "dev-1" a request handler answers for in tests: no prefix, a Discover lists the
 * path alone, Write-Attributes are recorded, and no bootstrap server is known.
 */
final class TestTarget implements RequestHandler.Target, RequestHandler.BootstrapRoute {

    /** "path [queries] from ssid", in the order written. */
    final List<String> attributesWritten = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "dev-1";
    }

    @Override
    public Optional<String> prefix() {
        return Optional.empty();
    }

    @Override
    public Encoded prefixed(Encoded encoded) {
        return encoded;
    }

    @Override
    public String discover(LwM2mPath path, Registration from) {
        return "<" + path + ">";
    }

    @Override
    public void writeAttributes(Registration from, LwM2mPath path, List<String> queries) {
        attributesWritten.add(path + " " + queries + " from " + from.server().shortServerId());
    }

    @Override
    public MessageObserver track(Registration from, ObserveRelation relation, Response response, List<StoredValue> values) {
        return new MessageObserverAdapter() {
        };
    }

    @Override
    public boolean isBootstrapServer(InetSocketAddress source) {
        return false;
    }

    @Override
    public void handle(LwM2mPath path, CoapExchange exchange) {
        throw new AssertionError("not a bootstrap request");
    }
}
