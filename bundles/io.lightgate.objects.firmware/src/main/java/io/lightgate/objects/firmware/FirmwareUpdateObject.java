/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import io.lightgate.api.GatewayFolder;
import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.download.PackageDownloader;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectId;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import io.lightgate.api.registry.ObjectRegistry;
import io.lightgate.api.registry.RegistrationListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
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
 * LwM2M object 5 (Firmware Update) of the gateway's own endpoint, instance 0: the firmware is
 * the gateway image itself (the exported gateway.jar). A package is pushed to Package (0) with
 * a block-wise Write or pulled from Package URI (1) over HTTP(S) or, with the engine's
 * {@link PackageDownloader}, CoAP (block-wise), verified as a gateway image
 * and kept as data/firmware/staged.jar. A package can also be a feature ({@link FeaturePackage}: a zip of
 * bundles): its bundles are checked against the running framework ({@link FeatureCheck}) and
 * composed with the running image into a new one ({@link ImageComposer}), which is staged the same
 * way. Update (2) answers 2.04 and then ends the JVM with exit
 * code {@value #EXIT_UPDATE}, on which the supervisor bin/lightgate runs the staged image on
 * trial. Once that image registers with a server this object (now running in it) confirms the
 * trial, and Update Result reads 1; when it does not, the supervisor rolls back to the previous
 * image and leaves its verdict for this object to report (see {@link FirmwareFolder}).
 */
@Component(service = { LwM2mObject.class, RegistrationListener.class }, immediate = true, configurationPid = FirmwareUpdateObject.PID)
@ObjectId(5)
@Designate(ocd = FirmwareConfig.class)
public final class FirmwareUpdateObject extends SimpleObject implements RegistrationListener {

    /** The configuration PID. */
    public static final String PID = "io.lightgate.objects.firmware";
    /** Set by bin/lightgate: the gateway runs under the supervisor that applies images. */
    static final String SUPERVISOR_PROPERTY = "lightgate.supervisor";
    /** The exit code that asks the supervisor to apply data/firmware/staged.jar. */
    static final int EXIT_UPDATE = 10;

    static final int PACKAGE = 0;
    static final int PACKAGE_URI = 1;
    static final int UPDATE = 2;
    static final int STATE = 3;
    static final int UPDATE_RESULT = 5;
    static final int PKG_NAME = 6;
    static final int PKG_VERSION = 7;
    static final int PROTOCOL_SUPPORT = 8;
    static final int DELIVERY_METHOD = 9;

    /** Firmware Update Protocol Support (5/0/8): the value object 5 defines for each scheme. */
    private static final Map<String, Integer> PROTOCOLS = Map.of("coap", 0, "coaps", 1, "http", 2, "https", 3);
    private static final int DELIVERY_BOTH = 2;
    private static final Logger LOG = LoggerFactory.getLogger(FirmwareUpdateObject.class);

    private final FirmwareFolder folder;
    private final Supplier<String> gatewayEndpoint;
    private final Optional<GatewayImage> running;
    private final Optional<Path> runningJar;
    private final Supplier<List<RunningBundle>> runningBundles;
    private final boolean supervised;
    private final Clock clock;
    private final GatewayExit exit;
    private final long exitDelayMillis;
    private final PackageDownload download;
    private final ExecutorService downloads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lightgate-firmware-download");
        t.setDaemon(true);
        return t;
    });
    // guarded by this
    private FirmwareState state;
    private boolean onTrial;

    private record SchemeDownloader(List<String> schemes, PackageDownloader downloader) {
    }

    private final List<SchemeDownloader> downloaders = new CopyOnWriteArrayList<>();

    // Not a constructor reference: the registry takes this object (a LwM2mObject) in through its own
    // reference, and SCR reports a static reference back to it as a circular reference.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ObjectRegistry registry;

    @Activate
    public FirmwareUpdateObject(FirmwareConfig config, BundleContext context) throws IOException {
        this(config, GatewayFolder.DATA.path(context).resolve("firmware"), null,
                runningImage(System.getProperty("java.class.path")), context.getProperty(SUPERVISOR_PROPERTY) != null,
                Clock.systemUTC(), GatewayExit.JVM, runningJar(System.getProperty("java.class.path")),
                () -> RunningBundle.snapshot(context));
    }

    /** Without a running image to compose with: a feature package is refused (6). */
    FirmwareUpdateObject(FirmwareConfig config, Path folder, Supplier<String> gatewayEndpoint, Optional<GatewayImage> running,
            boolean supervised, Clock clock, GatewayExit exit) throws IOException {
        this(config, folder, gatewayEndpoint, running, supervised, clock, exit, Optional.empty(), List::of);
    }

    FirmwareUpdateObject(FirmwareConfig config, Path folder, Supplier<String> gatewayEndpoint, Optional<GatewayImage> running,
            boolean supervised, Clock clock, GatewayExit exit, Optional<Path> runningJar,
            Supplier<List<RunningBundle>> runningBundles) throws IOException {
        this.runningJar = runningJar;
        this.runningBundles = runningBundles;
        this.folder = new FirmwareFolder(folder);
        this.gatewayEndpoint = gatewayEndpoint != null ? gatewayEndpoint : () -> {
            ObjectRegistry r = registry;
            return r == null ? null : r.gatewayEndpoint();
        };
        this.running = running;
        this.supervised = supervised;
        this.clock = clock;
        this.exit = exit;
        this.exitDelayMillis = config.exitDelayMillis();
        this.download = new PackageDownload(Duration.ofSeconds(Math.max(1, config.downloadTimeoutSeconds())), config.maxPackageBytes());
        this.folder.create();
        synchronized (this) {
            this.state = recover();
            this.folder.saveState(state);
        }
        addInstance(SimpleInstance.builder(0)
                .writable(PACKAGE, ResourceType.OPAQUE, null, this::receivePackage)
                .writable(PACKAGE_URI, ResourceType.STRING, () -> Value.of(current().packageUri()), v -> receivePackageUri(v.asString()))
                .executable(UPDATE, args -> update())
                .integer(STATE, () -> current().state())
                .integer(UPDATE_RESULT, () -> current().result())
                .string(PKG_NAME, () -> packageName())
                .string(PKG_VERSION, () -> packageVersion())
                .readableInstances(PROTOCOL_SUPPORT, ResourceType.INTEGER, this::protocolSupport)
                .integer(DELIVERY_METHOD, () -> DELIVERY_BOTH)
                .build());
    }

    @Deactivate
    void deactivate() {
        downloads.shutdownNow();
    }

    /** A downloader for further schemes (the engine's for coap://): 5/0/8 lists them while it is there. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addDownloader(PackageDownloader downloader, Map<String, Object> properties) {
        Object schemes = properties.get(PackageDownloader.SCHEMES);
        List<String> names = (schemes instanceof String[] many ? List.of(many) : schemes == null ? List.<String>of() : List.of(schemes.toString()))
                .stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
        downloaders.add(new SchemeDownloader(names, downloader));
        fireResourcesChanged(0, PROTOCOL_SUPPORT);
    }

    void removeDownloader(PackageDownloader downloader) {
        downloaders.removeIf(d -> d.downloader() == downloader);
        fireResourcesChanged(0, PROTOCOL_SUPPORT);
    }

    /** The schemes of the downloader services that object 5 defines a protocol for. */
    private Set<String> otherSchemes() {
        return downloaders.stream().flatMap(d -> d.schemes().stream())
                .filter(s -> PROTOCOLS.containsKey(s) && !PackageDownload.OWN_SCHEMES.contains(s))
                .collect(java.util.stream.Collectors.toSet());
    }

    private PackageDownloader downloaderFor(String scheme) {
        return downloaders.stream().filter(d -> d.schemes().contains(scheme)).map(SchemeDownloader::downloader).findFirst().orElse(null);
    }

    /** 5/0/8: exactly the protocols a Package URI can use now, in the order of their values. */
    private Map<Integer, Value> protocolSupport() {
        TreeMap<Integer, Integer> values = new TreeMap<>();
        for (String scheme : PackageDownload.OWN_SCHEMES) {
            values.put(PROTOCOLS.get(scheme), PROTOCOLS.get(scheme));
        }
        for (String scheme : otherSchemes()) {
            values.put(PROTOCOLS.get(scheme), PROTOCOLS.get(scheme));
        }
        Map<Integer, Value> instances = new java.util.LinkedHashMap<>();
        int i = 0;
        for (int protocol : values.values()) {
            instances.put(i++, Value.of(protocol));
        }
        return instances;
    }

    /** The image this JVM runs, when it was started with -jar on a gateway image. */
    static Optional<GatewayImage> runningImage(String classPath) {
        if (classPath == null || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return Optional.empty();
        }
        return GatewayImage.describe(Path.of(classPath));
    }

    /** The jar of the image this JVM runs (the one a feature is composed with), when it runs from one. */
    static Optional<Path> runningJar(String classPath) {
        return runningImage(classPath).map(image -> Path.of(classPath).toAbsolutePath());
    }

    // ---- start: what happened while the gateway was down -----------------------------------------

    private FirmwareState recover() throws IOException {
        FirmwareState saved;
        try {
            saved = folder.loadState().orElseGet(() -> FirmwareState.initial(clock.instant()));
        } catch (IOException e) {
            LOG.warn("Firmware Update: {}; starting from Idle (it is rewritten now)", e.getMessage());
            saved = FirmwareState.initial(clock.instant());
        }
        Optional<SupervisorOutcome> outcome = folder.takeOutcome();
        if (outcome.isPresent()) {
            SupervisorOutcome o = outcome.get();
            if (o.success()) {
                LOG.info("Firmware Update: the supervisor reports {} installed: {}", o.image(), o.reason());
                return saved.confirmed(runningName(), runningVersion(), clock.instant());
            }
            LOG.warn("Firmware Update: the update to {} failed and bin/lightgate rolled back to {}: {}; Update Result {}",
                    o.image().isEmpty() ? "the new image" : o.image(), describeRunning(), o.reason(), FirmwareState.describeResult(o.result()));
            return saved.updateFailed(o.result(), runningName(), runningVersion(), clock.instant());
        }
        if (folder.onTrial() && !Files.exists(folder.confirmedMarker())) {
            onTrial = true;
            LOG.info("Firmware Update: {} runs on trial; it is confirmed once the gateway endpoint registers with a server"
                    + " (until then bin/lightgate rolls back if it exits or its watchdog expires)", describeRunning());
            return saved.state() == FirmwareState.UPDATING ? saved
                    : new FirmwareState(FirmwareState.UPDATING, FirmwareState.RESULT_INITIAL, runningName(), runningVersion(),
                            saved.packageUri(), clock.instant());
        }
        return switch (saved.state()) {
            case FirmwareState.UPDATING -> {
                LOG.warn("Firmware Update: Update was executed, but the gateway restarted without the new image (it"
                        + " does not run under bin/lightgate, or that did not apply it); Update Result 8. Run the gateway with"
                        + " bin/lightgate and push the package again.");
                folder.deleteStaged();
                yield saved.updateFailed(FirmwareState.RESULT_UPDATE_FAILED, runningName(), runningVersion(), clock.instant());
            }
            case FirmwareState.DOWNLOADING -> {
                LOG.warn("Firmware Update: a download was cut off by the restart; Update Result 4, write the package again");
                folder.deleteStaged();
                yield saved.downloadFailed(FirmwareState.RESULT_CONNECTION_LOST, clock.instant());
            }
            case FirmwareState.DOWNLOADED -> {
                if (Files.isRegularFile(folder.staged())) {
                    yield saved;
                }
                LOG.warn("Firmware Update: {} is gone; back to Idle", folder.staged());
                yield saved.reset(clock.instant());
            }
            default -> saved;
        };
    }

    // ---- confirmation ------------------------------------------------------------------------------

    @Override
    public void registered(String endpoint, URI server) {
        if (!endpoint.equals(gatewayEndpoint.get())) {
            return;
        }
        synchronized (this) {
            if (!onTrial) {
                return;
            }
            // state first, marker second: a crash in between leaves the trial running, confirmed again at the next registration
            state = state.confirmed(runningName(), runningVersion(), clock.instant());
            folder.saveState(state);
            try {
                folder.confirm(clock.instant());
            } catch (IOException e) {
                LOG.error("Firmware Update: could not write {} ({}); bin/lightgate will roll back when its watchdog"
                        + " expires. Check that data/firmware/ is writable.", folder.confirmedMarker(), e.toString());
                return;
            }
            onTrial = false;
        }
        LOG.info("Firmware Update: {} registered with {}: update confirmed, Update Result 1", describeRunning(), server);
        fireResourcesChanged(0, STATE, UPDATE_RESULT, PKG_NAME, PKG_VERSION);
    }

    // ---- Package (0): push -------------------------------------------------------------------------

    private void receivePackage(Value pushed) {
        int length = pushed.opaqueLength();
        if (length == 0 || (length == 1 && pushed.asOpaque()[0] == 0)) {
            reset("Package set to empty");
            return;
        }
        synchronized (this) {
            transition(s -> s.downloading("", clock.instant()));
            // written from the value itself: an image of tens of MB is not copied once more on the heap
            try (OutputStream out = Files.newOutputStream(folder.stagedPart())) {
                pushed.writeOpaqueTo(out);
            } catch (IOException e) {
                folder.stagedPart().toFile().delete();
                fail(new GatewayImage.Rejected(FirmwareState.RESULT_NO_STORAGE, "writing " + folder.stagedPart() + " failed: " + e));
                throw LwM2mException.internal("the package could not be stored in " + folder.dir() + ": " + e.getMessage(), e);
            }
            accept("pushed to 5/0/0");
        }
        fireResourcesChanged(0, STATE, UPDATE_RESULT, PKG_NAME, PKG_VERSION);
        FirmwareState now = current();
        if (now.state() == FirmwareState.IDLE) { // refused (Downloading: a feature's image is being composed)
            throw new IllegalArgumentException("the package was refused: Update Result " + FirmwareState.describeResult(now.result())
                    + " (the log says why)");
        }
    }

    // ---- Package URI (1): pull ---------------------------------------------------------------------

    private void receivePackageUri(String text) {
        if (text.isBlank()) {
            reset("Package URI set to empty");
            return;
        }
        URI uri;
        synchronized (this) {
            transition(s -> s.downloading(text, clock.instant()));
            try {
                uri = PackageDownload.check(text, otherSchemes());
            } catch (GatewayImage.Rejected e) {
                fail(e);
                fireResourcesChanged(0, STATE, UPDATE_RESULT);
                throw new IllegalArgumentException(e.getMessage() + "; Update Result " + FirmwareState.describeResult(e.result()));
            }
        }
        LOG.info("Firmware Update: downloading {}", uri);
        fireResourcesChanged(0, STATE, UPDATE_RESULT, PACKAGE_URI);
        downloads.execute(() -> pull(uri));
    }

    private void pull(URI uri) {
        try {
            download.fetch(uri, folder.stagedPart(), this::downloaderFor);
            synchronized (this) {
                accept("downloaded from " + uri);
            }
        } catch (GatewayImage.Rejected e) {
            synchronized (this) {
                fail(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the next start reports the cut-off download
            return;
        }
        fireResourcesChanged(0, STATE, UPDATE_RESULT, PKG_NAME, PKG_VERSION);
    }

    // under the lock, in state Downloading with the package in staged.jar.part: verify, then keep or drop it
    private void accept(String how) {
        try {
            if (FeaturePackage.isFeature(folder.stagedPart())) {
                acceptFeature(how);
                return;
            }
            GatewayImage image = GatewayImage.verify(folder.stagedPart());
            folder.promotePart();
            state = state.downloaded(image.name(), image.version(), clock.instant());
            folder.saveState(state);
            LOG.info("Firmware Update: package {} {} {} and verified; execute Update (5/0/2) to install it", image.name(),
                    image.version(), how);
        } catch (GatewayImage.Rejected e) {
            fail(e);
        } catch (IOException e) {
            fail(new GatewayImage.Rejected(FirmwareState.RESULT_NO_STORAGE, "the package could not be read back from "
                    + folder.stagedPart() + ": " + e));
        }
    }

    /*
     * A feature package in staged.jar.part, under the lock: read and checked against the running
     * framework here (a refusal answers the push), composed with the running image on the download
     * thread (tens of MB, longer than the registry gives an object to answer a request). State stays
     * Downloading until the composed image is staged.
     */
    private void acceptFeature(String how) throws GatewayImage.Rejected, IOException {
        FeaturePackage feature = FeaturePackage.read(folder.stagedPart());
        Path base = runningJar.orElseThrow(() -> new GatewayImage.Rejected(FirmwareState.RESULT_UNSUPPORTED_TYPE, feature.describe()
                + " needs a running gateway image to be composed with, and this gateway does not run from one (java -jar gateway.jar,"
                + " bin/lightgate)"));
        FeatureCheck.check(feature, runningBundles.get());
        LOG.info("Firmware Update: {} {}; its bundles {} resolve against the running framework. Composing the new image"
                + " from {}", feature.describe(), how, feature.bundles().stream().map(BundleInfo::describe).toList(), base);
        FirmwareState accepted = state;
        downloads.execute(() -> compose(feature, base, accepted));
    }

    private void compose(FeaturePackage feature, Path base, FirmwareState accepted) {
        ImageComposer.Composition composed = null;
        GatewayImage.Rejected failure = null;
        try {
            composed = ImageComposer.compose(base, folder.stagedPart(), feature, folder.composed());
            GatewayImage.verify(folder.composed()); // what the supervisor will run reads back whole
        } catch (GatewayImage.Rejected e) {
            failure = e;
        } catch (IOException | RuntimeException e) {
            failure = new GatewayImage.Rejected(FirmwareState.RESULT_NO_STORAGE, "composing the image in " + folder.composed()
                    + " failed: " + e);
        }
        synchronized (this) {
            if (state != accepted) { // reset or replaced meanwhile: this image is nobody's
                try {
                    Files.deleteIfExists(folder.composed());
                } catch (IOException e) {
                    LOG.warn("Firmware Update: could not delete {}: {}", folder.composed(), e.toString());
                }
                return;
            }
            if (failure == null) {
                try {
                    folder.promoteComposed();
                    state = state.downloaded(feature.name(), feature.version(), clock.instant());
                    folder.saveState(state);
                } catch (IOException e) {
                    failure = new GatewayImage.Rejected(FirmwareState.RESULT_NO_STORAGE, "staging " + folder.composed() + " failed: " + e);
                }
            }
            if (failure != null) {
                fail(failure);
            }
        }
        if (failure == null) {
            LOG.info("Firmware Update: composed image {} {} from {} (added {}, replaced {}, removed {}) is staged;"
                    + " execute Update (5/0/2) to install it", composed.image().name(), composed.image().version(), feature.describe(),
                    composed.added(), composed.replaced(), composed.removed());
        }
        fireResourcesChanged(0, STATE, UPDATE_RESULT, PKG_NAME, PKG_VERSION);
    }

    private void fail(GatewayImage.Rejected e) {
        LOG.warn("Firmware Update: package refused, Update Result {}: {}. Nothing was changed.",
                FirmwareState.describeResult(e.result()), e.getMessage());
        try {
            folder.deleteStaged();
        } catch (IOException io) {
            LOG.warn("Firmware Update: could not delete {}: {}", folder.stagedPart(), io.toString());
        }
        state = state.downloadFailed(e.result(), clock.instant());
        folder.saveState(state);
    }

    private void reset(String why) {
        synchronized (this) {
            transition(s -> s.reset(clock.instant()));
            try {
                folder.deleteStaged();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        LOG.info("Firmware Update: {}: back to Idle, the downloaded package removed", why);
        fireResourcesChanged(0, STATE, UPDATE_RESULT, PKG_NAME, PKG_VERSION, PACKAGE_URI);
    }

    // ---- Update (2) ---------------------------------------------------------------------------------

    private void update() {
        synchronized (this) {
            if (state.state() != FirmwareState.DOWNLOADED) {
                throw LwM2mException.notAllowed("Update needs State 2 (Downloaded), it is " + state.stateName()
                        + ": write the package to 5/0/0 or its URI to 5/0/1 first");
            }
            if (!supervised) {
                state = state.updateRefused(FirmwareState.RESULT_UPDATE_FAILED, clock.instant());
                folder.saveState(state);
                fireLater();
                throw LwM2mException.notAllowed("the gateway does not run under its supervisor bin/lightgate, which installs the"
                        + " image: nothing was changed (Update Result 8); start the gateway with bin/lightgate");
            }
            if (!Files.isRegularFile(folder.staged())) {
                state = state.downloadFailed(FirmwareState.RESULT_UPDATE_FAILED, clock.instant());
                folder.saveState(state);
                fireLater();
                throw LwM2mException.notAllowed(folder.staged() + " is gone (Update Result 8): push or download the package again");
            }
            state = state.updating(clock.instant());
            folder.saveState(state);
        }
        LOG.info("Firmware Update: installing {} {}: the gateway exits with code {} and bin/lightgate starts the new image"
                + " on trial", state.packageName(), state.packageVersion(), EXIT_UPDATE);
        fireResourcesChanged(0, STATE, UPDATE_RESULT);
        exit.exitLater(EXIT_UPDATE, exitDelayMillis, "Firmware Update executed");
    }

    private void fireLater() {
        // after the lock is released and the answer is on its way
        downloads.execute(() -> fireResourcesChanged(0, STATE, UPDATE_RESULT));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void transition(java.util.function.UnaryOperator<FirmwareState> step) {
        try {
            state = step.apply(state);
        } catch (IllegalStateException e) {
            throw LwM2mException.notAllowed(e.getMessage());
        }
        folder.saveState(state);
    }

    synchronized FirmwareState current() {
        return state;
    }

    private synchronized String packageName() {
        return state.state() == FirmwareState.DOWNLOADED || state.state() == FirmwareState.UPDATING || running.isEmpty()
                ? state.packageName() : runningName();
    }

    private synchronized String packageVersion() {
        return state.state() == FirmwareState.DOWNLOADED || state.state() == FirmwareState.UPDATING || running.isEmpty()
                ? state.packageVersion() : runningVersion();
    }

    private String runningName() {
        return running.map(GatewayImage::name).orElse("");
    }

    private String runningVersion() {
        return running.map(GatewayImage::version).orElse("");
    }

    private String describeRunning() {
        return running.map(i -> i.name() + " " + i.version()).orElse("this gateway image");
    }
}
