/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms.interop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import gurux.dlms.enums.InterfaceType;
import io.lightgate.dlms.client.CaptureObject;
import io.lightgate.dlms.client.ClientSettings;
import io.lightgate.dlms.client.CosemDateTime;
import io.lightgate.dlms.client.DlmsClient;
import io.lightgate.dlms.client.ObjectListEntry;
import io.lightgate.dlms.client.ProfileGeneric;
import io.lightgate.dlms.client.ScalerUnit;
import io.lightgate.dlms.client.TransportKind;
import io.lightgate.dlms.protocol.AttributeAddress;
import io.lightgate.dlms.protocol.Authentication;
import io.lightgate.dlms.protocol.DataAccessResult;
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.ObisCode;
import io.lightgate.dlms.protocol.XdlmsResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

/**
 * The project's own client against the Gurux DLMS server (GPL, test scope only), over WRAPPER
 * and over HDLC: registers with scaler/unit, the clock, a profile by range, GET-with-list,
 * SET, ACTION, small PDU sizes that force block transfer and HDLC segmentation, LLS.
 */
public class GuruxServerInteropTest {

    private static final ObisCode ENERGY = ObisCode.parse("1.0.1.8.0.255");
    private static final ObisCode VOLTAGE = ObisCode.parse("1.0.32.7.0.255");
    private static final ObisCode CLOCK = ObisCode.parse("0.0.1.0.0.255");
    private static final ObisCode LABEL = ObisCode.parse("0.0.96.1.10.255");
    private static final ObisCode PROFILE = ObisCode.parse("1.0.99.1.0.255");

    private static ClientSettings settings(GuruxMeter meter, TransportKind kind) {
        return ClientSettings.of("127.0.0.1", meter.port(), kind).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    public void wrapper() throws Exception {
        try (GuruxMeter meter = new GuruxMeter(InterfaceType.WRAPPER, null, 1024)) {
            readEverything(meter, settings(meter, TransportKind.WRAPPER));
        }
    }

    @Test
    public void hdlc() throws Exception {
        try (GuruxMeter meter = new GuruxMeter(InterfaceType.HDLC, null, 1024)) {
            readEverything(meter, settings(meter, TransportKind.HDLC));
        }
    }

    @Test
    public void hdlcWithSmallFramesAndPdusForcesSegmentationAndBlocks() throws Exception {
        try (GuruxMeter meter = new GuruxMeter(InterfaceType.HDLC, null, 128)) {
            readEverything(meter, settings(meter, TransportKind.HDLC).withSizes(128, 32));
        }
    }

    @Test
    public void wrapperWithSmallPduForcesBlockTransfer() throws Exception {
        try (GuruxMeter meter = new GuruxMeter(InterfaceType.WRAPPER, null, 1024)) {
            readEverything(meter, settings(meter, TransportKind.WRAPPER).withSizes(64, 128));
        }
    }

    @Test
    public void lowLevelSecurity() throws Exception {
        try (GuruxMeter meter = new GuruxMeter(InterfaceType.WRAPPER, "Gurux123", 1024)) {
            ClientSettings good = settings(meter, TransportKind.WRAPPER).withAuthentication(Authentication.LOW, "Gurux123".getBytes(), 17);
            try (DlmsClient c = DlmsClient.connect(good)) {
                assertEquals(new BigDecimal("12345678.9"), register(c, ENERGY));
            }
            ClientSettings bad = settings(meter, TransportKind.WRAPPER).withAuthentication(Authentication.LOW, "wrong".getBytes(), 17);
            DlmsProtocolException refused = assertThrows(DlmsProtocolException.class, () -> DlmsClient.connect(bad));
            assertTrue(refused.getMessage(), refused.getMessage().contains("refused the association"));
        }
    }

    private static BigDecimal register(DlmsClient c, ObisCode obis) throws Exception {
        ScalerUnit su = ScalerUnit.of(c.read(new AttributeAddress(3, obis, 3)));
        return su.apply(c.read(new AttributeAddress(3, obis, 2)));
    }

    private static void readEverything(GuruxMeter meter, ClientSettings s) throws Exception {
        try (DlmsClient c = DlmsClient.connect(s)) {
            // registers with scaler/unit: 123456789 x 10^-1 Wh, 2301 x 10^-1 V
            ScalerUnit su = ScalerUnit.of(c.read(new AttributeAddress(3, ENERGY, 3)));
            assertEquals(new ScalerUnit(-1, ScalerUnit.WATT_HOUR), su);
            assertEquals(new BigDecimal("12345678.9"), su.apply(c.read(new AttributeAddress(3, ENERGY, 2))));
            assertEquals(new BigDecimal("230.1"), register(c, VOLTAGE));

            // Extended Register (4): value, scaler_unit (3), capture time (5)
            ObisCode maxDemand = ObisCode.parse("1.0.1.6.0.255");
            ScalerUnit mdScaler = ScalerUnit.of(c.read(new AttributeAddress(4, maxDemand, 3)));
            assertEquals(new BigDecimal("456.78"), mdScaler.apply(c.read(new AttributeAddress(4, maxDemand, 2))));
            assertEquals("W", mdScaler.symbol());
            assertEquals(GuruxMeter.CLOCK_TIME.toInstant(), CosemDateTime.decode(c.read(new AttributeAddress(4, maxDemand, 5))));
            // Demand Register (5): current average (2) with scaler_unit in attribute 4
            ObisCode demand = ObisCode.parse("1.0.1.4.0.255");
            ScalerUnit dScaler = ScalerUnit.of(c.read(new AttributeAddress(5, demand, 4)));
            assertEquals(new BigDecimal("3210"), dScaler.apply(c.read(new AttributeAddress(5, demand, 2))));

            // the clock
            Instant t = CosemDateTime.decode(c.read(new AttributeAddress(8, CLOCK, 2)));
            assertEquals(GuruxMeter.CLOCK_TIME.toInstant(), t);

            // GET-with-list (Gurux 4.0.47 omits the error code of an undefined object inside a list,
            // which a strict decoder refuses, so the list holds defined objects only)
            List<XdlmsResponse.Result> list = c.get(List.of(new AttributeAddress(3, ENERGY, 2),
                    new AttributeAddress(3, VOLTAGE, 2), new AttributeAddress(3, VOLTAGE, 3)));
            assertEquals(DlmsData.uint32(123456789), list.get(0).data());
            assertEquals(DlmsData.uint16(2301), list.get(1).data());
            assertEquals(new ScalerUnit(-1, ScalerUnit.VOLT), ScalerUnit.of(list.get(2).data()));
            // an undefined object in a normal GET is an access error, not a protocol failure
            XdlmsResponse.Result undefined = c.get(new AttributeAddress(3, ObisCode.parse("1.0.99.99.0.255"), 2));
            assertFalse(undefined.ok());
            assertTrue(c.isOpen());

            // the load profile: columns, then entries 3..5 by range on the clock
            List<CaptureObject> columns = CaptureObject.list(c.read(new AttributeAddress(7, PROFILE, 3)));
            assertEquals(2, columns.size());
            assertEquals(CLOCK, columns.get(0).obis());
            Instant start = GuruxMeter.CLOCK_TIME.toInstant();
            DlmsData rows = c.read(ProfileGeneric.byRange(PROFILE, columns.get(0), start.plusSeconds(2 * 900),
                    start.plusSeconds(4 * 900)));
            assertEquals(3, rows.items().size());
            assertEquals(start.plusSeconds(2 * 900), CosemDateTime.decode(rows.items().get(0).items().get(0)));
            assertEquals(1002L, rows.items().get(0).items().get(1).asLong());
            assertEquals(1004L, rows.items().get(2).items().get(1).asLong());
            // as many rows as entries_in_use says (Gurux captures one more row of its own at start, and
            // another whenever the wall clock crosses a capture period boundary: bracket the buffer read)
            long entriesBefore = c.read(new AttributeAddress(7, PROFILE, 7)).asLong();
            DlmsData all = c.read(new AttributeAddress(7, PROFILE, 2));
            long entriesAfter = c.read(new AttributeAddress(7, PROFILE, 7)).asLong();
            assertTrue("rows " + all.items().size() + " vs entries_in_use " + entriesBefore + ".." + entriesAfter,
                    entriesBefore <= all.items().size() && all.items().size() <= entriesAfter);
            assertTrue(all.items().size() >= 8);

            // the object list (Association LN) names what the meter offers
            List<ObjectListEntry> objects = ObjectListEntry.list(c.read(new AttributeAddress(15, ObjectListEntry.CURRENT_ASSOCIATION, 2)));
            assertTrue(objects.contains(new ObjectListEntry(3, 0, ENERGY)));
            assertTrue(objects.stream().anyMatch(o -> o.classId() == 7 && o.obis().equals(PROFILE)));

            // SET, read back
            assertEquals(DataAccessResult.SUCCESS, c.set(new AttributeAddress(1, LABEL, 2), DlmsData.visible("written")));
            assertEquals(DlmsData.visible("written"), c.read(new AttributeAddress(1, LABEL, 2)));

            // ACTION: Register reset (method 1, data integer 0)
            XdlmsResponse.Action reset = c.action(new AttributeAddress(3, ENERGY, 1), DlmsData.int8(0));
            assertEquals(DataAccessResult.SUCCESS, reset.result());
            // Gurux clears the value (and then answers GETs of it with a malformed error), so check its state
            Object afterReset = meter.energy.getValue();
            assertTrue("value after reset: " + afterReset, afterReset == null || ((Number) afterReset).longValue() == 0);
        }
    }
}
