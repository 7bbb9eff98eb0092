/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.sample;

import java.io.IOException;

/** Something that measures a temperature in degrees Celsius. */
interface TemperatureSensor {

    /** Measures now. */
    double read() throws IOException;

    /** What resource 5750 (Application Type) reports until a server writes it. */
    String applicationType();
}
