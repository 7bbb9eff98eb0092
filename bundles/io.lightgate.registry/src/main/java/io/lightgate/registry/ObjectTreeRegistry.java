/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.WriteMode;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.api.registry.ObjectContribution;
import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.api.registry.RegistryEvent;
import io.lightgate.api.registry.RegistryEvent.Kind;
import io.lightgate.api.registry.RegistryListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared object registry. Tracks object services, endpoint services and listeners on the
 * whiteboard; after every change it re-decides each endpoint's tree ({@link ContributionResolver})
 * and reports the difference as events, delivered in order on one event thread.
 */
@Designate(ocd = RegistryConfig.class)
// each using bundle reaches this through its own BundleRegistry, which withdraws what the bundle contributed directly
@Component(service = ObjectTreeRegistry.class, immediate = true, configurationPid = "io.lightgate.registry")
public final class ObjectTreeRegistry implements ObjectRegistry, Attachment.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectTreeRegistry.class);

    private final ModelService models;
    private final String gatewayEndpoint;
    private final Duration timeout;
    private final ObjectCalls calls;
    private final ObjectOperations operations;
    private final Runnable onModelsChanged = this::reconcileAll;
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lightgate-registry-events");
        t.setDaemon(true);
        return t;
    });

    // whiteboard state, guarded by this
    private final Whiteboard whiteboard;
    private final SharedObjects shared = new SharedObjects(); // guarded by this
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    // decided state, guarded by this
    private final Map<String, EndpointDescriptor> endpoints = new LinkedHashMap<>();
    private final Map<String, Map<Integer, Attachment>> trees = new HashMap<>();
    private final Set<String> reported = new HashSet<>();
    // ids of direct contributions: below every service id, so that they win ties (see ObjectRegistry#contribute)
    private long nextDirectId = Long.MIN_VALUE;
    private boolean active = true;

    @Activate
    public ObjectTreeRegistry(@Reference ModelService models, RegistryConfig config, BundleContext context) {
        this.models = models;
        this.gatewayEndpoint = GatewayName.resolve(config.gateway_endpoint(), context.getProperty("lightgate.endpoint"));
        this.whiteboard = new Whiteboard(
                new EndpointDescriptor(gatewayEndpoint, Duration.ofSeconds(config.gateway_lifetime()), List.of()));
        this.timeout = Duration.ofMillis(config.operation_timeout_ms());
        this.calls = new ObjectCalls(config.object_call_threads(), config.object_calls_waiting());
        this.operations = new ObjectOperations(timeout, calls);
        LOG.info("Object registry started; the gateway's endpoint is '{}' (set gateway.endpoint in "
                + "etc/io.lightgate.registry.cfg or -Dlightgate.endpoint to change it)", gatewayEndpoint);
        models.addChangeListener(onModelsChanged);
        reconcileAll();
    }

    @Deactivate
    void deactivate() {
        models.removeChangeListener(onModelsChanged);
        synchronized (this) {
            active = false;
            trees.values().forEach(t -> t.values().forEach(Attachment::detach));
            trees.clear();
        }
        LOG.info("Object registry stopped");
        calls.close();
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- whiteboard ------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, updated = "updatedObject")
    void addObject(ServiceReference<LwM2mObject> ref, LwM2mObject object) {
        Contribution c = contribution(ref, object);
        synchronized (this) {
            reconcile(whiteboard.putContribution(c));
        }
    }

    void updatedObject(ServiceReference<LwM2mObject> ref, LwM2mObject object) {
        addObject(ref, object);
    }

    void removeObject(ServiceReference<LwM2mObject> ref) {
        synchronized (this) {
            reconcile(whiteboard.removeContribution(serviceId(ref)));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, updated = "updatedEndpoint")
    void addEndpoint(ServiceReference<EndpointDescriptor> ref, EndpointDescriptor endpoint) {
        synchronized (this) {
            // the adapter marks an end device behind the gateway with a service property (no type of its own)
            reconcile(whiteboard.putEndpoint(serviceId(ref), endpoint.withBehindGateway(endpoint.behindGateway()
                    || "true".equalsIgnoreCase(String.valueOf(ref.getProperty(EndpointDescriptor.BEHIND_GATEWAY))))));
        }
    }

    void updatedEndpoint(ServiceReference<EndpointDescriptor> ref, EndpointDescriptor endpoint) {
        addEndpoint(ref, endpoint);
    }

    void removeEndpoint(ServiceReference<EndpointDescriptor> ref) {
        synchronized (this) {
            reconcile(whiteboard.removeEndpoint(serviceId(ref)));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(RegistryListener listener) {
        synchronized (this) {
            // replay what exists, then live events: both queued under the lock, so in order
            List<RegistryEvent> replay = new ArrayList<>();
            endpoints.keySet().forEach(ep -> {
                replay.add(new RegistryEvent(Kind.ENDPOINT_ADDED, ep, List.of()));
                trees.getOrDefault(ep, Map.of()).keySet()
                        .forEach(o -> replay.add(new RegistryEvent(Kind.OBJECT_ADDED, ep, List.of(LwM2mPath.of(o)))));
            });
            listeners.add(listener);
            deliver(replay, List.of(listener));
        }
    }

    void removeListener(RegistryListener listener) {
        listeners.remove(listener);
    }

    @Override
    public ObjectContribution contribute(String endpoint, int objectId, LwM2mObject object, int ranking) {
        return contribute(endpoint, objectId, object, ranking, "?");
    }

    /** A direct contribution by the named bundle ("symbolic-name version [id]", for log lines). */
    ObjectContribution contribute(String endpoint, int objectId, LwM2mObject object, int ranking, String bundle) {
        if (objectId < 0 || objectId > 65535) {
            throw new IllegalArgumentException("object id " + objectId + " is outside 0..65535");
        }
        Objects.requireNonNull(object, "object");
        long id;
        synchronized (this) {
            id = nextDirectId++;
            reconcile(whiteboard.putContribution(new Contribution(id, ranking, objectId,
                    endpoint == null || endpoint.isBlank() ? null : endpoint, object, bundle)));
        }
        AtomicBoolean withdrawn = new AtomicBoolean();
        return () -> {
            if (withdrawn.compareAndSet(false, true)) {
                synchronized (this) {
                    reconcile(whiteboard.removeContribution(id));
                }
            }
        };
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private static Contribution contribution(ServiceReference<LwM2mObject> ref, LwM2mObject object) {
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        Object endpoint = ref.getProperty(LwM2mObject.ENDPOINT);
        var b = ref.getBundle();
        String bundle = b == null ? "?" : b.getSymbolicName() + " " + b.getVersion() + " [" + b.getBundleId() + "]";
        Object shared = ref.getProperty(LwM2mObject.SHARED);
        return new Contribution(serviceId(ref), ranking instanceof Integer i ? i : 0, objectId(ref.getProperty(LwM2mObject.OBJECT_ID)),
                endpoint == null || endpoint.toString().isBlank() ? null : endpoint.toString(), object, bundle,
                Boolean.TRUE.equals(shared) || "true".equalsIgnoreCase(String.valueOf(shared)));
    }

    private static Integer objectId(Object property) {
        try {
            int id = property instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(property).strip());
            return id >= 0 && id <= 65535 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- deciding the trees ----------------------------------------------------------------

    /** Re-decides every tree (the models changed, or the registry starts). */
    private synchronized void reconcileAll() {
        reconcile(whiteboard.allNames());
    }

    /**
     * Re-decides the trees of the named endpoints from the whiteboard state and reports the
     * differences; the others are untouched, so one service event costs the same with ten or
     * ten thousand endpoints. Runs under the lock.
     */
    private void reconcile(Set<String> names) {
        if (!active || names.isEmpty()) {
            return;
        }
        List<RegistryEvent> out = new ArrayList<>();
        for (String ep : names) {
            reconcile(ep, out);
        }
        deliver(out, listeners);
    }

    private void reconcile(String ep, List<RegistryEvent> out) {
        Optional<EndpointDescriptor> wanted = whiteboard.wanted(ep);
        whiteboard.ignoredEndpointServices(ep).forEach(id -> once("dup-endpoint:" + id, () -> LOG.warn(
                "Endpoint service {} names endpoint '{}', which already exists; it is ignored. Give every endpoint a unique name.",
                id, ep)));
        // the shared contributions of one object id take part as one merged object (see SharedObjects)
        var resolution = ContributionResolver.resolve(shared.merge(ep, whiteboard.contributionsFor(ep)),
                wanted.isPresent() ? Set.of(ep) : Set.of(), gatewayEndpoint, models);
        reportProblems(resolution);
        if (wanted.isEmpty()) {
            // the endpoint went away (or never was): detach its objects, one ENDPOINT_REMOVED
            if (endpoints.remove(ep) != null) {
                trees.getOrDefault(ep, Map.of()).values().forEach(Attachment::detach);
                trees.remove(ep);
                out.add(new RegistryEvent(Kind.ENDPOINT_REMOVED, ep, List.of()));
                LOG.info("Endpoint '{}' removed", ep);
            }
            return;
        }
        if (endpoints.put(ep, wanted.get()) == null) {
            out.add(new RegistryEvent(Kind.ENDPOINT_ADDED, ep, List.of()));
            LOG.info("Endpoint '{}' added (lifetime {} s)", ep, wanted.get().lifetime().toSeconds());
        }
        Map<Integer, Attachment> tree = trees.computeIfAbsent(ep, k -> new TreeMap<>());
        var decided = resolution.trees().getOrDefault(ep, Map.of());
        for (Integer objectId : new ArrayList<>(tree.keySet())) {
            Attachment a = tree.get(objectId);
            var outcome = decided.get(objectId);
            if (outcome == null || outcome.winner() != a.contribution || !outcome.model().equals(a.model)) {
                a.detach();
                tree.remove(objectId);
                out.add(new RegistryEvent(Kind.OBJECT_REMOVED, ep, List.of(LwM2mPath.of(objectId))));
                logTreeChange(ep, "Object {} withdrawn from endpoint '{}' ({})", objectId, ep, a.contribution.describe());
            }
        }
        for (var outcome : decided.values()) {
            if (!tree.containsKey(outcome.objectId())) {
                Attachment a = new Attachment(ep, outcome.winner(), outcome.model(), this);
                a.attach();
                tree.put(outcome.objectId(), a);
                out.add(new RegistryEvent(Kind.OBJECT_ADDED, ep, List.of(LwM2mPath.of(outcome.objectId()))));
                if (ep.equals(gatewayEndpoint) || LOG.isDebugEnabled()) { // instances() is a call into the object
                    logTreeChange(ep, "Object {} ({} v{}) added to endpoint '{}' by {}, instances {}", outcome.objectId(),
                            outcome.model().name(), outcome.model().version(), ep, outcome.winner().describe(), a.instances());
                }
            }
        }
    }

    /**
     * Object changes of the gateway's own endpoint at INFO (a bundle was dropped in or removed);
     * those of virtual endpoints at DEBUG: an adapter with 10,000 endpoints would log 40,000 lines.
     */
    private void logTreeChange(String ep, String format, Object... args) {
        if (ep.equals(gatewayEndpoint)) {
            LOG.info(format, args);
        } else {
            LOG.debug(format, args);
        }
    }

    private void reportProblems(ContributionResolver.Resolution resolution) {
        for (var p : resolution.pending()) {
            Contribution c = p.contribution();
            // an endpoint that is not there (yet, or any more) is a normal moment for an adapter
            once("pending:" + c.serviceId() + ":" + p.reason(), () -> {
                if (p.waitingForEndpoint()) {
                    LOG.debug("Object {} from {} waits: {}", c.objectId(), c.describe(), p.reason());
                } else {
                    LOG.warn("Object {} from {} is not in any tree: {}", c.objectId() == null ? "?" : c.objectId(), c.describe(), p.reason());
                }
            });
        }
        resolution.trees().forEach((ep, tree) -> tree.values().forEach(o -> {
            // a default (such as the engine's Device object of a virtual endpoint) is there to be replaced
            boolean onlyDefaultsLost = o.losers().stream().allMatch(l -> l.ranking() == LwM2mObject.DEFAULT_RANKING);
            if (!o.losers().isEmpty() && !onlyDefaultsLost) {
                once("conflict:" + ep + ":" + o.objectId() + ":" + o.winner().serviceId() + ":" + o.losers(), () -> LOG.warn(
                        "Conflict: object {} on endpoint '{}' is contributed by {} and by {}. {} wins (highest service.ranking, "
                        + "then earliest registration); the others are ignored. Remove one or set service.ranking.",
                        o.objectId(), ep, o.winner().describe(),
                        o.losers().stream().map(Contribution::describe).toList(), o.winner().describe()));
            }
        }));
    }

    private void once(String key, Runnable log) {
        if (reported.add(key)) {
            log.run();
        }
    }

    private void deliver(List<RegistryEvent> batch, List<RegistryListener> to) {
        if (batch.isEmpty() || to.isEmpty()) {
            return;
        }
        List<RegistryListener> targets = List.copyOf(to); // fixed at enqueue time, see addListener
        events.execute(() -> {
            for (RegistryEvent event : batch) {
                for (RegistryListener l : targets) {
                    try {
                        l.registryChanged(event);
                    } catch (RuntimeException e) {
                        LOG.error("Registry listener {} failed on {}: {}", l.getClass().getName(), event, e.toString(), e);
                    }
                }
            }
        });
    }

    // ---- change reports from objects --------------------------------------------------------

    @Override
    public void instancesChanged(Attachment source, Set<Integer> added, Set<Integer> removed) {
        List<RegistryEvent> out = new ArrayList<>();
        added.forEach(i -> out.add(new RegistryEvent(Kind.INSTANCE_ADDED, source.endpoint, List.of(LwM2mPath.of(source.objectId(), i)))));
        removed.forEach(i -> out.add(new RegistryEvent(Kind.INSTANCE_REMOVED, source.endpoint, List.of(LwM2mPath.of(source.objectId(), i)))));
        synchronized (this) {
            if (current(source)) {
                deliver(out, listeners);
            }
        }
    }

    @Override
    public void valuesChanged(Attachment source, List<LwM2mPath> paths, Map<LwM2mPath, Resource> values, Instant at) {
        synchronized (this) {
            if (current(source)) {
                deliver(List.of(RegistryEvent.valuesChanged(source.endpoint, paths, values, at)), listeners);
            }
        }
    }

    @Override
    public void sendRequested(Attachment source, List<LwM2mPath> paths) {
        synchronized (this) {
            if (current(source)) {
                deliver(List.of(new RegistryEvent(Kind.SEND_REQUESTED, source.endpoint, paths)), listeners);
            }
        }
    }

    private boolean current(Attachment a) {
        return trees.getOrDefault(a.endpoint, Map.of()).get(a.objectId()) == a;
    }

    // ---- queries and operations ------------------------------------------------------------

    @Override
    public String gatewayEndpoint() {
        return gatewayEndpoint;
    }

    @Override
    public synchronized List<EndpointDescriptor> endpoints() {
        return List.copyOf(endpoints.values());
    }

    @Override
    public synchronized Optional<EndpointDescriptor> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    @Override
    public Optional<EndpointTree> tree(String endpoint) {
        EndpointDescriptor descriptor;
        List<Attachment> attachments;
        synchronized (this) {
            descriptor = endpoints.get(endpoint);
            if (descriptor == null) {
                return Optional.empty();
            }
            attachments = List.copyOf(trees.getOrDefault(endpoint, Map.of()).values());
        }
        // calls into objects happen outside the lock
        Map<Integer, EndpointTree.ObjectNode> objects = new TreeMap<>();
        for (Attachment a : attachments) {
            Map<Integer, SortedSet<Integer>> instances = new TreeMap<>();
            a.instances().forEach(i -> instances.put(i, a.resources(i)));
            objects.put(a.objectId(), EndpointTree.ObjectNode.of(a.model, instances, a.contribution.bundle()));
        }
        return Optional.of(new EndpointTree(descriptor, new TreeMap<>(objects)));
    }

    private synchronized Attachment attachment(String endpoint, int objectId) {
        Map<Integer, Attachment> tree = trees.get(endpoint);
        if (tree == null) {
            throw LwM2mException.notFound("no endpoint '" + endpoint + "'");
        }
        Attachment a = tree.get(objectId);
        if (a == null) {
            throw LwM2mException.notFound("endpoint '" + endpoint + "' has no object " + objectId);
        }
        return a;
    }

    private <T> CompletionStage<T> run(Supplier<CompletionStage<T>> operation) {
        try {
            return operation.get();
        } catch (LwM2mException e) {
            return LwM2mObject.failed(e);
        }
    }

    @Override
    public CompletionStage<Resource> readResource(String endpoint, LwM2mPath path) {
        return run(() -> operations.readResource(attachment(endpoint, path.objectId()), path));
    }

    @Override
    public CompletionStage<InstanceContent> readInstance(String endpoint, LwM2mPath instancePath) {
        return run(() -> operations.readInstance(attachment(endpoint, instancePath.objectId()), instancePath.instanceId()));
    }

    @Override
    public CompletionStage<List<InstanceContent>> readObject(String endpoint, int objectId) {
        return run(() -> operations.readObject(attachment(endpoint, objectId)));
    }

    @Override
    public CompletionStage<Void> write(String endpoint, LwM2mPath instancePath, List<Resource> resources, WriteMode mode) {
        return run(() -> operations.write(attachment(endpoint, instancePath.objectId()), instancePath.instanceId(), resources, mode));
    }

    @Override
    public CompletionStage<Void> execute(String endpoint, LwM2mPath resourcePath, ExecuteArguments arguments) {
        return run(() -> operations.execute(attachment(endpoint, resourcePath.objectId()), resourcePath, arguments));
    }

    @Override
    public CompletionStage<Integer> create(String endpoint, int objectId, Integer instanceId, List<Resource> resources) {
        return run(() -> operations.create(attachment(endpoint, objectId), instanceId, resources));
    }

    @Override
    public CompletionStage<Void> delete(String endpoint, LwM2mPath instancePath) {
        return run(() -> operations.delete(attachment(endpoint, instancePath.objectId()), instancePath.instanceId()));
    }
}
