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
import io.lightgate.lwm2m.access.AccessControl;
import io.lightgate.lwm2m.codec.ContentCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.junit.Test;

/**
 * Requests of a management server on one endpoint's tree, answered without a socket: the endpoint's
 * objects are an in-memory registry, the request an exchange whose answer the test keeps.
 */
public class RequestHandlerTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("127.0.0.1", 5699);
    private static final LwM2mPath SENSOR = LwM2mPath.of(3303, 0);

    private final InMemoryRegistry registry = new InMemoryRegistry("dev-1");
    private final TestTarget target = new TestTarget();
    private final Registration main = new Registration(
            new ServerDefinition("main", URI.create("coap://127.0.0.1:5683"), 1, true, 0, "U", 0, 0),
            new Registration.Setup("dev-1", Duration.ofSeconds(300), () -> "", ssid -> RetryPolicy.GATEWAY, null),
            (request, to) -> CompletableFuture.completedFuture(null), null, null);
    private final RequestHandler handler = new RequestHandler(target, new EndpointAccess("dev-1", new AccessControl(), () -> 1,
            i -> null), source -> SERVER.equals(source) ? main : null, target, new NoObservations(), registry,
            new ContentCodec(id -> Optional.ofNullable(id == 3303 ? TEMPERATURE : null)), null);

    public RequestHandlerTest() {
        registry.put(SENSOR, Resource.of(5700, Value.of(21.5)));
        registry.put(SENSOR, Resource.of(5750, Value.of("hall")));
    }

    @Test
    public void aReadAnswersTheValueInTheFormatAsked() {
        Response response = handle(get(SERVER, "3303/0/5700"), LwM2mPath.of(3303, 0, 5700));

        assertEquals(CoAP.ResponseCode.CONTENT, response.getCode());
        assertEquals(ContentCodec.TEXT, response.getOptions().getContentFormat());
        assertEquals("21.5", response.getPayloadString());
    }

    @Test
    public void aReadOfAResourceThatIsNotThereIsNotFound() {
        Response response = handle(get(SERVER, "3303/0/5701"), LwM2mPath.of(3303, 0, 5701));

        assertEquals(CoAP.ResponseCode.NOT_FOUND, response.getCode());
    }

    @Test
    public void aWrittenValueIsReadBack() {
        Request write = request(CoAP.Code.PUT, SERVER, "3303/0/5750");
        write.getOptions().setContentFormat(ContentCodec.TEXT);
        write.setPayload("kitchen".getBytes(StandardCharsets.UTF_8));

        assertEquals(CoAP.ResponseCode.CHANGED, handle(write, LwM2mPath.of(3303, 0, 5750)).getCode());
        Response read = handle(get(SERVER, "3303/0/5750"), LwM2mPath.of(3303, 0, 5750));

        assertEquals("kitchen", read.getPayloadString());
    }

    @Test
    public void deleteOfAResourceIsNotAllowed() {
        Response response = handle(request(CoAP.Code.DELETE, SERVER, "3303/0/5700"), LwM2mPath.of(3303, 0, 5700));

        assertEquals(CoAP.ResponseCode.METHOD_NOT_ALLOWED, response.getCode());
    }

    @Test
    public void aReadOfTheRootIsNotAllowed() {
        Response response = handle(get(SERVER, ""), LwM2mPath.ROOT);

        assertEquals(CoAP.ResponseCode.METHOD_NOT_ALLOWED, response.getCode());
    }

    @Test
    public void aWriteWithoutContentFormatIsABadRequest() {
        Request write = request(CoAP.Code.PUT, SERVER, "3303/0/5750");
        write.setPayload("kitchen".getBytes(StandardCharsets.UTF_8));

        assertEquals(CoAP.ResponseCode.BAD_REQUEST, handle(write, LwM2mPath.of(3303, 0, 5750)).getCode());
    }

    @Test
    public void aRequestOfAServerTheEndpointIsNotRegisteredWithIsUnauthorized() {
        Response response = handle(get(STRANGER, "3303/0/5700"), LwM2mPath.of(3303, 0, 5700));

        assertEquals(CoAP.ResponseCode.UNAUTHORIZED, response.getCode());
        assertEquals(0, registry.reads.get());
    }

    @Test
    public void theSecurityObjectIsNotReadable() {
        Response response = handle(get(SERVER, "0/0/0"), LwM2mPath.of(0, 0, 0));

        assertEquals(CoAP.ResponseCode.UNAUTHORIZED, response.getCode());
    }

    @Test
    public void writeAttributesGoToTheEndpointWithTheirQueries() {
        Request write = request(CoAP.Code.PUT, SERVER, "3303/0/5700");
        write.getOptions().addUriQuery("pmin=10");
        write.getOptions().addUriQuery("gt=30");

        Response response = handle(write, LwM2mPath.of(3303, 0, 5700));

        assertEquals(CoAP.ResponseCode.CHANGED, response.getCode());
        assertEquals(List.of("/3303/0/5700 [pmin=10, gt=30] from 1"), target.attributesWritten);
    }

    // ---- the exchange ----------------------------------------------------------------------------

    private static Request get(InetSocketAddress from, String path) {
        Request request = request(CoAP.Code.GET, from, path);
        request.getOptions().setAccept(ContentCodec.TEXT);
        return request;
    }

    private static Request request(CoAP.Code code, InetSocketAddress from, String path) {
        Request request = new Request(code);
        request.setSourceContext(new AddressEndpointContext(from));
        request.getOptions().setUriPath(path);
        return request;
    }

    /** Handles the request and answers the response it got (bounded wait: answers may complete on another thread). */
    private Response handle(Request request, LwM2mPath path) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        Exchange exchange = new Exchange(request, SERVER, Exchange.Origin.REMOTE, Runnable::run);
        handler.handle(path, new CoapExchange(exchange) {
            @Override
            public void respond(Response response) {
                answer.complete(response);
            }
        });
        return answer.orTimeout(10, TimeUnit.SECONDS).join();
    }

    // ---- fakes of the endpoint -------------------------------------------------------------------

    private static final ObjectModel TEMPERATURE = new ObjectModel(3303, "Temperature", "1.0", "1.0", true, false, "urn:oma:lwm2m:ext:3303",
            "", new TreeMap<>(java.util.Map.of(
                    5700, new ResourceModel(5700, "Sensor Value", Operations.R, false, true, ResourceType.FLOAT, "", "Cel", ""),
                    5750, new ResourceModel(5750, "Application Type", Operations.RW, false, false, ResourceType.STRING, "", "", ""))));

    private static final class NoObservations implements RequestHandler.Observing {
        @Override
        public boolean beginNotification(ObserveRelation relation) {
            return true;
        }

        @Override
        public Observations.Untold takeUntold(ObserveRelation relation, boolean all) {
            return Observations.Untold.NOTHING;
        }

        @Override
        public void endNotification(ObserveRelation relation) {
        }

        @Override
        public void sent(ObserveRelation relation, Object content) {
            assertTrue("no observation in these tests", false);
        }

        @Override
        public void heldBack(ObserveRelation relation) {
        }
    }
}
