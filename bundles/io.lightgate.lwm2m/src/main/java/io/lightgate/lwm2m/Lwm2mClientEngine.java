/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.ConfigurationOrigin;
import io.lightgate.api.GatewayFolder;
import io.lightgate.api.NetworkTraffic;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.api.registry.RegistrationListener;
import io.lightgate.api.registry.RegistryEvent;
import io.lightgate.api.registry.RegistryListener;
import io.lightgate.lwm2m.codec.ContentCodec;
import io.lightgate.lwm2m.transport.TrafficMeter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
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
 * The LwM2M client engine: one {@link ClientEndpoint} per endpoint in the registry, each
 * registered with its servers, answering their requests from the registry and notifying
 * observers from the registry's change events. It learns everything from registry events
 * (it is a {@link RegistryListener}); it never polls.
 */
@Designate(ocd = EngineConfig.class)
@Component(service = Lwm2mClientEngine.class, immediate = true, configurationPid = "io.lightgate.lwm2m")
public final class Lwm2mClientEngine implements RegistryListener {

    private static final Logger LOG = LoggerFactory.getLogger(Lwm2mClientEngine.class);

    private final ObjectRegistry registry;
    private final EngineContext context;
    private final ServerDefinition commandLineServer;
    private final Map<String, ClientEndpoint> endpoints = new ConcurrentHashMap<>();
    private final List<ServerConfiguration> configuredServers = new CopyOnWriteArrayList<>();
    private final List<BootstrapConfiguration> bootstrapConfigurations = new CopyOnWriteArrayList<>();
    private final Provisioning provisioning;
    private final RegistrationListeners registrationListeners = new RegistrationListeners();
    private volatile boolean active = true;
    // endpoints start on the engine's threads (see EndpointEvents) while SCR deactivates on its own: an endpoint
    // started after deactivate() took its snapshot would keep its sockets and objects forever
    private final Object lifecycle = new Object();
    // registry events, per endpoint on the engine's threads
    private final EndpointEvents events;
    private volatile AccessControlConfiguration accessControl;
    // end devices behind the gateway's own registration (LwM2M Gateway object 25), under the lifecycle lock
    private final GatewayPrefixes prefixes = new GatewayPrefixes();
    private final GatewayObject gatewayObject = new GatewayObject();
    private ServiceRegistration<io.lightgate.api.object.LwM2mObject> gatewayObjectRegistration;
    private final BundleContext bundleContext;
    // registered by hand, not as this component's service: the registry references the engine's
    // listener while the engine references the registry, which SCR would report as a cycle
    private final ServiceRegistration<RegistryListener> listenerRegistration;
    // the counters of every socket, for objects such as Connectivity Statistics (7): a service of its
    // own next to the component's, registered and withdrawn with the engine whose sockets it counts
    private final ServiceRegistration<NetworkTraffic> trafficRegistration;
    private final SynchronousBundleListener frameworkStopping = this::frameworkStopping;

    @Activate
    public Lwm2mClientEngine(@Reference ObjectRegistry registry, @Reference ModelRepository models, EngineConfig config,
            BundleContext bundleContext, Map<String, Object> properties) {
        this.registry = registry;
        this.bundleContext = bundleContext;
        CoapSettings coap = new CoapSettings(c -> {
            c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, config.max_payload_bytes());
            // Duplicate detection keeps the last 64 messages of each peer instead of every message of the
            // last 247 s (EXCHANGE_LIFETIME): a burst (a server reading thousands of values, garbage on the
            // socket) no longer holds ~4.5 KB per datagram for four minutes. A server retransmits after
            // 2-45 s, long before it could have sent 64 other messages to one endpoint. The endpoints' own
            // sockets keep an answered request as its response's bytes only (AnsweredRequests, which reads
            // PEERS_MARK_AND_SWEEP_MESSAGES); DEDUPLICATOR applies to the engine's other sockets.
            c.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
            c.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, 64);
            // NON notifications with a CON every n-th or per interval (RFC 7641 4.5), as configured
            c.set(CoapConfig.NOTIFICATION_CHECK_INTERVAL_COUNT, Math.max(1, config.notifications_con_every()));
            c.set(CoapConfig.NOTIFICATION_CHECK_INTERVAL_TIME, Math.max(1, config.notifications_con_interval_s()), TimeUnit.SECONDS);
            c.set(CoapConfig.NON_LIFETIME, Math.max(1, config.notifications_non_lifetime_s()), TimeUnit.SECONDS);
        }, config.gateway_max_payload_bytes(), java.time.Duration.ofSeconds(config.dtls_resumption_after_quiet_s()));
        EngineExecutors executors = new EngineExecutors(config.worker_threads());
        this.context = new EngineContext(registry, new ContentCodec(models::model), executors,
                coap, config.local_address(), new ServerAttributes(), config.request_timeout_ms(), config.update_delay_ms(), bundleContext,
                Math.max(1, config.notifications_stored_max()), new TrafficMeter(), registrationListeners,
                Math.max(0, config.gateway_device_wait_ms()),
                notificationPacing(config, coap.plain(false), ConfigurationOrigin.of(properties)), new RegistrationWindow(config.registrations_in_flight(), executors.main),
                new ServerLastHeard(System::nanoTime));
        this.events = new EndpointEvents(context.executors().main);
        this.commandLineServer = commandLineServer(bundleContext.getProperty("lightgate.server.uri"),
                bundleContext.getProperty("lightgate.server.ssid"), bundleContext.getProperty(QuickStart.PSK_IDENTITY),
                bundleContext.getProperty(QuickStart.PSK_KEY));
        if (commandLineServer != null) {
            LOG.info("LwM2M server from -Dlightgate.server.uri: {} (replaces the servers configured in etc/)", commandLineServer);
        }
        this.provisioning = BootstrapSettings.provisioning(bootstrapContext(bundleContext), context.executors().timer,
                config.notifications_stored_commit_ms());
        trafficRegistration = bundleContext.registerService(NetworkTraffic.class, context.traffic(), null);
        listenerRegistration = bundleContext.registerService(RegistryListener.class, this, null);
        bundleContext.addBundleListener(frameworkStopping);
        // Current Time (3/0/13) is a clock: it changes every second without any object telling, so
        // the engine tells observers of it, as devices do (only endpoints someone observes pay for it)
        long toNextSecond = 1000 - System.currentTimeMillis() % 1000;
        context.executors().main.scheduleAtFixedRate(this::clockTicked, toNextSecond, 1000, TimeUnit.MILLISECONDS);
    }

    /** The configured rate, or what the message-ID budget carries with the configured message types and lifetimes. */
    private static NotificationPacing notificationPacing(EngineConfig config, Configuration coap, ConfigurationOrigin origin) {
        int conEvery = Math.max(1, config.notifications_con_every());
        int multicastBase = coap.get(CoapConfig.MULTICAST_BASE_MID);
        MessageIdBudget budget = new MessageIdBudget(conEvery, Duration.ofMillis(coap.get(CoapConfig.EXCHANGE_LIFETIME, TimeUnit.MILLISECONDS)),
                Duration.ofMillis(coap.get(CoapConfig.NON_LIFETIME, TimeUnit.MILLISECONDS)),
                multicastBase > 0 ? multicastBase : MessageIdBudget.ALL_IDS);
        double configured = config.notifications_per_second();
        double perSecond = configured > 0 ? configured : budget.perSecond();
        if (configured > budget.perSecond() / (1 - MessageIdBudget.MARGIN)) {
            LOG.warn("notifications.per.second = {} is above what the CoAP message IDs carry: {}. A busy endpoint will run out of "
                    + "message IDs toward its server and its notifications fail; leave the setting out to get the budget.", configured,
                    budget);
        } else {
            LOG.info("Notifications per endpoint and server: {}/s{}", Math.round(perSecond),
                    configured > 0 ? " (notifications.per.second; the message IDs carry " + budget + ")" : ", the message-ID budget: " + budget);
        }
        if (conEvery > 1 && budget.nonLifetime().compareTo(budget.conLifetime()) < 0) {
            LOG.info("NON notifications' message IDs are used again after {} s (notifications.non.lifetime.s, RFC 7252). A server "
                    + "built on Californium (Leshan) takes an ID it saw within its EXCHANGE_LIFETIME ({} s) for a duplicate and drops "
                    + "the notification: for such a server set notifications.non.lifetime.s = {}.", budget.nonLifetime().toSeconds(),
                    budget.conLifetime().toSeconds(), budget.conLifetime().toSeconds());
        }
        return new NotificationPacing(perSecond, Math.max(1, config.notifications_burst()), conEvery, budget,
                notificationBacklog(config.notifications_backlog(), origin));
    }

    /** The configured backlog mode; a value that names none is an error in the log, and the default stays. */
    static NotificationBacklog notificationBacklog(String configured, ConfigurationOrigin origin) {
        return NotificationBacklog.parse(configured).orElseGet(() -> {
            LOG.error("notifications.backlog = '{}' in {} is not a known value: use 'all' (every value, oldest first) or 'newest' "
                    + "(the newest once values wait). Every value is sent (all) until the setting is fixed.", configured,
                    origin.fromFile() ? origin.where() : "etc/io.lightgate.lwm2m.cfg");
            return NotificationBacklog.ALL;
        });
    }

    private void clockTicked() {
        if (!active) {
            return;
        }
        for (ClientEndpoint e : endpoints.values()) {
            try {
                e.clockTicked();
            } catch (RuntimeException ex) {
                LOG.warn("Endpoint '{}': Current Time notification failed: {}", e.name(), ex.toString());
            }
        }
    }

    /**
     * The framework begins to stop, before any bundle stops: the endpoints de-register now, while the
     * servers still answer. A local server (io.lightgate.server) stops before this bundle, and the
     * engine's components deactivate only once the registry's bundle stops; De-registers sent then
     * waited out their timeouts (a demo's stop took 14 s, with warnings).
     */
    private void frameworkStopping(BundleEvent event) {
        if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() == 0) {
            LOG.info("The gateway is stopping: the endpoints de-register");
            stopEndpoints();
        }
    }

    @Deactivate
    void deactivate() {
        try {
            bundleContext.removeBundleListener(frameworkStopping);
        } catch (IllegalStateException e) {
            // the bundle is stopping and its context is gone already
        }
        List<ServiceRegistration<?>> own = new ArrayList<>(List.of(listenerRegistration, trafficRegistration));
        synchronized (lifecycle) {
            if (gatewayObjectRegistration != null) {
                own.add(gatewayObjectRegistration);
                gatewayObjectRegistration = null;
            }
        }
        for (ServiceRegistration<?> r : own) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // the bundle is stopping and it is gone already
            }
        }
        stopEndpoints();
        provisioning.store().close(); // after the stops: they forget their registrations in it
        context.executors().shutdown();
        LOG.info("LwM2M client engine stopped");
    }

    /** Stops every endpoint (each de-registers) and waits for them, bounded; later ones are not created. */
    private void stopEndpoints() {
        List<ClientEndpoint> running;
        synchronized (lifecycle) {
            active = false;
            running = List.copyOf(endpoints.values());
            endpoints.clear();
        }
        if (running.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        running.forEach(e -> stops.add(e.stop()));
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(context.requestTimeoutMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("Not every endpoint de-registered in time: {}", e.toString());
        }
    }

    // ---- servers -----------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addServer(ServerConfiguration server) {
        configuredServers.add(server);
        serversChanged();
    }

    void removeServer(ServerConfiguration server) {
        configuredServers.remove(server);
        serversChanged();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRegistrationListener(RegistrationListener listener) {
        registrationListeners.add(listener);
        // a listener that comes later still learns of the registrations that already stand
        for (ClientEndpoint e : endpoints.values()) {
            e.registrations().stream().filter(r -> r.state() == Registration.State.REGISTERED)
                    .forEach(r -> registrationListeners.registered(context.executors().main, listener, e.name(), r.server().uri()));
        }
    }

    void removeRegistrationListener(RegistrationListener listener) {
        registrationListeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBootstrap(BootstrapConfiguration bootstrap) {
        bootstrapConfigurations.add(bootstrap);
        bootstrapChanged();
    }

    void removeBootstrap(BootstrapConfiguration bootstrap) {
        bootstrapConfigurations.remove(bootstrap);
        bootstrapChanged();
    }

    private void bootstrapChanged() {
        if (provisioning == null) {
            return; // a reference bound before the constructor finished: the constructor reads the list
        }
        provisioning.setConfigured(bootstrapConfigurations.stream().flatMap(b -> b.definition().stream()).findFirst().orElse(null));
        if (active) {
            endpoints.values().forEach(ClientEndpoint::bootstrapServerChanged);
        }
    }

    private BootstrapSettings.Sources bootstrapContext(BundleContext bundleContext) {
        return new BootstrapSettings.Sources(bundleContext.getProperty("lightgate.bootstrap.uri"), bundleContext.getProperty(QuickStart.PSK_IDENTITY),
                bundleContext.getProperty(QuickStart.PSK_KEY), bundleContext.getProperty(GatewayFolder.DATA.property()),
                () -> bootstrapConfigurations.stream().flatMap(b -> b.definition().stream()).findFirst().orElse(null));
    }

    private void serversChanged() {
        // under the lifecycle lock: an endpoint being started (in the map, its socket not yet open)
        // must not get its servers before it can send, or its first Register fails at once
        synchronized (lifecycle) {
            if (!active) {
                return;
            }
            endpoints.values().forEach(e -> e.setServers(serversFor(e.descriptor())));
        }
    }

    /** The servers an endpoint registers with: the ones it names, else the default ones. */
    List<ServerDefinition> serversFor(EndpointDescriptor endpoint) {
        List<ServerDefinition> all = new ArrayList<>();
        if (commandLineServer != null) {
            all.add(commandLineServer);
        } else {
            configuredServers.forEach(s -> s.definition().ifPresent(all::add));
        }
        if (endpoint.servers().isEmpty()) {
            return all.stream().filter(ServerDefinition::defaultServer).toList();
        }
        return all.stream().filter(s -> endpoint.servers().contains(s.name())).toList();
    }

    private static ServerDefinition commandLineServer(String uri, String ssid, String pskIdentity, String pskKey) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        int id = 1;
        if (ssid != null && !ssid.isBlank()) {
            id = Integer.parseInt(ssid.strip());
        }
        URI parsed = ServerDefinition.parseUri(uri, "system property lightgate.server.uri");
        TransportSecurity security = QuickStart.security(parsed, "lightgate.server.uri", pskIdentity, pskKey);
        return new ServerDefinition("default", parsed, id, true, 0, "U", 0, 0, security);
    }

    // ---- access control ----------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setAccessControl(AccessControlConfiguration configuration) {
        accessControl = configuration;
        endpoints.values().forEach(this::provisionAccessControl);
    }

    void unsetAccessControl(AccessControlConfiguration configuration) {
        if (accessControl == configuration) {
            accessControl = null;
            endpoints.values().forEach(this::provisionAccessControl);
        }
    }

    /** The configured Access Control instances replace the endpoint's (a bootstrap server will write them later). */
    private void provisionAccessControl(ClientEndpoint endpoint) {
        if (endpoint.applyProvisionedAccessControl()) {
            return; // a bootstrap server's instances win over etc/
        }
        AccessControlConfiguration c = accessControl;
        endpoint.access().accessControl().replaceAll(c == null ? List.of() : c.instancesFor(endpoint.name()),
                c != null && c.appliesTo(endpoint.name()));
    }

    // ---- registry events ---------------------------------------------------------------------

    @Override
    public void registryChanged(RegistryEvent event) {
        if (!active) {
            return;
        }
        if (event.kind() == RegistryEvent.Kind.VALUES_CHANGED) {
            // the hot path, and it never blocks (a value not reported with the change is read through the
            // registry's object lanes, asynchronously): handled here unless the endpoint has events waiting,
            // so a notification does not wait for a thread hop (benchmarks/README, notifications at 100 endpoints).
            events.runNowOrInTurn(event.endpoint(), () -> handle(event));
            return;
        }
        // off the registry's thread, which delivers the events of every endpoint: in order per endpoint,
        // so that an object slow to answer (a supplier building an instance) holds up its own endpoint only
        events.execute(event.endpoint(), () -> handle(event));
    }

    private void handle(RegistryEvent event) {
        if (!active) {
            return;
        }
        switch (event.kind()) {
            case ENDPOINT_ADDED -> startEndpoint(event.endpoint());
            case ENDPOINT_REMOVED -> {
                ClientEndpoint e = endpoints.remove(event.endpoint());
                if (e != null) {
                    e.stop();
                    if (e.prefix().isPresent()) {
                        deviceLeft(e.name());
                        e.forgetKeptState(); // gone while the gateway runs: the servers' observations of it end with it
                    }
                }
            }
            case VALUES_CHANGED -> {
                ClientEndpoint e = endpoints.get(event.endpoint());
                if (e != null) {
                    e.valuesChanged(event);
                }
            }
            case SEND_REQUESTED -> {
                ClientEndpoint e = endpoints.get(event.endpoint());
                if (e != null) {
                    e.sendRequested(event.paths());
                }
            }
            default -> {
                ClientEndpoint e = endpoints.get(event.endpoint());
                if (e != null) {
                    e.treeChanged();
                    if (event.kind() == RegistryEvent.Kind.OBJECT_REMOVED || event.kind() == RegistryEvent.Kind.INSTANCE_REMOVED) {
                        e.pathsRemoved(event.paths());
                    }
                }
            }
        }
    }

    private void startEndpoint(String name) {
        synchronized (lifecycle) {
            if (active) {
                startEndpointWhileActive(name);
            }
        }
    }

    private void startEndpointWhileActive(String name) {
        EndpointDescriptor descriptor = registry.endpoint(name).orElse(null);
        if (descriptor == null || endpoints.containsKey(name)) {
            return;
        }
        if (descriptor.behindGateway()) {
            startBehindGateway(descriptor);
            return;
        }
        ClientEndpoint endpoint = new ClientEndpoint(descriptor, context, provisioning);
        provisionAccessControl(endpoint);
        endpoints.put(name, endpoint);
        try {
            endpoint.start(serversFor(descriptor));
        } catch (RuntimeException e) {
            endpoints.remove(name);
            endpoint.stop(); // whatever it opened or registered before it failed
            LOG.error("Endpoint '{}' cannot start: {}. Other endpoints are not affected.", name, e.toString(), e);
            return;
        }
        if (name.equals(registry.gatewayEndpoint())) {
            // devices that came before the gateway's endpoint was up go behind it now
            registry.endpoints().stream().filter(EndpointDescriptor::behindGateway).forEach(d -> startEndpointWhileActive(d.name()));
        }
    }

    /**
     * An end device behind the gateway's registration: a prefix, an instance of object 25 on the
     * gateway's endpoint (whose registration then lists it), and its tree answering under /prefix.
     */
    private void startBehindGateway(EndpointDescriptor descriptor) {
        String name = descriptor.name();
        ClientEndpoint host = endpoints.get(registry.gatewayEndpoint());
        if (host == null) {
            LOG.debug("Endpoint '{}' waits for the gateway's endpoint to go behind it", name);
            return;
        }
        String prefix = prefixes.assign(name);
        ClientEndpoint device = new ClientEndpoint(descriptor, context, provisioning,
                new ClientEndpoint.Behind(host, prefix, () -> gatewayObject.deviceObjectsChanged(name)));
        provisionAccessControl(device);
        endpoints.put(name, device);
        try {
            device.start(List.of());
        } catch (RuntimeException e) {
            endpoints.remove(name);
            device.stop();
            prefixes.release(name);
            LOG.error("Endpoint '{}' cannot go behind the gateway: {}. Other endpoints are not affected.", name, e.toString(), e);
            return;
        }
        gatewayObject.add(name, prefix, () -> registry.tree(name).map(t -> GatewayPrefixes.deviceObjects(prefix, t)).orElse(""));
        if (gatewayObjectRegistration == null) {
            java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
            props.put(io.lightgate.api.object.LwM2mObject.OBJECT_ID, GatewayObject.OBJECT_ID);
            props.put(io.lightgate.api.object.LwM2mObject.ENDPOINT, registry.gatewayEndpoint());
            gatewayObjectRegistration = bundleContext.registerService(io.lightgate.api.object.LwM2mObject.class, gatewayObject, props);
        }
        LOG.info("Endpoint '{}' is exposed behind the gateway's registration with prefix /{} (object 25)", name, prefix);
    }

    private void deviceLeft(String name) {
        synchronized (lifecycle) {
            gatewayObject.remove(name);
            prefixes.release(name);
        }
        LOG.info("Endpoint '{}' is no longer behind the gateway's registration", name);
    }

    /** The endpoints the engine runs now, for the shell. */
    List<ClientEndpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }
}
