/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's diagnostic commands (what {@code jcmd} runs) as this JVM answers them, through its
 * DiagnosticCommand MBean: {@code compilerDirectivesAdd} is {@code Compiler.directives_add},
 * {@code systemTrimNativeHeap} is {@code System.trim_native_heap}.
 * <p>
 * The MBean is taken straight from the JDK where the JVM lets this code in (the exported jar's
 * manifest says {@value #OPENS} in Add-Opens): reaching it through the platform MBean server, the
 * only public way, creates that server and registers every platform MBean in it, which keeps about
 * 4 MB more resident for the process's life (classes, metadata, JFR's MBean) for three commands
 * at the start. Elsewhere (another launcher, a test framework) the platform MBean server serves.
 */
final class DiagnosticCommands {

    /** The package the exported jar's manifest opens to this code (Add-Opens: module/package). */
    static final String OPENS = "jdk.management/com.sun.management.internal";
    private static final String[] SIGNATURE = { String[].class.getName() };

    /** How a command reached the JVM. */
    enum Way {
        /** The JDK's DiagnosticCommand MBean itself, without an MBean server. */
        DIRECT,
        /** The platform MBean server's DiagnosticCommand MBean. */
        PLATFORM_MBEAN_SERVER
    }

    private DiagnosticCommands() {
    }

    /**
     * Runs the command with the arguments jcmd would take and answers its report; null where this
     * JVM has no such command (an older JDK, another JVM than HotSpot).
     *
     * @throws JMException when the command exists and failed
     */
    static @Nullable String run(String operation, String... arguments) throws JMException {
        Optional<DynamicMBean> direct = direct();
        if (direct.isPresent()) {
            if (!has(direct.get().getMBeanInfo(), operation)) {
                return null;
            }
            return String.valueOf(direct.get().invoke(operation, new Object[] { arguments }, SIGNATURE));
        }
        return throughPlatformMBeanServer(operation, arguments);
    }

    /** The way {@link #run} takes in this JVM. */
    static Way way() {
        return direct().isPresent() ? Way.DIRECT : Way.PLATFORM_MBEAN_SERVER;
    }

    /** The JDK's DiagnosticCommand MBean (one per JVM, kept by the JDK), where this code may reach it. */
    private static Optional<DynamicMBean> direct() {
        try {
            // the native library the MBean calls into is loaded with the JDK's management provider
            if (ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class) == null) {
                return Optional.empty();
            }
            Optional<Module> module = ModuleLayer.boot().findModule(OPENS.substring(0, OPENS.indexOf('/')));
            if (module.isEmpty()) {
                return Optional.empty();
            }
            Class<?> type = Class.forName(module.get(), OPENS.substring(OPENS.indexOf('/') + 1) + ".DiagnosticCommandImpl");
            if (type == null) {
                return Optional.empty();
            }
            Method factory = type.getDeclaredMethod("getDiagnosticCommandMBean");
            factory.setAccessible(true);
            return factory.invoke(null) instanceof DynamicMBean mbean ? Optional.of(mbean) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty(); // not opened to this code (InaccessibleObjectException), or a JDK without it
        }
    }

    static @Nullable String throughPlatformMBeanServer(String operation, String... arguments) throws JMException {
        MBeanServer server;
        ObjectName commands;
        try {
            server = ManagementFactory.getPlatformMBeanServer();
            commands = new ObjectName("com.sun.management:type=DiagnosticCommand");
            if (!has(server.getMBeanInfo(commands), operation)) {
                return null;
            }
        } catch (JMException | LinkageError e) {
            return null; // no DiagnosticCommand MBean in this runtime
        }
        return String.valueOf(server.invoke(commands, operation, new Object[] { arguments }, SIGNATURE));
    }

    private static boolean has(MBeanInfo info, String operation) {
        return Arrays.stream(info.getOperations()).anyMatch(o -> o.getName().equals(operation));
    }
}
