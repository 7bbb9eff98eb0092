/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.simulator.dlms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import gurux.dlms.GXDateTime;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.enums.Unit;
import gurux.dlms.objects.GXDLMSClock;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSObjectCollection;
import gurux.dlms.objects.GXDLMSProfileGeneric;
import gurux.dlms.objects.GXDLMSRegister;
import io.lightgate.dlms.client.TransportKind;
import java.util.Date;
import org.junit.Test;

/**
 * The Gurux DLMS client (GPL, test scope only) reads the project's simulator over WRAPPER and
 * HDLC: association (with LLS), object list, registers with scaler/unit, clock, load profile by
 * range, SET and ACTION.
 */
public class GuruxClientInteropTest {

    @Test
    public void wrapper() throws Exception {
        try (DlmsServer sim = SimulatorTestSupport.start(TransportKind.WRAPPER, io.lightgate.dlms.protocol.Authentication.NONE, null, 1024, 128);
                GuruxClientDriver gurux = new GuruxClientDriver(sim.port(), InterfaceType.WRAPPER, Authentication.NONE, null, 16)) {
            readEverything(sim, gurux);
        }
    }

    @Test
    public void hdlcWithSmallFrames() throws Exception {
        try (DlmsServer sim = SimulatorTestSupport.start(TransportKind.HDLC, io.lightgate.dlms.protocol.Authentication.NONE, null, 256, 64);
                GuruxClientDriver gurux = new GuruxClientDriver(sim.port(), InterfaceType.HDLC, Authentication.NONE, null, 16)) {
            readEverything(sim, gurux);
        }
    }

    @Test
    public void lowLevelSecurity() throws Exception {
        try (DlmsServer sim = SimulatorTestSupport.start(TransportKind.WRAPPER, io.lightgate.dlms.protocol.Authentication.LOW, "secret12", 1024, 128);
                GuruxClientDriver gurux = new GuruxClientDriver(sim.port(), InterfaceType.WRAPPER, Authentication.LOW, "secret12", 17)) {
            gurux.connect();
            GXDLMSRegister energy = new GXDLMSRegister("1.0.1.8.0.255");
            gurux.read(energy, 3);
            assertEquals(Unit.ACTIVE_ENERGY, energy.getUnit());
        }
    }

    private static void readEverything(DlmsServer sim, GuruxClientDriver gurux) throws Exception {
        gurux.connect();

        // the object list: Gurux parses the Association LN answer into objects
        GXDLMSObjectCollection objects = gurux.client.parseObjects(gurux.send(gurux.client.getObjectsRequest()).getData(), true);
        assertTrue(objects.findByLN(ObjectType.REGISTER, "1.0.1.8.0.255") != null);
        assertTrue(objects.findByLN(ObjectType.PROFILE_GENERIC, "1.0.99.1.0.255") != null);

        GXDLMSRegister voltage = new GXDLMSRegister("1.0.32.7.0.255");
        gurux.read(voltage, 3);
        assertEquals(0.1, voltage.getScaler(), 1e-9);
        assertEquals(Unit.VOLTAGE, voltage.getUnit());
        double volts = ((Number) gurux.read(voltage, 2)).doubleValue();
        volts = volts > 1000 ? volts / 10 : volts; // scaled by Gurux or not
        assertTrue("voltage " + volts, volts > 200 && volts < 260);

        GXDLMSRegister energy = new GXDLMSRegister("1.0.1.8.0.255");
        gurux.read(energy, 3);
        assertEquals(Unit.ACTIVE_ENERGY, energy.getUnit());
        assertTrue(((Number) gurux.read(energy, 2)).doubleValue() > 1_000_000);

        GXDLMSClock clock = new GXDLMSClock("0.0.1.0.0.255");
        GXDateTime time = (GXDateTime) gurux.read(clock, 2);
        assertEquals(Date.from(SimulatorTestSupport.NOW), time.getMeterCalendar().getTime());

        GXDLMSProfileGeneric profile = new GXDLMSProfileGeneric("1.0.99.1.0.255");
        gurux.read(profile, 3);
        assertEquals(3, profile.getCaptureObjects().size());
        Date from = Date.from(SimulatorTestSupport.NOW.minusSeconds(4 * 900));
        Date to = Date.from(SimulatorTestSupport.NOW.minusSeconds(2 * 900));
        gurux.read(profile, 2); // whole buffer first (96 rows, several blocks)
        assertEquals(96, profile.getBuffer().length);
        GXDLMSProfileGeneric range = new GXDLMSProfileGeneric("1.0.99.1.0.255");
        gurux.read(range, 3);
        gurux.client.updateValue(range, 2, gurux.send(gurux.client.readRowsByRange(range, from, to)).getValue());
        assertEquals(3, range.getBuffer().length);

        // SET a writable Data object, read it back
        GXDLMSData label = new GXDLMSData("0.0.96.1.10.255");
        label.setValue("set by gurux");
        label.setDataType(2, DataType.STRING);
        gurux.send(gurux.client.write(label, 2));
        GXDLMSData check = new GXDLMSData("0.0.96.1.10.255");
        assertEquals("set by gurux", gurux.read(check, 2));

        // ACTION: reset the import energy register
        gurux.send(energy.reset(gurux.client));
        assertEquals(0.0, sim.meter().importWh(), 0.0);
    }
}
