/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's diagnostic commands (what {@code jcmd} runs) as this JVM answers them, through its
 * DiagnosticCommand MBean: {@code compilerDirectivesAdd} is {@code Compiler.directives_add},
 * {@code systemTrimNativeHeap} is {@code System.trim_native_heap}.
 */
final class DiagnosticCommands {

    private DiagnosticCommands() {
    }

    /**
     * Runs the command with the arguments jcmd would take and answers its report; null where this
     * JVM has no such command (an older JDK, another JVM than HotSpot).
     *
     * @throws JMException when the command exists and failed
     */
    static @Nullable String run(String operation, String... arguments) throws JMException {
        MBeanServer server;
        ObjectName commands;
        try {
            server = ManagementFactory.getPlatformMBeanServer();
            commands = new ObjectName("com.sun.management:type=DiagnosticCommand");
            if (Arrays.stream(server.getMBeanInfo(commands).getOperations()).noneMatch(o -> o.getName().equals(operation))) {
                return null;
            }
        } catch (JMException | LinkageError e) {
            return null; // no DiagnosticCommand MBean in this runtime
        }
        Object report = server.invoke(commands, operation, new Object[] { arguments }, new String[] { String[].class.getName() });
        return String.valueOf(report);
    }
}
