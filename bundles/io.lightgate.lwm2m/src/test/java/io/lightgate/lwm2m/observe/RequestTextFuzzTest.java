/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.observe;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.LwM2mPath;
import io.lightgate.api.ResourceType;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.testing.fuzz.Fuzzer;
import io.lightgate.testing.fuzz.Mutator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/**
 * Mutated Write-Attributes queries and Execute arguments, as a server's request hands them to the
 * engine: each is applied or refused with a 4.00 {@link LwM2mException}, nothing else.
 * {@code -Dfuzz.inputs=100000} for the soak run (README, "Fuzzing").
 */
public class RequestTextFuzzTest {

    private static final ResourceType[] TYPES = { ResourceType.INTEGER, ResourceType.FLOAT, ResourceType.STRING,
            ResourceType.UNSIGNED_INTEGER, ResourceType.BOOLEAN };

    private static boolean badRequest(Throwable t) {
        return t instanceof LwM2mException e && e.code().codeClass() == 4;
    }

    private static List<byte[]> utf8(String... texts) {
        return Arrays.stream(texts).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Each line of the input is one Uri-Query option; the store applies the change as the engine does. */
    @Test
    public void writeAttributesQueries() throws Exception {
        AttributeStore store = new AttributeStore();
        Mutator inputs = new Mutator(634, utf8("pmin=10\npmax=60", "gt=30.5&lt=-10.25&st=0.5", "pmin&pmax", "epmin=1\nepmax=30",
                "edge=1", "pmin=1&pmax=2&gt=3&lt=1&st=0.1&epmin=0&epmax=5", "st=1.5", "gt=-0.0001"),
                Mutator.tokens("&", "=", "\n", "pmin", "pmax", "gt", "lt", "st", "epmin", "epmax", "edge", "-", ".",
                        "99999999999999999999", "1e9", "NaN", "0x10"), 1024);
        Fuzzer.run("Write-Attributes query", inputs, Fuzzer.inputs(5_000), input -> {
            List<String> options = List.of(new String(input, StandardCharsets.UTF_8).split("\n", -1));
            NotificationAttributes.Change change = NotificationAttributes.parseQuery(options);
            int h = Math.floorMod(Arrays.hashCode(input), 4 * TYPES.length);
            LwM2mPath path = h % 4 == 0 ? LwM2mPath.of(3303, 0) : LwM2mPath.of(3303, 0, 5700);
            change.checkApplicable(path, path.depth() == 3 ? TYPES[h / 4] : null, h % 4 == 3);
            store.write(1 + h % 2, path, change);
        }, RequestTextFuzzTest::badRequest).assertNoCrash();
    }

    @Test
    public void executeArguments() throws Exception {
        Mutator inputs = new Mutator(545, utf8("0='on',1", "0='500',1='x'", "3", "0='a b c',1='',9='9'"),
                Mutator.tokens("'", ",", "=", "0", "9", "''", "='"), 1024);
        Fuzzer.run("Execute arguments", inputs, Fuzzer.inputs(5_000),
                input -> ExecuteArguments.parse(new String(input, StandardCharsets.UTF_8)).asMap(),
                RequestTextFuzzTest::badRequest).assertNoCrash();
    }
}
