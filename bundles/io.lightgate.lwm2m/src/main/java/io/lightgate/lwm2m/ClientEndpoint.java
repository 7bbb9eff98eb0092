/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.device.DeviceDescription;
import io.lightgate.api.device.VirtualDevice;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.registry.EndpointContribution;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.registry.EndpointTree;
import io.lightgate.api.registry.RegistryEvent;
import io.lightgate.lwm2m.access.AccessControl;
import io.lightgate.lwm2m.codec.Encoded;
import io.lightgate.lwm2m.observe.ObserveSequence;
import io.lightgate.lwm2m.transport.NioUdpConnector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LwM2M client endpoint of the gateway (its own or a virtual one): a CoAP socket (plus a
 * DTLS socket once a coaps:// server is configured), the dynamic resource tree that answers
 * servers, and one {@link Registration} per server. Requests to a server go out on the socket
 * of its scheme; requests from it are answered on the socket they came in on.
 */
final class ClientEndpoint implements ServerLink, Registration.Events, Observations.Restorer, RequestHandler.Target {

    private static final Logger LOG = LoggerFactory.getLogger(ClientEndpoint.class);

    private final EndpointDescriptor descriptor;
    private final EngineContext context;
    private final Map<String, Registration> registrations = new LinkedHashMap<>(2); // one per server (see PerServer)
    // the registrations for lookups on Californium's threads, which must take no lock (see QueueModeInterceptor)
    private volatile List<Registration> current = List.of();
    private final QueueModeInterceptor queueMode;
    private final Observations observations;
    private final Sender sender;
    private final StoreAndForward storeAndForward;
    private final ServerObject serverObject = new ServerObject();
    private final SecurityObject securityObject = new SecurityObject();
    private final EndpointAccess access;
    private EndpointContribution ownObjects; // the objects this endpoint contributed itself, from start to stop
    private CoapServer server;
    private final ServerSockets sockets;
    private volatile PathResource root;
    private volatile EndpointDeliverer deliverer;
    private ScheduledFuture<?> pendingTreeUpdate;
    private final BootstrapClient bootstrap;
    private final BootstrapHandler bootstrapHandler;
    private List<ServerDefinition> configuredServers = List.of();
    private final ClientStateStore stateStore;
    // an end device behind the gateway's registration (object 25): no socket, no registration of its
    // own; its tree hangs below the gateway's root at /<prefix>, and the gateway's servers are its servers
    private final Behind behind;
    // the gateway's own endpoint: the devices behind it, by name; the registrations it resumed after a restart
    // (their server still holds the observations of before, the devices' too); those whose stale devices were looked for
    private final Map<String, ClientEndpoint> devices = new ConcurrentHashMap<>();
    private final Set<Registration> resumed = ConcurrentHashMap.newKeySet();
    private final Set<Registration> staleChecked = ConcurrentHashMap.newKeySet();
    // a device behind the gateway: the registrations its state in data/ is recorded for (see #keptFor)
    private final Set<Registration> recordedFor = ConcurrentHashMap.newKeySet();
    // a device behind the gateway: the registrations whose observations of before it put back
    private final Set<Registration> recordedRestore = ConcurrentHashMap.newKeySet();

    /**
     * The kind of entry (see ClientStateStore#serverEntries) under which the gateway's endpoint records, per
     * server, the devices behind it that keep state in data/ (observations, attributes, stored notifications):
     * key the device's name, value its prefix. It tells which devices' state is stale when they do not come back.
     */
    static final String DEVICES_STORED = "behind-gateway";

    /** The longest a stopping endpoint keeps its socket for its De-registers. */
    private static final long STOP_SAFETY_MILLIS = 300_000;

    /**
     * How an end device sits behind the gateway's endpoint.
     *
     * @param host the gateway's own endpoint, started
     * @param prefix the first path segment that addresses the device
     * @param objectsChanged told when the device's objects or instances change (object 25 resource 3)
     */
    record Behind(ClientEndpoint host, String prefix, Runnable objectsChanged) {
    }

    ClientEndpoint(EndpointDescriptor descriptor, EngineContext context, Provisioning provisioning) {
        this(descriptor, context, provisioning, null);
    }

    ClientEndpoint(EndpointDescriptor descriptor, EngineContext context, Provisioning provisioning, Behind behind) {
        this.descriptor = descriptor;
        this.context = context;
        this.behind = behind;
        this.stateStore = provisioning.store();
        this.storeAndForward = new StoreAndForward(this, context.codec(), context.storedNotificationsMax(), context.serverLastHeard());
        this.observations = new Observations(descriptor.name(), context, stateStore, this::registrationFor, storeAndForward, this);
        this.sender = new Sender(descriptor.name(), context, this, this::registrations, this::prefixed);
        ServerObject servers = behind == null ? serverObject : behind.host().serverObject;
        this.access = new EndpointAccess(descriptor.name(), new AccessControl(), () -> registrations().size(), servers::shortServerIdOf);
        this.bootstrap = new BootstrapClient(this, provisioning);
        this.bootstrapHandler = new BootstrapHandler(this, bootstrap, context.codec());
        this.queueMode = new QueueModeInterceptor(descriptor.name(), this::serverAt, context.serverLastHeard());
        this.sockets = new ServerSockets(descriptor.name(), this::isGatewayEndpoint, context, this,
                secure -> {
                    guard(secure);
                    secure.addInterceptor(queueMode);
                });
    }

    BootstrapClient bootstrap() {
        return bootstrap;
    }

    /** The engine's store in data/ (provisioned state, registration locations). */
    ClientStateStore stateStore() {
        return stateStore;
    }

    @Override
    public String name() {
        return descriptor.name();
    }

    EndpointDescriptor descriptor() {
        return descriptor;
    }

    EngineContext context() {
        return context;
    }

    /** Opens the socket and starts registering with the given servers. */
    synchronized void start(Collection<ServerDefinition> servers) {
        ownObjects = ownObjects();
        if (behind != null) {
            startBehindGateway();
            return;
        }
        Configuration config = context.coapConfigurationFor(name());
        CoapEndpoint coap = context.notificationPacing().messageIds().endpointBuilder(config, "[" + name() + "]")
                .setConnector(udpConnector()).setDataSerializerAndParser(new UdpDataSerializer(), new StrictUdpParser()).build();
        coap.addInterceptor(queueMode);
        server = new CoapServer(config);
        server.setExecutors(context.executors().main, context.executors().timer, true);
        guard(coap);
        server.addEndpoint(coap);
        sockets.started(server, coap);
        root = new PathResource("", LwM2mPath.ROOT, requestHandler(), observations,
                new ObserveSequence(System::currentTimeMillis));
        root.add(new BootstrapFinishResource(bootstrap, bootstrapHandler));
        deliverer = new EndpointDeliverer(root, config);
        server.setMessageDeliverer(deliverer);
        server.start();
        LOG.info("Endpoint '{}' listens on {}", name(), coap.getAddress());
        try {
            stateStore.rememberLocalPort(name(), coap.getAddress().getPort());
        } catch (IOException e) {
            LOG.debug("Endpoint '{}': its port is not kept in data/ ({})", name(), e.getMessage());
        }
        ownObjects.add(0, securityObject, 0);
        ownObjects.add(1, serverObject, 0);
        ownObjects.add(2, new AccessControlObject(access.accessControl()), LwM2mObject.DEFAULT_RANKING);
        // every LwM2M client has a Device object: this default stands in until an adapter (or, on the
        // gateway's own endpoint, the Device bundle) contributes one, which replaces it
        ownObjects.add(3, new VirtualDevice(defaultDescription(), args -> reregister()), LwM2mObject.DEFAULT_RANKING);
        setServers(servers);
    }

    /** Hangs the device's tree below the gateway's root at /prefix; requests come in on the gateway's sockets. */
    private void startBehindGateway() {
        root = new PathResource(behind.prefix(), LwM2mPath.ROOT, requestHandler(), observations,
                new ObserveSequence(System::currentTimeMillis));
        behind.host().attach(this);
        LOG.info("Endpoint '{}' is behind the gateway's registration at /{}", name(), behind.prefix());
        ownObjects.add(3, new VirtualDevice(defaultDescription(), args -> { }), LwM2mObject.DEFAULT_RANKING);
        // what it kept in data/ before a restart comes back (not under the engine's lock: it takes registrations' locks)
        context.executors().main.execute(() -> behind.host().deviceAttached(this));
    }

    /** A device behind this (the gateway's) endpoint: its tree answers under /prefix. */
    void attach(ClientEndpoint device) {
        PathResource r = root;
        if (r == null) {
            throw new IllegalStateException("endpoint '" + name() + "' has not started; no device can be behind it");
        }
        r.add(device.root);
        devices.put(device.name(), device);
    }

    /** The device behind this (the gateway's) endpoint at {@code prefix}, if one is there now. */
    Optional<ClientEndpoint> deviceByPrefix(String prefix) {
        return devices.values().stream().filter(d -> d.behind != null && d.behind.prefix().equals(prefix)).findFirst();
    }

    /** The device behind this endpoint leaves: requests for its prefix answer 4.04 again. */
    void detach(ClientEndpoint device) {
        devices.remove(device.name(), device);
        PathResource r = root;
        if (r != null && device.root != null) {
            r.delete(device.root);
        }
    }

    /**
     * A device came behind this (the gateway's) endpoint: for every server whose registration resumed after a
     * restart, the device's observations and attributes kept in data/ are put back (the server still holds
     * them), and what it stored while the server was away is forwarded once the server takes the registration.
     */
    private void deviceAttached(ClientEndpoint device) {
        for (Registration r : registrations()) {
            synchronized (r) {
                if (devices.get(device.name()) != device) {
                    return; // gone meanwhile
                }
                if (resumed.contains(r)) {
                    device.restoreObservations(r);
                }
                if (r.state() == Registration.State.REGISTERED) {
                    device.serverReachable(r);
                }
            }
        }
    }

    /** A device behind this endpoint keeps state in data/ for {@code r}'s server: recorded, so it is found should the device not come back. */
    private void recordDevice(String device, String prefix, Registration r) {
        try {
            stateStore.putServerEntry(DEVICES_STORED, name(), r.server().shortServerId(), r.server().uri(), device, prefix);
        } catch (IOException e) {
            LOG.debug("Endpoint '{}': device '{}' is not recorded in data/ ({})", name(), device, e.getMessage());
        }
    }

    /** This endpoint (a device behind the gateway) keeps state in data/ for the server of {@code r}. */
    @Override
    public void keptFor(Registration r) {
        if (behind != null && recordedFor.add(r)) {
            behind.host().recordDevice(name(), behind.prefix(), r);
        }
    }

    /** This device behind the gateway is gone for good while the gateway runs: what it kept in data/ goes. */
    void forgetKeptState() {
        if (behind == null) {
            return;
        }
        for (Registration r : behind.host().registrations()) {
            behind.host().clearDeviceState(name(), r, "it is no longer behind the gateway");
        }
    }

    /**
     * Clears what a device behind this endpoint kept in data/ for {@code r}'s server: its observations,
     * attributes and stored notifications, and its record.
     */
    private void clearDeviceState(String device, Registration r, String why) {
        int ssid = r.server().shortServerId();
        URI uri = r.server().uri();
        try {
            int observed = stateStore.serverEntries(Observations.STORED, device, ssid, uri).size();
            long stored = stateStore.storedCount(device, ssid, uri);
            stateStore.clearServerEntries(Observations.STORED, device, ssid, uri);
            stateStore.clearServerEntries(ServerAttributes.STORED, device, ssid, uri);
            stateStore.removeStored(device, ssid, uri, Long.MAX_VALUE);
            stateStore.removeServerEntry(DEVICES_STORED, name(), ssid, uri, device);
            if (observed > 0 || stored > 0) {
                LOG.info("Endpoint '{}': the {} observation(s) and {} stored notification value(s) kept in data/ for {} by device '{}' "
                        + "are cleared: {}", name(), observed, stored, r.server(), device, why);
            }
        } catch (IOException e) {
            LOG.warn("Endpoint '{}': what device '{}' kept in data/ for {} cannot be cleared ({})", name(), device, r.server(), e.getMessage());
        }
    }

    /**
     * Some time after this endpoint's registration with {@code r} began (resumed or afresh): devices recorded
     * under it that have not come back behind the gateway no longer exist; what they kept is cleared.
     */
    private void clearStaleDevices(Registration r) {
        Map<String, String> recorded;
        try {
            recorded = stateStore.serverEntries(DEVICES_STORED, name(), r.server().shortServerId(), r.server().uri());
        } catch (IOException e) {
            LOG.debug("Endpoint '{}': devices recorded in data/ cannot be read ({})", name(), e.getMessage());
            return;
        }
        recorded.keySet().stream().filter(device -> !devices.containsKey(device)).forEach(device -> clearDeviceState(device, r,
                "it has not come back behind the gateway within " + context.gatewayDeviceWaitMillis() + " ms of the registration"));
    }

    /**
     * A SenML payload this endpoint sends (Send, forwarded notifications): for a device behind the gateway its
     * names carry the device's prefix ({@code /meter-1/3303/0/5700}), as the server addresses the device.
     */
    @Override
    public Encoded prefixed(Encoded encoded) {
        return behind == null ? encoded : context.codec().prefixed(encoded, behind.prefix());
    }

    /** The prefix of an end device behind the gateway, empty for an endpoint that registers itself. */
    @Override
    public Optional<String> prefix() {
        return behind == null ? Optional.empty() : Optional.of(behind.prefix());
    }

    /**
     * The endpoint's UDP socket, on the port it had before a restart when that is free: a server
     * matches notifications to its observations by the address it observed from (Californium's
     * strict matching), so the observations it kept through the restart go on only from there.
     */
    private NioUdpConnector udpConnector() {
        int previous = 0;
        try {
            previous = stateStore.localPort(name());
        } catch (IOException e) {
            LOG.debug("Endpoint '{}': its earlier port is not known ({})", name(), e.getMessage());
        }
        if (previous > 0) {
            NioUdpConnector connector = new NioUdpConnector(new InetSocketAddress(context.localAddress(), previous), context.executors().udp,
                    context.executors().main, context.traffic());
            try {
                connector.start();
                return connector;
            } catch (IOException e) {
                LOG.info("Endpoint '{}': its port {} of before is taken ({}); it listens on a new one, and servers that observed it "
                        + "observe again after it registers", name(), previous, e.getMessage());
            }
        }
        return new NioUdpConnector(new InetSocketAddress(context.localAddress(), 0), context.executors().udp, context.executors().main, context.traffic());
    }

    @Override
    public org.eclipse.californium.core.observe.ObserveRelation establish(EndpointDeliverer.Prepared prepared, LwM2mPath path) {
        PathResource resource = resource(path);
        return resource == null ? null : deliverer().reestablish(prepared, resource);
    }

    /** The resource of a path in this endpoint's tree, null before the endpoint started. */
    PathResource resource(LwM2mPath path) {
        PathResource r = root;
        return r == null ? null : r.resolve(path);
    }

    EndpointDeliverer deliverer() {
        return behind != null ? behind.host().deliverer() : deliverer;
    }

    /**
     * An exchange carrying a stored Observe request of {@code r} on the socket r's requests come in on,
     * or null when it cannot be put back there: the server's address is not known yet, or it is a
     * coaps server (its DTLS session did not survive the restart, and its server matches notifications
     * to the session they were asked in).
     */
    @Override
    public EndpointDeliverer.Prepared observeExchange(Registration r, StoredObservation o) {
        return behind != null ? behind.host().observeExchange(r, o, behind.prefix()) : observeExchange(r, o, "");
    }

    private EndpointDeliverer.Prepared observeExchange(Registration r, StoredObservation o, String prefix) {
        InetSocketAddress address = r.serverAddress();
        CoapEndpoint endpoint = sockets.coap();
        if (address == null || endpoint == null || r.server().secure()) {
            return null;
        }
        return EndpointDeliverer.prepare(o, prefix, address, endpoint, context.executors().main);
    }

    /**
     * After a restart, the registration with {@code r} resumes: the notification attributes it wrote and
     * the observations it holds are put back (kept in data/), and its notifications wait until the server
     * takes the Update. Called under r's lock; takes no lock of this object.
     */
    @Override
    public void restoreObservations(Registration r) {
        if (behind != null && !recordedRestore.add(r)) {
            return; // put back already (the gateway's registration resumed while the device was coming)
        }
        if (behind == null) {
            resumed.add(r);
            devices.values().forEach(d -> d.restoreObservations(r)); // their observations were the server's too
        }
        int ssid = r.server().shortServerId();
        URI uri = r.server().uri();
        Map<String, String> attributes;
        Map<String, String> kept;
        try {
            attributes = stateStore.serverEntries(ServerAttributes.STORED, name(), ssid, uri);
            kept = stateStore.serverEntries(Observations.STORED, name(), ssid, uri);
        } catch (IOException e) {
            LOG.warn("Endpoint '{}': what {} observed before the restart cannot be read ({}); it has to observe again", name(), r.server(),
                    e.getMessage());
            return;
        }
        attributes.forEach((path, queries) -> context.attributes().restore(name(), ssid, LwM2mPath.parse(path), queries));
        if (kept.isEmpty()) {
            return;
        }
        storeAndForward.holdUntilRegistered(r);
        int restored = 0;
        for (String text : kept.values()) {
            try {
                if (observations.reestablish(r, StoredObservation.decode(text))) {
                    restored++;
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("Endpoint '{}': a stored observation of {} is skipped: {}", name(), r.server(), e.getMessage());
            }
        }
        LOG.info("Endpoint '{}': {} of {} observation(s) {} held before the restart are back{}", name(), restored, kept.size(), r.server(),
                restored < kept.size() ? " (the others: the server observes again)" : "");
    }

    /** {@code r} took a fresh Register: the server holds none of the earlier observations now. Called under r's lock. */
    @Override
    public void registeredAfresh(Registration r) {
        observations.forgetServer(r, r.registerSentNanos());
        recordedRestore.remove(r);
        if (behind == null) {
            resumed.remove(r);
            devices.values().forEach(d -> d.registeredAfresh(r));
            // devices not (yet) back: the server holds none of their observations either
            try {
                for (String device : stateStore.serverEntries(DEVICES_STORED, name(), r.server().shortServerId(), r.server().uri()).keySet()) {
                    if (!devices.containsKey(device)) {
                        stateStore.clearServerEntries(Observations.STORED, device, r.server().shortServerId(), r.server().uri());
                    }
                }
            } catch (IOException e) {
                LOG.debug("Endpoint '{}': observations of devices behind it stay in data/ ({})", name(), e.getMessage());
            }
        }
    }

    /** The server answered a Register, or renewed a registration kept from before: the whiteboard hears of it. */
    @Override
    public void registered(Registration r) {
        context.registrationListeners().registered(context.executors().main, name(), r.server().uri());
        if (behind == null && staleChecked.add(r)) {
            // devices behind the gateway come when their adapters start: those not back by then are gone
            context.executors().main.schedule(() -> {
                if (registrations().contains(r)) {
                    clearStaleDevices(r);
                }
            }, context.gatewayDeviceWaitMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private DeviceDescription defaultDescription() {
        String version = context.bundleContext().getBundle().getVersion().toString();
        return DeviceDescription.unknown(name()).withManufacturer("Lightgate").withModelNumber("Lightgate virtual endpoint")
                .withSoftwareVersion(version).withFirmwareVersion(version);
    }

    /** Reboot of the default Device object: every server sees the endpoint register again. */
    private void reregister() {
        registrations().forEach(Registration::reregister);
    }

    /**
     * Where the endpoint's own objects go. A virtual endpoint's go to the registry directly: a service
     * per object would make creating the 10,000th endpoint slower than the first (the framework's
     * per-bundle service bookkeeping is linear). The gateway's own stay services, visible to other
     * bundles like every object on the gateway's endpoint.
     */
    private EndpointContribution ownObjects() {
        return isGatewayEndpoint() ? EndpointContribution.services(context.bundleContext(), name())
                : EndpointContribution.direct(context.registry(), name());
    }

    private boolean isGatewayEndpoint() {
        return name().equals(context.registry().gatewayEndpoint());
    }

    /** The configured servers changed: with the provisioned ones, they are what the endpoint registers with. */
    synchronized void setServers(Collection<ServerDefinition> servers) {
        if (behind != null) {
            return; // the gateway's servers are its servers
        }
        configuredServers = List.copyOf(servers);
        List<ServerDefinition> all = bootstrap.serversWith(configuredServers);
        applyServers(all);
        bootstrap.transport().ifPresent(bs -> sockets.openSecureSockets(List.of(bs)));
        BootstrapServerDefinition bs = bootstrap.server().orElse(null);
        if (!Objects.equals(bs, securityObject.bootstrapServer())) {
            securityObject.bootstrapServer(bs, bootstrap.holdOffSeconds());
        }
        bootstrap.serversSet(!all.isEmpty());
    }

    /** A bootstrap session finished: register with the servers it provisioned. */
    synchronized void provisioned() {
        applyProvisionedAccessControl();
        if (server != null) {
            setServers(configuredServers);
        }
    }

    /**
     * Access Control instances a bootstrap server wrote replace the configured ones.
     *
     * @return whether there were any
     */
    boolean applyProvisionedAccessControl() {
        List<io.lightgate.lwm2m.access.AclInstance> acls = bootstrap.committed().accessControlInstances();
        if (acls.isEmpty()) {
            return false;
        }
        access.accessControl().replaceAll(acls, true);
        return true;
    }

    /** The bootstrap server changed: an endpoint without servers asks the new one. */
    synchronized void bootstrapServerChanged() {
        if (behind != null) {
            return;
        }
        bootstrap.bootstrapServerChanged();
        if (server != null) {
            setServers(configuredServers);
        }
    }

    /** A registration failed (called under its lock: decided later, on the scheduler). */
    @Override
    public void registrationFailed() {
        context.executors().main.execute(() -> bootstrap.registrationFailed(registrations()));
    }

    /** Adds registrations for new servers and ends those of servers no longer wanted. */
    private void applyServers(Collection<ServerDefinition> servers) {
        Registration.Setup registrationSetup = new Registration.Setup(name(), descriptor.lifetime(), this::registrationLinks,
                bootstrap::retryPolicy, stateStore);
        Map<String, ServerDefinition> wanted = new LinkedHashMap<>();
        // the security part of the key is content-based (changed credentials = a new registration); it is never shown
        servers.forEach(s -> wanted.put(s.name() + "|" + s.uri() + "|" + s.shortServerId() + "|" + s.lifetime() + "|" + s.binding()
                + "|" + s.queueAwakeMillis() + "|" + s.security().hashCode(), s));
        for (String key : new ArrayList<>(registrations.keySet())) {
            if (!wanted.containsKey(key)) {
                Registration r = registrations.remove(key);
                serverObject.remove(r);
                securityObject.remove(r);
                r.stop().whenComplete((v, e) -> sockets.forgetSecureSession(r.server(), r.serverAddress(),
                        () -> registrations.values().stream().map(Registration::server).toList()));
                storeAndForward.forget(r);
                context.attributes().forget(name(), r.server().shortServerId());
            }
        }
        sockets.openSecureSockets(servers);
        List<Registration> added = new ArrayList<>();
        wanted.forEach((key, s) -> registrations.computeIfAbsent(key, k -> {
            Registration r = new Registration(s, registrationSetup, context.registrationWindow().around(this), this,
                    context.executors().main);
            securityObject.add(r);
            serverObject.add(r);
            added.add(r);
            return r;
        }));
        current = List.copyOf(registrations.values()); // before the first Register: its exchange counts (queue mode)
        added.forEach(Registration::start);
    }

    synchronized List<Registration> registrations() {
        if (behind != null) {
            return behind.host().registrations();
        }
        return List.copyOf(registrations.values());
    }

    /** The registration of the server a request came from, or null for strangers. */
    /** Strangers' block-wise requests and responses stay out of Californium's layers (see StrangerGuard). */
    private void guard(CoapEndpoint endpoint) {
        endpoint.addInterceptor(new StrangerGuard(
                peer -> bootstrap.isBootstrapServer(peer) || registrationFor(peer) != null, name()));
    }

    synchronized Registration registrationFor(InetSocketAddress source) {
        if (behind != null) {
            return behind.host().registrationFor(source);
        }
        for (Registration r : registrations.values()) {
            InetSocketAddress a = r.serverAddress();
            if (a != null && a.equals(source)) {
                return r;
            }
        }
        return null;
    }

    /** The registration of the server at {@code address}, or null; takes no lock (for Californium's threads). */
    private Registration serverAt(InetSocketAddress address) {
        for (Registration r : current) {
            if (address.equals(r.serverAddress())) {
                return r;
            }
        }
        return null;
    }

    /** Object links for Register/Update, from the registry's tree now. */
    String registrationLinks() {
        EndpointTree tree = context.registry().tree(name()).orElse(null);
        return tree == null ? "" : LinkPayloads.registration(tree);
    }

    /** The Discover answer for a path, with the attributes that server attached. */
    @Override
    public String discover(LwM2mPath path, Registration from) {
        EndpointTree tree = context.registry().tree(name())
                .orElseThrow(() -> LwM2mException.notFound("endpoint '" + name() + "' is gone"));
        return LinkPayloads.discover(tree, path, p -> context.attributes().attached(name(), from.server().shortServerId(), p));
    }

    @Override
    public void writeAttributes(Registration from, LwM2mPath path, List<String> queries) {
        EndpointTree tree = context.registry().tree(name())
                .orElseThrow(() -> LwM2mException.notFound("endpoint '" + name() + "' is gone"));
        context.attributes().write(name(), from.server(), tree, path, queries);
        keepAttributes(from, path);
        keptFor(from);
        observations.attributesChanged(from, path);
    }

    /** The attributes a server attached at a path go to data/ too: observations put back after a restart follow them. */
    private void keepAttributes(Registration from, LwM2mPath path) {
        Map<String, String> attached = context.attributes().attached(name(), from.server().shortServerId(), path);
        StringBuilder queries = new StringBuilder();
        attached.forEach((k, v) -> queries.append(queries.length() == 0 ? "" : "&").append(k).append('=').append(v));
        int ssid = from.server().shortServerId();
        try {
            if (attached.isEmpty()) {
                stateStore.removeServerEntry(ServerAttributes.STORED, name(), ssid, from.server().uri(), path.toString());
            } else {
                stateStore.putServerEntry(ServerAttributes.STORED, name(), ssid, from.server().uri(), path.toString(), queries.toString());
            }
        } catch (IOException e) {
            LOG.warn("Endpoint '{}': the attributes {} wrote at {} are not kept in data/ ({}); after a restart they are gone", name(),
                    from.server(), path, e.getMessage());
        }
    }

    @Override
    public org.eclipse.californium.core.coap.MessageObserver track(Registration from,
            org.eclipse.californium.core.observe.ObserveRelation relation, Response response, List<StoredValue> values) {
        return storeAndForward.track(from, relation, response, values);
    }

    /** The handler of requests on this endpoint's tree. */
    private RequestHandler requestHandler() {
        return new RequestHandler(this, access, this::registrationFor, bootstrapHandler, observations, context.registry(), context.codec(),
                new CompositeRouting(this, context.registry(), context.codec()));
    }

    /** Access control of this endpoint's servers (object 2). */
    EndpointAccess access() {
        return access;
    }

    /** Notification Storing When Disabled or Offline (/1/x/6) of a server. */
    boolean notificationStoring(Registration r) {
        return (behind == null ? serverObject : behind.host().serverObject).storing(r);
    }

    /** A server took a Register or an Update (called under the registration's lock). */
    @Override
    public void serverReachable(Registration r) {
        storeAndForward.reachable(r);
        // queue mode: notifications held while the endpoint slept go out now, after the Update (on the
        // scheduler: a notification takes locks a registration's must not be held for)
        context.executors().main.execute(() -> observations.awake(r));
        if (behind == null) {
            devices.values().forEach(d -> d.serverReachable(r)); // the gateway's registration is theirs
        }
    }

    /** A server did not answer, refused the registration or was disabled (called under the registration's lock). */
    @Override
    public void serverUnreachable(Registration r, String why) {
        storeAndForward.unreachable(r, why);
        observations.unreachable(r); // now, so that what was held is stored before what comes after
        if (behind == null) {
            devices.values().forEach(d -> d.serverUnreachable(r, why));
        }
    }

    Observations observations() {
        return observations;
    }

    /** Observations a server holds on this endpoint now. */
    int observationCount(Registration r) {
        return observations.count(r);
    }

    /** Values single-value notifications to a server did not carry because newer ones waited (notifications.backlog = newest). */
    long supersededNotifications(Registration r) {
        return observations.superseded(r);
    }

    /** The registry reported value changes on this endpoint. */
    void valuesChanged(RegistryEvent change) {
        observations.valuesChanged(change.paths(), change.values(), change.changedAt());
        if (behind != null) {
            // Observe-Composite relations on the gateway's root may name this device's paths by its prefix
            behind.host().observations().deviceValuesChanged(behind.prefix(), change.paths());
        }
    }

    private static final List<LwM2mPath> CURRENT_TIME = List.of(LwM2mPath.of(3, 0, 13));

    /** Paths no request found for this long, and that nothing observes, leave the CoAP tree (see {@link PathResource#forgetIdle}). */
    static final int PATHS_IDLE_SECONDS = 60;

    // seconds until the next look for idle paths; started at random so that endpoints do not all look in the same second
    private int ticksToForget = 1 + ThreadLocalRandom.current().nextInt(PATHS_IDLE_SECONDS);

    /** A second passed: observers of the Device object's Current Time are told it changed; idle paths are forgotten now and then. */
    void clockTicked() {
        if (!observations.isEmpty()) {
            observations.valuesChanged(CURRENT_TIME);
        }
        PathResource r = root;
        if (--ticksToForget <= 0 && r != null) {
            ticksToForget = PATHS_IDLE_SECONDS;
            int forgotten = r.forgetIdle(System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(PATHS_IDLE_SECONDS));
            if (forgotten > 0) {
                LOG.debug("Endpoint '{}': {} paths no request asked for in {} s left the CoAP tree", name(), forgotten, PATHS_IDLE_SECONDS);
            }
        }
    }

    /** An object asked to Send values (LwM2M 1.1). */
    void sendRequested(List<LwM2mPath> paths) {
        sender.send(paths);
    }

    /** Objects or instances went away: their observers get a final 4.04, which ends the relations. */
    void pathsRemoved(List<LwM2mPath> paths) {
        observations.removed(paths);
        registrations().forEach(r -> paths.forEach(p -> context.attributes().forgetPath(name(), r.server().shortServerId(), p)));
    }

    /** The registry reported a change of the tree: one Update per server, debounced. */
    synchronized void treeChanged() {
        if (behind != null) {
            behind.objectsChanged().run(); // the gateway's object 25 tells; the device has no registration to update
            return;
        }
        if (pendingTreeUpdate != null) {
            return; // the Update waiting to go reads the tree when it runs, this change included
        }
        pendingTreeUpdate = context.executors().main.schedule(this::sendTreeUpdate, context.updateDelayMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendTreeUpdate() {
        synchronized (this) {
            // from here on a change schedules another Update: this one may have read the tree before it
            // (skipping while this task ran lost a change made between reading the tree and sending)
            pendingTreeUpdate = null;
        }
        String links = registrationLinks(); // read the tree once, not once per server
        registrations().forEach(r -> r.treeChanged(links));
    }

    @Override
    public CompletableFuture<Response> send(Request request, ServerDefinition to) {
        // a device behind the gateway speaks through the gateway's sockets
        return behind != null ? behind.host().send(request, to) : sockets.send(request, to);
    }

    @Override
    public String prepareSecureSession(ServerDefinition s, InetSocketAddress address) {
        return sockets.prepareSecureSession(s, address);
    }

    @Override
    public boolean renewSecureSession(ServerDefinition s, InetSocketAddress address) {
        return sockets.renewSecureSession(s, address);
    }

    /** De-registers from every server (bounded wait) and closes the socket. */
    CompletableFuture<Void> stop() {
        List<Registration> stopping;
        EndpointContribution own;
        bootstrap.stop();
        synchronized (this) {
            if (pendingTreeUpdate != null) {
                pendingTreeUpdate.cancel(false);
                pendingTreeUpdate = null;
            }
            stopping = List.copyOf(registrations.values());
            registrations.clear();
            current = List.of();
            own = ownObjects;
            ownObjects = null;
        }
        // calls out (registrations' locks, OSGi service events) happen without this object's lock
        List<CompletableFuture<Void>> deregistrations = new ArrayList<>();
        for (Registration r : stopping) {
            deregistrations.add(r.stop());
            context.attributes().forget(name(), r.server().shortServerId());
        }
        if (behind != null) {
            behind.host().detach(this);
        }
        if (own != null) {
            own.withdraw();
        }
        // each De-register has its own timeout from the moment it goes out, which may be after a wait in
        // the registration window (thousands of endpoints stopping together); the bound here is a safety net
        return CompletableFuture.allOf(deregistrations.toArray(CompletableFuture[]::new))
                .orTimeout(STOP_SAFETY_MILLIS, TimeUnit.MILLISECONDS)
                .handle((v, e) -> {
                    synchronized (this) {
                        if (server != null) {
                            server.destroy();
                            server = null;
                            sockets.closed();
                        }
                    }
                    return null;
                });
    }
}
