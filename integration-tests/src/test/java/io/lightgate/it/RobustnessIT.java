/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResponseCode;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectListener;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import io.lightgate.api.registry.EndpointDescriptor;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Bad contributions never disturb the rest: a bundle with a broken DDF file, objects that
 * throw or hang, two bundles contributing the same object, an object without a model.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RobustnessIT extends GatewayTestSupport {

    @Inject
    private ModelRepository models;

    @Configuration
    public Option[] config() {
        return coreGateway(testFolder("robustness"));
    }

    @Test
    public void brokenDdfFileIsRejectedAloneAndModelsFollowTheirBundle() throws Exception {
        String gw = registry.gatewayEndpoint();
        // an object for Humidity (3304) waits: no model yet
        SimpleObject humidity = new SimpleObject(SimpleInstance.builder(0).floating(5700, () -> 41.5).build());
        ServiceRegistration<LwM2mObject> reg = context.registerService(LwM2mObject.class, humidity, props(Map.of(LwM2mObject.OBJECT_ID, 3304)));
        // SCR binds the registry's dynamic reference while registerService runs: it has decided by now
        assertFalse("no model, no object", registry.tree(gw).orElseThrow().objects().containsKey(3304));

        // a bundle shipping one broken and one good DDF file
        Bundle modelsBundle = context.installBundle("test:models", TestBundles.bundle("test.models",
                Map.of(ModelRepository.MODELS_HEADER, "models"),
                Map.of("models/broken.xml", TestBundles.text("<LWM2M><Object><ObjectID>9999</ObjectID><Name>Broken"),
                        "models/3304.xml", TestBundles.resource("/ddf/3304.xml"))));
        modelsBundle.start();
        await("model 3304 loaded", () -> models.model(3304).isPresent());
        assertFalse("the broken file gave no model", models.model(9999).isPresent());
        assertTrue("the built-in models are still there", models.model(3).isPresent());

        // the waiting object joins the tree and is readable
        await("3304 in the tree", () -> registry.tree(gw).orElseThrow().objects().containsKey(3304));
        assertEquals(41.5, join(registry.readResource(gw, LwM2mPath.of(3304, 0, 5700))).value().asDouble(), 0.0);
        assertEquals("Lightgate", join(registry.readResource(gw, LwM2mPath.of(3, 0, 0))).value().asString());

        // stopping the model bundle withdraws its models, and with them the object
        modelsBundle.stop();
        await("model 3304 gone", () -> models.model(3304).isEmpty());
        await("3304 left the tree", () -> !registry.tree(gw).orElseThrow().objects().containsKey(3304));
        modelsBundle.uninstall();
        reg.unregister();
    }

    @Test
    public void throwingAndHangingObjectsAreContained() throws Exception {
        String gw = registry.gatewayEndpoint();
        // Connectivity Statistics (7): every call throws, even instanceIds()
        ServiceRegistration<LwM2mObject> throwingEverywhere = context.registerService(LwM2mObject.class, new ThrowingObject(false),
                props(Map.of(LwM2mObject.OBJECT_ID, 7)));
        // Location (6): has instance 0, but its reads throw or never answer
        ServiceRegistration<LwM2mObject> throwingReads = context.registerService(LwM2mObject.class, new ThrowingObject(true),
                props(Map.of(LwM2mObject.OBJECT_ID, 6)));
        await("both objects in the tree", () -> registry.tree(gw).orElseThrow().objects().keySet().containsAll(Set.of(6, 7)));

        assertEquals("an object whose instanceIds() throws shows no instances", Set.of(),
                registry.tree(gw).orElseThrow().objects().get(7).instances().keySet());
        assertCode(ResponseCode.NOT_FOUND, registry.readResource(gw, LwM2mPath.of(7, 0, 2)));
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, registry.readResource(gw, LwM2mPath.of(6, 0, 0)));
        assertCode(ResponseCode.INTERNAL_SERVER_ERROR, registry.readInstance(gw, LwM2mPath.of(6, 0)));
        assertCode(ResponseCode.SERVICE_UNAVAILABLE, registry.readResource(gw, LwM2mPath.of(6, 0, 1)));

        // everything else still answers
        Resource manufacturer = join(registry.readResource(gw, LwM2mPath.of(3, 0, 0)));
        assertEquals("Lightgate", manufacturer.value().asString());
        assertEquals(3, registry.tree(gw).orElseThrow().objects().size());
        throwingEverywhere.unregister();
        throwingReads.unregister();
        await("both withdrawn", () -> registry.tree(gw).orElseThrow().objects().keySet().equals(Set.of(3)));
    }

    @Test
    public void conflictingContributionsHaveADeterministicWinner() throws Exception {
        String ep = "conflict-ep";
        ServiceRegistration<EndpointDescriptor> endpoint = context.registerService(EndpointDescriptor.class, EndpointDescriptor.of(ep), null);
        ServiceRegistration<LwM2mObject> first = context.registerService(LwM2mObject.class, device("first"),
                props(Map.of(LwM2mObject.OBJECT_ID, 3, LwM2mObject.ENDPOINT, ep)));
        ServiceRegistration<LwM2mObject> ranked = context.registerService(LwM2mObject.class, device("ranked"),
                props(Map.of(LwM2mObject.OBJECT_ID, 3, LwM2mObject.ENDPOINT, ep, Constants.SERVICE_RANKING, 10)));
        ServiceRegistration<LwM2mObject> second = context.registerService(LwM2mObject.class, device("second"),
                props(Map.of(LwM2mObject.OBJECT_ID, 3, LwM2mObject.ENDPOINT, ep)));
        await("the highest ranking wins", () -> "ranked".equals(manufacturer(ep)));
        ranked.unregister();
        await("then the earliest registration", () -> "first".equals(manufacturer(ep)));
        first.unregister();
        await("then the only one left", () -> "second".equals(manufacturer(ep)));
        assertEquals("one object 3, never two", Set.of(3), registry.tree(ep).orElseThrow().objects().keySet());
        second.unregister();
        endpoint.unregister();
        // the gateway's own Device was never touched
        assertEquals("Lightgate", join(registry.readResource(registry.gatewayEndpoint(), LwM2mPath.of(3, 0, 0))).value().asString());
    }

    private String manufacturer(String endpoint) {
        try {
            return join(registry.readResource(endpoint, LwM2mPath.of(3, 0, 0))).value().asString();
        } catch (Exception e) {
            return null;
        }
    }

    private static SimpleObject device(String manufacturer) {
        return new SimpleObject(SimpleInstance.builder(0).string(0, () -> manufacturer).build());
    }

    private static void assertCode(ResponseCode expected, CompletionStage<?> stage) throws Exception {
        try {
            join(stage);
            fail("expected " + expected);
        } catch (ExecutionException e) {
            assertTrue("an LwM2mException, was " + e.getCause(), e.getCause() instanceof LwM2mException);
            assertEquals(e.getCause().getMessage(), expected, ((LwM2mException) e.getCause()).code());
        }
    }

    /** A broken contribution: throws from everything, or has instance 0 whose reads fail (resource 0) or hang (resource 1). */
    private static final class ThrowingObject implements LwM2mObject {
        private final boolean hasInstance;

        ThrowingObject(boolean hasInstance) {
            this.hasInstance = hasInstance;
        }

        @Override
        public SortedSet<Integer> instanceIds() {
            if (!hasInstance) {
                throw new IllegalStateException("instanceIds is broken");
            }
            return new TreeSet<>(Set.of(0));
        }

        @Override
        public Set<Integer> resourceIds(int instanceId) {
            return Set.of(0, 1);
        }

        @Override
        public CompletionStage<Resource> read(int instanceId, int resourceId) {
            if (resourceId == 1) {
                return new CompletableFuture<>(); // never completes
            }
            throw new IllegalStateException("read is broken");
        }

        @Override
        public void setListener(ObjectListener listener) {
            if (!hasInstance) {
                throw new IllegalStateException("setListener is broken");
            }
        }
    }
}
