/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Requirement;

/**
 * Put on a class or package of a bundle that ships DDF files under the
 * {@value ModelRepository#MODELS_HEADER} header: it requires the registry's model extender,
 * so the resolver installs the registry with the bundle.
 */
@Requirement(namespace = "osgi.extender", name = RequireModels.EXTENDER, version = "1.0")
@Retention(RetentionPolicy.CLASS)
@Target({ ElementType.TYPE, ElementType.PACKAGE })
public @interface RequireModels {
    /** The extender capability the registry provides. */
    String EXTENDER = "io.lightgate.models";
}
