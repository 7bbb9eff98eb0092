/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The Milo wrapper bundle works in Felix: a Milo client (test code importing the wrapper's
 * packages) talks to the shop-floor simulator (a Milo server in its own bundle) over a real
 * loopback socket: read, write, a rejected write, subscription, method call, Security None and
 * Basic256Sha256/SignAndEncrypt with username/password.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MiloBundleIT extends GatewayTestSupport {

    private static final NodeId TEMPERATURE = NodeId.parse("ns=2;s=Oven1/Temperature");
    private static final NodeId SPEED_SETPOINT = NodeId.parse("ns=2;s=Motor1/SpeedSetpoint");
    private static final NodeId COUNTER = NodeId.parse("ns=2;s=Counter1");
    private static final NodeId COUNT = NodeId.parse("ns=2;s=Counter1/Count");

    private static final Path FOLDER = testFolder("milo-bundle");

    private String url;
    private OpcUaClient client;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return OptionUtils.combine(coreGateway(FOLDER), OpcUaStack.milo(true), OpcUaStack.simulator());
    }

    @Before
    public void startSimulator() throws Exception {
        // a free port found now may be taken by another process before the simulator binds it (a
        // busy machine runs other builds): then try another one, at most three in all
        List<String> tried = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            url = OpcUaStack.startSimulator(configurationAdmin, OpcUaStack.freePort(), FOLDER.resolve("simulator-pki").toString());
            tried.add(url);
            int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1"));
            if (listensWithin(port, java.time.Duration.ofSeconds(30))) {
                return;
            }
        }
        throw new AssertionError("the simulator did not listen on any of " + tried);
    }

    private static boolean listensWithin(int port, java.time.Duration limit) throws InterruptedException {
        return holdsWithin(limit, () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
    }

    @After
    public void stop() throws Exception {
        if (client != null) {
            client.disconnect();
        }
        OpcUaStack.stopSimulator(configurationAdmin);
    }

    private OpcUaClient connect(SecurityPolicy policy, MessageSecurityMode mode, boolean withUser) throws Exception {
        KeyPair keys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate certificate = new SelfSignedCertificateBuilder(keys).setCommonName("it client")
                .setApplicationUri("urn:lightgate:it:client").build();
        OpcUaClient c = OpcUaClient.create(url,
                endpoints -> endpoints.stream().filter(e -> e.getSecurityPolicyUri().equals(policy.getUri())
                        && e.getSecurityMode() == mode).findFirst(),
                transport -> { },
                cfg -> {
                    cfg.setApplicationUri("urn:lightgate:it:client").setKeyPair(keys).setCertificate(certificate)
                            .setCertificateChain(new X509Certificate[] { certificate })
                            .setCertificateValidator(new CertificateValidator.InsecureCertificateValidator());
                    if (withUser) {
                        cfg.setIdentityProvider(new UsernameProvider("operator", "secret"));
                    }
                });
        client = c.connect();
        return c;
    }

    @Test
    public void readWriteSubscribeAndCallWithoutSecurity() throws Exception {
        OpcUaClient c = connect(SecurityPolicy.None, MessageSecurityMode.None, false);
        DataValue temperature = c.readValues(0.0, org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn.Both,
                List.of(TEMPERATURE)).get(0);
        assertTrue(temperature.toString(), temperature.statusCode().isGood());
        assertTrue(temperature.value().value() instanceof Double);

        List<StatusCode> ok = c.writeValues(List.of(SPEED_SETPOINT), List.of(DataValue.valueOnly(Variant.ofDouble(1500.0))));
        assertTrue(ok.toString(), ok.get(0).isGood());
        assertEquals(1500.0, c.readValues(0.0, org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn.Neither,
                List.of(SPEED_SETPOINT)).get(0).value().value());
        List<StatusCode> rejected = c.writeValues(List.of(SPEED_SETPOINT), List.of(DataValue.valueOnly(Variant.ofDouble(9000.0))));
        assertEquals(StatusCodes.Bad_OutOfRange, rejected.get(0).value());
        List<StatusCode> readOnly = c.writeValues(List.of(TEMPERATURE), List.of(DataValue.valueOnly(Variant.ofDouble(1.0))));
        // Milo answers a write to a read-only variable with Bad_UserAccessDenied (user access level)
        assertTrue(readOnly.toString(), readOnly.get(0).value() == StatusCodes.Bad_NotWritable
                || readOnly.get(0).value() == StatusCodes.Bad_UserAccessDenied);

        List<Object> seen = new CopyOnWriteArrayList<>();
        OpcUaSubscription subscription = new OpcUaSubscription(c, 100.0);
        subscription.create();
        OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(TEMPERATURE);
        item.setSamplingInterval(50.0);
        item.setDataValueListener((i, v) -> seen.add(v.value().value()));
        subscription.addMonitoredItem(item);
        subscription.synchronizeMonitoredItems();
        await("three temperature changes", () -> seen.size() >= 3);
        subscription.delete();

        var preset = c.call(List.of(new CallMethodRequest(COUNTER, NodeId.parse("ns=2;s=Counter1/Preset"),
                new Variant[] { Variant.ofUInt32(UInteger.valueOf(4242)) }))).getResults()[0];
        assertTrue(preset.getStatusCode().toString(), preset.getStatusCode().isGood());
        long count = ((UInteger) c.readValues(0.0, org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn.Neither,
                List.of(COUNT)).get(0).value().value()).longValue();
        assertTrue("count after Preset(4242): " + count, count >= 4242 && count < 5000);
    }

    @Test
    public void signAndEncryptWithUsernameAndPassword() throws Exception {
        OpcUaClient c = connect(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt, true);
        EndpointDescription endpoint = c.getConfig().getEndpoint();
        assertEquals(SecurityPolicy.Basic256Sha256.getUri(), endpoint.getSecurityPolicyUri());
        DataValue temperature = c.readValues(0.0, org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn.Both,
                List.of(TEMPERATURE)).get(0);
        assertTrue(temperature.toString(), temperature.statusCode().isGood());
    }
}
