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
import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.api.registry.ObjectContribution;
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
 * the gateway endpoint's Temperature object exactly once, and another endpoint's tree never
 * hears of it. The assertions follow what the hot-swapped bundle does: other objects that
 * appear on either endpoint on their own (a Device object a virtual endpoint gets, say) are
 * none of this test's business.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class HotSwapIT extends GatewayTestSupport {

    private static final String OTHER = "machine-1";
    private static final int TEMPERATURE_ID = 3303;
    private static final LwM2mPath TEMPERATURE = LwM2mPath.of(TEMPERATURE_ID);
    /** The other endpoint's own object: Location (6), a core model, with a fixed latitude. */
    private static final int LOCATION_ID = 6;

    private final EventRecorder recorder = new EventRecorder();
    private ServiceRegistration<RegistryListener> listener;
    private ServiceRegistration<EndpointDescriptor> otherEndpoint;
    private ServiceRegistration<LwM2mObject> otherLocation;

    @Configuration
    public Option[] config() {
        return coreGateway(testFolder("hotswap"));
    }

    @Before
    public void setUp() throws Exception {
        simulateTemperature();
        listener = context.registerService(RegistryListener.class, recorder, null);
        // a second endpoint with an object of its own, as an adapter would contribute them
        otherEndpoint = context.registerService(EndpointDescriptor.class, EndpointDescriptor.of(OTHER), null);
        SimpleObject location = new SimpleObject(SimpleInstance.builder(0).floating(0, () -> 48.2).floating(1, () -> 16.37).build());
        otherLocation = context.registerService(LwM2mObject.class, location,
                props(Map.of(LwM2mObject.OBJECT_ID, LOCATION_ID, LwM2mObject.ENDPOINT, OTHER)));
        await("endpoint " + OTHER + " with object " + LOCATION_ID,
                () -> registry.tree(OTHER).map(t -> t.objects().containsKey(LOCATION_ID)).orElse(false));
        // the tree is decided before its events are delivered: let the recorder hear them all,
        // so none of the set-up's events lands after a test has cleared the recorder
        awaitRegistryEventsDelivered();
    }

    @After
    public void tearDown() {
        unregister(otherLocation);
        unregister(otherEndpoint);
        unregister(listener);
    }

    @Test
    public void objectBundleLifecycleChangesTheTreeOnceEachStep() throws Exception {
        String gw = registry.gatewayEndpoint();
        assertEquals("it-gateway", gw);
        EndpointTree.ObjectNode otherLocationBefore = registry.tree(OTHER).orElseThrow().objects().get(LOCATION_ID);
        assertFalse("3303 is not there before the bundle", registry.tree(gw).orElseThrow().objects().containsKey(TEMPERATURE_ID));
        // the listener first heard about what already existed
        assertTrue(recorder.all().toString(), recorder.all().stream().anyMatch(e -> e.kind() == ENDPOINT_ADDED && e.endpoint().equals(gw)));
        recorder.clear();

        // install + start
        Bundle sample = context.installBundle(jar("sample").toURI().toString());
        sample.start();
        awaitTemperatureChanges(gw, 1);
        assertEquals(List.of(new RegistryEvent(OBJECT_ADDED, gw, List.of(TEMPERATURE))), recorder.treeChanges(gw, TEMPERATURE_ID));
        EndpointTree tree = registry.tree(gw).orElseThrow();
        assertEquals("two simulated sensors", List.of(0, 1), List.copyOf(tree.objects().get(TEMPERATURE_ID).instances().keySet()));
        assertTrue(tree.objects().get(TEMPERATURE_ID).instances().get(0).contains(5700));
        Resource value = join(registry.readResource(gw, LwM2mPath.of(TEMPERATURE_ID, 0, 5700)));
        assertTrue("a plausible temperature: " + value, value.value().asDouble() > -40 && value.value().asDouble() < 125);

        // stop
        sample.stop();
        awaitTemperatureChanges(gw, 2);
        assertEquals(new RegistryEvent(OBJECT_REMOVED, gw, List.of(TEMPERATURE)), recorder.treeChanges(gw, TEMPERATURE_ID).get(1));
        assertFalse(registry.tree(gw).orElseThrow().objects().containsKey(TEMPERATURE_ID));

        // start again
        sample.start();
        awaitTemperatureChanges(gw, 3);
        assertEquals(new RegistryEvent(OBJECT_ADDED, gw, List.of(TEMPERATURE)), recorder.treeChanges(gw, TEMPERATURE_ID).get(2));

        // update with a new jar: withdrawn once, back once
        try (InputStream in = new FileInputStream(jar("sample"))) {
            sample.update(in);
        }
        awaitTemperatureChanges(gw, 5);
        assertEquals(new RegistryEvent(OBJECT_REMOVED, gw, List.of(TEMPERATURE)), recorder.treeChanges(gw, TEMPERATURE_ID).get(3));
        assertEquals(new RegistryEvent(OBJECT_ADDED, gw, List.of(TEMPERATURE)), recorder.treeChanges(gw, TEMPERATURE_ID).get(4));
        assertTrue(registry.tree(gw).orElseThrow().objects().containsKey(TEMPERATURE_ID));

        // uninstall
        sample.uninstall();
        awaitTemperatureChanges(gw, 6);
        assertEquals(new RegistryEvent(OBJECT_REMOVED, gw, List.of(TEMPERATURE)), recorder.treeChanges(gw, TEMPERATURE_ID).get(5));
        assertFalse(registry.tree(gw).orElseThrow().objects().containsKey(TEMPERATURE_ID));

        // nothing more trickles in (every event queued so far has been delivered), and the
        // other endpoint never heard of the bundle nor lost its own object
        awaitRegistryEventsDelivered();
        assertEquals("exactly one event per step: " + recorder.treeChanges(gw), 6, recorder.treeChanges(gw, TEMPERATURE_ID).size());
        assertEquals("the other endpoint saw nothing of the bundle", List.of(), recorder.treeChanges(OTHER, TEMPERATURE_ID));
        assertEquals("the other endpoint's own object never moved", List.of(), recorder.treeChanges(OTHER, LOCATION_ID));
        assertEquals(otherLocationBefore, registry.tree(OTHER).orElseThrow().objects().get(LOCATION_ID));
        assertFalse(registry.tree(OTHER).orElseThrow().objects().containsKey(TEMPERATURE_ID));
        assertEquals(48.2, join(registry.readResource(OTHER, LwM2mPath.of(LOCATION_ID, 0, 0))).value().asDouble(), 0.0);
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
        awaitRegistryEventsDelivered();
        // the gateway's endpoint lost nothing (objects of its own may still be arriving)
        assertEquals(List.of(), recorder.all().stream().filter(e -> e.endpoint().equals(gw)
                && (e.kind() == RegistryEvent.Kind.OBJECT_REMOVED || e.kind() == RegistryEvent.Kind.ENDPOINT_REMOVED)).toList());
        EndpointTree gatewayAfter = registry.tree(gw).orElseThrow();
        gatewayBefore.objects().forEach((id, node) -> assertEquals("object " + id + " of " + gw, node, gatewayAfter.objects().get(id)));
        // the object waits for its endpoint and comes back with it
        otherEndpoint = context.registerService(EndpointDescriptor.class, EndpointDescriptor.of(OTHER), null);
        await("endpoint back with its object", () -> registry.tree(OTHER).map(t -> t.objects().containsKey(LOCATION_ID)).orElse(false));
    }

    @Test
    public void anObjectContributedDirectlyIsDecidedLikeAServiceAndWinsTies() throws Exception {
        LwM2mPath latitude = LwM2mPath.of(LOCATION_ID, 0, 0);
        // equal ranking: the direct contribution wins, as if registered before the service
        ObjectContribution direct = registry.contribute(OTHER, LOCATION_ID, location(50.0), 0);
        await("the direct Location answers", () -> latitudeOf(OTHER) == 50.0);
        direct.withdraw();
        await("the service's Location is back", () -> latitudeOf(OTHER) == 48.2);
        direct.withdraw(); // a second withdraw does nothing
        // lower ranking: it loses to the service
        ObjectContribution lower = registry.contribute(OTHER, LOCATION_ID, location(51.0), -1);
        awaitRegistryEventsDelivered();
        assertEquals(48.2, join(registry.readResource(OTHER, latitude)).value().asDouble(), 0.0);
        // the service goes: the lower one takes over; the service comes back: it wins again
        otherLocation.unregister();
        await("the lower direct Location took over", () -> latitudeOf(OTHER) == 51.0);
        otherLocation = context.registerService(LwM2mObject.class, location(48.2),
                props(Map.of(LwM2mObject.OBJECT_ID, LOCATION_ID, LwM2mObject.ENDPOINT, OTHER)));
        await("the service's Location wins again", () -> latitudeOf(OTHER) == 48.2);
        lower.withdraw();
        // an object for an endpoint that is not there yet waits for it, and goes with it
        ObjectContribution early = registry.contribute("machine-2", LOCATION_ID, location(52.0), 0);
        awaitRegistryEventsDelivered();
        assertTrue(registry.tree("machine-2").isEmpty());
        ServiceRegistration<EndpointDescriptor> second = context.registerService(EndpointDescriptor.class,
                EndpointDescriptor.of("machine-2"), null);
        try {
            await("machine-2 with its Location", () -> latitudeOf("machine-2") == 52.0);
            early.withdraw();
            await("machine-2 without Location", () -> registry.tree("machine-2")
                    .map(t -> !t.objects().containsKey(LOCATION_ID)).orElse(false));
        } finally {
            second.unregister();
        }
    }

    @Test
    public void whatABundleContributedDirectlyGoesWhenTheBundleStops() throws Exception {
        // a bundle without classes: the test acts with its context, as an adapter's code would
        Bundle adapter = context.installBundle("test:direct-adapter",
                TestBundles.bundle("io.lightgate.it.direct", Map.of("Import-Package", "io.lightgate.api.registry"), Map.of()));
        try {
            adapter.start();
            var reference = adapter.getBundleContext().getServiceReference(io.lightgate.api.registry.ObjectRegistry.class);
            var itsRegistry = adapter.getBundleContext().getService(reference);
            // Connectivity Monitoring (4), a core model
            itsRegistry.contribute(OTHER, 4, new SimpleObject(SimpleInstance.builder(0).integer(2, () -> -70).build()), 0);
            await("the adapter's object 4 on " + OTHER,
                    () -> registry.tree(OTHER).map(t -> t.objects().containsKey(4)).orElse(false));
            assertTrue(registry.tree(OTHER).orElseThrow().objects().get(4).contributor().contains("io.lightgate.it.direct"));
            adapter.stop();
            await("object 4 withdrawn with the stopped bundle",
                    () -> registry.tree(OTHER).map(t -> !t.objects().containsKey(4)).orElse(false));
            assertEquals("the other objects stay", 48.2, latitudeOf(OTHER), 0.0);
        } finally {
            adapter.uninstall();
        }
    }

    /**
     * A bundle ships the model of an object it contributes directly and stops without withdrawing
     * it (as an adapter whose components end with the bundle): the registry withdraws the object
     * when the bundle stops using it, and the bundle's model goes only after that. Before, the
     * model went as the bundle began to stop, and the object stood in the tree without a model
     * for a moment ("is not in any tree: no model is known", ten times at the demo's stop).
     */
    @Test
    public void aBundlesOwnModelStaysUntilTheBundleHasStopped() throws Exception {
        Bundle adapter = context.installBundle("test:modelled-adapter", TestBundles.bundle("io.lightgate.it.modelled",
                Map.of("Import-Package", "io.lightgate.api.registry", "LwM2M-Models", "models"),
                Map.of("models/3304.xml", TestBundles.resource("/ddf/3304.xml"))));
        var modelsRef = context.getServiceReference(ModelRepository.class);
        ModelRepository models = context.getService(modelsRef);
        try (LogWatch log = LogWatch.start()) {
            assertTrue("3304 (Humidity) is not among the core gateway's models", models.model(3304).isEmpty());
            adapter.start();
            assertTrue("the bundle's model is there once it has started", models.model(3304).isPresent());
            var itsRegistry = adapter.getBundleContext().getService(
                    adapter.getBundleContext().getServiceReference(io.lightgate.api.registry.ObjectRegistry.class));
            itsRegistry.contribute(OTHER, 3304, new SimpleObject(SimpleInstance.builder(0).floating(5700, () -> 45.0).build()), 0);
            await("the bundle's Humidity object on " + OTHER,
                    () -> registry.tree(OTHER).map(t -> t.objects().containsKey(3304)).orElse(false));

            adapter.stop();
            await("Humidity withdrawn with the stopped bundle",
                    () -> registry.tree(OTHER).map(t -> !t.objects().containsKey(3304)).orElse(false));
            assertTrue("the bundle's model went with it", models.model(3304).isEmpty());
            awaitRegistryEventsDelivered();
            assertEquals("warnings about the stopped bundle's object", List.of(),
                    log.warnings().stream().filter(line -> line.contains("3304")).toList());
        } finally {
            context.ungetService(modelsRef);
            adapter.uninstall();
        }
    }

    private static SimpleObject location(double latitude) {
        return new SimpleObject(SimpleInstance.builder(0).floating(0, () -> latitude).floating(1, () -> 16.37).build());
    }

    private double latitudeOf(String endpoint) {
        try {
            return join(registry.readResource(endpoint, LwM2mPath.of(LOCATION_ID, 0, 0))).value().asDouble();
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private void awaitTemperatureChanges(String endpoint, int count) throws InterruptedException {
        await(count + " change(s) of object " + TEMPERATURE_ID + " on " + endpoint + ", seen " + recorder.treeChanges(endpoint),
                () -> recorder.treeChanges(endpoint, TEMPERATURE_ID).size() >= count);
    }
}
