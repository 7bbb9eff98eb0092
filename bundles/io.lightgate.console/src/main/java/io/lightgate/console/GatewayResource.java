/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import io.lightgate.api.GatewayFolder;
import io.lightgate.api.status.RegistrationMonitor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /api/gateway: the gateway itself. Its registrations with the northbound LwM2M servers (the
 * engine's {@link RegistrationMonitor}), and its bundles: list, start, stop, and install or
 * uninstall through the load/ folder, the same way as a jar copied there by hand (Felix
 * FileInstall installs it; deleting the file uninstalls it), so load/ stays the record of what
 * was added. Bundles of gateway.jar and those installed by Software Management (object 9) are
 * not uninstalled from here.
 */
@Component(service = GatewayResource.class)
public final class GatewayResource {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayResource.class);
    private static final long MAX_UPLOAD = 64L * 1024 * 1024;
    /** How long an upload or removal waits for FileInstall (it polls every 250 ms) before answering 202. */
    private static final long WAIT_MS = 15_000;
    private static final String[] STATES = { "UNINSTALLED", "INSTALLED", "RESOLVED", "STARTING", "STOPPING", "ACTIVE" };

    private final BundleContext context;
    private final Path loadFolder;
    private volatile RegistrationMonitor monitor;
    @Reference
    private AdaptersResource adapters;

    @Activate
    public GatewayResource(BundleContext context) {
        this.context = context;
        this.loadFolder = GatewayFolder.LOAD.path(context);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setMonitor(RegistrationMonitor monitor) {
        this.monitor = monitor;
    }

    void unsetMonitor(RegistrationMonitor monitor) {
        if (this.monitor == monitor) {
            this.monitor = null;
        }
    }

    /** Routes /api/gateway/...; s = the path segments after /api. */
    void handle(String method, List<String> s, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String what = s.size() > 1 ? s.get(1) : "";
        if (what.equals("servers") && s.size() == 2 && method.equals("GET")) {
            servers(response);
        } else if (what.equals("adapters") && s.size() == 2 && method.equals("GET")) {
            Json.write(response, 200, adapters.sources());
        } else if (what.equals("bundles") && s.size() == 2 && method.equals("GET")) {
            Json.write(response, 200, java.util.Arrays.stream(context.getBundles()).map(this::describe).toList());
        } else if (what.equals("bundles") && s.size() == 2 && method.equals("POST")) {
            upload(request, response);
        } else if (what.equals("bundles") && s.size() == 4 && method.equals("POST")) {
            startOrStop(bundle(s.get(2)), s.get(3), response);
        } else if (what.equals("bundles") && s.size() == 3 && method.equals("DELETE")) {
            uninstall(bundle(s.get(2)), response);
        } else {
            ApiErrors.send(response, 404, "not-found", "No API operation " + method + " /api/" + String.join("/", s)
                    + " (see /console/openapi.yaml)");
        }
    }

    private void servers(HttpServletResponse response) throws IOException {
        RegistrationMonitor m = monitor;
        if (m == null) {
            ApiErrors.send(response, 503, "unavailable", "The LwM2M engine is not running: see the gateway's log for why"
                    + " (etc/io.lightgate.lwm2m*.cfg configure it)");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registrations", m.registrations());
        body.put("endpoints", m.endpoints());
        Json.write(response, 200, body);
    }

    private Bundle bundle(String id) {
        try {
            Bundle bundle = context.getBundle(Long.parseLong(id));
            if (bundle != null) {
                return bundle;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new NoSuchBundle(id);
    }

    /** A bundle id that names no bundle (404). */
    static final class NoSuchBundle extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchBundle(String id) {
            super("No bundle with id " + id + ": reload the list, it may have been uninstalled");
        }
    }

    Map<String, Object> describe(Bundle bundle) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", bundle.getBundleId());
        b.put("symbolicName", bundle.getSymbolicName() == null ? "" : bundle.getSymbolicName());
        b.put("name", Optional.ofNullable(bundle.getHeaders().get(Constants.BUNDLE_NAME)).orElse(""));
        b.put("version", bundle.getVersion().toString());
        b.put("state", state(bundle));
        b.put("fragment", bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null);
        Optional<Path> file = loadFile(bundle);
        b.put("origin", file.isPresent() ? "load" : bundle.getLocation().contains("/software/") ? "software-management" : "gateway");
        b.put("file", file.map(f -> f.getFileName().toString()).orElse(""));
        return b;
    }

    private static String state(Bundle bundle) {
        int index = Integer.numberOfTrailingZeros(bundle.getState());
        return index < STATES.length ? STATES[index] : String.valueOf(bundle.getState());
    }

    /** The file in load/ a bundle was installed from (FileInstall's location is the file's URI). */
    private Optional<Path> loadFile(Bundle bundle) {
        String location = bundle.getLocation();
        if (location == null || !location.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(URI.create(location)).toAbsolutePath().normalize();
            return file.getParent() != null && file.getParent().equals(loadFolder) ? Optional.of(file) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void startOrStop(Bundle bundle, String action, HttpServletResponse response) throws IOException {
        if (!action.equals("start") && !action.equals("stop")) {
            ApiErrors.send(response, 404, "not-found", "Bundles take 'start' or 'stop', not '" + action + "'");
            return;
        }
        if (bundle.getBundleId() == 0 || bundle.equals(context.getBundle())) {
            ApiErrors.send(response, 409, "refused", "The console does not " + action + " the framework or itself:"
                    + " use the shell (lwm2m and felix commands) or restart the gateway");
            return;
        }
        try {
            if (action.equals("start")) {
                bundle.start();
            } else {
                bundle.stop();
            }
            LOG.info("Console: bundle {} {} {} ({})", bundle.getBundleId(), bundle.getSymbolicName(), action + (action.equals("stop") ? "ped" : "ed"),
                    state(bundle));
            Json.write(response, 200, describe(bundle));
        } catch (BundleException | IllegalStateException e) {
            ApiErrors.send(response, 409, "bundle-error", "Cannot " + action + " " + bundle.getSymbolicName() + ": " + e.getMessage()
                    + (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null ? " (a fragment is never started: it attaches to its host)"
                            : " (the gateway's log says more)"));
        }
    }

    private void uninstall(Bundle bundle, HttpServletResponse response) throws IOException {
        Optional<Path> file = loadFile(bundle);
        if (file.isEmpty()) {
            ApiErrors.send(response, 409, "refused", bundle.getSymbolicName() + " was not installed through load/ ("
                    + (bundle.getLocation().contains("/software/") ? "Software Management installed it: remove it from the LwM2M server"
                            : "it is part of gateway.jar: stop it instead")
                    + ")");
            return;
        }
        long id = bundle.getBundleId();
        Files.deleteIfExists(file.get());
        LOG.info("Console: {} deleted from {}; FileInstall uninstalls bundle {}", file.get().getFileName(), loadFolder, id);
        boolean gone = await(b -> b.getBundleId() == id, false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("uninstalled", gone);
        body.put("message", gone ? "uninstalled" : "deleted from load/; FileInstall uninstalls it at its next scan");
        Json.write(response, gone ? 200 : 202, body);
    }

    private void upload(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > MAX_UPLOAD) {
            throw new IllegalArgumentException("a bundle may have at most " + MAX_UPLOAD / 1024 / 1024 + " MiB");
        }
        Files.createDirectories(loadFolder);
        // written under a name FileInstall ignores (not *.jar), moved into place in one step once complete
        Path part = loadFolder.resolve(".upload-" + UUID.randomUUID() + ".part");
        try {
            try (InputStream in = request.getInputStream()) {
                long size = Files.copy(new java.io.BufferedInputStream(in) {
                    private long read;

                    @Override
                    public synchronized int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        read += Math.max(n, 0);
                        if (read > MAX_UPLOAD) {
                            throw new IllegalArgumentException("a bundle may have at most " + MAX_UPLOAD / 1024 / 1024 + " MiB");
                        }
                        return n;
                    }
                }, part);
                if (size == 0) {
                    throw new IllegalArgumentException("the request body is empty: send the bundle jar as the body");
                }
            }
            Manifest manifest;
            try (JarInputStream jar = new JarInputStream(Files.newInputStream(part))) {
                manifest = jar.getManifest();
            } catch (IOException e) {
                manifest = null;
            }
            String bsn = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (bsn == null || bsn.isBlank()) {
                throw new IllegalArgumentException("not an OSGi bundle: a jar whose manifest names a Bundle-SymbolicName is needed");
            }
            String symbolicName = bsn.split(";")[0].strip();
            String version = Optional.ofNullable(manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION)).orElse("0.0.0").strip();
            for (Bundle b : context.getBundles()) {
                if (symbolicName.equals(b.getSymbolicName()) && loadFile(b).isEmpty()) {
                    ApiErrors.send(response, 409, "refused", symbolicName + " is already installed (bundle " + b.getBundleId()
                            + ", " + describe(b).get("origin") + "): a second copy would be refused as a duplicate");
                    return;
                }
            }
            Path target = loadFolder.resolve(symbolicName.replaceAll("[^A-Za-z0-9._-]", "_") + ".jar");
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Console: {} {} uploaded to {}; FileInstall installs it", symbolicName, version, target);
            boolean installed = await(b -> symbolicName.equals(b.getSymbolicName()) && b.getVersion().toString().equals(
                    org.osgi.framework.Version.parseVersion(version).toString()) && (b.getState() & (Bundle.ACTIVE | Bundle.RESOLVED)) != 0, true);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("symbolicName", symbolicName);
            body.put("version", version);
            body.put("file", target.getFileName().toString());
            java.util.Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                    .ifPresent(b -> body.put("bundle", describe(b)));
            body.put("message", installed ? "installed" : "in load/: FileInstall installs it at its next scan (if it does not, the gateway's"
                    + " log says why, e.g. a missing package)");
            Json.write(response, installed ? 201 : 202, body);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Waits (bounded) until a bundle matching the test is present (or, present=false, absent). */
    private boolean await(Predicate<Bundle> test, boolean present) {
        return BoundedWait.until(() -> java.util.Arrays.stream(context.getBundles()).anyMatch(test) == present, WAIT_MS);
    }
}
