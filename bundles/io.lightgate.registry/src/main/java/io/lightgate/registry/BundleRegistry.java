/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.WriteMode;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.api.registry.ObjectContribution;
import io.lightgate.api.registry.ObjectRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry as one bundle sees it (one instance per using bundle): everything goes to the
 * shared {@link ObjectTreeRegistry}; what the bundle contributed directly and did not withdraw
 * is withdrawn when the bundle stops using the registry, as the framework does with services.
 */
@Component(service = ObjectRegistry.class, scope = ServiceScope.BUNDLE)
public final class BundleRegistry implements ObjectRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(BundleRegistry.class);

    private final ObjectTreeRegistry shared;
    private final String bundle;
    private final Set<ObjectContribution> open = new LinkedHashSet<>(); // guarded by this
    private boolean closed;

    @Activate
    public BundleRegistry(@Reference ObjectTreeRegistry shared, ComponentContext context) {
        this.shared = shared;
        Bundle user = context.getUsingBundle();
        this.bundle = user == null ? "?" : user.getSymbolicName() + " " + user.getVersion() + " [" + user.getBundleId() + "]";
    }

    @Deactivate
    void deactivate() {
        List<ObjectContribution> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(open);
            open.clear();
        }
        if (!left.isEmpty()) {
            LOG.info("Bundle {} stopped using the registry: its {} remaining direct object contribution(s) are withdrawn",
                    bundle, left.size());
        }
        left.forEach(ObjectContribution::withdraw);
    }

    @Override
    public ObjectContribution contribute(String endpoint, int objectId, LwM2mObject object, int ranking) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("bundle " + bundle + " no longer uses the registry");
            }
        }
        ObjectContribution contribution = shared.contribute(endpoint, objectId, object, ranking, bundle);
        ObjectContribution tracked = new ObjectContribution() {
            @Override
            public void withdraw() {
                synchronized (BundleRegistry.this) {
                    open.remove(this);
                }
                contribution.withdraw();
            }
        };
        synchronized (this) {
            open.add(tracked);
        }
        return tracked;
    }

    @Override
    public String gatewayEndpoint() {
        return shared.gatewayEndpoint();
    }

    @Override
    public List<EndpointDescriptor> endpoints() {
        return shared.endpoints();
    }

    @Override
    public Optional<EndpointDescriptor> endpoint(String name) {
        return shared.endpoint(name);
    }

    @Override
    public Optional<EndpointTree> tree(String endpoint) {
        return shared.tree(endpoint);
    }

    @Override
    public CompletionStage<Resource> readResource(String endpoint, LwM2mPath path) {
        return shared.readResource(endpoint, path);
    }

    @Override
    public CompletionStage<InstanceContent> readInstance(String endpoint, LwM2mPath instancePath) {
        return shared.readInstance(endpoint, instancePath);
    }

    @Override
    public CompletionStage<List<InstanceContent>> readObject(String endpoint, int objectId) {
        return shared.readObject(endpoint, objectId);
    }

    @Override
    public CompletionStage<Void> write(String endpoint, LwM2mPath instancePath, List<Resource> resources, WriteMode mode) {
        return shared.write(endpoint, instancePath, resources, mode);
    }

    @Override
    public CompletionStage<Void> execute(String endpoint, LwM2mPath resourcePath, ExecuteArguments arguments) {
        return shared.execute(endpoint, resourcePath, arguments);
    }

    @Override
    public CompletionStage<Integer> create(String endpoint, int objectId, Integer instanceId, List<Resource> resources) {
        return shared.create(endpoint, objectId, instanceId, resources);
    }

    @Override
    public CompletionStage<Void> delete(String endpoint, LwM2mPath instancePath) {
        return shared.delete(endpoint, instancePath);
    }
}
