/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * The gateway's folders, found the same way by every bundle: the folder of that name in the
 * working directory ({@code etc/}, {@code load/}, {@code data/}) unless the framework property
 * (or system property) {@code lightgate.etc}, {@code lightgate.load} or {@code lightgate.data}
 * names another one. A bundle keeps its state in a sub-folder of {@link #DATA} named after it.
 */
public enum GatewayFolder {

    /** Configuration files, read by FileInstall into ConfigAdmin. */
    ETC("etc"),
    /** The drop-in folder: bundles copied there are installed and started. */
    LOAD("load"),
    /** Persisted state: the framework cache and every bundle's own sub-folder. */
    DATA("data");

    private final String defaultName;

    GatewayFolder(String defaultName) {
        this.defaultName = defaultName;
    }

    /** The property that names the folder, e.g. {@code lightgate.data}: what to tell a user to set. */
    public String property() {
        return "lightgate." + defaultName;
    }

    /** The folder's name in the working directory when the property is not set, e.g. {@code data}. */
    public String defaultName() {
        return defaultName;
    }

    /** The folder (absolute, normalized) as the framework's properties name it. */
    public Path path(BundleContext context) {
        return path(context.getProperty(property()));
    }

    /**
     * The folder (absolute, normalized) for a value of {@link #property()}.
     *
     * @param value the property's value; {@code null} or blank for the default folder
     */
    public Path path(String value) {
        return Path.of(value == null || value.isBlank() ? defaultName : value.strip()).toAbsolutePath().normalize();
    }
}
