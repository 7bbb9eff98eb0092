/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import io.lightgate.api.registry.EndpointDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
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
 * "Nothing lost": an object that blocks in its reads (against the SPI contract) delays no other
 * endpoint. One endpoint's Connectivity Monitoring object blocks every read of its signal
 * strength until the test releases it; meanwhile a real Leshan server observes the gateway
 * endpoint's signal strength changing 100 times a second, and reads it. The notifications keep
 * coming, the reads answer; once released, the blocked reads are answered too.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class ObjectIsolationIT extends GatewayTestSupport {

    private static final String GW = "it-gateway";
    private static final String STUCK = "it-stuck";
    private static final String RSSI = "/4/0/2";
    private static final Duration TIMEOUT = Duration.ofSeconds(30); // only a failing request waits this long
    /** 3 s of changes at 100 per second. */
    private static final int CHANGES = 300;
    private static final long CHANGE_PERIOD_MS = 10;
    /** More than the engine's worker threads (2 on this machine), so stuck reads on them would stop everything. */
    private static final int STUCK_READS = 8;

    private final AtomicLong rssi = new AtomicLong(-80);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch stuckReadEntered = new CountDownLatch(1);
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private SimpleObject connectivity;
    private TestLeshanServer server;
    private EngineSupport engine;
    private ScheduledExecutorService source;

    @Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(testFolder("isolation")), Lwm2mStack.withEngine());
    }

    @Before
    public void setUp() throws Exception {
        // the gateway's endpoint: signal strength from a source the test drives
        connectivity = new SimpleObject(SimpleInstance.builder(0).integer(2, rssi::get).integer(3, () -> 90).build());
        registrations.add(context.registerService(LwM2mObject.class, connectivity, props(Map.of(LwM2mObject.OBJECT_ID, 4))));
        // a second endpoint whose signal strength read blocks its thread until released; its link quality answers
        registrations.add(context.registerService(EndpointDescriptor.class, EndpointDescriptor.of(STUCK), null));
        SimpleObject stuck = new SimpleObject(SimpleInstance.builder(0).integer(2, () -> {
            stuckReadEntered.countDown();
            try {
                release.await(2, TimeUnit.MINUTES); // bounded, so a failed test cannot hang the framework
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -101;
        }).integer(3, () -> 42).build());
        registrations.add(context.registerService(LwM2mObject.class, stuck,
                props(Map.of(LwM2mObject.OBJECT_ID, 4, LwM2mObject.ENDPOINT, STUCK))));

        server = TestLeshanServer.start("A");
        engine = new EngineSupport(configurationAdmin);
        engine.configureEngine();
        engine.addServer("a", server.uri(), 1);
        assertNotNull(server.awaitRegistration(GW, WAIT));
        assertNotNull(server.awaitRegistration(STUCK, WAIT));
        source = Executors.newSingleThreadScheduledExecutor();
    }

    @After
    public void tearDown() {
        release.countDown();
        if (source != null) {
            source.shutdownNow();
        }
        engine.deleteAll();
        registrations.forEach(GatewayTestSupport::unregister);
        server.destroy();
    }

    /** 5.03, which Leshan's ResponseCode has no constant for. */
    private static boolean isServiceUnavailable(Object answer) {
        return answer instanceof ResponseCode code && code.getCode() == 5 * 32 + 3;
    }

    @Test
    public void aBlockingObjectDelaysNoOtherEndpoint() throws Exception {
        // observe the gateway's signal strength with pmin 0: every change is to be notified
        assertTrue(server.send(GW, new WriteAttributesRequest(4, 0, 2, new LwM2mAttributeSet(
                LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, 0L))), TIMEOUT).isSuccess());
        assertTrue(server.send(GW, new ObserveRequest(ContentFormat.TLV, 4, 0, 2), TIMEOUT).isSuccess());

        // block: reads of the stuck endpoint's signal strength, sent without waiting for their answers
        Map<Integer, Object> stuckAnswers = new ConcurrentHashMap<>();
        CountDownLatch stuckAnswered = new CountDownLatch(STUCK_READS);
        var stuckRegistration = server.registration(STUCK);
        for (int i = 0; i < STUCK_READS; i++) {
            int n = i;
            server.server().send(stuckRegistration, new ReadRequest(ContentFormat.TLV, 4, 0, 2), TIMEOUT.toMillis(), response -> {
                stuckAnswers.put(n, response.getCode());
                stuckAnswered.countDown();
            }, error -> {
                stuckAnswers.put(n, error.toString());
                stuckAnswered.countDown();
            });
        }
        assertTrue("the stuck object's read started", stuckReadEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS));

        // the source changes 100 times a second for 3 s while the other object stays blocked
        AtomicInteger produced = new AtomicInteger();
        CountDownLatch sourceDone = new CountDownLatch(1);
        source.scheduleAtFixedRate(() -> {
            if (produced.get() >= CHANGES) {
                sourceDone.countDown();
                return;
            }
            rssi.set(-produced.incrementAndGet());
            connectivity.fireResourcesChanged(0, 2);
        }, 0, CHANGE_PERIOD_MS, TimeUnit.MILLISECONDS);

        // reads on the observed endpoint answer meanwhile, and so does another object of the stuck endpoint
        for (int i = 0; i < 10; i++) {
            ReadResponse read = server.send(GW, new ReadRequest(ContentFormat.TLV, 4, 0, 3), TIMEOUT);
            assertNotNull("the gateway endpoint answers a read while the other endpoint's object is blocked", read);
            assertEquals(read.toString(), ResponseCode.CONTENT, read.getCode());
            assertEquals(90L, ((LwM2mSingleResource) read.getContent()).getValue());
        }
        ReadResponse device = server.send(STUCK, new ReadRequest(ContentFormat.TLV, 3, 0, 0), TIMEOUT);
        assertNotNull("the stuck endpoint's Device object answers", device);
        assertEquals("the stuck endpoint's Device object has its own lane: " + device, ResponseCode.CONTENT, device.getCode());

        assertTrue("the source made its changes", sourceDone.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        int minimum = CHANGES * 8 / 10;
        List<TestLeshanServer.Notification> notifications = server.awaitNotifications(GW, RSSI, minimum, TIMEOUT);
        assertTrue(notifications.size() + " notifications for " + produced.get() + " changes",
                notifications.size() >= minimum);
        System.out.println("ObjectIsolationIT: " + notifications.size() + " notifications for " + produced.get()
                + " changes while " + STUCK + "'s object was blocked");
        assertTrue("no request of the stuck endpoint got any answer but 5.03 while its object was blocked: " + stuckAnswers,
                stuckAnswers.values().stream().allMatch(ObjectIsolationIT::isServiceUnavailable));

        // release: every blocked read is answered (the ones past the registry's timeout with 5.03),
        // and the object, which kept its lane, answers new reads
        release.countDown();
        assertTrue("every blocked read answered: " + stuckAnswers, stuckAnswered.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(stuckAnswers.toString(), stuckAnswers.values().stream()
                .allMatch(c -> ResponseCode.CONTENT.equals(c) || isServiceUnavailable(c)));
        ReadResponse after = server.send(STUCK, new ReadRequest(ContentFormat.TLV, 4, 0, 2), TIMEOUT);
        assertEquals(after.toString(), ResponseCode.CONTENT, after.getCode());
        assertEquals(-101L, ((LwM2mSingleResource) after.getContent()).getValue());
    }
}
