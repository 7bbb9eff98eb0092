/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.dlms.client.ScalerUnit;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.api.Value;
import java.math.BigDecimal;
import java.util.List;
import org.junit.Test;

public class MappingTest {

    private static MappedResource find(List<MappedResource> m, String key) {
        return m.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    @Test
    public void threePhaseDefaultsWithUnitsFromTheModels() {
        List<MappedResource> m = Mapping.resolve(3, false, new String[0]);
        MappedResource power = find(m, "10242/0/34");
        assertEquals(new Source(3, ObisCode.parse("1.0.1.7.0.255"), ObisCode.parse("1.0.2.7.0.255")), power.source());
        assertEquals("kW", power.unit());
        assertEquals("kWh", find(m, "10242/0/41").unit());
        assertEquals(new Source(1, ObisCode.parse("0.0.96.1.0.255"), null), find(m, "10242/0/2").source());
        assertNull("3331 only with energy.objects", find(m, "3331/0/5700"));
        assertTrue(find(Mapping.resolve(1, false, new String[0]), "10243/0/14") != null);
    }

    @Test
    public void overridesReplaceAddAndRemove() {
        List<MappedResource> m = Mapping.resolve(3, true,
                new String[] {"10242/4=1-0:32.7.0*255", "10242/50=4:1.0.91.7.0.255", "10242/39=", "3331/1/5700="});
        assertEquals(new Source(4, ObisCode.parse("1.0.91.7.0.255"), null), find(m, "10242/0/50").source());
        assertEquals("A", find(m, "10242/0/50").unit());
        assertNull(find(m, "10242/0/39"));
        assertNull(find(m, "3331/1/5700"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Mapping.resolve(3, false, new String[] {"10242/4=1.0.32.7.0.256"}));
        assertTrue(bad.getMessage(), bad.getMessage().contains("10242/4=1.0.32.7.0.256"));
        assertThrows(IllegalArgumentException.class, () -> Mapping.resolve(3, false, new String[] {"10242/4"}));
    }

    @Test
    public void exactUnitConversion() {
        // 1234567 Wh with scaler -1 = 123456.7 Wh = 123.4567 kWh, printed without float artefacts
        BigDecimal wh = new ScalerUnit(-1, ScalerUnit.WATT_HOUR).apply(io.lightgate.dlms.protocol.DlmsData.uint32(1234567));
        BigDecimal kwh = Units.convert(wh, ScalerUnit.WATT_HOUR, "kWh");
        assertEquals(new BigDecimal("123.4567"), kwh);
        assertEquals("123.4567", Value.of(Units.toDouble(kwh)).toText());
        assertEquals("0.001", Value.of(Units.toDouble(Units.convert(BigDecimal.ONE, ScalerUnit.WATT, "kW"))).toText());
        assertEquals(new BigDecimal("230.1"), Units.convert(new BigDecimal("230.1"), ScalerUnit.VOLT, "V"));
        assertNull("volts are not kW", Units.convert(BigDecimal.TEN, ScalerUnit.VOLT, "kW"));
    }
}
