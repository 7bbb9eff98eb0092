/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.opcua.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ScalingTest {

    @Test
    public void aLinearScalingConvertsBothWays() {
        Scaling tenthsOfKelvin = Scaling.linear(0.1, -273.15);
        assertEquals(26.85, tenthsOfKelvin.toLwM2m(3000), 1e-9);
        assertEquals(3000, tenthsOfKelvin.toOpcUa(26.85), 1e-9);
        assertFalse(tenthsOfKelvin.isIdentity());
        assertTrue(Scaling.NONE.isIdentity());
        assertEquals(42.5, Scaling.NONE.toLwM2m(42.5), 0);
    }

    @Test
    public void aScaleWithNoWayBackIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Scaling.linear(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Scaling.linear(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> Scaling.linear(Double.POSITIVE_INFINITY, 0));
    }
}
