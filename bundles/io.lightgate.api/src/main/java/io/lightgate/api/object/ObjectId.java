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
 * Component property type setting {@value LwM2mObject#OBJECT_ID} on a DS component:
 * {@code @Component(service = LwM2mObject.class) @ObjectId(3303)}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ObjectId {
    /** Prefix making the property name {@code lwm2m.object.id}. */
    String PREFIX_ = "lwm2m.";

    /** The LwM2M object id. */
    int value();
}
