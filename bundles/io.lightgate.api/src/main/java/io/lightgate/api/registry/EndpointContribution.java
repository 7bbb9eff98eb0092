/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.registry;

import io.lightgate.api.object.LwM2mObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Objects;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * What one contributor puts on one endpoint, withdrawn together: its objects and, for a virtual
 * endpoint an adapter provides, the {@link EndpointDescriptor}. Replaces the service
 * properties, bookkeeping and "unregister, unless the bundle already took it away" every adapter
 * would otherwise write by hand.
 *
 * <p>Objects go to the registry either as object services ({@link #services}: visible to other
 * bundles, the way for a handful of objects) or straight into the registry ({@link #direct}: no
 * service per object, the way for thousands of endpoints). Both are decided alike (see
 * {@link ObjectRegistry#contribute}).
 *
 * <p>{@link #withdraw()} takes the endpoint away first (it de-registers while its objects are still
 * there), then the objects, newest first; it is idempotent, and tolerates what the framework has
 * already unregistered because the bundle is stopping. After it, the contribution is closed:
 * what is added later is not contributed (a late timer or callback cannot bring an endpoint back).
 * Thread-safe.
 */
public final class EndpointContribution {

    /** Where the objects go. */
    private interface Target {
        ObjectContribution contribute(String endpoint, int objectId, LwM2mObject object, int ranking, boolean shared);
    }

    private final String endpoint;
    private final Target target;
    private final BundleContext context; // null: no endpoint descriptor can be registered
    private final Deque<ObjectContribution> objects = new ArrayDeque<>(4); // guarded by this; newest first
    private ObjectContribution endpointRegistration; // guarded by this
    private boolean withdrawn; // guarded by this

    private EndpointContribution(String endpoint, Target target, BundleContext context) {
        this.endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint;
        this.target = target;
        this.context = context;
    }

    /**
     * Objects as services registered with the bundle's context (properties
     * {@value LwM2mObject#OBJECT_ID}, {@value LwM2mObject#ENDPOINT} and {@code service.ranking}).
     *
     * @param endpoint the endpoint name, or {@code null} for the gateway's own
     */
    public static EndpointContribution services(BundleContext context, String endpoint) {
        Objects.requireNonNull(context, "context");
        return new EndpointContribution(endpoint, (ep, objectId, object, ranking, shared) -> registered(
                context.registerService(LwM2mObject.class, object, objectProperties(ep, objectId, ranking, shared))), context);
    }

    /**
     * Objects handed to the registry with {@link ObjectRegistry#contribute}, no service each. Such a
     * contribution has no bundle context: {@link #registerEndpoint} is refused.
     *
     * @param endpoint the endpoint name, or {@code null} for the gateway's own
     */
    public static EndpointContribution direct(ObjectRegistry registry, String endpoint) {
        Objects.requireNonNull(registry, "registry");
        return new EndpointContribution(endpoint, (ep, objectId, object, ranking, shared) -> {
            if (shared) {
                throw new UnsupportedOperationException("endpoint '" + ep + "', object " + objectId
                        + ": a shared object is contributed as a service; use EndpointContribution.services");
            }
            return registry.contribute(ep, objectId, object, ranking);
        }, null);
    }

    /** The endpoint name, or {@code null} for the gateway's own. */
    public String endpoint() {
        return endpoint;
    }

    /** Adds an object with ranking 0 (as an object service without {@code service.ranking}). */
    public ObjectContribution add(int objectId, LwM2mObject object) {
        return add(objectId, object, 0);
    }

    /**
     * Adds an object to the endpoint.
     *
     * @param ranking as {@code service.ranking}; {@link LwM2mObject#DEFAULT_RANKING} for a default others replace
     * @return what withdraws this object alone (idempotent); after {@link #withdraw()}, or when the
     *         bundle is stopping, a handle that does nothing: the object was not contributed
     * @throws IllegalArgumentException when the object id is outside 0..65535
     */
    public ObjectContribution add(int objectId, LwM2mObject object, int ranking) {
        return add(objectId, object, ranking, false);
    }

    /**
     * Adds instances to an object several contributors share on the endpoint (service property
     * {@value LwM2mObject#SHARED}): the registry merges them with the other contributors' instances,
     * whose ids they must not take.
     *
     * @return what withdraws this contribution alone, as for {@link #add(int, LwM2mObject, int)}
     * @throws UnsupportedOperationException for a {@link #direct} contribution
     */
    public ObjectContribution addShared(int objectId, LwM2mObject object) {
        return add(objectId, object, 0, true);
    }

    private ObjectContribution add(int objectId, LwM2mObject object, int ranking, boolean shared) {
        if (objectId < 0 || objectId > 65535) {
            throw new IllegalArgumentException("object id " + objectId + " is outside 0..65535");
        }
        Objects.requireNonNull(object, "object");
        synchronized (this) {
            if (withdrawn) {
                return () -> { };
            }
            ObjectContribution contributed;
            try {
                contributed = target.contribute(endpoint, objectId, object, ranking, shared);
            } catch (IllegalStateException e) {
                return () -> { }; // the bundle is stopping: nothing to withdraw later
            }
            ObjectContribution handle = once(() -> {
                synchronized (this) {
                    objects.remove(contributed);
                }
                contributed.withdraw();
            });
            objects.push(contributed);
            return handle;
        }
    }

    /**
     * Registers the endpoint descriptor as a service (with {@value EndpointDescriptor#BEHIND_GATEWAY}
     * when the descriptor is {@linkplain EndpointDescriptor#behindGateway() behind the gateway}), so
     * the engine registers it with the servers. Does nothing while it is registered.
     *
     * @return true when the endpoint is registered now; false after {@link #withdraw()} or when
     *         the bundle is stopping
     * @throws IllegalArgumentException when the descriptor names another endpoint than this contribution
     * @throws IllegalStateException for a {@link #direct} contribution, which has no bundle context
     */
    public synchronized boolean registerEndpoint(EndpointDescriptor descriptor) {
        if (!descriptor.name().equals(endpoint)) {
            throw new IllegalArgumentException("the descriptor names endpoint '" + descriptor.name()
                    + "', this contribution is for '" + endpoint + "'");
        }
        if (context == null) {
            throw new IllegalStateException("endpoint '" + endpoint + "': a direct contribution has no bundle context "
                    + "to register the endpoint with; use EndpointContribution.services");
        }
        if (withdrawn) {
            return false;
        }
        if (endpointRegistration == null) {
            Dictionary<String, Object> properties = new Hashtable<>();
            if (descriptor.behindGateway()) {
                properties.put(EndpointDescriptor.BEHIND_GATEWAY, true);
            }
            try {
                endpointRegistration = registered(context.registerService(EndpointDescriptor.class, descriptor, properties));
            } catch (IllegalStateException e) {
                return false; // the bundle is stopping
            }
        }
        return true;
    }

    /** True while the endpoint descriptor is registered. */
    public synchronized boolean isEndpointRegistered() {
        return endpointRegistration != null;
    }

    /** Takes the endpoint descriptor away (its objects stay and wait for it in the registry); may register again. */
    public void withdrawEndpoint() {
        ObjectContribution registration;
        synchronized (this) {
            registration = endpointRegistration;
            endpointRegistration = null;
        }
        if (registration != null) {
            registration.withdraw();
        }
    }

    /** Withdraws the endpoint, then every object (newest first), and closes the contribution. Idempotent. */
    public void withdraw() {
        ObjectContribution registration;
        ObjectContribution[] all;
        synchronized (this) {
            withdrawn = true;
            registration = endpointRegistration;
            endpointRegistration = null;
            all = objects.toArray(ObjectContribution[]::new);
            objects.clear();
        }
        // calls out (service events, the registry's lock) happen without this object's lock
        if (registration != null) {
            registration.withdraw();
        }
        for (ObjectContribution o : all) {
            o.withdraw();
        }
    }

    /** True once {@link #withdraw()} was called. */
    public synchronized boolean isWithdrawn() {
        return withdrawn;
    }

    private static Dictionary<String, Object> objectProperties(String endpoint, int objectId, int ranking, boolean shared) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(LwM2mObject.OBJECT_ID, objectId);
        if (endpoint != null) {
            properties.put(LwM2mObject.ENDPOINT, endpoint);
        }
        if (ranking != 0) {
            properties.put(Constants.SERVICE_RANKING, ranking);
        }
        if (shared) {
            properties.put(LwM2mObject.SHARED, true);
        }
        return properties;
    }

    /** A service registration as a contribution: unregistering what the framework already took away is no error. */
    private static ObjectContribution registered(ServiceRegistration<?> registration) {
        return once(() -> {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // unregistered already: the bundle is stopping
            }
        });
    }

    private static ObjectContribution once(Runnable withdrawal) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                withdrawal.run();
            }
        };
    }
}
