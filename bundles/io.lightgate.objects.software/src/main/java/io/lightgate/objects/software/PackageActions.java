/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.software;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.download.PackageDownloader;
import io.lightgate.api.object.ExecuteArguments;
import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server's writes and executes do to one server-created instance: deliver a package
 * (pushed or pulled, verified, kept in data/software/), install it, start and stop it, uninstall
 * it, each step through {@link PackageStatus} so Update State and Update Result follow object 9.
 * Runs on the object's worker thread; downloads run elsewhere and come back to it.
 */
final class PackageActions {

    private static final Logger LOG = LoggerFactory.getLogger(PackageActions.class);

    private final PackageStore store;
    private final BundleInstaller installer;
    private final long maxBytes;
    private final Function<String, PackageDownloader> downloaders;
    private final Executor worker;
    private final Consumer<ManagedPackage> changed;
    private final Predicate<ManagedPackage> current;

    /**
     * @param downloaders the downloader for a URI scheme, or null
     * @param changed tells observers that the status of an instance changed
     * @param current whether an instance still exists (a download may outlive it)
     */
    PackageActions(PackageStore store, BundleInstaller installer, long maxBytes, Function<String, PackageDownloader> downloaders,
            Executor worker, Consumer<ManagedPackage> changed, Predicate<ManagedPackage> current) {
        this.store = store;
        this.installer = installer;
        this.maxBytes = maxBytes;
        this.downloaders = downloaders;
        this.worker = worker;
        this.changed = changed;
        this.current = current;
    }

    void deliverPushed(ManagedPackage p, byte[] pkg) {
        if (pkg.length == 0) {
            reset(p);
            return;
        }
        p.status = p.status.downloadStarted();
        changed(p);
        finishDelivery(p, pkg, null, "Package (9/" + p.id + "/2)");
    }

    void deliverFrom(ManagedPackage p, String uri) {
        if (uri.isBlank()) {
            reset(p);
            return;
        }
        p.status = p.status.downloadStarted();
        changed(p);
        PackageSource source;
        try {
            source = PackageSource.parse(uri);
        } catch (PackageRejected e) {
            refuse(p, e, uri);
            return;
        }
        PackageDownloader downloader = downloaders.apply(source.scheme());
        if (downloader == null) {
            // object 9 has no "unsupported protocol" result (object 5 has, 9): its nearest is 56, invalid URI
            refuse(p, new PackageRejected(UpdateResult.INVALID_URI, "unsupported protocol: this gateway does not download "
                    + source.scheme() + ":// URIs; it downloads http://, https://"
                    + (downloaders.apply("coap") != null ? " and coap://" : " (and coap:// while the LwM2M engine runs)")), uri);
            return;
        }
        boolean withCredentials = !p.user.isEmpty() || !p.password.isEmpty();
        LOG.info("Software Management: downloading the package of /9/{} from {}{}", p.id, source.location(),
                !withCredentials ? "" : downloader instanceof HttpDownloader ? " as user " + p.user
                        : " (User Name and Password are for http(s) only and are not sent)");
        CompletionStage<byte[]> download;
        try {
            download = withCredentials && downloader instanceof HttpDownloader http
                    ? http.download(source.location(), maxBytes, new HttpDownloader.Credentials(p.user, p.password))
                    : downloader.download(source.location(), maxBytes);
        } catch (RuntimeException e) { // a downloader that is going away
            refuse(p, DownloadResults.rejection(e), uri);
            return;
        }
        download.whenCompleteAsync((pkg, failure) -> downloaded(p, source, pkg, failure), worker);
    }

    private void downloaded(ManagedPackage p, PackageSource source, byte[] pkg, Throwable failure) {
        if (!current.test(p)) {
            return; // deleted while downloading
        }
        if (failure != null) {
            refuse(p, DownloadResults.rejection(failure), source.location().toString());
        } else {
            finishDelivery(p, pkg, source, source.location().toString());
        }
    }

    private void finishDelivery(ManagedPackage p, byte[] pkg, PackageSource source, String from) {
        p.status = p.status.downloaded();
        changed(p);
        try {
            if (pkg.length > maxBytes) {
                throw new PackageRejected(UpdateResult.NOT_ENOUGH_STORAGE, "the package has " + pkg.length + " bytes; up to "
                        + maxBytes + " are accepted (max.package.bytes in etc/" + SoftwareManagementObject.PID + ".cfg)");
            }
            if (source != null) {
                source.verify(pkg);
            }
            BundleIdentity identity = BundleIdentity.of(pkg);
            String updateOf = p.updateOf;
            if (updateOf != null && !updateOf.equals(identity.symbolicName())) {
                throw new PackageRejected(UpdateResult.DEVICE_DEFINED_ERROR, "the package is " + identity.symbolicName() + " "
                        + identity.version() + ", not an update of " + updateOf + ", which was uninstalled for an update (Uninstall"
                        + " with argument 1); deliver a version of " + updateOf + ", or delete the instance and create one for other software");
            }
            keep(p, pkg);
            p.status = p.status.delivered(identity.symbolicName(), identity.version());
            persist(p);
            changed(p);
            LOG.info("Software Management: /9/{} received {} {} ({} bytes) from {}; execute Install (9/{}/4) to install it",
                    p.id, identity.symbolicName(), identity.version(), pkg.length, from, p.id);
        } catch (PackageRejected e) {
            refuse(p, e, from);
        }
    }

    private void keep(ManagedPackage p, byte[] pkg) throws PackageRejected {
        try {
            long free = store.usableSpace();
            if (free < pkg.length) {
                throw new PackageRejected(UpdateResult.NOT_ENOUGH_STORAGE, "the package has " + pkg.length + " bytes, " + store.folder()
                        + " has " + free + " bytes free");
            }
            store.saveJar(p.id, pkg);
        } catch (IOException e) {
            throw new PackageRejected(UpdateResult.NOT_ENOUGH_STORAGE, "the package could not be kept in " + store.folder() + ": " + e, e);
        }
    }

    private void refuse(ManagedPackage p, PackageRejected e, String from) {
        p.status = p.status.deliveryFailed(e);
        deleteJar(p);
        persist(p);
        changed(p);
        LOG.warn("Software Management: the package of /9/{} from {} was refused (Update Result {}): {}",
                p.id, from, e.result().code(), e.getMessage());
    }

    private void reset(ManagedPackage p) {
        p.status = p.status.reset();
        deleteJar(p);
        persist(p);
        changed(p);
    }

    // ---- install, activate -----------------------------------------------------------------------

    void install(ManagedPackage p) {
        p.status.requireInstallable();
        try {
            Bundle bundle = installer.install(p.id, store.readJar(p.id));
            p.bundle = bundle;
            p.status = p.status.installed();
            if (p.updateOf != null) {
                // the update of software uninstalled with ForUpdate: it runs again if it ran before
                p.updateOf = null;
                LOG.info("Software Management: installed {} {} (bundle {}) as /9/{}, the update of the software"
                        + " uninstalled for it{}", bundle.getSymbolicName(), bundle.getVersion(), bundle.getBundleId(), p.id,
                        p.wantsActive ? "; starting it, as the version before was running" : "");
                if (p.wantsActive) {
                    startAfterUpdate(p, bundle);
                }
            } else {
                p.wantsActive = false;
                LOG.info("Software Management: installed {} {} (bundle {}) as /9/{}; execute Activate (9/{}/10) to start it",
                        bundle.getSymbolicName(), bundle.getVersion(), bundle.getBundleId(), p.id, p.id);
            }
        } catch (PackageRejected | IOException e) {
            p.status = p.status.installFailed(e.getMessage());
            LOG.warn("Software Management: Install of /9/{} failed (Update Result 58), the framework is unchanged: {}",
                    p.id, e.getMessage());
        }
        persist(p);
        changed(p);
    }

    private void startAfterUpdate(ManagedPackage p, Bundle bundle) {
        try {
            bundle.start();
        } catch (BundleException | IllegalStateException e) {
            p.wantsActive = false;
            p.status = p.status.withReason("installed, but starting it as the version before failed: " + e.getMessage()
                    + "; execute Activate (9/" + p.id + "/10) once the cause is gone");
            LOG.warn("Software Management: {} of /9/{} did not start: {}", bundle.getSymbolicName(), p.id, e.getMessage());
        }
    }

    /**
     * Uninstall (9/x/6). Without an argument or with 0 the package is removed: the bundle is
     * uninstalled and its jar deleted. With argument 1 (ForUpdate) the bundle is uninstalled and
     * the instance prepared for its new version: Package Name and Version keep naming the
     * software, the next package delivered must be a version of the same bundle (same symbolic
     * name; another is refused with result 57), and Install starts it again if the version before
     * was running (Activate/Deactivate state carries over). Both end in INITIAL with result 0.
     */
    void uninstall(ManagedPackage p, ExecuteArguments arguments) {
        p.status.requireInstalled("uninstall");
        boolean forUpdate = arguments.get(1).isPresent();
        Bundle bundle = p.bundle;
        try {
            installer.uninstall(bundle);
        } catch (BundleException | IllegalStateException e) {
            p.status = p.status.uninstallFailed(e.getMessage());
            persist(p);
            changed(p);
            LOG.warn("Software Management: Uninstall of /9/{} failed (Update Result 59): {}", p.id, e.getMessage());
            return;
        }
        p.bundle = null;
        if (forUpdate) {
            p.updateOf = bundle.getSymbolicName();
            p.status = p.status.uninstalledForUpdate(); // wantsActive stays: the new version takes it over
        } else {
            p.updateOf = null;
            p.wantsActive = false;
            p.status = p.status.uninstalled();
        }
        deleteJar(p);
        persist(p);
        changed(p);
        LOG.info("Software Management: uninstalled {} {} of /9/{}{}", bundle.getSymbolicName(), bundle.getVersion(), p.id,
                forUpdate ? " for an update (ForUpdate): deliver its new version to this instance and execute Install" : "");
    }

    void activate(ManagedPackage p, boolean start) {
        p.status.requireInstalled(start ? "activate" : "deactivate");
        Bundle bundle = p.bundle;
        try {
            if (start) {
                bundle.start();
            } else {
                bundle.stop();
            }
        } catch (BundleException | IllegalStateException e) {
            p.status = p.status.withReason((start ? "Activate" : "Deactivate") + " failed: " + e.getMessage());
            changed(p);
            throw LwM2mException.internal((start ? "starting " : "stopping ") + bundle.getSymbolicName() + " failed: " + e.getMessage(), e);
        }
        p.wantsActive = start;
        p.status = p.status.withReason("");
        persist(p);
        changed(p); // Activation State (12) follows with the bundle's event
        if (start && !p.isActive()) {
            // the gateway is still starting (its start level climbs): the bundle runs once it arrives
            LOG.info("Software Management: {} of /9/{} starts once the framework reaches start level {}",
                    bundle.getSymbolicName(), p.id, bundle.adapt(org.osgi.framework.startlevel.BundleStartLevel.class).getStartLevel());
        } else {
            LOG.info("Software Management: {} {} of /9/{}", start ? "started" : "stopped", bundle.getSymbolicName(), p.id);
        }
    }

    /** Installs a package of data/software/ again at start; false when that failed (the status says why). */
    boolean reinstall(ManagedPackage p) {
        try {
            Bundle bundle = installer.installed(p.id);
            p.bundle = bundle != null ? bundle : installer.install(p.id, store.readJar(p.id));
        } catch (PackageRejected | IOException e) {
            p.status = new PackageStatus(p.status.name(), p.status.version(), UpdateState.DELIVERED, UpdateResult.INSTALLATION_FAILURE,
                    "installing again at start failed: " + e.getMessage());
            persist(p);
            LOG.error("Software Management: /9/{} ({}) could not be installed again: {}; the server can execute Install"
                    + " (9/{}/4) once the cause is gone", p.id, p.status.name(), e.getMessage(), p.id);
            return false;
        }
        if (p.wantsActive) {
            try {
                p.bundle.start();
            } catch (BundleException | IllegalStateException e) {
                p.status = p.status.withReason("starting at gateway start failed: " + e.getMessage());
                LOG.error("Software Management: {} of /9/{} installed again but did not start: {}", p.status.name(), p.id, e.getMessage());
            }
        }
        LOG.info("Software Management: {} {} of /9/{} installed again from {}{}", p.status.name(), p.status.version(), p.id,
                store.jar(p.id), p.isActive() ? " and started" : "");
        return true;
    }

    private void changed(ManagedPackage p) {
        changed.accept(p);
    }

    void persist(ManagedPackage p) {
        try {
            String updateOf = p.updateOf;
            store.save(p.id, p.status, p.wantsActive, updateOf == null ? "" : updateOf);
        } catch (IOException e) {
            LOG.error("Software Management: /9/{} could not be saved in {} ({}): it is lost at the next start;"
                    + " check the folder's permissions and free space", p.id, store.folder(), e.toString());
        }
    }

    private void deleteJar(ManagedPackage p) {
        try {
            store.deleteJar(p.id);
        } catch (IOException e) {
            LOG.warn("Software Management: {} could not be deleted ({})", store.jar(p.id), e.toString());
        }
    }
}
