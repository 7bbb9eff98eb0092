/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.adapter.opcua.status.OpcUaServerStatus;
import io.lightgate.adapter.opcua.status.OpcUaServerStatus.State;
import io.lightgate.api.ConfigurationOrigin;
import io.lightgate.api.GatewayFolder;
import io.lightgate.api.device.DeviceDescription;
import io.lightgate.api.device.VirtualDevice;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.registry.EndpointContribution;
import io.lightgate.api.registry.EndpointDescriptor;
import io.lightgate.api.status.SourceMonitor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured OPC UA server as one virtual LwM2M endpoint: registers the endpoint
 * (EndpointDescriptor service), one LwM2M object service per mapped object id and a Device
 * object (3) filled from the server's ServerStatus ({@link ServerIdentity}), keeps the session
 * ({@link ServerConnection}) and the subscription ({@link Subscriber}), and publishes its state
 * ({@link OpcUaServerStatus} service). Everything that touches the session runs on this
 * endpoint's single thread.
 *
 * <p>The endpoint descriptor is registered only once the server answered and the mapped
 * variables were read (or after registration.wait.ms): LwM2M servers often read or observe right
 * at registration, and would otherwise get 5.03 and give up the observation.
 */
final class OpcUaServerEndpoint implements MappedObject.Server, ServerConnection.Listener {


    private static final Logger LOG = LoggerFactory.getLogger(OpcUaServerEndpoint.class);

    private final BundleContext context;
    private final ServerConfig config;
    private final String where;
    private final ScheduledExecutorService executor;
    private final List<MappedObject> objects = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ServiceRegistration<io.lightgate.api.model.ObjectModel>> generatedModels = new ArrayList<>();
    private final ServerConnection connection;
    private final Subscriber subscriber;
    private final boolean deregisterWhenDisconnected;
    private final boolean behindGateway; // exposure = gateway: the endpoint is an end device behind the gateway (object 25)

    // the Reboot's 2.04 leaves before the session goes
    private static final long REBOOT_DELAY_MS = 200;
    /** How long a stop waits for the connection thread to end after interrupting it. */
    private static final long THREAD_END_WAIT_MS = 1000;

    // confined to the executor
    private String endpointName;
    // the endpoint descriptor and its objects (the endpoint comes and goes with the connection; the objects wait for it)
    private EndpointContribution registrations;
    private EndpointDescriptor descriptor;
    private VirtualDevice device;
    private ServiceRegistration<OpcUaServerStatus> statusRegistration;
    private ServiceRegistration<SourceMonitor> monitorRegistration;
    private final String sourceName;
    private volatile StatusSnapshot status;

    /** @throws IllegalArgumentException for a setting that does not work (the message names it and the file) */
    OpcUaServerEndpoint(ServerConfig config, Map<String, Object> properties, BundleContext context, ModelRepository models)
            throws Exception {
        this.context = context;
        this.config = config;
        ConfigurationOrigin origin = ConfigurationOrigin.of(properties);
        this.where = origin.where();
        this.sourceName = origin.shortName();
        if (config.endpoint_url() == null || !config.endpoint_url().startsWith("opc.tcp://")) {
            throw new IllegalArgumentException("endpoint.url '" + config.endpoint_url() + "' in " + where + " is not an opc.tcp:// URL");
        }
        this.behindGateway = behindGateway(config.exposure(), where);
        this.deregisterWhenDisconnected = "deregister".equalsIgnoreCase(config.when_disconnected().strip());
        List<Mapping> mappings = Mapping.parseAll(config.mappings(), where, LOG::error);
        this.objects.addAll(MappedObjects.build(mappings, models, this, where));
        List<Binding> bindings = new ArrayList<>();
        objects.forEach(o -> bindings.addAll(o.bindings()));
        Path pki = config.pki_dir().isBlank() ? GatewayFolder.DATA.path(context).resolve("opcua").resolve("pki") : Path.of(config.pki_dir());
        String applicationUri = config.application_uri().isBlank() ? "urn:lightgate:" + hostName() + ":opcua-client" : config.application_uri();
        ClientCertificates certificates = ClientCertificates.load(pki, applicationUri, config.trust_all_servers());
        Identity identity = Identity.from(config, certificates, where);
        var policy = SecurityChoice.policy(config, where);
        var mode = SecurityChoice.mode(config, where);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lightgate-opcua " + config.endpoint_url());
            t.setDaemon(true);
            return t;
        });
        this.subscriber = new Subscriber(config.endpoint_url(), bindings, config.sampling_interval_ms(),
                Math.max(50, config.publishing_interval_ms()), config.queue_size(), executor, this::received);
        this.connection = new ServerConnection(new ServerConnection.Settings(config.endpoint_url(),
                policy, mode, identity::provider,
                identity.description(), certificates, Math.max(500, config.request_timeout_ms()),
                Math.max(100, config.reconnect_min_ms()), Math.max(config.reconnect_min_ms(), config.reconnect_max_ms()), where),
                executor, this);
        this.status = new StatusSnapshot(where, config.endpoint_url(), config.endpoint_name(), State.CONNECTING, Instant.now(), "");
        executor.execute(() -> {
            statusRegistration = context.registerService(OpcUaServerStatus.class, new LiveStatus(), status.properties());
            monitorRegistration = context.registerService(SourceMonitor.class, () -> List.of(SourceReport.of(sourceName, status,
                    connection.retryAt(), connection.sessions(), connection.reconnects())), null);
            if (!config.endpoint_name().isBlank()) {
                register(config.endpoint_name().strip());
            }
        });
        if (!config.endpoint_name().isBlank() && !deregisterWhenDisconnected) {
            executor.schedule(this::registrationWaitOver, Math.max(0, config.registration_wait_ms()), TimeUnit.MILLISECONDS);
        }
        connection.start();
    }

    /** Ends the session and withdraws the endpoint, its objects and its status. */
    void close() {
        try {
            executor.submit(() -> {
                subscriber.close();
                connection.close();
                if (registrations != null) {
                    registrations.withdraw();
                }
                generatedModels.forEach(OpcUaServerEndpoint::safeUnregister);
                if (statusRegistration != null) {
                    safeUnregister(statusRegistration);
                }
                if (monitorRegistration != null) {
                    safeUnregister(monitorRegistration);
                }
            }).get(Math.max(2000, config.request_timeout_ms() * 2), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("OPC UA server {}: did not stop cleanly: {}", config.endpoint_url(), e.toString());
        } finally {
            executor.shutdownNow();
            awaitConnectionThreadEnd();
        }
    }

    /** The connection thread ends with the endpoint; one still busy a second after the stop is reported. */
    private void awaitConnectionThreadEnd() {
        try {
            if (!executor.awaitTermination(THREAD_END_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("OPC UA server {}: its connection thread did not end within {} ms of the stop; it ends when the "
                        + "OPC UA call it is in times out (request.timeout.ms in {})", config.endpoint_url(), THREAD_END_WAIT_MS, where);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ServerConnection.Listener, on the executor

    @Override
    public void connected(OpcUaClient client, boolean firstConnection) {
        if (firstConnection && !config.browse_folder().isBlank()) {
            autoBrowse(client);
        }
        if (endpointName == null) {
            String uri = client.getConfig().getEndpoint().getServer().getApplicationUri();
            register(EndpointNames.fromApplicationUri(uri, config.endpoint_url()));
        }
        subscriber.resolveOn(client);
        describeDevice(client);
        // the values are in before the endpoint registers (or, after a reconnect, observers held
        // back while the server was away are notified now). Read before subscribing: the
        // monitored items' first values are then the read ones (the same value and source
        // timestamp: not notified twice, see received) or newer, so nothing that changed between
        // the read and the subscription is lost or arrives out of order.
        try {
            readThrough(subscriber.variables()).toCompletableFuture().get(Math.max(500, config.request_timeout_ms()) * 2,
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("OPC UA server {}: first read of the mapped variables: {}", config.endpoint_url(), e.toString());
        }
        subscriber.subscribeOn(client);
        if (!registrations.isEndpointRegistered()) {
            registrations.registerEndpoint(descriptor);
            LOG.info("OPC UA server {}: LwM2M endpoint '{}' registers now that the server answered", config.endpoint_url(),
                    endpointName);
        }
    }

    @Override
    public void disconnected() {
        if (deregisterWhenDisconnected && registrations != null) {
            registrations.withdrawEndpoint();
        }
    }

    @Override
    public void stateChanged(State state, String lastError) {
        StatusSnapshot previous = status;
        if (previous.state() == state && previous.lastError().equals(lastError)) {
            return;
        }
        if (device != null) {
            device.setErrorCodes(state == State.CONNECTED ? 0 : VirtualDevice.IP_CONNECTIVITY_FAILURE);
        }
        status = new StatusSnapshot(where, config.endpoint_url(), endpointName == null ? "" : endpointName, state,
                previous.state() == state ? previous.since() : Instant.now(), lastError);
        if (statusRegistration != null) {
            statusRegistration.setProperties(status.properties());
        }
    }

    // MappedObject.Server, any thread

    @Override
    public String unavailableReason() {
        return connection.state() == State.CONNECTED ? null
                : "OPC UA server " + config.endpoint_url() + " is not connected (" + connection.state() + ")";
    }

    @Override
    public CompletionStage<List<StatusCode>> write(List<NodeId> nodes, List<DataValue> values) {
        OpcUaClient c = connection.client();
        if (c == null) {
            return CompletableFuture.failedFuture(new UaException(StatusCodes.Bad_NotConnected, unavailableReason()));
        }
        return c.writeValuesAsync(nodes, values);
    }

    @Override
    public CompletionStage<CallMethodResult> call(NodeId owner, NodeId method, Variant[] inputs) {
        OpcUaClient c = connection.client();
        if (c == null) {
            return CompletableFuture.failedFuture(new UaException(StatusCodes.Bad_NotConnected, unavailableReason()));
        }
        return c.callAsync(List.of(new CallMethodRequest(owner, method, inputs))).thenApply(r -> r.getResults()[0]);
    }

    @Override
    public void written(NodeId node, DataValue value) {
        for (MappedObject o : objects) {
            for (Binding b : o.bindings()) {
                if (b.node.equals(node) && !b.isMethod()) {
                    received(b, value, false);
                }
            }
        }
    }

    @Override
    public CompletionStage<Void> readThrough(List<Binding> variables) {
        OpcUaClient c = connection.client();
        if (c == null || variables.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<NodeId> nodes = variables.stream().map(b -> b.node).toList();
        return c.readValuesAsync(0.0, TimestampsToReturn.Both, nodes).handle((values, failure) -> {
            if (failure != null) {
                LOG.debug("OPC UA server {}: read of {}: {}; reads answer the subscription's values", config.endpoint_url(),
                        nodes, failure.toString());
                return null;
            }
            for (int i = 0; i < variables.size() && i < values.size(); i++) {
                received(variables.get(i), values.get(i), true);
            }
            return null;
        });
    }

    /** The Device object tells the server's BuildInfo, application URI and clock (at every connection). */
    private void describeDevice(OpcUaClient client) {
        try {
            Instant asked = Instant.now();
            List<DataValue> values = client.readValues(0.0, TimestampsToReturn.Neither, ServerIdentity.NODES);
            String applicationUri = client.getConfig().getEndpoint().getServer().getApplicationUri();
            device.describe(ServerIdentity.describe(endpointName, applicationUri, values));
            Instant serverTime = ServerIdentity.currentTime(values);
            if (serverTime != null) {
                device.setSourceClock(serverTime, asked);
            }
        } catch (Exception e) {
            LOG.warn("OPC UA server {}: cannot read ServerStatus/BuildInfo ({}); the Device object of '{}' keeps what it knew",
                    config.endpoint_url(), e.toString(), endpointName);
        }
    }

    /** registration.wait.ms passed: an endpoint whose server has not answered yet registers anyway (reads answer 5.03). */
    private void registrationWaitOver() {
        if (registrations != null && !registrations.isEndpointRegistered() && connection.state() != State.CLOSED) {
            registrations.registerEndpoint(descriptor);
            LOG.info("OPC UA server {} has not answered within registration.wait.ms={} ({}); LwM2M endpoint '{}' registers "
                    + "anyway and answers 5.03 until values arrive", config.endpoint_url(), config.registration_wait_ms(), where,
                    endpointName);
        }
    }

    /** Generates models and objects for the machines under browse.folder (once, at the first connection). */
    private void autoBrowse(OpcUaClient client) {
        AutoBrowser.Result result;
        try {
            result = AutoBrowser.browse(client, NodeId.parse(config.browse_folder().strip()), config.browse_object_id_start(),
                    config.browse_object_id_end(), config.endpoint_url(), config.browse_include_standard());
        } catch (Exception e) {
            LOG.error("OPC UA server {}: auto-browse of browse.folder '{}' ({}) failed: {}; the hand mappings still work",
                    config.endpoint_url(), config.browse_folder(), where, e.getMessage());
            return;
        }
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        objects.forEach(o -> taken.add(o.objectId()));
        Map<Integer, Map<Integer, Map<Integer, Binding>>> tree = new java.util.TreeMap<>();
        for (io.lightgate.api.model.ObjectModel model : result.models()) {
            if (taken.contains(model.id())) {
                LOG.error("OPC UA server {}: generated object {} ({}) collides with a hand-mapped object; move "
                        + "browse.object.id.start in {}", config.endpoint_url(), model.id(), model.name(), where);
                continue;
            }
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(LwM2mObject.OBJECT_ID, model.id());
            generatedModels.add(context.registerService(io.lightgate.api.model.ObjectModel.class, model, props));
            tree.put(model.id(), new java.util.TreeMap<>());
        }
        List<Binding> added = new ArrayList<>();
        for (Binding b : result.bindings()) {
            Map<Integer, Map<Integer, Binding>> instances = tree.get(b.mapping.objectId());
            if (instances != null) {
                instances.computeIfAbsent(b.mapping.instanceId(), i -> new java.util.TreeMap<>()).put(b.mapping.resourceId(), b);
                added.add(b);
            }
        }
        List<MappedObject> discovered = new ArrayList<>();
        tree.forEach((id, instances) -> discovered.add(new MappedObject(id, instances, this, java.util.Set.of())));
        objects.addAll(discovered);
        subscriber.add(added);
        if (registrations != null) {
            discovered.forEach(o -> registrations.add(o.objectId(), o));
        }
        LOG.info("OPC UA server {}: auto-browse of {} made {}", config.endpoint_url(), config.browse_folder(),
                result.models().stream().map(m -> m.id() + " " + m.name() + " (" + tree.getOrDefault(m.id(), Map.of()).size()
                        + " instances, " + m.resources().size() + " resources)").toList());
    }

    private void received(Binding binding, DataValue value) {
        received(binding, value, false);
    }

    /**
     * A value for a binding: from the subscription, from a read-through ({@code fromRead}) or a
     * Good write. A value already received (the same value, status and source timestamp: the
     * monitored item's first value after a read, or a notification message Milo delivers twice,
     * see {@link RecentValues}) is dropped; so is a subscription value sampled before a
     * read-through answered (older source timestamp). Anything else replaces the latest value
     * and observers hear it, one value of a binding after the other (under the binding's lock,
     * so each notification carries the value it is about).
     */
    private void received(Binding binding, DataValue value, boolean fromRead) {
        synchronized (binding) {
            DataValue before = binding.latest;
            if (!binding.recent.firstTime(value)) {
                LOG.debug("OPC UA server {}: {}: value {} at {} received again; not notified again", config.endpoint_url(),
                        binding, value.value(), value.sourceTime());
                return;
            }
            if (!fromRead && binding.latestFromRead && isOlder(value, before)) {
                return;
            }
            binding.latest = value;
            binding.latestFromRead = fromRead;
            for (MappedObject o : objects) {
                if (o.objectId() == binding.mapping.objectId()) {
                    o.changed(binding);
                }
            }
        }
    }

    private static boolean isOlder(DataValue value, DataValue than) {
        return than != null && value.sourceTime() != null && than.sourceTime() != null
                && value.sourceTime().getUtcTime() < than.sourceTime().getUtcTime();
    }

    /** exposure: true for "gateway" (behind the gateway's registration, object 25), false for "endpoints". */
    static boolean behindGateway(String exposure, String where) {
        String v = exposure == null ? "" : exposure.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("endpoints")) {
            return false;
        }
        if (v.equalsIgnoreCase("gateway")) {
            return true;
        }
        throw new IllegalArgumentException("exposure '" + v + "' in " + where + " is neither 'endpoints' (one registration per "
                + "OPC UA server) nor 'gateway' (behind the gateway's registration, object 25)");
    }

    /** Registers the objects (with the Device object) of the endpoint; the endpoint itself waits for the first values. */
    private void register(String name) {
        endpointName = name;
        descriptor = new EndpointDescriptor(name, Duration.ofSeconds(Math.max(30, config.lifetime())), List.of(), behindGateway);
        registrations = EndpointContribution.services(context, name);
        device = new VirtualDevice(DeviceDescription.unknown(name).withDeviceType("OPC UA server"),
                args -> executor.schedule(connection::reconnect, REBOOT_DELAY_MS, TimeUnit.MILLISECONDS));
        device.setErrorCodes(connection.state() == State.CONNECTED ? 0 : VirtualDevice.IP_CONNECTIVITY_FAILURE);
        registrations.add(3, device);
        objects.forEach(o -> registrations.add(o.objectId(), o));
        status = new StatusSnapshot(where, config.endpoint_url(), name, status.state(), status.since(), status.lastError());
        if (statusRegistration != null) {
            statusRegistration.setProperties(status.properties());
        }
        LOG.info("OPC UA server {} is LwM2M endpoint '{}' with objects {}", config.endpoint_url(), name,
                objects.stream().map(MappedObject::objectId).toList());
    }

    private static void safeUnregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException e) {
            // already gone
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** The status service: always the current snapshot. */
    private final class LiveStatus implements OpcUaServerStatus {
        @Override public String configuration() { return status.configuration(); }
        @Override public String endpointUrl() { return status.endpointUrl(); }
        @Override public String endpointName() { return status.endpointName(); }
        @Override public State state() { return status.state(); }
        @Override public Instant since() { return status.since(); }
        @Override public String lastError() { return status.lastError(); }
        @Override public String toString() { return status.toString(); }
    }

    /** The status service's content. */
    record StatusSnapshot(String configuration, String endpointUrl, String endpointName, State state, Instant since,
            String lastError) implements OpcUaServerStatus {

        Dictionary<String, Object> properties() {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put(ENDPOINT_URL, endpointUrl);
            p.put(STATE, state.name());
            if (!endpointName.isEmpty()) {
                p.put(LwM2mObject.ENDPOINT, endpointName);
            }
            return p;
        }
    }
}
