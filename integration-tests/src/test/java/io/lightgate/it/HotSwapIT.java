/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static io.lightgate.api.registry.RegistryEvent.Kind.ENDPOINT_ADDED;
import static io.lightgate.api.registry.RegistryEvent.Kind.OBJECT_ADDED;
import static io.lightgate.api.registry.RegistryEvent.Kind.OBJECT_REMOVED;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.api.registry.RegistryEvent;
import io.lightgate.api.registry.RegistryListener;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * Hot swap of an object bundle: the sample bundle (Temperature 3303) installed, stopped,
 * started, updated with a new jar and uninstalled while the gateway runs. Each step changes
 * the gateway endpoint's tree exactly once, and another endpoint's tree never moves.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HotSwapIT extends GatewayTestSupport {

    private static final String OTHER = "machine-1";
    private static final LwM2mPath TEMPERATURE = LwM2mPath.of(3303);

    private final EventRecorder recorder = new EventRecorder();
    private ServiceRegistration<RegistryListener> listener;
    private ServiceRegistration<EndpointDescriptor> otherEndpoint;
    private ServiceRegistration<LwM2mObject> otherDevice;

    @Configuration
    public Option[] config() {
        return coreGateway(testFolder("hotswap"));
    }

    @Before
    public void setUp() throws Exception {
        simulateTemperature();
        listener = context.registerService(RegistryListener.class, recorder, null);
        // a second endpoint with its own Device object, as an adapter would contribute it
        otherEndpoint = context.registerService(EndpointDescriptor.class, EndpointDescriptor.of(OTHER), null);
        SimpleObject device = new SimpleObject(SimpleInstance.builder(0).string(0, () -> "ACME").build());
        otherDevice = context.registerService(LwM2mObject.class, device,
                props(Map.of(LwM2mObject.OBJECT_ID, 3, LwM2mObject.ENDPOINT, OTHER)));
        await("endpoint " + OTHER + " with object 3", () -> registry.tree(OTHER).map(t -> t.objects().containsKey(3)).orElse(false));
    }

    @After
    public void tearDown() {
        unregister(otherDevice);
        unregister(otherEndpoint);
        unregister(listener);
    }

    @Test
    public void objectBundleLifecycleChangesTheTreeOnceEachStep() throws Exception {
        String gw = registry.gatewayEndpoint();
        assertEquals("it-gateway", gw);
        EndpointTree otherBefore = registry.tree(OTHER).orElseThrow();
        assertFalse("3303 is not there before the bundle", registry.tree(gw).orElseThrow().objects().containsKey(3303));
        // the new listener first heard about what already existed
        await("replay of existing endpoints", () -> recorder.all().stream().anyMatch(e -> e.kind() == ENDPOINT_ADDED && e.endpoint().equals(gw)));
        recorder.clear();

        // install + start
        Bundle sample = context.installBundle(jar("sample").toURI().toString());
        sample.start();
        awaitTreeChanges(gw, 1);
        assertEquals(List.of(new RegistryEvent(OBJECT_ADDED, gw, List.of(TEMPERATURE))), recorder.treeChanges(gw));
        EndpointTree tree = registry.tree(gw).orElseThrow();
        assertEquals("two simulated sensors", List.of(0, 1), List.copyOf(tree.objects().get(3303).instances().keySet()));
        assertTrue(tree.objects().get(3303).instances().get(0).contains(5700));
        Resource value = join(registry.readResource(gw, LwM2mPath.of(3303, 0, 5700)));
        assertTrue("a plausible temperature: " + value, value.value().asDouble() > -40 && value.value().asDouble() < 125);

        // stop
        sample.stop();
        awaitTreeChanges(gw, 2);
        assertEquals(new RegistryEvent(OBJECT_REMOVED, gw, List.of(TEMPERATURE)), recorder.treeChanges(gw).get(1));
        assertFalse(registry.tree(gw).orElseThrow().objects().containsKey(3303));

        // start again
        sample.start();
        awaitTreeChanges(gw, 3);
        assertEquals(OBJECT_ADDED, recorder.treeChanges(gw).get(2).kind());

        // update with a new jar: withdrawn once, back once
        try (InputStream in = new FileInputStream(jar("sample"))) {
            sample.update(in);
        }
        awaitTreeChanges(gw, 5);
        assertEquals(OBJECT_REMOVED, recorder.treeChanges(gw).get(3).kind());
        assertEquals(OBJECT_ADDED, recorder.treeChanges(gw).get(4).kind());
        assertTrue(registry.tree(gw).orElseThrow().objects().containsKey(3303));

        // uninstall
        sample.uninstall();
        awaitTreeChanges(gw, 6);
        assertEquals(new RegistryEvent(OBJECT_REMOVED, gw, List.of(TEMPERATURE)), recorder.treeChanges(gw).get(5));
        assertFalse(registry.tree(gw).orElseThrow().objects().containsKey(3303));

        // nothing more trickles in, and the other endpoint never moved
        Thread.sleep(500);
        assertEquals("exactly one event per step", 6, recorder.treeChanges(gw).size());
        assertEquals("the other endpoint saw no tree change", List.of(), recorder.treeChanges(OTHER));
        assertEquals(otherBefore, registry.tree(OTHER).orElseThrow());
        assertEquals("ACME", join(registry.readResource(OTHER, LwM2mPath.of(3, 0, 0))).value().asString());
    }

    @Test
    public void withdrawingAnEndpointRemovesItAndOnlyIt() throws Exception {
        String gw = registry.gatewayEndpoint();
        EndpointTree gatewayBefore = registry.tree(gw).orElseThrow();
        recorder.clear();
        otherEndpoint.unregister();
        await("endpoint removed", () -> registry.tree(OTHER).isEmpty());
        await("ENDPOINT_REMOVED event", () -> recorder.all().stream()
                .anyMatch(e -> e.kind() == RegistryEvent.Kind.ENDPOINT_REMOVED && e.endpoint().equals(OTHER)));
        assertEquals(List.of(), recorder.treeChanges(gw));
        assertEquals(gatewayBefore, registry.tree(gw).orElseThrow());
        // the object waits for its endpoint and comes back with it
        otherEndpoint = context.registerService(EndpointDescriptor.class, EndpointDescriptor.of(OTHER), null);
        await("endpoint back with its object", () -> registry.tree(OTHER).map(t -> t.objects().containsKey(3)).orElse(false));
    }

    private void awaitTreeChanges(String endpoint, int count) throws InterruptedException {
        await(count + " tree change(s) on " + endpoint + ", seen " + recorder.treeChanges(endpoint),
                () -> recorder.treeChanges(endpoint).size() >= count);
    }
}
