/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class DiagnosticCommandsTest {

    @Test
    public void aCommandOfThisJvmAnswersWhatJcmdWouldPrint() throws Exception {
        String flags = DiagnosticCommands.run("vmFlags", "-all");
        assertTrue(flags, flags != null && flags.contains("MaxHeapSize"));
    }

    @Test
    public void aCommandThisJvmDoesNotHaveIsNull() throws Exception {
        assertNull(DiagnosticCommands.run("noSuchDiagnosticCommand"));
    }
}
