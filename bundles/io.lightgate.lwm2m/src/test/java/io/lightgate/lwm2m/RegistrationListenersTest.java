/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;

import io.lightgate.api.registry.RegistrationListener;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class RegistrationListenersTest {

    private static final URI SERVER = URI.create("coap://127.0.0.1:5683");

    @Test
    public void everyListenerHearsOfARegistrationEvenWhenOneFails() {
        RegistrationListeners listeners = new RegistrationListeners();
        List<String> heard = new ArrayList<>();
        listeners.add((endpoint, server) -> {
            throw new IllegalStateException("a broken listener");
        });
        RegistrationListener recording = (endpoint, server) -> heard.add(endpoint + " " + server);
        listeners.add(recording);
        listeners.registered(Runnable::run, "gw-1", SERVER);
        assertEquals(List.of("gw-1 coap://127.0.0.1:5683"), heard);

        listeners.remove(recording);
        listeners.registered(Runnable::run, "gw-1", SERVER);
        assertEquals("a removed listener hears nothing more", 1, heard.size());
    }
}
