/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import io.lightgate.api.GatewayFolder;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.download.PackageDownloader;
import io.lightgate.api.model.RequireModels;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectId;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import io.lightgate.api.object.WriteMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LwM2M object 9 (Software Management) on the gateway's endpoint, backed by the OSGi framework.
 * A server creates an instance, delivers a bundle to it (pushed to Package, 9/x/2, block-wise, or
 * pulled from Package URI, 9/x/3, over http(s), with User Name and Password, 9/x/14 and 15, as
 * Basic authentication, or CoAP) and executes Install, Activate, Deactivate and Uninstall on it;
 * Uninstall with argument 1 (ForUpdate) keeps the instance for the software's next version. Delivered packages are kept in data/software/ and installed
 * again at a start whose framework cache lacks them (a new gateway jar starts with an empty cache;
 * a restarted one keeps its bundles, and those data/software/ no longer has are uninstalled). Bundles dropped into load/
 * appear as instances too; the folder owns them, so they cannot be installed or uninstalled here.
 *
 * <p>Every change runs on one worker thread, one after the other; reads answer from the current
 * status. Each change is reported to the registry, so observers of 7, 9 and 12 are notified.
 */
@RequireModels // ships models/9.xml (bnd.bnd)
@Component(service = LwM2mObject.class, immediate = true, configurationPid = SoftwareManagementObject.PID)
@ObjectId(9)
@Designate(ocd = SoftwareConfig.class)
public final class SoftwareManagementObject extends SimpleObject implements BundleListener {

    /** The configuration PID. */
    public static final String PID = "io.lightgate.objects.software";

    static final int PACKAGE_NAME = 0;
    static final int PACKAGE_VERSION = 1;
    static final int PACKAGE = 2;
    static final int PACKAGE_URI = 3;
    static final int INSTALL = 4;
    static final int UNINSTALL = 6;
    static final int UPDATE_STATE = 7;
    static final int UPDATE_SUPPORTED_OBJECTS = 8;
    static final int UPDATE_RESULT = 9;
    static final int ACTIVATE = 10;
    static final int DEACTIVATE = 11;
    static final int ACTIVATION_STATE = 12;
    static final int USER_NAME = 14;
    static final int PASSWORD = 15;
    static final int STATUS_REASON = 16;
    private static final int[] STATUS = { PACKAGE_NAME, PACKAGE_VERSION, UPDATE_STATE, UPDATE_RESULT, STATUS_REASON };

    private static final Logger LOG = LoggerFactory.getLogger(SoftwareManagementObject.class);
    /** The job thread ends after this long without a job (a new one starts with the next). */
    static final long WORKER_IDLE_SECONDS = 1;

    private record SchemeDownloader(List<String> schemes, PackageDownloader downloader) {
    }

    /** What observers of a load/ instance saw last. */
    private record Seen(String name, String version, boolean active) {
    }

    private final BundleContext context;
    private final PackageStore store;
    private final BundleInstaller installer;
    private final LoadFolder loadFolder;
    private final PackageActions actions;
    private final boolean showLoadFolder;
    private final ExecutorService worker;
    private final ExecutorService downloads;
    private final HttpDownloader http;
    private final Map<Integer, ManagedPackage> managed = new ConcurrentHashMap<>();
    private final Map<Integer, Bundle> fromLoadFolder = new ConcurrentHashMap<>();
    private final Map<Integer, Seen> seen = new ConcurrentHashMap<>();
    private final List<SchemeDownloader> downloaders = new CopyOnWriteArrayList<>();
    private final AtomicBoolean syncQueued = new AtomicBoolean();

    @Activate
    public SoftwareManagementObject(SoftwareConfig config, BundleContext context) {
        this(config, context, GatewayFolder.DATA.path(context).resolve("software"), GatewayFolder.LOAD.path(context));
    }

    SoftwareManagementObject(SoftwareConfig config, BundleContext context, Path storeFolder, Path load) {
        this.context = context;
        this.store = new PackageStore(storeFolder);
        this.installer = new BundleInstaller(context);
        this.loadFolder = new LoadFolder(load);
        this.showLoadFolder = config.load_folder_instances();
        // one job at a time, in order; installs are rare, so no thread is kept between them
        ThreadPoolExecutor jobs = new ThreadPoolExecutor(1, 1, WORKER_IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("lightgate-software"));
        jobs.allowCoreThreadTimeOut(true);
        this.worker = jobs;
        this.downloads = Executors.newCachedThreadPool(daemon("lightgate-software-download"));
        this.http = new HttpDownloader(Duration.ofSeconds(Math.max(1, config.download_timeout_s())), downloads);
        this.actions = new PackageActions(store, installer, config.max_package_bytes(), this::downloaderFor, worker,
                p -> fireResourcesChanged(p.id, STATUS), p -> managed.get(p.id) == p);
        context.addBundleListener(this);
        worker.execute(this::restore);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
        worker.shutdownNow();
        downloads.shutdownNow();
        // the installed bundles stay: the framework is stopping, or this bundle is replaced and finds them again
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addDownloader(PackageDownloader downloader, Map<String, Object> properties) {
        Object schemes = properties.get(PackageDownloader.SCHEMES);
        List<String> names = schemes instanceof String[] many ? List.of(many) : schemes == null ? List.of() : List.of(schemes.toString());
        downloaders.add(new SchemeDownloader(names, downloader));
    }

    void removeDownloader(PackageDownloader downloader) {
        downloaders.removeIf(d -> d.downloader() == downloader);
    }

    // ---- LwM2M operations: all on the worker ---------------------------------------------------

    @Override
    public CompletionStage<Void> write(int instanceId, List<Resource> resources, WriteMode mode) {
        return onWorker(() -> super.write(instanceId, resources, mode));
    }

    @Override
    public CompletionStage<Void> execute(int instanceId, int resourceId, ExecuteArguments arguments) {
        return onWorker(() -> super.execute(instanceId, resourceId, arguments));
    }

    @Override
    public CompletionStage<Integer> create(Integer instanceId, List<Resource> resources) {
        return onWorker(() -> CompletableFuture.completedFuture(createNow(instanceId, resources)));
    }

    @Override
    public CompletionStage<Void> delete(int instanceId) {
        return onWorker(() -> {
            deleteNow(instanceId);
            return CompletableFuture.completedFuture(null);
        });
    }

    private <T> CompletionStage<T> onWorker(Supplier<CompletionStage<T>> call) {
        try {
            return CompletableFuture.supplyAsync(call, worker).thenCompose(stage -> stage);
        } catch (RejectedExecutionException e) {
            return LwM2mObject.failed(LwM2mException.unavailable("Software Management is stopping"));
        }
    }

    private int createNow(Integer requested, List<Resource> resources) {
        int id = requested == null ? nextFreeId() : requested;
        if (instanceIds().contains(id)) {
            throw LwM2mException.badRequest("/9/" + id + " exists already");
        }
        String name = "";
        String version = "";
        List<Resource> deliveries = new ArrayList<>();
        for (Resource r : resources) {
            switch (r.id()) {
                case PACKAGE_NAME -> name = bounded(r, id);
                case PACKAGE_VERSION -> version = bounded(r, id);
                case PACKAGE, PACKAGE_URI -> deliveries.add(r);
                case USER_NAME, PASSWORD, UPDATE_SUPPORTED_OBJECTS -> deliveries.add(0, r); // before a Package URI that needs them
                default -> throw LwM2mException.badRequest("/9/" + id + "/" + r.id() + " cannot be set by a Create: only Package Name (0),"
                        + " Package Version (1), Package (2), Package URI (3), Update Supported Objects (8), User Name (14) and"
                        + " Password (15) can");
            }
        }
        ManagedPackage p = new ManagedPackage(id, PackageStatus.initial(name, version), false);
        managed.put(id, p);
        actions.persist(p);
        addInstance(managedInstance(p));
        LOG.info("Software Management: the server created /9/{} for '{}' {}; deliver its bundle to 9/{}/2 or 9/{}/3",
                id, name, version, id, id);
        for (Resource r : deliveries) {
            switch (r.id()) {
                case PACKAGE -> actions.deliverPushed(p, r.value().asOpaque());
                case PACKAGE_URI -> actions.deliverFrom(p, r.value().asString());
                case USER_NAME -> p.user = bounded(r, id);
                case PASSWORD -> p.password = bounded(r, id);
                default -> updateSupportedObjects(r.value().asBoolean());
            }
        }
        return id;
    }

    private static String bounded(Resource r, int id) {
        String text = r.value().asString();
        if (text.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw LwM2mException.badRequest("/9/" + id + "/" + r.id() + " holds at most 255 bytes");
        }
        return text;
    }

    private void deleteNow(int instanceId) {
        Bundle fromLoad = fromLoadFolder.get(instanceId);
        if (fromLoad != null) {
            throw LwM2mException.notAllowed("/9/" + instanceId + " is " + fromLoad.getSymbolicName() + " from "
                    + loadFolder.fileName(fromLoad.getLocation()) + ": delete the jar there to remove it");
        }
        ManagedPackage p = managed.get(instanceId);
        if (p == null) {
            throw LwM2mException.notFound("/9/" + instanceId + " does not exist");
        }
        Bundle bundle = p.bundle;
        if (bundle != null) {
            try {
                installer.uninstall(bundle);
            } catch (BundleException | IllegalStateException e) {
                throw LwM2mException.internal("/9/" + instanceId + " was not deleted: uninstalling " + bundle.getSymbolicName() + " failed: "
                        + e.getMessage(), e);
            }
        }
        managed.remove(instanceId);
        seen.remove(instanceId);
        try {
            store.delete(instanceId);
        } catch (IOException e) {
            LOG.error("/9/{} deleted, but its files in {} could not be removed ({}); delete {}.* there by hand,"
                    + " or it comes back at the next start", instanceId, store.folder(), e.toString(), instanceId);
        }
        removeInstance(instanceId);
        LOG.info("Software Management: /9/{} deleted{}", instanceId, bundle == null ? "" : " and " + bundle.getSymbolicName() + " uninstalled");
    }

    // ---- instances -------------------------------------------------------------------------------

    private SimpleInstance managedInstance(ManagedPackage p) {
        return SimpleInstance.builder(p.id)
                .string(PACKAGE_NAME, () -> p.status.name())
                .string(PACKAGE_VERSION, () -> p.status.version())
                .writable(PACKAGE, ResourceType.OPAQUE, null, v -> actions.deliverPushed(p, v.asOpaque()))
                .writable(PACKAGE_URI, ResourceType.STRING, null, v -> actions.deliverFrom(p, v.asString()))
                .executable(INSTALL, args -> actions.install(p))
                .executable(UNINSTALL, args -> actions.uninstall(p, args))
                .integer(UPDATE_STATE, () -> p.status.state().code())
                .writable(UPDATE_SUPPORTED_OBJECTS, ResourceType.BOOLEAN, () -> Value.of(true), v -> updateSupportedObjects(v.asBoolean()))
                .integer(UPDATE_RESULT, () -> p.status.result().code())
                .executable(ACTIVATE, args -> actions.activate(p, true))
                .executable(DEACTIVATE, args -> actions.activate(p, false))
                .bool(ACTIVATION_STATE, p::isActive)
                .writable(USER_NAME, ResourceType.STRING, null, v -> p.user = bounded(v, p.id, USER_NAME))
                .writable(PASSWORD, ResourceType.STRING, null, v -> p.password = bounded(v, p.id, PASSWORD))
                .string(STATUS_REASON, () -> p.status.reason())
                .build();
    }

    /**
     * Update Supported Objects (9/x/8) is always true here: the engine sends an Update to every
     * server as soon as the objects of the gateway's endpoint change, so a bundle's objects are
     * known at once. False (wait for the next periodic Update) is refused rather than ignored.
     */
    private static void updateSupportedObjects(boolean value) {
        if (!value) {
            throw LwM2mException.badRequest("Update Supported Objects (9/x/8) cannot be false on this gateway: it sends an Update to"
                    + " its servers as soon as an installed, started or stopped bundle changes its objects");
        }
    }

    private static String bounded(Value v, int id, int resource) {
        String text = v.asString();
        if (text.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw LwM2mException.badRequest("/9/" + id + "/" + resource + " holds at most 255 bytes");
        }
        return text;
    }

    private SimpleInstance loadFolderInstance(int id, Bundle bundle) {
        String file = loadFolder.fileName(bundle.getLocation());
        SimpleInstance.Action refused = args -> {
            throw LwM2mException.notAllowed(bundle.getSymbolicName() + " is installed from " + file
                    + ": copy a jar into or delete it from that folder instead");
        };
        return SimpleInstance.builder(id)
                .string(PACKAGE_NAME, () -> String.valueOf(bundle.getSymbolicName()))
                .string(PACKAGE_VERSION, () -> bundle.getVersion().toString())
                .executable(INSTALL, refused)
                .executable(UNINSTALL, refused)
                .integer(UPDATE_STATE, UpdateState.INSTALLED::code)
                .integer(UPDATE_RESULT, UpdateResult.INITIAL::code) // nothing was delivered through this object
                .executable(ACTIVATE, args -> startOrStop(bundle, true))
                .executable(DEACTIVATE, args -> startOrStop(bundle, false))
                .bool(ACTIVATION_STATE, () -> bundle.getState() == Bundle.ACTIVE)
                .string(STATUS_REASON, () -> "installed from " + file + " (bundle " + bundle.getBundleId() + ")")
                .build();
    }

    private void startOrStop(Bundle bundle, boolean start) throws BundleException {
        if (start) {
            bundle.start();
        } else {
            bundle.stop();
        }
        // Activation State follows with the bundle's event
    }

    // ---- the framework -------------------------------------------------------------------------

    @Override
    public void bundleChanged(BundleEvent event) {
        if (syncQueued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    syncQueued.set(false);
                    bundlesChanged();
                });
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    /** Follows what happened to bundles outside this object: load/ arrivals and removals, starts and stops. */
    private void bundlesChanged() {
        for (ManagedPackage p : managed.values()) {
            Bundle b = p.bundle;
            if (b != null && b.getState() == Bundle.UNINSTALLED) {
                p.bundle = null;
                p.status = new PackageStatus(p.status.name(), p.status.version(), UpdateState.DELIVERED, UpdateResult.DOWNLOADED_VERIFIED,
                        "the bundle was uninstalled outside object 9 (shell or console); Install (9/" + p.id + "/4) installs it again");
                actions.persist(p);
                fireResourcesChanged(p.id, STATUS);
            }
            report(p.id, new Seen(p.status.name(), p.status.version(), p.isActive()), ACTIVATION_STATE);
        }
        if (showLoadFolder) {
            followLoadFolder();
        }
    }

    private void followLoadFolder() {
        List<Long> present = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.UNINSTALLED && loadFolder.holds(b.getLocation())) {
                present.add(b.getBundleId());
                if (fromLoadFolder.values().stream().noneMatch(known -> known.getBundleId() == b.getBundleId())) {
                    int id = nextFreeId();
                    fromLoadFolder.put(id, b);
                    addInstance(loadFolderInstance(id, b));
                }
            }
        }
        for (Map.Entry<Integer, Bundle> e : List.copyOf(fromLoadFolder.entrySet())) {
            Bundle b = e.getValue();
            if (!present.contains(b.getBundleId())) {
                fromLoadFolder.remove(e.getKey());
                seen.remove(e.getKey());
                removeInstance(e.getKey());
            } else {
                report(e.getKey(), new Seen(String.valueOf(b.getSymbolicName()), b.getVersion().toString(), b.getState() == Bundle.ACTIVE),
                        PACKAGE_NAME, PACKAGE_VERSION, ACTIVATION_STATE);
            }
        }
    }

    private void report(int id, Seen now, int... resources) {
        Seen before = seen.put(id, now);
        if (before != null && !before.equals(now)) {
            fireResourcesChanged(id, resources);
        }
    }

    /** Installs the packages of data/software/ again, unless the kept framework cache has them, and uninstalls those it no longer has. */
    private void restore() {
        List<StoredPackage> stored;
        try {
            stored = store.load();
        } catch (IOException e) {
            LOG.error("Software Management: cannot read {} ({}); packages installed through object 9 are missing until it is readable",
                    store.folder(), e.toString());
            stored = List.of();
        }
        int installed = 0;
        for (StoredPackage s : stored) {
            ManagedPackage p = new ManagedPackage(s.instanceId(), s.status(), s.active());
            p.updateOf = s.updateOf().isEmpty() ? null : s.updateOf();
            managed.put(p.id, p);
            if (s.status().state() == UpdateState.INSTALLED && actions.reinstall(p)) {
                installed++;
            }
            addInstance(managedInstance(p));
        }
        for (Bundle orphan : installer.installedExcept(managed.keySet())) {
            try {
                installer.uninstall(orphan);
                LOG.info("Software Management: {} ({}) uninstalled: {} holds no package for it", orphan.getSymbolicName(),
                        orphan.getLocation(), store.folder());
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("Software Management: {} ({}) is not in {} and could not be uninstalled ({}); uninstall it from the shell",
                        orphan.getSymbolicName(), orphan.getLocation(), store.folder(), e.toString());
            }
        }
        bundlesChanged();
        LOG.info("Software Management (9): {} instance(s) from {} ({} bundle(s) installed), {} bundle(s) from {}",
                stored.size(), store.folder(), installed, fromLoadFolder.size(), loadFolder.folder());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private PackageDownloader downloaderFor(String scheme) {
        if (scheme.equals("http") || scheme.equals("https")) {
            return http;
        }
        return downloaders.stream().filter(d -> d.schemes().contains(scheme)).map(SchemeDownloader::downloader).findFirst().orElse(null);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "Software Management (9): " + Objects.toString(managed.keySet()) + " managed, " + fromLoadFolder.keySet() + " from load/";
    }
}
