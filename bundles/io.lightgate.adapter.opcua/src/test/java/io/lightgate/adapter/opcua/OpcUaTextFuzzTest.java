/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.adapter.opcua;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Value;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.opcua.common.ValueConverter;
import io.lightgate.testing.fuzz.Fuzzer;
import io.lightgate.testing.fuzz.Mutator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.Test;

/**
 * What the OPC UA adapter decodes itself (Milo decodes the wire): mapping lines and their node
 * ids from etc/, and Execute arguments converted to a method's input types. A bad mapping is
 * reported and left out (IllegalArgumentException, the refusal parseAll catches; a node id Milo
 * cannot parse is a RuntimeException the adapter catches), a bad argument is a 4.00 or an
 * IllegalArgumentException, which the adapter answers as 4.00. {@code -Dfuzz.inputs=100000} for
 * the soak run (README, "Fuzzing").
 */
public class OpcUaTextFuzzTest {

    private static final int INPUTS = Fuzzer.inputs(3_000);
    private static final OpcUaDataType[] ARGUMENT_TYPES = { OpcUaDataType.Boolean, OpcUaDataType.Double, OpcUaDataType.Float,
            OpcUaDataType.SByte, OpcUaDataType.Byte, OpcUaDataType.Int16, OpcUaDataType.UInt16, OpcUaDataType.Int32, OpcUaDataType.UInt32,
            OpcUaDataType.Int64, OpcUaDataType.UInt64, OpcUaDataType.String, OpcUaDataType.LocalizedText, OpcUaDataType.DateTime,
            OpcUaDataType.ByteString };

    private static List<byte[]> utf8(String... texts) {
        return Arrays.stream(texts).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Test
    public void mappingLinesAndNodeIds() throws Exception {
        Mutator inputs = new Mutator(2, utf8("ns=2;s=Machine1/Temperature -> 3303/0/5700 scale=0.1 offset=-273.15",
                "ns=2;s=Counter1/Reset->/3200/0/5505 object=ns=2;s=Counter1", "ns=3;i=1001 -> 3303/1/5700",
                "ns=2;s=Oven2/Temperature -> 3303/1/5700 scale=1.8 offset=32 units=°F",
                "nsu=urn:x;g=09087e75-8e5e-499b-954f-f2a9603db28a -> 3346/0/5800", "ns=1;b=M/RsgtaW4= -> 3200/0/5500"),
                Mutator.tokens("->", "ns=", ";s=", ";i=", ";g=", ";b=", "nsu=", " scale=", " offset=", " object=", " units=", "/",
                        "65536", "-1", "NaN", "Infinity", "1e400", "="), 1024);
        Fuzzer.run("OPC UA mapping / node id", inputs, INPUTS, input -> {
            String line = new String(input, StandardCharsets.UTF_8);
            List<String> errors = new ArrayList<>();
            List<Mapping> kept = Mapping.parseAll(new String[] { line, line }, "etc/fuzz.cfg", errors::add);
            for (Mapping m : kept) {
                parseNodeId(m.nodeId());
                if (m.ownerNodeId() != null) {
                    parseNodeId(m.ownerNodeId());
                }
            }
        }, t -> false).assertNoCrash();
    }

    /** As MappedObjects and Subscriber do: a node id that does not parse is a RuntimeException, reported there. */
    private static void parseNodeId(String text) {
        try {
            NodeId.parse(text);
        } catch (RuntimeException e) {
            // what the adapter catches, logs naming the mapping, and leaves out
        }
    }

    @Test
    public void executeArgumentsToMethodInputs() throws Exception {
        Mapping identity = new Mapping("", 0, 0, 0, 1, 0, null);
        Mutator inputs = new Mutator(3, utf8("0='500',1='x'", "0='true',1='-3.5',2='2024-01-01T00:00:00Z'", "0='65535',1='1e3'",
                "0='-128',1='0x10'", "0='18446744073709551615'"), Mutator.tokens("'", ",", "=", "-", ".", "e", "9999999999999999999999",
                "NaN", "true", "false"), 512);
        Fuzzer.run("OPC UA method arguments", inputs, INPUTS, input -> {
            ExecuteArguments arguments = ExecuteArguments.parse(new String(input, StandardCharsets.UTF_8));
            int first = Math.floorMod(Arrays.hashCode(input), ARGUMENT_TYPES.length);
            for (Map.Entry<Integer, String> a : arguments.asMap().entrySet()) {
                ValueConverter.toOpcUa(Value.of(a.getValue()), ARGUMENT_TYPES[(first + a.getKey()) % ARGUMENT_TYPES.length], identity);
            }
        }, t -> t instanceof IllegalArgumentException || t instanceof LwM2mException e && e.code().codeClass() == 4).assertNoCrash();
    }
}
