/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import io.lightgate.api.GatewayFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the gateway's folders exist before anything uses them: {@code etc/}
 * (configuration, read by FileInstall), {@code load/} (drop-in bundles) and {@code data/}
 * (persisted state). Each is relative to the working directory unless the system property
 * {@code lightgate.etc}, {@code lightgate.load} or {@code lightgate.data} names another one.
 * Also installs the shutdown hook ({@link ShutdownOnSignal}), lets G1 give idle heap back
 * ({@link IdleHeap}), returns freed native memory to the system ({@link NativeHeapTrim}) and has the JVM
 * compile with C1 only where it runs with its own compiler defaults ({@link CompilerChoice}). A plain
 * activator rather than a DS component: it must run before FileInstall starts, and the earlier the
 * compiler choice applies, the less of the start C2 compiles.
 */
public final class RuntimeFolders implements BundleActivator {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeFolders.class);

    private ShutdownOnSignal shutdown;
    private final NativeHeapTrim nativeHeap = NativeHeapTrim.ofThisJvm();

    @Override
    public void start(BundleContext context) {
        JulToSlf4j.install();
        JvmSettings.log(System.getenv(), System::getProperty);
        CompilerChoice.applyInBackground(context.getProperty(CompilerChoice.PROPERTY));
        for (GatewayFolder gatewayFolder : GatewayFolder.values()) {
            String name = gatewayFolder.defaultName();
            Path folder = gatewayFolder.path(context);
            try {
                Files.createDirectories(folder);
                LOG.info("{} folder: {}", name, folder);
            } catch (IOException e) {
                LOG.error("Cannot create the {} folder {} ({}): check the path and permissions, or set -D{}=<folder>",
                        name, folder, e, gatewayFolder.property());
            }
        }
        OtherJarCaches.deleteBeside(context.getProperty("org.osgi.framework.storage"));
        shutdown = new ShutdownOnSignal(context);
        shutdown.install();
        IdleHeap.applyOnceStarted(context, nativeHeap);
    }

    @Override
    public void stop(BundleContext context) {
        nativeHeap.stop();
        shutdown.uninstall();
        JulToSlf4j.uninstall();
    }
}
