/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import io.lightgate.api.InstanceContent;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.ResourceModel;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.api.registry.RegistryEvent;
import io.lightgate.api.registry.RegistryListener;
import io.lightgate.api.status.RegistrationMonitor;
import io.lightgate.api.status.RegistrationStatus;
import io.lightgate.api.status.SourceStatus;
import io.lightgate.console.Overview.Card;
import io.lightgate.console.Overview.KeyValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import io.lightgate.server.api.LocalServer;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overview cards for the gateway's own endpoints (its endpoint, the adapters' virtual endpoints)
 * that are not clients of the local server, read from the registry: the state says whether the
 * endpoint is registered with a northbound server (else how its adapter's source stands), the key
 * values are its resources with units from the models, updated from the registry's value events
 * (each change published as a {@code key} event, like the local server's notifications). An
 * endpoint that is also a local-server client is left to {@link Overview}: no card twice.
 */
@Component(service = { RegistryListener.class, RegistryCards.class })
public final class RegistryCards implements RegistryListener {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryCards.class);
    private static final int MAX_KEY_VALUES_PER_ENDPOINT = 64;
    /**
     * Endpoints whose key values are kept (the first that report some): a gateway with thousands of
     * virtual endpoints would otherwise hold and read them all, and every value change would be
     * worked on here, on the registry's thread, whether a page is open or not. Beyond it, a card shows
     * the endpoint's state without values.
     */
    static final int MAX_ENDPOINTS_WITH_VALUES = 200;
    private static final long READER_IDLE_SECONDS = 5;

    private final ObjectRegistry registry;
    private final ModelRepository models;
    private final EventHub events;
    private final Predicate<String> localClient;
    private final Supplier<List<RegistrationStatus>> registrations;
    private final Supplier<List<SourceStatus>> sources;
    private final Clock clock;
    private final ExecutorService reader;

    /** Where numeric key values are kept over time (the overview's history). */
    @FunctionalInterface
    interface HistorySink {
        void record(String endpoint, String path, long atMillis, double value);
    }

    private volatile @Nullable HistorySink history;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile LocalServer localServer;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile RegistrationMonitor monitor;

    /** endpoint -> path -> latest key value. */
    private final Map<String, Map<String, KeyValue>> keyValues = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastChanged = new ConcurrentHashMap<>();
    /** endpoint -> changed paths reported without values, waiting to be read. */
    private final Map<String, Set<LwM2mPath>> unread = new ConcurrentHashMap<>();
    private final Set<String> readScheduled = ConcurrentHashMap.newKeySet();

    @Activate
    public RegistryCards(@Reference ObjectRegistry registry, @Reference ModelRepository models, @Reference EventHub events,
            @Reference AdaptersResource adapters) {
        this.registry = registry;
        this.models = models;
        this.events = events;
        this.localClient = endpoint -> {
            LocalServer local = localServer;
            return local != null && local.client(endpoint).isPresent();
        };
        this.registrations = () -> {
            RegistrationMonitor m = monitor;
            return m == null ? List.of() : m.registrations();
        };
        this.sources = adapters::sources;
        this.clock = Clock.systemUTC();
        this.reader = newReader();
    }

    /**
     * @param localClient whether an endpoint of that name is a client of the local server now
     * @param registrations the engine's registrations (empty without an engine)
     * @param sources the adapters' sources
     */
    RegistryCards(ObjectRegistry registry, ModelRepository models, EventHub events, Predicate<String> localClient,
            Supplier<List<RegistrationStatus>> registrations, Supplier<List<SourceStatus>> sources, Clock clock) {
        this.registry = registry;
        this.models = models;
        this.events = events;
        this.localClient = localClient;
        this.registrations = registrations;
        this.sources = sources;
        this.clock = clock;
        this.reader = newReader();
    }

    /**
     * One thread, in order, started when values come and ended after a quiet time: a gateway whose
     * console nobody serves, or whose endpoints rarely change, keeps no idle thread for it.
     */
    private static ExecutorService newReader() {
        return new ThreadPoolExecutor(0, 1, READER_IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "lightgate-console-registry-cards");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void close() {
        reader.shutdownNow();
    }

    /** The cards of the registry's endpoints, but for those named in {@code shown} and the local server's clients. */
    List<Card> cards(Set<String> shown) {
        List<RegistrationStatus> regs = registrations.get();
        List<SourceStatus> srcs = sources.get();
        List<Card> cards = new ArrayList<>();
        for (EndpointDescriptor e : registry.endpoints()) {
            if (shown.contains(e.name()) || localClient.test(e.name())) {
                continue;
            }
            cards.add(new Card(e.name(), state(e.name(), regs, srcs), address(e.name(), srcs), "", e.lifetime().toSeconds(), null,
                    lastChanged.get(e.name()), values(e.name())));
        }
        return cards;
    }

    /**
     * "registered" when a northbound server has the endpoint registered; else the state of the
     * adapter source feeding it ("source connected", "source disconnected", ...); else "unregistered".
     */
    static String state(String endpoint, List<RegistrationStatus> registrations, List<SourceStatus> sources) {
        if (registrations.stream().anyMatch(r -> r.endpoint().equals(endpoint) && r.state().equals("REGISTERED"))) {
            return "registered";
        }
        Optional<SourceStatus> source = sources.stream().filter(s -> s.endpoints().contains(endpoint)).findFirst();
        if (source.isPresent()) {
            return "source " + source.get().state().name().toLowerCase(java.util.Locale.ROOT);
        }
        return "unregistered";
    }

    private static String address(String endpoint, List<SourceStatus> sources) {
        return sources.stream().filter(s -> s.endpoints().contains(endpoint)).map(SourceStatus::address).findFirst().orElse("gateway");
    }

    List<KeyValue> values(String endpoint) {
        List<KeyValue> list = new ArrayList<>(keyValues.getOrDefault(endpoint, Map.of()).values());
        list.sort(Comparator.comparing(KeyValue::path, Overview::comparePaths));
        return list;
    }

    @Override
    public void registryChanged(RegistryEvent event) {
        switch (event.kind()) {
            case ENDPOINT_REMOVED -> {
                unread.remove(event.endpoint());
                keyValues.remove(event.endpoint());
                lastChanged.remove(event.endpoint());
            }
            case OBJECT_ADDED, INSTANCE_ADDED -> {
                // off the registry's thread: a read may wait for a source
                List<LwM2mPath> paths = event.paths();
                String endpoint = event.endpoint();
                if (tracks(endpoint) && !reader.isShutdown()) {
                    reader.execute(() -> readKeyValues(endpoint, paths));
                }
            }
            case VALUES_CHANGED -> {
                if (tracks(event.endpoint()) && !localClient.test(event.endpoint())) {
                    take(event.endpoint(), event.values(), event.changedAt().equals(Instant.EPOCH) ? clock.instant() : event.changedAt());
                    // a change reported without its value (e.g. a meter's poll): read it, once per burst of changes
                    List<LwM2mPath> unread = event.paths().stream().filter(p -> !event.values().containsKey(p) && isKeyPath(p)).toList();
                    if (!unread.isEmpty()) {
                        readLater(event.endpoint(), unread);
                    }
                }
            }
            default -> {
                // instances removed: their values stay until the endpoint goes; Send: nothing to show
            }
        }
    }

    /** Whether a changed path may hold key values: a key resource, or an instance of an object that has some. */
    private boolean isKeyPath(LwM2mPath path) {
        if (path.isResource()) {
            return models.model(path.objectId()).flatMap(m -> m.resource(path.resourceId())).map(Overview::isKey).orElse(false);
        }
        return path.isInstance() && path.objectId() >= 3 && hasKeyValue(path.objectId());
    }

    /** Queues changed paths to be read on the reader thread; paths already queued are read once. */
    private void readLater(String endpoint, List<LwM2mPath> paths) {
        unread.computeIfAbsent(endpoint, e -> ConcurrentHashMap.newKeySet()).addAll(paths);
        if (readScheduled.add(endpoint) && !reader.isShutdown()) {
            try {
                reader.execute(() -> readChanged(endpoint));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void readChanged(String endpoint) {
        readScheduled.remove(endpoint); // paths queued from now on schedule another round
        Set<LwM2mPath> queue = unread.get(endpoint);
        if (queue == null) {
            return;
        }
        List<LwM2mPath> paths = new ArrayList<>(queue);
        queue.removeAll(paths);
        for (LwM2mPath path : paths) {
            if (path.isResource()) {
                registry.readResource(endpoint, path).whenComplete((resource, failure) -> {
                    if (failure == null && resource != null) {
                        take(endpoint, Map.of(path, resource), clock.instant());
                    }
                });
            } else {
                registry.readInstance(endpoint, path).whenComplete((content, failure) -> {
                    if (failure == null && content != null) {
                        take(endpoint, values(path.objectId(), content), clock.instant());
                    }
                });
            }
        }
    }

    /** Reads the key-value instances under the added object or instance paths once, so a card has values before they change. */
    void readKeyValues(String endpoint, List<LwM2mPath> paths) {
        if (localClient.test(endpoint)) {
            return;
        }
        Optional<EndpointTree> tree = registry.tree(endpoint);
        for (LwM2mPath path : paths) {
            int objectId = path.objectId();
            if (objectId < 3 || !hasKeyValue(objectId)) {
                continue;
            }
            List<Integer> instances = !path.isObject() ? List.of(path.instanceId())
                    : tree.map(t -> t.objects().get(objectId)).map(n -> List.copyOf(n.instances().keySet())).orElse(List.of());
            for (int instance : instances) {
                registry.readInstance(endpoint, LwM2mPath.of(objectId, instance)).whenComplete((content, failure) -> {
                    if (failure == null && content != null) {
                        take(endpoint, values(objectId, content), clock.instant());
                    } else if (failure != null) {
                        LOG.debug("Overview: reading /{}/{} of {} failed: {}", objectId, instance, endpoint, failure.toString());
                    }
                });
            }
        }
    }

    private static Map<LwM2mPath, Resource> values(int objectId, InstanceContent content) {
        Map<LwM2mPath, Resource> map = new LinkedHashMap<>();
        content.resources().forEach((id, r) -> map.put(LwM2mPath.of(objectId, content.id(), id), r));
        return map;
    }

    /** Numeric key values go to {@code sink} from now on (null: nowhere). */
    void historyTo(@Nullable HistorySink sink) {
        history = sink;
    }

    /** Whether the endpoint's key values are kept: it has some already, or there is room for another endpoint. */
    private boolean tracks(String endpoint) {
        return keyValues.containsKey(endpoint) || keyValues.size() < MAX_ENDPOINTS_WITH_VALUES;
    }

    /** Keeps the key values among {@code values} and publishes those that changed. */
    void take(String endpoint, Map<LwM2mPath, Resource> values, Instant at) {
        if (!tracks(endpoint)) {
            return;
        }
        Map<String, KeyValue> endpointValues = keyValues.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>());
        List<KeyValue> changed = new ArrayList<>();
        values.forEach((path, resource) -> {
            if (!path.isResource() || resource.isMultiple()) {
                return;
            }
            Optional<ObjectModel> model = models.model(path.objectId());
            Optional<ResourceModel> resourceModel = model.flatMap(m -> m.resource(path.resourceId()));
            String key = path.toString();
            if (resourceModel.isEmpty() || !Overview.isKey(resourceModel.get())
                    || (!endpointValues.containsKey(key) && endpointValues.size() >= MAX_KEY_VALUES_PER_ENDPOINT)) {
                return;
            }
            String units = resourceModel.get().units();
            if (units.isEmpty()) {
                Resource sensorUnits = values.get(LwM2mPath.of(path.objectId(), path.instanceId(), 5701));
                KeyValue before = endpointValues.get(key);
                units = sensorUnits != null && !sensorUnits.isMultiple() && sensorUnits.type() == ResourceType.STRING
                        ? sensorUnits.value().asString() : before != null ? before.units() : "";
            }
            String objectName = model.get().name() + (model.get().multiple() ? " " + path.instanceId() : "");
            KeyValue value = new KeyValue(key, objectName, resourceModel.get().name(), units, number(resource.value()), at);
            endpointValues.put(key, value);
            changed.add(value);
            HistorySink sink = history;
            if (sink != null && value.value() instanceof Number number) {
                sink.record(endpoint, key, at.toEpochMilli(), number.doubleValue());
            }
        });
        if (!changed.isEmpty()) {
            lastChanged.put(endpoint, at);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("endpoint", endpoint);
            event.put("values", changed);
            events.publish("key", event);
        }
    }

    private static Object number(Value value) {
        return switch (value.type()) {
            case INTEGER -> value.asLong();
            case UNSIGNED_INTEGER -> value.asUnsigned();
            case FLOAT -> value.asDouble();
            default -> value.toText();
        };
    }

    private boolean hasKeyValue(int objectId) {
        return models.model(objectId).map(m -> m.resources().values().stream().anyMatch(Overview::isKey)).orElse(false);
    }
}
