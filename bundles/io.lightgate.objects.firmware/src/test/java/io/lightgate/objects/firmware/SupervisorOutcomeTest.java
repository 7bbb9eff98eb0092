/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.firmware;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import org.junit.Test;

/** The file bin/lightgate writes (see write_outcome there), read as the gateway reads it. */
public class SupervisorOutcomeTest {

    private static SupervisorOutcome parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return SupervisorOutcome.parse(p);
    }

    @Test
    public void aRollbackAsTheSupervisorWritesIt() throws IOException {
        SupervisorOutcome o = parse("# written by bin/lightgate when it ended a trial; the gateway reads and removes it at start\n"
                + "result=8\nreason=it did not register with an LwM2M server within 300 s\nimage=0.2.0\n");
        assertEquals(8, o.result());
        assertFalse(o.success());
        assertEquals("it did not register with an LwM2M server within 300 s", o.reason());
        assertEquals("0.2.0", o.image());
    }

    @Test
    public void success() throws IOException {
        assertTrue(parse("result=1\n").success());
    }

    @Test
    public void aResultThatIsNoUpdateResultReadsAsUpdateFailed() throws IOException {
        SupervisorOutcome notANumber = parse("result=rolled back\nreason=x\n");
        assertEquals(8, notANumber.result());
        assertTrue(notANumber.reason(), notANumber.reason().contains("rolled back"));
        assertEquals(8, parse("result=0\n").result());
        assertEquals(8, parse("result=42\n").result());
        assertEquals(8, parse("").result());
    }

    @Test
    public void otherFailureCodesAreKept() throws IOException {
        assertEquals(5, parse("result=5\n").result());
    }
}
