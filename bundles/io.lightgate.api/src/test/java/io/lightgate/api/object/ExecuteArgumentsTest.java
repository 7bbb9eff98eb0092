/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.ResponseCode;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class ExecuteArgumentsTest {

    @Test
    public void emptyTextMeansNoArguments() {
        assertSame(ExecuteArguments.NONE, ExecuteArguments.parse(""));
        assertSame(ExecuteArguments.NONE, ExecuteArguments.parse(null));
        assertTrue(ExecuteArguments.NONE.isEmpty());
        assertTrue(ExecuteArguments.NONE.asMap().isEmpty());
        assertEquals("", ExecuteArguments.NONE.toString());
    }

    @Test
    public void singleDigitWithoutValue() {
        ExecuteArguments a = ExecuteArguments.parse("0");
        assertFalse(a.isEmpty());
        assertEquals(Map.of(0, ""), a.asMap());
        assertEquals(Optional.of(""), a.get(0));
        assertEquals(Optional.empty(), a.get(1));
    }

    @Test
    public void valuedAndBareArguments() {
        ExecuteArguments a = ExecuteArguments.parse("0='on',1");
        assertEquals(Map.of(0, "on", 1, ""), a.asMap());
        assertEquals(Optional.of("on"), a.get(0));
        assertEquals("0='on',1", a.toString());
    }

    @Test
    public void quotedValueMayContainComma() {
        ExecuteArguments a = ExecuteArguments.parse("5='a,b'");
        assertEquals(Map.of(5, "a,b"), a.asMap());
    }

    @Test
    public void severalArgumentsAreOrderedByDigit() {
        ExecuteArguments a = ExecuteArguments.parse("9='x',3,0=''");
        assertEquals(Map.of(0, "", 3, "", 9, "x"), a.asMap());
        assertEquals(java.util.List.of(0, 3, 9), java.util.List.copyOf(a.asMap().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> a.asMap().put(4, "y"));
    }

    @Test
    public void malformedArgumentsAreBadRequests() {
        for (String text : new String[] { "a", "0=on", "0='x", "0,", "0,0", "12", "0=", ",0", "0='a'b", "0 ,1" }) {
            LwM2mException e = assertThrows(text, LwM2mException.class, () -> ExecuteArguments.parse(text));
            assertEquals(text, ResponseCode.BAD_REQUEST, e.code());
            assertTrue(e.getMessage(), e.getMessage().contains("'" + text + "'"));
        }
    }

    @Test
    public void errorMessagesSayWhatIsWrong() {
        assertMessage("a", "expected a digit at position 0");
        assertMessage("0=on", "must be quoted");
        assertMessage("0='x", "unterminated quote");
        assertMessage("0,", "trailing ','");
        assertMessage("0,0", "argument 0 given twice");
        assertMessage("12", "expected ',' at position 1");
    }

    private static void assertMessage(String text, String expected) {
        LwM2mException e = assertThrows(LwM2mException.class, () -> ExecuteArguments.parse(text));
        assertTrue(e.getMessage(), e.getMessage().contains(expected));
    }
}
