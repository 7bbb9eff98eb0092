/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import com.sun.management.VMOption.Origin;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/**
 * The decision on fake JVM options; then the directive added to this test JVM for real, read back
 * with the JVM's own {@code Compiler.directives_print}, and removed again.
 */
public class CompilerChoiceTest {

    private static final String MIXED = "mixed mode, sharing";
    private final Map<String, VMOption> options = new HashMap<>();

    public CompilerChoiceTest() {
        option("TieredCompilation", "true", Origin.DEFAULT);
        option("TieredStopAtLevel", "4", Origin.DEFAULT);
        option("CompilationMode", "default", Origin.DEFAULT);
        option("CompileCommand", "", Origin.DEFAULT);
        option("CompileCommandFile", "", Origin.DEFAULT);
        option("CompilerDirectivesFile", "", Origin.DEFAULT);
        option("UseJVMCICompiler", "false", Origin.DEFAULT);
        option("CICompilerCount", "2", Origin.ERGONOMIC); // the JVM's own choice from the core count
    }

    private void option(String name, String value, Origin origin) {
        options.put(name, new VMOption(name, value, false, origin));
    }

    private Optional<String> decide(String property, String vmInfo) {
        return keep(property, vmInfo).map(CompilerChoice.Keep::why);
    }

    private Optional<CompilerChoice.Keep> keep(String property, String vmInfo) {
        return CompilerChoice.reasonToKeepTheJvmsChoice(property, vmInfo, name -> Optional.ofNullable(options.get(name)));
    }

    @Test
    public void aJvmWithItsOwnCompilerDefaultsGetsC1OnlyUnlessThePropertySaysJvm() {
        assertEquals(Optional.empty(), decide(null, MIXED));
        assertEquals(Optional.empty(), decide("c1", MIXED));
        assertEquals(Optional.of("-Dlightgate.jit=jvm"), decide("jvm", MIXED));
        assertTrue(decide("c2", MIXED).orElseThrow().contains("neither c1 nor jvm"));
        assertTrue(keep("c2", MIXED).orElseThrow().misconfigured()); // a WARN naming the property
        assertFalse(keep("jvm", MIXED).orElseThrow().misconfigured());
    }

    @Test
    public void anyCompilerOptionGivenOnTheCommandLineIsTheUsersChoice() {
        for (String name : options.keySet()) {
            VMOption own = options.get(name);
            option(name, own.getValue(), Origin.VM_CREATION);
            assertEquals(Optional.of("-XX:" + name + " was given (VM_CREATION)"), decide(null, MIXED));
            options.put(name, own);
        }
        option("TieredStopAtLevel", "1", Origin.ENVIRON_VAR); // JAVA_TOOL_OPTIONS
        assertTrue(decide(null, MIXED).isPresent());
    }

    @Test
    public void aJvmWithoutTieredHotSpotCompilersIsLeftAlone() {
        assertTrue(decide(null, "interpreted mode, sharing").isPresent()); // -Xint: excluding C2 would change nothing
        assertTrue(decide(null, "compiled mode, sharing").isPresent()); // -Xcomp
        option("TieredCompilation", "false", Origin.DEFAULT); // a build without tiers: C2 is its only compiler
        assertTrue(decide(null, MIXED).isPresent());
        option("TieredCompilation", "true", Origin.DEFAULT);
        options.remove("TieredStopAtLevel"); // not HotSpot as we know it
        assertTrue(decide(null, MIXED).orElseThrow().contains("no option TieredStopAtLevel"));
    }

    @Test
    public void optionsThisJvmDoesNotHaveDoNotCount() {
        options.remove("UseJVMCICompiler"); // builds without JVMCI
        options.remove("CompilationMode");
        assertEquals(Optional.empty(), decide(null, MIXED));
    }

    @Test
    public void theDirectiveExcludesEveryMethodFromC2InThisJvm() throws Exception {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assumeTrue("the test JVM runs with its own compiler defaults",
                CompilerChoice.reasonToKeepTheJvmsChoice(null, System.getProperty("java.vm.info", ""), name -> {
                    try {
                        return Optional.of(vm.getVMOption(name));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }).isEmpty());
        String before = directives();
        assertFalse(before, before.contains("Exclude:true"));

        assertFalse(CompilerChoice.excludesC2(before));
        assertTrue(CompilerChoice.apply(null));
        try {
            // the framework restarted in the same JVM (Reboot): nothing added twice
            String once = directives();
            assertTrue(once, CompilerChoice.excludesC2(once));
            assertTrue(CompilerChoice.apply(null));
            assertEquals(once, directives());
            String after = directives();
            // the first directive is ours: every method, its C2 part excluded, its C1 part not enabled (C1 as by default)
            String ours = after.substring(0, after.indexOf("Directive: (default)"));
            assertTrue(after, ours.contains("matching: *.*"));
            String c2 = ours.substring(ours.indexOf("c2 directives:"));
            assertTrue(after, c2.contains("Enable:true Exclude:true"));
            String c1 = ours.substring(ours.indexOf("c1 directives:"), ours.indexOf("c2 directives:"));
            assertTrue(after, c1.contains("Exclude:false"));
        } finally {
            DiagnosticCommands.run("compilerDirectivesRemove");
        }
        assertFalse(CompilerChoice.apply("jvm"));
        assertEquals(before, directives());
    }

    private static String directives() throws Exception {
        return String.valueOf(DiagnosticCommands.run("compilerDirectivesPrint"));
    }
}
