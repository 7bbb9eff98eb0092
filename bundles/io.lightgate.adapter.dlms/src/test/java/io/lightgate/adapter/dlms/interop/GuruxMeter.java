/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.dlms.interop;

import gurux.dlms.GXDLMSConnectionEventArgs;
import gurux.dlms.GXDLMSServer2;
import gurux.dlms.GXDateTime;
import gurux.dlms.ValueEventArgs;
import gurux.dlms.enums.AccessMode;
import gurux.dlms.enums.Authentication;
import gurux.dlms.enums.DataType;
import gurux.dlms.enums.InterfaceType;
import gurux.dlms.enums.MethodAccessMode;
import gurux.dlms.enums.ObjectType;
import gurux.dlms.enums.SourceDiagnostic;
import gurux.dlms.enums.Unit;
import gurux.dlms.objects.GXDLMSAssociationLogicalName;
import gurux.dlms.objects.GXDLMSClock;
import gurux.dlms.objects.GXDLMSData;
import gurux.dlms.objects.GXDLMSDemandRegister;
import gurux.dlms.objects.GXDLMSExtendedRegister;
import gurux.dlms.objects.GXDLMSObject;
import gurux.dlms.objects.GXDLMSProfileGeneric;
import gurux.dlms.objects.GXDLMSRegister;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Date;

/**
 * A Gurux DLMS server (GPL, test scope only) acting as a meter on a loopback TCP port: energy
 * and voltage registers with scaler/unit, a clock, a load profile, a writable data object.
 * One connection at a time, as Gurux servers hold one association.
 */
final class GuruxMeter extends GXDLMSServer2 implements AutoCloseable {

    static final Date CLOCK_TIME = new Date(1_767_225_600_000L); // 2026-01-01T00:00:00Z

    final GXDLMSRegister energy = new GXDLMSRegister("1.0.1.8.0.255");
    final GXDLMSRegister voltage = new GXDLMSRegister("1.0.32.7.0.255");
    final GXDLMSClock clock = new GXDLMSClock("0.0.1.0.0.255");
    final GXDLMSData label = new GXDLMSData("0.0.96.1.10.255");
    /** COSEM logical device name: FLAG id "GRX" and 13 more characters. No firmware identifier. */
    final GXDLMSData logicalDeviceName = new GXDLMSData("0.0.42.0.0.255");
    final GXDLMSData serialNumber = new GXDLMSData("0.0.96.1.0.255");
    static final String LOGICAL_DEVICE_NAME = "GRX0000000004242";
    static final String SERIAL_NUMBER = "GX-4242";
    final GXDLMSProfileGeneric profile = new GXDLMSProfileGeneric("1.0.99.1.0.255");
    /** Maximum demand of active power import, with its capture time. */
    final GXDLMSExtendedRegister maxDemand = new GXDLMSExtendedRegister("1.0.1.6.0.255");
    /** Current average demand of active power import. */
    final GXDLMSDemandRegister demand = new GXDLMSDemandRegister("1.0.1.4.0.255");

    private final String password;
    private final ServerSocket socket;
    private final Thread thread;

    GuruxMeter(InterfaceType type, String password, int maxPdu) throws IOException {
        super(new GXDLMSAssociationLogicalName(), type);
        this.password = password;
        if (password != null) {
            getItems().stream().filter(o -> o instanceof GXDLMSAssociationLogicalName).forEach(o -> {
                GXDLMSAssociationLogicalName a = (GXDLMSAssociationLogicalName) o;
                a.getAuthenticationMechanismName().setMechanismId(Authentication.LOW);
                a.setSecret(password.getBytes());
            });
        }
        setMaxReceivePDUSize(maxPdu);
        energy.setValue(123456789L);
        energy.setDataType(2, DataType.UINT32);
        energy.setScaler(0.1);
        energy.setUnit(Unit.ACTIVE_ENERGY);
        voltage.setValue(2301);
        voltage.setDataType(2, DataType.UINT16);
        voltage.setScaler(0.1);
        voltage.setUnit(Unit.VOLTAGE);
        clock.setTime(new GXDateTime(CLOCK_TIME));
        logicalDeviceName.setValue(LOGICAL_DEVICE_NAME.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        logicalDeviceName.setDataType(2, DataType.OCTET_STRING);
        serialNumber.setValue(SERIAL_NUMBER);
        serialNumber.setDataType(2, DataType.STRING);
        label.setValue("initial");
        label.setDataType(2, DataType.STRING);
        profile.addCaptureObject(clock, 2, 0);
        profile.addCaptureObject(energy, 2, 0);
        profile.setCapturePeriod(900);
        profile.setProfileEntries(100);
        for (int i = 0; i < 8; i++) {
            profile.addRow(new Object[] {new GXDateTime(new Date(CLOCK_TIME.getTime() + i * 900_000L)), 1000L + i});
        }
        profile.setEntriesInUse(8);
        maxDemand.setValue(45678L);
        maxDemand.setDataType(2, DataType.UINT32);
        maxDemand.setScaler(0.01); // 456.78 W
        maxDemand.setUnit(Unit.ACTIVE_POWER);
        maxDemand.setCaptureTime(new GXDateTime(CLOCK_TIME));
        demand.setCurrentAverageValue(3210L);
        demand.setDataType(2, DataType.UINT32);
        demand.setScaler(1); // 3210 W
        demand.setUnit(Unit.ACTIVE_POWER);
        getItems().addAll(Arrays.asList(energy, voltage, clock, label, profile, maxDemand, demand, logicalDeviceName, serialNumber));
        initialize();
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "gurux-meter-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private volatile Socket current;
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

    /** How many TCP connections (each one association) clients opened so far. */
    int connections() {
        return connections.get();
    }

    /** Drops the connection of the client, as a meter does after its inactivity timeout. */
    void dropConnection() throws IOException {
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                current = s;
                connections.incrementAndGet();
                reset();
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[4096];
                int n;
                GXDLMSConnectionEventArgs args = new GXDLMSConnectionEventArgs();
                while ((n = in.read(buf)) > 0) {
                    byte[] reply = handleRequest(Arrays.copyOf(buf, n), args);
                    if (reply != null) {
                        out.write(reply);
                        out.flush();
                    }
                }
            } catch (Exception e) {
                // connection ended
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override protected boolean isTarget(int serverAddress, int clientAddress) { return true; }

    @Override
    protected SourceDiagnostic onValidateAuthentication(Authentication authentication, byte[] secret) {
        if (password == null) {
            return authentication == Authentication.NONE ? SourceDiagnostic.NONE : SourceDiagnostic.AUTHENTICATION_FAILURE;
        }
        return Arrays.equals(password.getBytes(), secret) ? SourceDiagnostic.NONE : SourceDiagnostic.AUTHENTICATION_FAILURE;
    }

    @Override public void onPreGet(ValueEventArgs[] args) { }
    @Override public void onPostGet(ValueEventArgs[] args) { }
    @Override protected GXDLMSObject onFindObject(ObjectType type, int sn, String ln) { return null; }
    @Override public void onPreRead(ValueEventArgs[] args) { }
    @Override public void onPostRead(ValueEventArgs[] args) { }
    @Override protected void onPreWrite(ValueEventArgs[] args) { }
    @Override protected void onPostWrite(ValueEventArgs[] args) { }
    @Override protected void onConnected(GXDLMSConnectionEventArgs e) { }
    @Override protected void onInvalidConnection(GXDLMSConnectionEventArgs e) { }
    @Override protected void onDisconnected(GXDLMSConnectionEventArgs e) { }
    @Override protected AccessMode onGetAttributeAccess(ValueEventArgs arg) { return AccessMode.READ_WRITE; }
    @Override protected MethodAccessMode onGetMethodAccess(ValueEventArgs arg) { return MethodAccessMode.ACCESS; }
    @Override protected void onPreAction(ValueEventArgs[] args) { }
    @Override protected void onPostAction(ValueEventArgs[] args) { }
}
