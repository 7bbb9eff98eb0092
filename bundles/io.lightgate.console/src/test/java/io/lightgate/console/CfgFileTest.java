/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class CfgFileTest {

    private static final String DEMO = "# Demo: the local server\n"
            + "uri = coap://127.0.0.1:5683\n"
            + "\n"
            + "# comment kept\n"
            + "lifetime = 300\n"
            + "unknown.key = stays\n";

    @Test
    public void aChangedValueKeepsItsLineAndEveryCommentAndUnknownKey() {
        String after = CfgFile.parse(DEMO).with(Map.of("lifetime", List.of("600")));
        assertEquals(DEMO.replace("lifetime = 300", "lifetime = 600"), after);
    }

    @Test
    public void aNewKeyIsAppendedAndANullRemovesOne() {
        Map<String, List<String>> changes = new HashMap<>();
        changes.put("binding", List.of("UQ"));
        changes.put("unknown.key", null);
        String after = CfgFile.parse(DEMO).with(changes);
        assertEquals("# Demo: the local server\nuri = coap://127.0.0.1:5683\n\n# comment kept\nlifetime = 300\nbinding = UQ\n", after);
    }

    @Test
    public void aListMakesTheWholeFileTypedSoFileInstallReadsEveryValue() {
        String after = CfgFile.parse(DEMO).with(Map.of("servers", List.of("a", "b")));
        assertTrue(after, after.contains("uri = \"coap://127.0.0.1:5683\"\n"));
        assertTrue(after, after.contains("lifetime = \"300\"\n"));
        assertTrue(after, after.endsWith("servers = [ \"a\", \"b\" ]\n"));
        assertTrue(after, after.contains("# comment kept\n"));
        assertTrue(CfgFile.parse(after).typed());
    }

    @Test
    public void aTypedFileStaysTypedAndAContinuedListIsReplacedWhole() {
        String typed = "# mappings\nendpoint.name = \"shop\"\nmappings = [ \\\n  \"a -> 3303/0/5700\", \\\n  \"b -> 3308/0/5900\", \\\n  ]\nport = \"1\"\n";
        CfgFile file = CfgFile.parse(typed);
        assertTrue(file.typed());
        assertEquals(List.of("endpoint.name", "mappings", "port"), file.keys());
        String after = file.with(Map.of("mappings", List.of("c -> 3303/0/5700")));
        assertEquals("# mappings\nendpoint.name = \"shop\"\nmappings = \"c -> 3303/0/5700\"\nport = \"1\"\n", after);
    }

    @Test
    public void plainValuesAreEscapedAsPropertiesFilesRead() {
        assertEquals("C:\\\\data", CfgFile.plainValue("C:\\data"));
        assertEquals("\\u00b0F", CfgFile.plainValue("\u00b0F"));
        assertEquals("\"a\\\"b\"", CfgFile.typedValue(List.of("a\"b")));
        assertFalse(CfgFile.parse("a = 1\nb = \"2\"\n").typed());
    }

    @Test
    public void anEmptyFileGetsTheSettings() {
        assertEquals("uri = coap://x\n", CfgFile.parse("").with(Map.of("uri", List.of("coap://x"))));
    }
}
