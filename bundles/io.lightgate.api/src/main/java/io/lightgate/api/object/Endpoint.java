/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type setting {@value LwM2mObject#ENDPOINT}: the endpoint an object
 * belongs to, when it is not the gateway's own.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Endpoint {
    /** Prefix making the property name {@code lwm2m.endpoint}. */
    String PREFIX_ = "lwm2m.";

    /** The endpoint name. */
    String value();
}
