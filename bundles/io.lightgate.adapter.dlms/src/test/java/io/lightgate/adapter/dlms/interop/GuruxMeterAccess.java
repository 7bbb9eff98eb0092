/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms.interop;

import gurux.dlms.enums.InterfaceType;

/** Lets tests outside this package start a Gurux meter and look at its state. */
public final class GuruxMeterAccess implements AutoCloseable {

    private final GuruxMeter meter;

    private GuruxMeterAccess(GuruxMeter meter) {
        this.meter = meter;
    }

    public static GuruxMeterAccess start(InterfaceType type) throws Exception {
        return new GuruxMeterAccess(new GuruxMeter(type, null, 1024));
    }

    public int port() {
        return meter.port();
    }

    public void dropConnection() throws java.io.IOException {
        meter.dropConnection();
    }

    /** How many connections (associations) clients opened so far. */
    public int connections() {
        return meter.connections();
    }

    public static String logicalDeviceName() {
        return GuruxMeter.LOGICAL_DEVICE_NAME;
    }

    public static String serialNumber() {
        return GuruxMeter.SERIAL_NUMBER;
    }

    public static java.time.Instant clockTime() {
        return GuruxMeter.CLOCK_TIME.toInstant();
    }

    public boolean energyIsReset() {
        Object v = meter.energy.getValue();
        return v == null || ((Number) v).longValue() == 0;
    }

    @Override
    public void close() throws Exception {
        meter.close();
    }
}
