/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class EngineeringInfoTest {

    private static final EngineeringInfo CELSIUS_0_500 = new EngineeringInfo("°C", 0.0, 500.0);

    @Test
    public void aPlainMappingServesTheServersUnitsAndRange() {
        Mapping plain = Mapping.parse("ns=2;s=Oven1/Temperature -> 3303/0/5700");
        assertEquals("°C", CELSIUS_0_500.unitsFor(plain));
        assertEquals(0.0, CELSIUS_0_500.minFor(plain), 0);
        assertEquals(500.0, CELSIUS_0_500.maxFor(plain), 0);
    }

    @Test
    public void theRangeFollowsScaleAndOffsetAndConvertedUnitsComeOnlyFromTheMapping() {
        Mapping fahrenheit = Mapping.parse("ns=2;s=Oven1/Temperature -> 3303/0/5700 scale=1.8 offset=32 units=°F");
        assertEquals("°F", CELSIUS_0_500.unitsFor(fahrenheit));
        assertEquals(32.0, CELSIUS_0_500.minFor(fahrenheit), 1e-9);
        assertEquals(932.0, CELSIUS_0_500.maxFor(fahrenheit), 1e-9);
        // the server's °C would be wrong after the conversion
        assertNull(CELSIUS_0_500.unitsFor(Mapping.parse("ns=2;s=Oven1/Temperature -> 3303/0/5700 offset=273.15")));
    }

    @Test
    public void aNegativeScaleSwapsTheEnds() {
        Mapping negated = Mapping.parse("n -> 3303/0/5700 scale=-1");
        assertEquals(-500.0, CELSIUS_0_500.minFor(negated), 0);
        assertEquals(0.0, CELSIUS_0_500.maxFor(negated), 0);
    }

    @Test
    public void withoutPropertiesThereIsNothing() {
        Mapping plain = Mapping.parse("n -> 3303/0/5700");
        assertNull(EngineeringInfo.NONE.unitsFor(plain));
        assertFalse(EngineeringInfo.NONE.hasRange());
        assertNull(EngineeringInfo.NONE.minFor(plain));
        assertFalse(new EngineeringInfo(null, 1.0, null).hasRange());
    }
}
