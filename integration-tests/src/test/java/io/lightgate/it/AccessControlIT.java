/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadCompositeRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.CreateResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.ServiceRegistration;

/**
 * Access Control (object 2) against two real Leshan servers: A (ssid 1) may read but not write
 * /3303/0, B (ssid 2) may write it and create 3303 instances, which it then owns; nobody reads /0.
 * The ACL comes from the io.lightgate.lwm2m.acl configuration, as etc/io.lightgate.lwm2m.acl.cfg would give it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class AccessControlIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String[] ACL = {
        "* 3303/0 1=R 2=RW",
        "* 3303/65535 2=C",
        "* 3/0 default=R",
    };

    private final Map<Integer, String> applicationTypes = new ConcurrentHashMap<>();
    private final AtomicInteger resets = new AtomicInteger();
    private ServiceRegistration<LwM2mObject> temperature;
    private TestLeshanServer serverA;
    private TestLeshanServer serverB;
    private EngineSupport engine;
    private org.osgi.service.cm.Configuration acl;
    private PrintStream originalErr;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Configuration
    public Option[] config() {
        // io.lightgate.models.oma ships the 3303 model the gateway needs for the test's object
        return OptionUtils.combine(coreGateway(testFolder("acl")), Lwm2mStack.withEngine(), reactorBundle("models"));
    }

    @Before
    public void setUp() throws Exception {
        // slf4j-simple writes to whatever System.err is when it logs: keep a copy of the gateway's log
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, log), true, StandardCharsets.UTF_8));
        temperature = context.registerService(LwM2mObject.class, new CreatableTemperature(), props(Map.of(LwM2mObject.OBJECT_ID, 3303)));
        acl = configurationAdmin.getConfiguration("io.lightgate.lwm2m.acl", "?");
        acl.update(new Hashtable<>(Map.of("entries", ACL)));
        serverA = TestLeshanServer.builder().name("A").models(EngineSupport.temperatureModel()).start();
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("a", serverA.uri(), 1);
        assertNotNull(serverA.awaitRegistration(GW, WAIT));
        await("the gateway shows the three configured Access Control instances", () -> aclInstances(serverA) == 3);
    }

    private void startServerB() throws Exception {
        serverB = TestLeshanServer.builder().name("B").models(EngineSupport.temperatureModel()).start();
        engine.addServer("b", serverB.uri(), 2);
        assertNotNull(serverB.awaitRegistration(GW, WAIT));
    }

    @After
    public void tearDown() throws Exception {
        System.setErr(originalErr);
        engine.deleteAll();
        acl.delete();
        unregister(temperature);
        serverA.destroy();
        if (serverB != null) {
            serverB.destroy();
        }
    }

    private int aclInstances(TestLeshanServer server) {
        try {
            ReadResponse r = server.send(GW, new ReadRequest(ContentFormat.SENML_JSON, 2), TIMEOUT);
            return r.isSuccess() ? ((org.eclipse.leshan.core.node.LwM2mObject) r.getContent()).getInstances().size() : -1;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseCode write(TestLeshanServer server, int instance, String value) throws InterruptedException {
        return server.send(GW, new WriteRequest(ContentFormat.TEXT, 3303, instance, 5750, value), TIMEOUT).getCode();
    }

    private ResponseCode read(TestLeshanServer server, String path) throws InterruptedException {
        return server.send(GW, new ReadRequest(ContentFormat.SENML_JSON, path), TIMEOUT).getCode();
    }

    @Test
    public void twoServersGetWhatTheirAclsGrant() throws Exception {
        startServerB();

        // A may read but not write /3303/0; B may write it
        assertEquals(ResponseCode.CONTENT, read(serverA, "/3303/0"));
        assertEquals(ResponseCode.UNAUTHORIZED, write(serverA, 0, "by A"));
        assertEquals(null, applicationTypes.get(0));
        assertEquals(ResponseCode.CHANGED, write(serverB, 0, "by B"));
        assertEquals("by B", applicationTypes.get(0));
        // the default ACL of /3/0 lets both read the Device object but not write it
        assertEquals(ResponseCode.CONTENT, read(serverB, "/3/0"));
        assertEquals(ResponseCode.UNAUTHORIZED, serverA.send(GW, new WriteRequest(ContentFormat.TEXT, 3, 0, 15, "Europe/Berlin"), TIMEOUT).getCode());

        // Execute refused with 4.01, and the log names the server
        assertEquals(ResponseCode.UNAUTHORIZED, serverA.send(GW, new ExecuteRequest("/3303/0/5605"), TIMEOUT).getCode());
        assertEquals(0, resets.get());
        await("a log line names server a", () -> logText().contains("Execute /3303/0/5605 refused to server a (" + serverA.uri()));

        // Create: A has no Create right, B has; B then owns the new instance with full rights
        CreateResponse refused = serverA.send(GW, new CreateRequest(ContentFormat.TLV, 3303, LwM2mSingleResource.newStringResource(5750, "A's")), TIMEOUT);
        assertEquals(ResponseCode.UNAUTHORIZED, refused.getCode());
        CreateResponse created = serverB.send(GW, new CreateRequest(ContentFormat.TLV, 3303, LwM2mSingleResource.newStringResource(5750, "B's")), TIMEOUT);
        assertTrue(created.toString(), created.isSuccess());
        assertEquals("3303/1", created.getLocation());
        assertEquals(ResponseCode.CHANGED, write(serverB, 1, "still B's"));
        assertEquals(ResponseCode.CHANGED, serverB.send(GW, new ExecuteRequest("/3303/1/5605"), TIMEOUT).getCode());
        assertEquals(1, resets.get());
        assertEquals(ResponseCode.CONTENT, read(serverB, "/3303/1"));
        assertEquals(ResponseCode.UNAUTHORIZED, read(serverA, "/3303/1"));
        assertEquals(ResponseCode.UNAUTHORIZED, write(serverA, 1, "A's"));
        // object 2 shows the new Access Control instance: about /3303/1, owner 2, ACL 2 = RWED (15)
        ReadResponse aclObject = serverA.send(GW, new ReadRequest(ContentFormat.SENML_JSON, 2), TIMEOUT);
        LwM2mObjectInstance made = ((org.eclipse.leshan.core.node.LwM2mObject) aclObject.getContent()).getInstances().values().stream()
                .filter(i -> (Long) i.getResource(0).getValue() == 3303L && (Long) i.getResource(1).getValue() == 1L).findFirst().orElseThrow();
        assertEquals(2L, made.getResource(3).getValue());
        LwM2mMultipleResource madeAcl = (LwM2mMultipleResource) made.getResource(2);
        assertEquals(1, madeAcl.getInstances().size());
        assertEquals(15L, madeAcl.getValue(2));

        // a Read of the object answers only the instances the server may read
        ReadResponse objectForA = serverA.send(GW, new ReadRequest(ContentFormat.SENML_JSON, 3303), TIMEOUT);
        assertEquals(List.of(0), List.copyOf(((org.eclipse.leshan.core.node.LwM2mObject) objectForA.getContent()).getInstances().keySet()));
        ReadResponse objectForB = serverB.send(GW, new ReadRequest(ContentFormat.SENML_JSON, 3303), TIMEOUT);
        assertEquals(2, ((org.eclipse.leshan.core.node.LwM2mObject) objectForB.getContent()).getInstances().size());

        // B may not change the configured Access Control instances (owned by the bootstrap server), but its own
        assertEquals(ResponseCode.UNAUTHORIZED, serverB.send(GW, new WriteRequest(WriteRequest.Mode.REPLACE, ContentFormat.TLV, 2, 0,
                LwM2mMultipleResource.newIntegerResource(2, Map.of(2, 31L))), TIMEOUT).getCode());
        assertEquals(ResponseCode.CHANGED, serverB.send(GW, new WriteRequest(WriteRequest.Mode.UPDATE, ContentFormat.TLV, 2, made.getId(),
                LwM2mMultipleResource.newIntegerResource(2, Map.of(1, 1L))), TIMEOUT).getCode());
        assertEquals("B let A read its instance", ResponseCode.CONTENT, read(serverA, "/3303/1"));

        // no management server reads the Security object: not the object, an instance, a key, nor in a composite
        for (TestLeshanServer s : List.of(serverA, serverB)) {
            assertEquals(ResponseCode.UNAUTHORIZED, read(s, "/0"));
            assertEquals(ResponseCode.UNAUTHORIZED, read(s, "/0/0"));
            assertEquals(ResponseCode.UNAUTHORIZED, read(s, "/0/0/5"));
            assertEquals(ResponseCode.UNAUTHORIZED, s.send(GW, new ReadCompositeRequest(ContentFormat.SENML_JSON, ContentFormat.SENML_JSON,
                    "/3303/0/5750", "/0/0/5"), TIMEOUT).getCode());
        }
        assertFalse("no refusal logged as an error", logText().contains("ERROR io.lightgate.lwm2m"));
    }

    @Test
    public void endpointsWithoutEntriesAreOpenByDefaultAndClosedWithDeny() throws Exception {
        // lines for another endpoint only: by default this endpoint stays open to both servers
        acl.update(new Hashtable<>(Map.of("entries", new String[] { "other-gateway 3303/0 1=R" })));
        await("the gateway's endpoint has no Access Control instance any more", () -> aclInstances(serverA) == 0);
        startServerB();
        assertEquals(ResponseCode.CHANGED, write(serverA, 0, "by A"));
        assertEquals(ResponseCode.CHANGED, write(serverB, 0, "by B"));
        assertEquals("by B", applicationTypes.get(0));

        // deny: the Core spec's rule, with two servers an instance without an Access Control instance is refused
        acl.update(new Hashtable<>(Map.of("entries", new String[] { "other-gateway 3303/0 1=R" }, "endpoints.without.entries", "deny")));
        // probe with a Read: a probing Write would change the value while the new configuration is on its way
        await("A is refused a read of /3303/0", () -> {
            try {
                return read(serverA, "/3303/0") == ResponseCode.UNAUTHORIZED;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(ResponseCode.UNAUTHORIZED, write(serverA, 0, "by A again"));
        assertEquals(ResponseCode.UNAUTHORIZED, write(serverB, 0, "by B again"));
        assertEquals(ResponseCode.UNAUTHORIZED, read(serverB, "/3303/0"));
        assertEquals(ResponseCode.UNAUTHORIZED, read(serverA, "/3/0"));
        assertEquals("nothing written while refused", "by B", applicationTypes.get(0));
        // each server still reads its own Server object instance, not the other's
        assertEquals(ResponseCode.CONTENT, read(serverA, "/1/" + serverInstanceOf(serverA, 1)));
        assertEquals(ResponseCode.UNAUTHORIZED, read(serverA, "/1/" + serverInstanceOf(serverB, 2)));
        assertTrue("the refusal is logged with the server", logText().contains("refused to server"));
    }

    /** The Server object instance (/1/x) whose Short Server ID is ssid, as its own server reads it. */
    private int serverInstanceOf(TestLeshanServer server, int ssid) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            ReadResponse r = server.send(GW, new ReadRequest(ContentFormat.TEXT, 1, i, 0), TIMEOUT);
            if (r.isSuccess() && ((Number) ((org.eclipse.leshan.core.node.LwM2mSingleResource) r.getContent()).getValue()).intValue() == ssid) {
                return i;
            }
        }
        throw new AssertionError("no Server object instance of ssid " + ssid + " readable by its own server");
    }

    @Test
    public void aSingleServerMayDoEverything() throws Exception {
        assertEquals(ResponseCode.CHANGED, write(serverA, 0, "by A"));
        assertEquals("by A", applicationTypes.get(0));
        assertEquals(ResponseCode.CHANGED, serverA.send(GW, new ExecuteRequest("/3303/0/5605"), TIMEOUT).getCode());
        assertEquals(1, resets.get());
        CreateResponse created = serverA.send(GW, new CreateRequest(ContentFormat.TLV, 3303, LwM2mSingleResource.newStringResource(5750, "A's")), TIMEOUT);
        assertTrue(created.toString(), created.isSuccess());
        assertEquals(ResponseCode.UNAUTHORIZED, read(serverA, "/0/0/5"));
    }

    private String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** A Temperature object (3303) that allows Create: Application Type writable, Reset Min/Max counted. */
    private final class CreatableTemperature extends SimpleObject {

        CreatableTemperature() {
            super(instance(0));
        }

        @Override
        public CompletionStage<Integer> create(Integer instanceId, List<Resource> resources) {
            int id = instanceId != null ? instanceId : nextFreeId();
            resources.stream().filter(r -> r.id() == 5750).forEach(r -> applicationTypes.put(id, r.value().asString()));
            addInstance(instance(id));
            return CompletableFuture.completedFuture(id);
        }

        @Override
        public CompletionStage<Void> delete(int instanceId) {
            return removeInstance(instanceId) ? CompletableFuture.completedFuture(null)
                    : LwM2mObject.failed(LwM2mException.notFound("no instance " + instanceId));
        }
    }

    private SimpleInstance instance(int id) {
        return SimpleInstance.builder(id)
                .readable(5700, ResourceType.FLOAT, () -> Value.of(21.5))
                .writable(5750, ResourceType.STRING, () -> Value.of(applicationTypes.getOrDefault(id, "")), v -> applicationTypes.put(id, v.asString()))
                .executable(5605, args -> resets.incrementAndGet())
                .build();
    }

    /** Copies what the gateway logs to System.err into a buffer, and on to the console. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
