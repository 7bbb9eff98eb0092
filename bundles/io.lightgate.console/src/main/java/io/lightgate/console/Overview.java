/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import io.lightgate.api.LwM2mPath;
import io.lightgate.api.ResourceType;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.model.ObjectModel;
import io.lightgate.api.model.ResourceModel;
import io.lightgate.server.api.ClientInfo;
import io.lightgate.server.api.LocalServer;
import io.lightgate.server.api.LocalServerListener;
import io.lightgate.server.api.NodeContent;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * What the overview page shows: every endpoint registered at the local server with its state,
 * when it was last heard of, and its key values (readable numeric resources with units in
 * their model, and the IPSO sensor value and counter), plus the last hour of every numeric
 * value notified (see {@link History}). So that the page has something to show the moment it
 * opens, the gateway observes the instances holding key values of every client when it
 * registers (setting {@code overview.observe}, at most {@code overview.observe.max}
 * instances); those background observations stay out of the live-values table.
 */
@Component(service = { LocalServerListener.class, Overview.class }, immediate = true, configurationPid = ConsoleContext.NAME)
public final class Overview implements LocalServerListener {

    /** One key value as the page shows it; units from the model or, for IPSO sensors, from resource 5701. */
    public record KeyValue(String path, String object, String name, String units, Object value, Instant at) {
    }

    /** One endpoint's card. */
    public record Card(String endpoint, String state, String address, String binding, long lifetimeSeconds,
            Instant registeredAt, Instant lastSeen, List<KeyValue> values) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Overview.class);
    /** IPSO: Sensor Value, Digital Input Counter are key values although their model has no units (5701 says them). */
    private static final Set<Integer> IPSO_MEASURES = Set.of(5700, 5501);
    private static final int IPSO_SENSOR_UNITS = 5701;
    private static final int MAX_KEY_VALUES_PER_ENDPOINT = 64;
    private static final int MAX_GONE = 1_000;
    private static final int RETRY_SECONDS = 10;

    private final EventHub events;
    private final ModelRepository models;
    private final Clock clock;
    private final History history;
    private final boolean observe;
    private final int observeMax;
    private final ScheduledExecutorService observer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lightgate-console-overview");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean fullWarned = new AtomicBoolean();
    private final AtomicBoolean historyFullWarned = new AtomicBoolean();

    /** endpoint -> path -> latest key value. */
    private final Map<String, Map<String, KeyValue>> keyValues = new ConcurrentHashMap<>();
    /** endpoint -> when a value of it was last notified. */
    private final Map<String, Instant> lastNotified = new ConcurrentHashMap<>();
    /** endpoint -> (registration id, instance paths observed in the background). */
    private final Map<String, Observed> observed = new ConcurrentHashMap<>();
    /** endpoints that left, with how and when. */
    private final Map<String, Card> gone = new ConcurrentHashMap<>();
    /** endpoints with a retry of their failed background observations scheduled. */
    private final Set<String> retryPending = ConcurrentHashMap.newKeySet();
    private volatile LocalServer server;
    /** The gateway's own endpoints that are not local-server clients (their cards come from the registry). */
    private volatile RegistryCards registryCards;

    private record Observed(String registrationId, Set<String> paths) {
    }

    @Activate
    public Overview(@Reference EventHub events, @Reference ModelRepository models, ConsoleConfiguration config) {
        this(events, models, config.overview_observe(), config.overview_observe_max(),
                new History(config.history_minutes() * 60_000L, config.history_points_max(), config.history_series_max()),
                Clock.systemUTC());
    }

    Overview(EventHub events, ModelRepository models, boolean observe, int observeMax, History history, Clock clock) {
        this.events = events;
        this.models = models;
        this.observe = observe;
        this.observeMax = observeMax;
        this.history = history;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setServer(LocalServer server) {
        this.server = server;
        observed.clear();
        // clients known from before (persisted registrations) get their background observations too
        observer.schedule(() -> server.clients().forEach(this::observeKeyInstances), 1, TimeUnit.SECONDS);
    }

    void unsetServer(LocalServer server) {
        if (this.server == server) {
            this.server = null;
        }
    }

    @Deactivate
    void stop() {
        observer.shutdownNow();
    }

    // ------------------------------------------------------------------ what the page asks

    /** Every registered endpoint and those that left recently, and the gateway's own endpoints that are not clients, by name. */
    public List<Card> cards() {
        Map<String, Card> cards = new LinkedHashMap<>(gone);
        LocalServer local = server;
        if (local != null) {
            Instant now = clock.instant();
            for (ClientInfo client : local.clients()) {
                Instant seen = latest(client.lastUpdate(), lastNotified.get(client.endpoint()));
                boolean overdue = client.lastUpdate().plusSeconds(client.lifetimeSeconds()).isBefore(now);
                cards.put(client.endpoint(), new Card(client.endpoint(), overdue ? "overdue" : "registered", client.address(),
                        client.binding(), client.lifetimeSeconds(), client.registeredAt(), seen, values(client.endpoint())));
            }
        }
        RegistryCards fromRegistry = registryCards;
        if (fromRegistry != null) {
            fromRegistry.cards(cards.keySet()).forEach(c -> cards.putIfAbsent(c.endpoint(), c));
        }
        List<Card> list = new ArrayList<>(cards.values());
        list.sort(Comparator.comparing(Card::endpoint));
        return list;
    }

    /** The gateway's own endpoints' cards; their numeric key values go into the history too, so their charts have points. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistryCards(RegistryCards cards) {
        cards.historyTo(this::record);
        registryCards = cards;
    }

    void unbindRegistryCards(RegistryCards cards) {
        cards.historyTo(null);
        if (registryCards == cards) {
            registryCards = null;
        }
    }

    /** Keeps a numeric value in the resource's series; warns once when no series is left for a new resource. */
    void record(String endpoint, String path, long atMillis, double value) {
        if (!history.record(seriesKey(endpoint, path), atMillis, value) && historyFullWarned.compareAndSet(false, true)) {
            LOG.warn("The console's history is full (history.series.max in etc/io.lightgate.console.cfg): values of further"
                    + " resources are not kept");
        }
    }

    /** The points of one resource's series (epoch ms, value), if any were notified in the kept period. */
    public Optional<List<History.Point>> history(String endpoint, String path) {
        return history.points(seriesKey(endpoint, path), clock.millis());
    }

    /** The name and units of a resource path, from the model (and IPSO's units resource as last notified). */
    public Map<String, String> describe(String endpoint, String path) {
        Map<String, String> description = new LinkedHashMap<>();
        KeyValue key = keyValues.getOrDefault(endpoint, Map.of()).get(path);
        String[] parts = path.substring(1).split("/");
        Optional<ResourceModel> resource = parts.length < 3 ? Optional.empty()
                : models.model(Integer.parseInt(parts[0])).flatMap(m -> m.resource(Integer.parseInt(parts[2])));
        description.put("name", key != null ? key.name() : resource.map(ResourceModel::name).orElse(path));
        description.put("units", key != null ? key.units() : resource.map(ResourceModel::units).orElse(""));
        return description;
    }

    List<KeyValue> values(String endpoint) {
        List<KeyValue> list = new ArrayList<>(keyValues.getOrDefault(endpoint, Map.of()).values());
        list.sort(Comparator.comparing(KeyValue::path, Overview::comparePaths));
        return list;
    }

    // ------------------------------------------------------------------ what the server says

    @Override
    public void clientChanged(ClientInfo client) {
        gone.remove(client.endpoint());
        if (observe) {
            // later and on our own thread: the client has its registration answer before the first Observe
            observer.schedule(() -> observeKeyInstances(client), 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void clientGone(ClientInfo client, boolean expired) {
        observed.remove(client.endpoint());
        Instant seen = latest(client.lastUpdate(), lastNotified.remove(client.endpoint()));
        if (gone.size() < MAX_GONE) {
            gone.put(client.endpoint(), new Card(client.endpoint(), expired ? "expired" : "de-registered", client.address(),
                    client.binding(), client.lifetimeSeconds(), client.registeredAt(), seen, values(client.endpoint())));
        }
        keyValues.remove(client.endpoint());
    }

    @Override
    public void notified(String endpoint, NodeContent content) {
        take(endpoint, content);
    }

    /** Flattens a notified or read content into resource values: key values for the card, numbers for the history. */
    void take(String endpoint, NodeContent content) {
        Instant at = clock.instant();
        lastNotified.put(endpoint, at);
        String[] parts = content.path().toString().substring(1).split("/");
        if (parts.length < 2 || parts[0].isEmpty()) {
            return; // a whole object: not observed by the overview
        }
        int objectId = Integer.parseInt(parts[0]);
        Optional<ObjectModel> model = models.model(objectId);
        Map<Integer, Object> resources = new LinkedHashMap<>();
        if (parts.length == 2 && content.value() instanceof Map<?, ?> map) {
            map.forEach((id, value) -> resources.put(((Number) id).intValue(), value));
        } else if (parts.length == 3) {
            resources.put(Integer.parseInt(parts[2]), content.value());
        } else {
            return; // one resource instance
        }
        String instancePath = "/" + parts[0] + "/" + parts[1];
        Map<String, KeyValue> endpointValues = keyValues.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>());
        List<KeyValue> changed = new ArrayList<>();
        resources.forEach((resourceId, value) -> {
            String path = instancePath + "/" + resourceId;
            if (value instanceof Number number) {
                record(endpoint, path, at.toEpochMilli(), number.doubleValue());
            }
            Optional<ResourceModel> resource = model.flatMap(m -> m.resource(resourceId));
            if (resource.isPresent() && isKey(resource.get())
                    && (endpointValues.containsKey(path) || endpointValues.size() < MAX_KEY_VALUES_PER_ENDPOINT)) {
                String units = resource.get().units();
                if (units.isEmpty() && resources.get(IPSO_SENSOR_UNITS) instanceof String sensorUnits) {
                    units = sensorUnits;
                } else if (units.isEmpty() && endpointValues.get(path) != null) {
                    units = endpointValues.get(path).units();
                }
                String objectName = model.get().name() + (model.get().multiple() ? " " + parts[1] : "");
                KeyValue key = new KeyValue(path, objectName, resource.get().name(), units, value, at);
                endpointValues.put(path, key);
                changed.add(key);
            }
        });
        if (!changed.isEmpty()) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("endpoint", endpoint);
            event.put("values", changed);
            events.publish("key", event);
        }
    }

    /** Observes, in the background, every instance of the client holding a key value (not yet observed for this registration). */
    void observeKeyInstances(ClientInfo client) {
        LocalServer local = server;
        if (local == null || !observe) {
            return;
        }
        Observed mine = observed.compute(client.endpoint(), (e, o) -> o != null && o.registrationId().equals(client.registrationId())
                ? o : new Observed(client.registrationId(), ConcurrentHashMap.newKeySet()));
        // an instance the user already observes through the API stays the user's (its values stay live values)
        List<String> observedByUser = local.client(client.endpoint()).isPresent()
                ? local.observations(client.endpoint()).stream().map(LwM2mPath::toString).toList() : List.of();
        for (String link : client.objectLinks()) {
            String[] parts = link.substring(1).split("/");
            if (parts.length != 2 || !parts[0].chars().allMatch(Character::isDigit) || parts[0].isEmpty()
                    || Integer.parseInt(parts[0]) < 3 || mine.paths().contains(link) || observedByUser.contains(link)
                    || !hasKeyValue(Integer.parseInt(parts[0]))) {
                continue;
            }
            if (observedCount() >= observeMax) {
                if (fullWarned.compareAndSet(false, true)) {
                    LOG.warn("The console observes at most {} instances for its overview (overview.observe.max in"
                            + " etc/io.lightgate.console.cfg): further endpoints show no key values until it is raised", observeMax);
                }
                return;
            }
            mine.paths().add(link);
            events.observedInBackground(client.endpoint(), link);
            local.observe(client.endpoint(), LwM2mPath.parse(link)).whenComplete((content, failure) -> {
                if (failure != null) {
                    // e.g. 5.03 from an adapter whose source has not answered yet: tried again a little later
                    mine.paths().remove(link);
                    events.ownedByUser(client.endpoint(), link);
                    LOG.debug("Overview: observing {} at {} failed: {}; retrying in {} s", link, client.endpoint(), failure.toString(),
                            RETRY_SECONDS);
                    retryLater(client.endpoint(), client.registrationId());
                } else if (content != null) {
                    take(client.endpoint(), content);
                }
            });
        }
    }

    private void retryLater(String endpoint, String registrationId) {
        if (observer.isShutdown() || !retryPending.add(endpoint)) {
            return; // one retry per endpoint at a time, however many instances failed
        }
        observer.schedule(() -> {
            retryPending.remove(endpoint);
            LocalServer local = server;
            if (local != null) {
                local.client(endpoint).filter(c -> c.registrationId().equals(registrationId)).ifPresent(this::observeKeyInstances);
            }
        }, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    private int observedCount() {
        return observed.values().stream().mapToInt(o -> o.paths().size()).sum();
    }

    private boolean hasKeyValue(int objectId) {
        return models.model(objectId).map(m -> m.resources().values().stream().anyMatch(Overview::isKey)).orElse(false);
    }

    static boolean isKey(ResourceModel resource) {
        boolean numeric = resource.type() == ResourceType.INTEGER || resource.type() == ResourceType.UNSIGNED_INTEGER
                || resource.type() == ResourceType.FLOAT;
        return numeric && resource.operations().isReadable() && !resource.multiple()
                && (!resource.units().isEmpty() || IPSO_MEASURES.contains(resource.id()));
    }

    static String seriesKey(String endpoint, String path) {
        return endpoint + "\u0000" + path;
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    /** Numeric order of LwM2M paths (/3/0/9 before /3/0/10). */
    static int comparePaths(String a, String b) {
        String[] x = a.substring(1).split("/");
        String[] y = b.substring(1).split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
