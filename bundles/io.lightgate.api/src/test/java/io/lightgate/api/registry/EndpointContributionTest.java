/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleObject;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import org.junit.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

public class EndpointContributionTest {

    /** A bundle context that records registrations; unregistering twice throws, as the framework does. */
    private static final class FakeContext {
        final List<String> log = new ArrayList<>();
        final List<Dictionary<?, ?>> properties = new ArrayList<>();
        final List<ServiceRegistration<?>> registrations = new ArrayList<>();
        final List<boolean[]> gone = new ArrayList<>();
        boolean stopping;

        BundleContext context() {
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { BundleContext.class },
                    (proxy, method, args) -> {
                        if (!method.getName().equals("registerService")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        if (stopping) {
                            throw new IllegalStateException("bundle context is no longer valid");
                        }
                        String name = ((Class<?>) args[0]).getSimpleName() + "#" + registrations.size();
                        properties.add((Dictionary<?, ?>) args[2]);
                        boolean[] unregistered = { false };
                        gone.add(unregistered);
                        ServiceRegistration<?> r = (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] { ServiceRegistration.class }, (p, m, a) -> {
                                    if (m.getName().equals("unregister")) {
                                        if (unregistered[0]) {
                                            throw new IllegalStateException("service already unregistered");
                                        }
                                        unregistered[0] = true;
                                        log.add("unregister " + name);
                                        return null;
                                    }
                                    throw new UnsupportedOperationException(m.getName());
                                });
                        registrations.add(r);
                        log.add("register " + name);
                        return r;
                    });
        }
    }

    private final FakeContext fake = new FakeContext();

    @Test
    public void objectsAreServicesNamingTheirEndpointAndObjectId() {
        EndpointContribution c = EndpointContribution.services(fake.context(), "meter-1");
        c.add(3, new SimpleObject());
        c.add(3303, new SimpleObject(), LwM2mObject.DEFAULT_RANKING);
        assertEquals(3, fake.properties.get(0).get(LwM2mObject.OBJECT_ID));
        assertEquals("meter-1", fake.properties.get(0).get(LwM2mObject.ENDPOINT));
        assertNull("ranking 0 is the default of a service", fake.properties.get(0).get(Constants.SERVICE_RANKING));
        assertEquals(3303, fake.properties.get(1).get(LwM2mObject.OBJECT_ID));
        assertEquals(LwM2mObject.DEFAULT_RANKING, fake.properties.get(1).get(Constants.SERVICE_RANKING));
    }

    @Test
    public void aSharedObjectSaysSo() {
        EndpointContribution c = EndpointContribution.services(fake.context(), null);
        c.addShared(3305, new SimpleObject());
        c.add(3303, new SimpleObject());
        assertEquals(Boolean.TRUE, fake.properties.get(0).get(LwM2mObject.SHARED));
        assertNull(fake.properties.get(1).get(LwM2mObject.SHARED));
    }

    @Test
    public void theGatewaysOwnEndpointHasNoEndpointProperty() {
        EndpointContribution.services(fake.context(), null).add(3, new SimpleObject());
        assertNull(fake.properties.get(0).get(LwM2mObject.ENDPOINT));
    }

    @Test
    public void withdrawTakesTheEndpointFirstThenTheObjectsNewestFirstAndOnlyOnce() {
        EndpointContribution c = EndpointContribution.services(fake.context(), "meter-1");
        c.add(3, new SimpleObject());
        c.add(3303, new SimpleObject());
        assertTrue(c.registerEndpoint(EndpointDescriptor.of("meter-1")));
        fake.log.clear();
        c.withdraw();
        c.withdraw();
        assertEquals(List.of("unregister EndpointDescriptor#2", "unregister LwM2mObject#1", "unregister LwM2mObject#0"), fake.log);
        assertTrue(c.isWithdrawn());
        assertFalse(c.isEndpointRegistered());
    }

    @Test
    public void whatTheFrameworkUnregisteredAlreadyIsNoError() {
        EndpointContribution c = EndpointContribution.services(fake.context(), "meter-1");
        c.add(3, new SimpleObject());
        c.registerEndpoint(EndpointDescriptor.of("meter-1"));
        fake.registrations.forEach(ServiceRegistration::unregister); // the bundle stopped
        c.withdraw(); // does not throw
        assertTrue(fake.gone.stream().allMatch(g -> g[0]));
    }

    @Test
    public void nothingIsContributedAfterWithdrawOrWhileTheBundleStops() {
        EndpointContribution c = EndpointContribution.services(fake.context(), "meter-1");
        c.withdraw();
        c.add(3, new SimpleObject()).withdraw();
        assertFalse("a late timer cannot bring the endpoint back", c.registerEndpoint(EndpointDescriptor.of("meter-1")));
        assertTrue(fake.registrations.isEmpty());

        EndpointContribution stopping = EndpointContribution.services(fake.context(), "meter-2");
        fake.stopping = true;
        stopping.add(3, new SimpleObject()).withdraw();
        assertFalse(stopping.registerEndpoint(EndpointDescriptor.of("meter-2")));
        stopping.withdraw();
    }

    @Test
    public void oneObjectCanBeWithdrawnAloneAndIsNotWithdrawnTwice() {
        EndpointContribution c = EndpointContribution.services(fake.context(), null);
        ObjectContribution first = c.add(3303, new SimpleObject());
        c.add(3304, new SimpleObject());
        first.withdraw();
        first.withdraw();
        assertEquals("unregister LwM2mObject#0", fake.log.get(fake.log.size() - 1));
        c.withdraw();
        assertEquals(List.of("register LwM2mObject#0", "register LwM2mObject#1", "unregister LwM2mObject#0",
                "unregister LwM2mObject#1"), fake.log);
    }

    @Test
    public void theEndpointComesAndGoesWhileTheObjectsStay() {
        EndpointContribution c = EndpointContribution.services(fake.context(), "plc");
        c.add(3, new SimpleObject());
        assertTrue(c.registerEndpoint(EndpointDescriptor.of("plc").withBehindGateway(true)));
        assertTrue(c.registerEndpoint(EndpointDescriptor.of("plc").withBehindGateway(true))); // registered already
        assertEquals(Boolean.TRUE, fake.properties.get(1).get(EndpointDescriptor.BEHIND_GATEWAY));
        c.withdrawEndpoint();
        assertFalse(c.isEndpointRegistered());
        assertTrue(c.registerEndpoint(EndpointDescriptor.of("plc")));
        assertNull(fake.properties.get(2).get(EndpointDescriptor.BEHIND_GATEWAY));
        assertEquals(List.of("register LwM2mObject#0", "register EndpointDescriptor#1", "unregister EndpointDescriptor#1",
                "register EndpointDescriptor#2"), fake.log);
    }

    @Test
    public void anEndpointDescriptorMustNameTheContributionsEndpoint() {
        EndpointContribution c = EndpointContribution.services(fake.context(), "plc");
        assertThrows(IllegalArgumentException.class, () -> c.registerEndpoint(EndpointDescriptor.of("other")));
        assertThrows(IllegalArgumentException.class, () -> c.add(70000, new SimpleObject()));
    }

    @Test
    public void directContributionsGoToTheRegistryAndAreWithdrawnFromIt() {
        List<String> log = new ArrayList<>();
        ObjectRegistry registry = (ObjectRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ObjectRegistry.class }, (proxy, method, args) -> {
                    if (!method.getName().equals("contribute")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String what = args[0] + "/" + args[1] + " ranking " + args[3];
                    log.add("contribute " + what);
                    return (ObjectContribution) () -> log.add("withdraw " + what);
                });
        EndpointContribution c = EndpointContribution.direct(registry, "ep-7");
        c.add(0, new SimpleObject(), 0);
        c.add(3, new SimpleObject(), LwM2mObject.DEFAULT_RANKING);
        assertThrows(IllegalStateException.class, () -> c.registerEndpoint(EndpointDescriptor.of("ep-7")));
        c.withdraw();
        c.withdraw();
        assertEquals(List.of("contribute ep-7/0 ranking 0", "contribute ep-7/3 ranking " + LwM2mObject.DEFAULT_RANKING,
                "withdraw ep-7/3 ranking " + LwM2mObject.DEFAULT_RANKING, "withdraw ep-7/0 ranking 0"), log);
    }
}
