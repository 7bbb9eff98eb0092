/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.ResourceType;
import io.lightgate.api.Value;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.SimpleInstance;
import io.lightgate.api.object.SimpleObject;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * The reverse direction: the registry as an OPC UA server. A Milo client (a SCADA stand-in)
 * browses Objects/Lightgate/it-gateway/3303 Temperature/0, reads a resource, writes one, calls
 * an executable one, and a write to a read-only resource is refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RegistryOpcUaServerIT extends GatewayTestSupport {

    private static final Path FOLDER = testFolder("opcua-registry-server");

    private final AtomicReference<String> applicationType = new AtomicReference<>("oven");
    private final AtomicInteger resets = new AtomicInteger();
    private ServiceRegistration<LwM2mObject> registration;
    private OpcUaClient client;
    private int port;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        // the model of 3303 comes from the OMA catalogue (the adapter bundle, which ships one too, is not needed here)
        return OptionUtils.combine(coreGateway(FOLDER), OpcUaStack.milo(true), OpcUaStack.registryServer(), reactorBundle("models"));
    }

    @Before
    public void setUp() throws Exception {
        SimpleObject temperature = new SimpleObject(SimpleInstance.builder(0)
                .floating(5700, () -> 181.5)
                .writable(5750, ResourceType.STRING, () -> Value.of(applicationType.get()), v -> applicationType.set(v.asString()))
                .executable(5605, args -> resets.incrementAndGet())
                .build());
        registration = context.registerService(LwM2mObject.class, temperature, props(Map.of(LwM2mObject.OBJECT_ID, 3303)));
        port = OpcUaStack.freePort();
        var c = configurationAdmin.getConfiguration("io.lightgate.adapter.opcua.registryserver", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("port", port);
        p.put("users", new String[] { "scada:secret" });
        p.put("trust.all.clients", true);
        p.put("pki.dir", FOLDER.resolve("server-pki").toString());
        c.update(p);
        await("the registry OPC UA server listens", () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        String url = "opc.tcp://127.0.0.1:" + port + "/lightgate";
        client = OpcUaClient.create(url,
                endpoints -> endpoints.stream().filter(e -> e.getSecurityPolicyUri()
                        .equals(org.eclipse.milo.opcua.stack.core.security.SecurityPolicy.None.getUri())).findFirst(),
                t -> { }, cfg -> cfg.setIdentityProvider(new UsernameProvider("scada", "secret"))).connect();
    }

    @After
    public void tearDown() throws Exception {
        if (client != null) {
            client.disconnect();
        }
        configurationAdmin.getConfiguration("io.lightgate.adapter.opcua.registryserver", "?").delete();
        unregister(registration);
    }

    private List<ReferenceDescription> children(NodeId node) throws Exception {
        ReferenceDescription[] refs = client.browse(new BrowseDescription(node, BrowseDirection.Forward, NodeIds.HierarchicalReferences,
                true, UInteger.valueOf(0), UInteger.valueOf(BrowseResultMask.All.getValue()))).getReferences();
        return refs == null ? List.of() : List.of(refs);
    }

    private NodeId child(NodeId parent, String browseName) throws Exception {
        for (ReferenceDescription r : children(parent)) {
            if (r.getBrowseName().name().equals(browseName)) {
                return r.getNodeId().toNodeId(client.getNamespaceTable()).orElseThrow();
            }
        }
        throw new AssertionError(browseName + " not under " + parent + ": "
                + children(parent).stream().map(r -> r.getBrowseName().name()).toList());
    }

    @Test
    public void aClientBrowsesReadsWritesAndCalls() throws Exception {
        NodeId root = child(NodeIds.ObjectsFolder, "Lightgate");
        AtomicReference<NodeId> instance = new AtomicReference<>();
        await("it-gateway/3303 Temperature/0 in the address space", () -> {
            try {
                instance.set(child(child(child(root, "it-gateway"), "3303 Temperature"), "0"));
                return true;
            } catch (Throwable e) {
                return false;
            }
        });
        List<String> members = children(instance.get()).stream().map(r -> r.getBrowseName().name()).toList();
        assertTrue(members.toString(), members.containsAll(List.of("5700 Sensor Value", "5750 Application Type",
                "5605 Reset Min and Max Measured Values")));
        var method = children(instance.get()).stream().filter(r -> r.getBrowseName().name().startsWith("5605")).findFirst().get();
        assertEquals(NodeClass.Method, method.getNodeClass());

        NodeId value = child(instance.get(), "5700 Sensor Value");
        DataValue read = client.readValues(0.0, TimestampsToReturn.Both, List.of(value)).get(0);
        assertTrue(read.toString(), read.statusCode().isGood());
        assertEquals(181.5, read.value().value());

        NodeId type = child(instance.get(), "5750 Application Type");
        List<StatusCode> written = client.writeValues(List.of(type), List.of(DataValue.valueOnly(Variant.ofString("kiln"))));
        assertTrue(written.toString(), written.get(0).isGood());
        assertEquals("kiln", applicationType.get());
        assertEquals("kiln", client.readValues(0.0, TimestampsToReturn.Neither, List.of(type)).get(0).value().value());

        List<StatusCode> refused = client.writeValues(List.of(value), List.of(DataValue.valueOnly(Variant.ofDouble(1.0))));
        assertTrue(refused.toString(), refused.get(0).isBad());

        NodeId reset = child(instance.get(), "5605 Reset Min and Max Measured Values");
        var result = client.call(List.of(new CallMethodRequest(instance.get(), reset, new Variant[] { Variant.ofString("") })))
                .getResults()[0];
        assertTrue(result.getStatusCode().toString(), result.getStatusCode().isGood());
        assertEquals(1, resets.get());
        var bad = client.call(List.of(new CallMethodRequest(instance.get(), reset, new Variant[] { Variant.ofString("x=") })))
                .getResults()[0];
        assertEquals("malformed execute arguments", StatusCodes.Bad_InvalidArgument, bad.getStatusCode().value());
    }
}
