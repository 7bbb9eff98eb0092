/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.server.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lightgate.api.GatewayFolder;
import io.lightgate.api.Value;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.model.ModelRepository;
import io.lightgate.server.api.BootstrapEntry;
import io.lightgate.server.api.ClientInfo;
import io.lightgate.server.api.Credential;
import io.lightgate.server.api.LocalServer;
import io.lightgate.server.api.LocalServerException;
import io.lightgate.server.api.LocalServerException.Reason;
import io.lightgate.server.api.LocalServerListener;
import io.lightgate.server.api.NodeContent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.endpoint.LwM2mServerEndpoint;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.FileSecurityStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local LwM2M server: a Leshan server (CoAP and, unless switched off, CoAPs with PSK and RPK)
 * plus, when enabled, a bootstrap server ({@link LocalBootstrapServer}). Registrations, credentials,
 * bootstrap configurations and the server's key pair persist in the data folder, so devices stay
 * known across a gateway restart. Runs only when configured (PID io.lightgate.server).
 */
@Component(service = LocalServer.class, configurationPid = "io.lightgate.server", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = LocalServerConfiguration.class)
public final class LeshanLocalServer implements LocalServer {

    private static final Logger LOG = LoggerFactory.getLogger(LeshanLocalServer.class);

    private final List<LocalServerListener> listeners = new CopyOnWriteArrayList<>();
    private final long timeoutMs;
    private final JsonFile<StoredRegistration> registrationFile;
    private final FileSecurityStore securityStore;
    private final LeshanServer server;
    private final LocalBootstrapServer bootstrap;
    private final java.security.PublicKey publicKey;

    @Activate
    public LeshanLocalServer(BundleContext context, LocalServerConfiguration config, @Reference ModelRepository models) throws Exception {
        this.timeoutMs = Math.max(100, config.request_timeout_ms());
        Path folder = dataFolder(context, config);
        Files.createDirectories(folder);
        this.registrationFile = new JsonFile<>(folder.resolve("registrations.json"), new TypeReference<List<StoredRegistration>>() {
        });
        this.securityStore = new FileSecurityStore(folder.resolve("credentials.data").toString());

        CaliforniumServerEndpointsProvider.Builder endpoints = new CaliforniumServerEndpointsProvider.Builder(
                new CoapServerProtocolProvider(), new CoapsServerProtocolProvider());
        // an explicit Configuration: the standard one would write Californium3.properties into the working directory
        Configuration coap = endpoints.createDefaultConfiguration();
        coap.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 4 * 1024 * 1024);
        endpoints.setConfiguration(coap);
        endpoints.addEndpoint(new InetSocketAddress(config.coap_host(), config.coap_port()), Protocol.COAP);
        if (config.coaps_port() >= 0) {
            endpoints.addEndpoint(new InetSocketAddress(config.coap_host(), config.coaps_port()), Protocol.COAPS);
        }
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setEndpointsProviders(endpoints.build());
        builder.setRegistrationStore(new InMemoryRegistrationStore());
        builder.setSecurityStore(securityStore);
        builder.setObjectModelProvider(new RepositoryModels(models));
        builder.setLinkParser(new RegisterLinkParser());
        ServerCertificates certificates = ServerCertificates.load(config);
        if (certificates == null) {
            KeyPair keys = ServerKeys.loadOrCreate(folder);
            builder.setPublicKey(keys.getPublic());
            builder.setPrivateKey(keys.getPrivate());
            this.publicKey = keys.getPublic();
        } else {
            // the certificate's key serves raw-public-key clients as well
            builder.setCertificateChain(certificates.chain());
            builder.setPrivateKey(certificates.privateKey());
            builder.setTrustedCertificates(certificates.trusted());
            this.publicKey = certificates.chain()[0].getPublicKey();
        }
        this.server = builder.build();
        ServerEvents events = new ServerEvents(listeners, this::persistRegistrations);
        server.getRegistrationService().addListener(events);
        server.getObservationService().addListener(events);
        server.start();
        restoreRegistrations();
        this.bootstrap = config.bootstrap_enabled()
                ? LocalBootstrapServer.start(config, folder, securityStore, models)
                : null;
        LOG.info("Local LwM2M server listening on {}{}; {} registration(s) restored from {}", listenUris(),
                bootstrap == null ? "" : ", bootstrap server on " + bootstrap.listenUris(), clients().size(), registrationFile.path());
    }

    private static Path dataFolder(BundleContext context, LocalServerConfiguration config) {
        if (!config.data_folder().isBlank()) {
            return Path.of(config.data_folder()).toAbsolutePath().normalize();
        }
        return GatewayFolder.DATA.path(context).resolve("server");
    }

    @Deactivate
    void stop() {
        if (bootstrap != null) {
            bootstrap.stop();
        }
        persistRegistrations();
        server.destroy();
        LOG.info("Local LwM2M server stopped; registrations kept in {}", registrationFile.path());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(LocalServerListener listener) {
        listeners.add(listener);
    }

    void removeListener(LocalServerListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- registrations

    private void restoreRegistrations() {
        List<StoredRegistration> stored;
        try {
            stored = registrationFile.read();
        } catch (IOException e) {
            LOG.error("Cannot read {} ({}): clients must register again; delete or fix the file", registrationFile.path(), e.getMessage());
            return;
        }
        long now = System.currentTimeMillis();
        for (StoredRegistration s : stored) {
            if (s.expiredAt(now)) {
                LOG.info("Registration of {} expired while the server was down; not restored", s.endpoint());
                continue;
            }
            Protocol protocol = s.pskIdentity() == null || s.pskIdentity().isEmpty() ? Protocol.COAP : Protocol.COAPS;
            LwM2mServerEndpoint endpoint = server.getEndpoint(protocol);
            if (endpoint == null) {
                LOG.warn("Registration of {} needs a {} endpoint, which is not configured; not restored", s.endpoint(), protocol);
                continue;
            }
            try {
                server.getRegistrationStore().addRegistration(s.toRegistration(endpoint.getURI()));
            } catch (Exception e) {
                LOG.warn("Stored registration of {} is unreadable ({}); the client must register again", s.endpoint(), e.getMessage());
            }
        }
    }

    private synchronized void persistRegistrations() {
        List<StoredRegistration> stored = new ArrayList<>();
        Iterator<Registration> all = server.getRegistrationStore().getAllRegistrations();
        while (all.hasNext()) {
            Registration r = all.next();
            if (StoredRegistration.storable(r)) {
                stored.add(StoredRegistration.of(r));
            }
        }
        try {
            registrationFile.write(stored);
        } catch (IOException e) {
            LOG.error("Cannot write {} ({}): registrations will not survive a restart; check the folder's permissions and free space",
                    registrationFile.path(), e.getMessage());
        }
    }

    @Override
    public List<ClientInfo> clients() {
        List<ClientInfo> clients = new ArrayList<>();
        Iterator<Registration> all = server.getRegistrationStore().getAllRegistrations();
        while (all.hasNext()) {
            clients.add(ServerEvents.info(all.next()));
        }
        clients.sort(Comparator.comparing(ClientInfo::endpoint));
        return clients;
    }

    @Override
    public Optional<ClientInfo> client(String endpoint) {
        return Optional.ofNullable(server.getRegistrationService().getByEndpoint(endpoint)).map(ServerEvents::info);
    }

    @Override
    public List<String> listenUris() {
        return server.getEndpoints().stream().map(e -> e.getURI().toString()).sorted().toList();
    }

    @Override
    public String serverPublicKey() {
        return java.util.HexFormat.of().formatHex(publicKey.getEncoded());
    }

    @Override
    public List<String> bootstrapUris() {
        return bootstrap == null ? List.of() : bootstrap.listenUris();
    }

    // ---------------------------------------------------------------- device management

    private Registration registration(String endpoint) {
        Registration registration = endpoint == null ? null : server.getRegistrationService().getByEndpoint(endpoint);
        if (registration == null) {
            throw new LocalServerException(Reason.UNKNOWN_ENDPOINT, "No client named '" + endpoint + "' is registered");
        }
        return registration;
    }

    /** The SPI path as Leshan's; the root path is refused. */
    static LwM2mPath path(io.lightgate.api.LwM2mPath path) {
        if (path == null || path.isRoot()) {
            throw new LocalServerException(Reason.BAD_REQUEST, null, "'" + path + "' is not an LwM2M path like /3/0/0: "
                    + "the root path is not allowed here", null);
        }
        return new LwM2mPath(path.toString());
    }

    private <T extends LwM2mResponse, R> CompletionStage<R> send(Registration registration, String operation, String path,
            DownlinkRequest<T> request, Function<T, R> onSuccess) {
        CompletableFuture<R> result = new CompletableFuture<>();
        try {
            server.send(registration, request, timeoutMs, response -> {
                if (response.isSuccess()) {
                    result.complete(onSuccess.apply(response));
                } else {
                    result.completeExceptionally(ResponseCodes.failed(registration.getEndpoint(), operation, path, response));
                }
            }, error -> result.completeExceptionally(ResponseCodes.failed(registration.getEndpoint(), operation, path, error)));
        } catch (RuntimeException e) {
            result.completeExceptionally(ResponseCodes.failed(registration.getEndpoint(), operation, path, e));
        }
        return result;
    }

    private static <T> CompletionStage<T> failure(RuntimeException e) {
        return CompletableFuture.failedFuture(e);
    }

    @Override
    public CompletionStage<NodeContent> read(String endpoint, io.lightgate.api.LwM2mPath requested) {
        try {
            Registration registration = registration(endpoint);
            LwM2mPath path = path(requested);
            return send(registration, "Read", path.toString(), new ReadRequest(path.toString()),
                    (ReadResponse r) -> new NodeContent(requested, NodeValues.toPlain(r.getContent())));
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    @Override
    public Value parseValue(String endpoint, io.lightgate.api.LwM2mPath requested, String text) {
        LwM2mPath path = path(requested);
        ResourceModel resource = writableResource(registration(endpoint), path, text);
        try {
            return NodeValues.parse(text, resource.type);
        } catch (IllegalArgumentException e) {
            throw new LocalServerException(Reason.BAD_REQUEST, null, "Bad value for " + path + " (" + resource.name + "): " + e.getMessage(), e);
        }
    }

    /** The model of a writable resource (or resource instance) path of this client. */
    private ResourceModel writableResource(Registration registration, LwM2mPath path, Object value) {
        if (!path.isResource() && !path.isResourceInstance()) {
            throw new LocalServerException(Reason.BAD_REQUEST, "Write from text needs a resource path like /3/0/14, got " + path);
        }
        LwM2mModel model = server.getModelProvider().getObjectModel(registration);
        ResourceModel resource = model.getResourceModel(path.getObjectId(), path.getResourceId());
        if (resource == null) {
            throw new LocalServerException(Reason.BAD_REQUEST, "No object model describes " + path + ": its type is unknown, so '"
                    + value + "' cannot be converted (install a bundle that ships the object's DDF)");
        }
        if (!resource.operations.isWritable()) {
            throw new LocalServerException(Reason.BAD_REQUEST, path + " (" + resource.name + ") is not writable");
        }
        return resource;
    }

    @Override
    public CompletionStage<Void> write(String endpoint, io.lightgate.api.LwM2mPath requested, Value value) {
        try {
            Registration registration = registration(endpoint);
            LwM2mPath path = path(requested);
            ResourceModel resource = writableResource(registration, path, value);
            Object converted;
            try {
                converted = NodeValues.toLeshan(value, resource.type);
            } catch (IllegalArgumentException e) {
                throw new LocalServerException(Reason.BAD_REQUEST, null, "Bad value for " + path + " (" + resource.name + "): " + e.getMessage(), e);
            }
            ContentFormat format = writeFormat(registration);
            WriteRequest request = path.isResource()
                    ? new WriteRequest(WriteRequest.Mode.REPLACE, format, path, NodeValues.resource(path.getResourceId(), converted, resource.type))
                    : new WriteRequest(WriteRequest.Mode.REPLACE, format, path,
                            LwM2mResourceInstance.newInstance(path.getResourceInstanceId(), converted, resource.type));
            return send(registration, "Write", path.toString(), request, r -> (Void) null);
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    /** TLV for LwM2M 1.0 clients; SenML CBOR when a 1.1 client announces it, else TLV (understood by both). */
    private static ContentFormat writeFormat(Registration registration) {
        if (registration.getSupportedContentFormats() != null && registration.getSupportedContentFormats().contains(ContentFormat.SENML_CBOR)) {
            return ContentFormat.SENML_CBOR;
        }
        return ContentFormat.TLV;
    }

    @Override
    public CompletionStage<Void> execute(String endpoint, io.lightgate.api.LwM2mPath requested, ExecuteArguments arguments) {
        try {
            Registration registration = registration(endpoint);
            LwM2mPath path = path(requested);
            if (!path.isResource()) {
                throw new LocalServerException(Reason.BAD_REQUEST, "Execute needs a resource path like /3/0/4, got " + path);
            }
            ExecuteRequest request;
            try {
                request = arguments == null || arguments.isEmpty() ? new ExecuteRequest(path.toString())
                        : new ExecuteRequest(path.toString(), arguments.toString());
            } catch (RuntimeException e) {
                throw new LocalServerException(Reason.BAD_REQUEST, null, "Bad Execute arguments '" + arguments + "': " + e.getMessage(), e);
            }
            return send(registration, "Execute", path.toString(), request, r -> (Void) null);
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    @Override
    public CompletionStage<NodeContent> observe(String endpoint, io.lightgate.api.LwM2mPath requested) {
        try {
            Registration registration = registration(endpoint);
            LwM2mPath path = path(requested);
            return send(registration, "Observe", path.toString(), new ObserveRequest(path.toString()),
                    (ObserveResponse r) -> new NodeContent(requested, NodeValues.toPlain(r.getContent())));
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    @Override
    public boolean cancelObservation(String endpoint, io.lightgate.api.LwM2mPath path) {
        Registration registration = registration(endpoint);
        return server.getObservationService().cancelObservations(registration, path(path).toString()) > 0;
    }

    @Override
    public List<io.lightgate.api.LwM2mPath> observations(String endpoint) {
        return ServerEvents.observedPaths(server.getObservationService().getObservations(registration(endpoint)));
    }

    // ---------------------------------------------------------------- credentials and bootstrap

    @Override
    public List<Credential> credentials() {
        return Credentials.list(securityStore);
    }

    @Override
    public void putCredential(Credential credential) {
        Credentials.put(securityStore, credential);
        LOG.info("Credentials of {} set ({}); stored in the data folder", credential.endpoint(), credential.mode());
    }

    @Override
    public boolean removeCredential(String endpoint) {
        boolean removed = securityStore.remove(endpoint, true) != null;
        if (removed) {
            LOG.info("Credentials of {} removed", endpoint);
        }
        return removed;
    }

    @Override
    public List<BootstrapEntry> bootstrapEntries() {
        return bootstrap == null ? List.of() : bootstrap.entries();
    }

    @Override
    public void putBootstrapEntry(BootstrapEntry entry) {
        requireBootstrap().put(entry);
    }

    @Override
    public boolean removeBootstrapEntry(String endpoint) {
        return requireBootstrap().remove(endpoint);
    }

    private LocalBootstrapServer requireBootstrap() {
        if (bootstrap == null) {
            throw new LocalServerException(Reason.UNAVAILABLE,
                    "The bootstrap server is off: set bootstrap.enabled=true in etc/io.lightgate.server.cfg");
        }
        return bootstrap;
    }
}
