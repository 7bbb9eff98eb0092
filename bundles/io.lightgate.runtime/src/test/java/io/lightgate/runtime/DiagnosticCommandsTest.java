/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** Runs with the package opened as the exported jar's manifest opens it (the module's surefire argLine). */
public class DiagnosticCommandsTest {

    @Test
    public void whereTheJdkIsOpenedToItCommandsRunWithoutThePlatformMBeanServer() throws Exception {
        assertEquals(DiagnosticCommands.Way.DIRECT, DiagnosticCommands.way());
        String flags = DiagnosticCommands.run("vmFlags", "-all");
        assertTrue(flags, flags != null && flags.contains("MaxHeapSize"));
        assertNull(DiagnosticCommands.run("noSuchDiagnosticCommand"));
    }

    @Test
    public void elsewhereThePlatformMBeanServerRunsThem() throws Exception {
        String flags = DiagnosticCommands.throughPlatformMBeanServer("vmFlags", "-all");
        assertTrue(flags, flags != null && flags.contains("MaxHeapSize"));
        assertNull(DiagnosticCommands.throughPlatformMBeanServer("noSuchDiagnosticCommand"));
    }
}
