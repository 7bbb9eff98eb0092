/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.Operations;
import io.lightgate.api.model.ResourceModel;
import io.lightgate.lwm2m.codec.ContentCodec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** LwM2M Send of one endpoint, without a socket: the POSTs go to a recording {@link ServerLink}. */
public class SenderTest {

    private static final ObjectModel TEMPERATURE = new ObjectModel(3303, "Temperature", "1.0", "1.0", true, false, "urn:oma:lwm2m:ext:3303",
            "", new TreeMap<>(Map.of(5700, new ResourceModel(5700, "Sensor Value", Operations.R, false, true, ResourceType.FLOAT, "", "Cel",
                    ""))));

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final InMemoryRegistry registry = new InMemoryRegistry("dev-1");
    private final ContentCodec codec = new ContentCodec(id -> Optional.ofNullable(id == 3303 ? TEMPERATURE : null));
    private final List<Request> sent = new CopyOnWriteArrayList<>();
    private final ServerLink link = (request, to) -> {
        sent.add(request);
        if (request.getOptions().getUriPathString().equals("rd")) {
            Response created = new Response(CoAP.ResponseCode.CREATED);
            created.getOptions().setLocationPath("rd/" + to.shortServerId());
            return CompletableFuture.completedFuture(created);
        }
        return CompletableFuture.completedFuture(new Response(CoAP.ResponseCode.CHANGED));
    };
    private ScheduledExecutorService scheduler;
    private ClientStateStore store;

    @Before
    public void setUp() throws Exception {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        store = new ClientStateStore(folder.newFolder("state").toPath());
        registry.put(LwM2mPath.of(3303, 0), Resource.of(5700, Value.of(21.5)));
    }

    @After
    public void tearDown() {
        scheduler.shutdownNow();
        store.close();
    }

    @Test
    public void theValuesGoAsSenmlCborToDpOfEveryServerTheEndpointIsRegisteredWith() {
        Registration one = registration(1, "coap://127.0.0.1:5683");
        Registration two = registration(2, "coap://127.0.0.1:5693");
        Registration away = registration(3, "coap://127.0.0.1:5703"); // never registered
        one.start();
        two.start();
        sent.clear();
        EngineContext context = new EngineContext(registry, codec, null, null, "127.0.0.1", null, 5000, 100, null, 1000, null, null, 0,
                new NotificationPacing(1000, 1000, 1,
                new MessageIdBudget(1, java.time.Duration.ofSeconds(247), java.time.Duration.ofSeconds(145))), null, new ServerLastHeard(System::nanoTime));
        Sender sender = new Sender("dev-1", context, link, () -> List.of(one, two, away), encoded -> encoded);

        sender.send(List.of(LwM2mPath.of(3303, 0, 5700)));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sent.size() < 2 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        assertEquals(2, sent.size());
        for (Request post : sent) {
            assertEquals(CoAP.Code.POST, post.getCode());
            assertEquals("dp", post.getOptions().getUriPathString());
            assertEquals(ContentCodec.SENML_CBOR, post.getOptions().getContentFormat());
            assertTrue(post.getPayloadSize() > 0);
        }
        assertEquals(List.of(5683, 5693), sent.stream().map(r -> r.getDestinationContext().getPeerAddress().getPort()).sorted().toList());
    }

    private Registration registration(int ssid, String uri) {
        return new Registration(new ServerDefinition("s" + ssid, URI.create(uri), ssid, ssid == 1, 0, "U", 0, 0),
                new Registration.Setup("dev-1", Duration.ofSeconds(300), () -> "</3303/0>", id -> RetryPolicy.GATEWAY, store), link,
                new Registration.Events() {
                    @Override
                    public void registeredAfresh(Registration r) {
                    }

                    @Override
                    public void registered(Registration r) {
                    }

                    @Override
                    public void restoreObservations(Registration r) {
                    }

                    @Override
                    public void serverReachable(Registration r) {
                    }

                    @Override
                    public void serverUnreachable(Registration r, String why) {
                    }

                    @Override
                    public void registrationFailed() {
                    }
                }, scheduler);
    }
}
