/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

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
import io.lightgate.dlms.protocol.DlmsData;
import io.lightgate.dlms.protocol.DlmsProtocolException;
import io.lightgate.dlms.protocol.XdlmsResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** The project's client against its simulator: block transfer both ways of GET, HDLC segmentation, LLS. */
public class OwnClientTest {

    private static ClientSettings settings(DlmsServer sim, TransportKind kind) {
        return ClientSettings.of("127.0.0.1", sim.port(), kind).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    public void smallPdusAndFramesOverHdlc() throws Exception {
        try (DlmsServer sim = SimulatorTestSupport.start(TransportKind.HDLC, Authentication.NONE, null, 1024, 128);
                DlmsClient c = DlmsClient.connect(settings(sim, TransportKind.HDLC).withSizes(96, 32))) {
            // 96 rows of the load profile: many blocks of <= 96 bytes, each in several 32-byte HDLC segments
            DlmsData all = c.read(new AttributeAddress(7, SimulatedMeter.LOAD_PROFILE, 2));
            assertEquals(96, all.items().size());
            List<CaptureObject> columns = CaptureObject.list(c.read(new AttributeAddress(7, SimulatedMeter.LOAD_PROFILE, 3)));
            DlmsData range = c.read(ProfileGeneric.byRange(SimulatedMeter.LOAD_PROFILE, columns.get(0),
                    SimulatorTestSupport.NOW.minusSeconds(3600), SimulatorTestSupport.NOW));
            assertEquals(4, range.items().size());
            assertEquals(SimulatorTestSupport.NOW.minusSeconds(3600), CosemDateTime.decode(range.items().get(0).items().get(0)));
            DlmsData entries = c.read(ProfileGeneric.byEntry(SimulatedMeter.LOAD_PROFILE, 95, 96));
            assertEquals(2, entries.items().size());
            // a GET-with-list whose answer needs blocks too
            List<AttributeAddress> many = new ArrayList<>();
            for (var v : SimulatedMeter.VOLTAGE) {
                many.add(new AttributeAddress(3, v, 2));
                many.add(new AttributeAddress(3, v, 3));
            }
            many.add(new AttributeAddress(15, ObjectListEntry.CURRENT_ASSOCIATION, 2));
            List<XdlmsResponse.Result> results = c.get(many);
            assertEquals(new ScalerUnit(-1, ScalerUnit.VOLT), ScalerUnit.of(results.get(1).data()));
            assertTrue(ObjectListEntry.list(results.get(6).data()).size() > 15);
        }
    }

    @Test
    public void lowLevelSecurityRefusesAWrongPassword() throws Exception {
        try (DlmsServer sim = SimulatorTestSupport.start(TransportKind.WRAPPER, Authentication.LOW, "s3cret", 1024, 128)) {
            try (DlmsClient c = DlmsClient.connect(settings(sim, TransportKind.WRAPPER)
                    .withAuthentication(Authentication.LOW, "s3cret".getBytes(), 17))) {
                assertEquals("LGZ0001", ((DlmsData.Text) c.read(new AttributeAddress(1, SimulatedMeter.SERIAL_NUMBER, 2))).value());
            }
            DlmsProtocolException e = assertThrows(DlmsProtocolException.class, () -> DlmsClient.connect(
                    settings(sim, TransportKind.WRAPPER).withAuthentication(Authentication.LOW, "guess".getBytes(), 17)));
            assertTrue(e.getMessage(), e.getMessage().contains("authentication failure"));
        }
    }

    @Test
    public void identityObjectsAndClock() throws Exception {
        try (DlmsServer sim = SimulatorTestSupport.start(TransportKind.WRAPPER, Authentication.NONE, null, 1024, 128);
                DlmsClient c = DlmsClient.connect(settings(sim, TransportKind.WRAPPER))) {
            List<XdlmsResponse.Result> r = c.get(List.of(new AttributeAddress(1, SimulatedMeter.LOGICAL_DEVICE_NAME, 2),
                    new AttributeAddress(1, SimulatedMeter.FIRMWARE_ID, 2), new AttributeAddress(8, ClockObject.OBIS, 2),
                    new AttributeAddress(1, io.lightgate.dlms.protocol.ObisCode.parse("0.0.96.1.9.255"), 2)));
            assertEquals("LGSLGZ0001", new String(r.get(0).data().bytes(), java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(SimulatedMeter.FIRMWARE_VERSION, new String(r.get(1).data().bytes(), java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(SimulatorTestSupport.NOW, CosemDateTime.decode(r.get(2).data()));
            assertEquals("an object the meter lacks", io.lightgate.dlms.protocol.DataAccessResult.OBJECT_UNDEFINED,
                    r.get(3).error());
            List<ObjectListEntry> list = ObjectListEntry.list(c.read(new AttributeAddress(15, ObjectListEntry.CURRENT_ASSOCIATION, 2)));
            assertTrue(list.stream().anyMatch(e -> e.obis().equals(SimulatedMeter.LOGICAL_DEVICE_NAME) && e.classId() == 1));
        }
    }
}
