/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.management.JMException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway's code on HotSpot's C1 compiler only when the JVM was started with its own
 * compiler defaults (plain {@code java -jar}), as {@code bin/lightgate} does with
 * {@code -XX:TieredStopAtLevel=1}. On a small gateway the C2 compiler spends seconds of a core on
 * the code of the start and of the first thousands of requests, while they wait for it: in
 * benchmarks/ (2 cores) the start took 2.3 instead of 1.7 s and a Read answered at 0.8 times the
 * Leshan client's rate with a p99 of 3 ms, where C1 code answers faster than the Leshan client.
 * A running JVM cannot change its compilers, but it takes compiler directives
 * ({@code Compiler.directives_add}): one that excludes every method from C2 has tiered compilation
 * recompile hot methods with C1 alone. Left alone: a JVM given any compiler option on the command
 * line (then that is the user's choice), one not running tiered HotSpot compilers, and
 * {@value #PROPERTY}{@code =jvm}.
 */
final class CompilerChoice {

    static final String PROPERTY = "lightgate.jit";
    static final String C1_ONLY = "c1";
    static final String JVM_CHOICE = "jvm";
    /** HotSpot's compiler directive format; the pattern matches every method of every class. */
    static final String C2_EXCLUDED = "[{ match: \"*.*\", c2: { Exclude: true } }]";
    private static final Logger LOG = LoggerFactory.getLogger(CompilerChoice.class);
    /** Compiler options whose value the JVM must still have from its own defaults for C1-only to apply. */
    private static final List<String> COMPILER_OPTIONS = List.of("TieredCompilation", "TieredStopAtLevel", "CompilationMode",
            "CompileCommand", "CompileCommandFile", "CompilerDirectivesFile", "UseJVMCICompiler", "CICompilerCount");

    private CompilerChoice() {
    }

    /** Why the JVM's compilers are left as they are; {@code misconfigured} when the property's value is not one it takes. */
    record Keep(String why, boolean misconfigured) {

        static Optional<Keep> because(String why) {
            return Optional.of(new Keep(why, false));
        }
    }

    /**
     * Whether to exclude C2, from the property's value and the JVM's options; the reason to leave the
     * JVM's choice otherwise. {@code options} answers an option's origin and value, empty where
     * this JVM has no such option.
     */
    static Optional<Keep> reasonToKeepTheJvmsChoice(@Nullable String property, String vmInfo,
            Function<String, Optional<VMOption>> options) {
        String choice = property == null || property.isBlank() ? C1_ONLY : property.strip();
        if (choice.equals(JVM_CHOICE)) {
            return Keep.because("-D" + PROPERTY + "=" + JVM_CHOICE);
        }
        if (!choice.equals(C1_ONLY)) {
            return Optional.of(new Keep("-D" + PROPERTY + "=" + choice + " is neither " + C1_ONLY + " nor " + JVM_CHOICE, true));
        }
        if (!vmInfo.contains("mixed mode")) {
            return Keep.because("the JVM does not run in mixed mode (" + vmInfo + ")");
        }
        for (String name : COMPILER_OPTIONS) {
            Optional<VMOption> option = options.apply(name);
            if (option.isEmpty()) {
                if (name.equals("TieredCompilation") || name.equals("TieredStopAtLevel")) {
                    return Keep.because("the JVM has no option " + name);
                }
                continue; // an option this JVM does not have was not given either
            }
            VMOption.Origin origin = option.get().getOrigin();
            // ERGONOMIC: the JVM's own choice for this machine (CICompilerCount from the core count)
            if (origin != VMOption.Origin.DEFAULT && origin != VMOption.Origin.ERGONOMIC) {
                return Keep.because("-XX:" + name + " was given (" + origin + ")");
            }
        }
        if (!"true".equals(options.apply("TieredCompilation").map(VMOption::getValue).orElse(""))
                || !"4".equals(options.apply("TieredStopAtLevel").map(VMOption::getValue).orElse(""))) {
            return Keep.because("the JVM does not compile in tiers up to C2");
        }
        return Optional.empty();
    }

    /**
     * Adds the directive on a thread of its own that ends with it: loading the JVM's management
     * classes for the diagnostic command (some 200 of them) costs CPU time that the
     * start should not wait for.
     */
    static void applyInBackground(@Nullable String property) {
        Thread thread = new Thread(() -> apply(property), "lightgate-compiler-choice");
        thread.setDaemon(true);
        thread.start();
    }

    /** Adds the directive where the JVM runs with its own compiler defaults; answers whether it did. */
    static boolean apply(@Nullable String property) {
        Optional<Keep> keep;
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null) {
                return false;
            }
            keep = reasonToKeepTheJvmsChoice(property, System.getProperty("java.vm.info", ""), name -> option(vm, name));
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Compilers left as the JVM chose them (no HotSpot diagnostics: {})", e.toString());
            return false;
        }
        if (keep.isPresent()) {
            if (keep.get().misconfigured()) {
                LOG.warn("Compilers left as the JVM chose them: {} (system property {})", keep.get().why(), PROPERTY);
            } else {
                LOG.debug("Compilers left as the JVM chose them: {}", keep.get().why());
            }
            return false;
        }
        String refused = addDirective();
        if (refused != null) {
            LOG.info("Compilers left as the JVM chose them: {}", refused);
            return false;
        }
        LOG.info("The gateway's code is compiled by C1 only, as bin/lightgate's -XX:TieredStopAtLevel=1 has it (quicker start "
                + "and first requests on a small machine); -D{}={} leaves the compilers to the JVM", PROPERTY, JVM_CHOICE);
        return true;
    }

    private static Optional<VMOption> option(HotSpotDiagnosticMXBean vm, String name) {
        try {
            return Optional.of(vm.getVMOption(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Adds the directive through the JVM's diagnostic command, unless the JVM has it already (the
     * framework restarted in the same JVM: Reboot, /3/0/4); null when done, else why not.
     */
    private static @Nullable String addDirective() {
        Path file = null;
        try {
            String directives = DiagnosticCommands.run("compilerDirectivesPrint");
            if (directives == null) {
                return "this JVM takes no compiler directives";
            }
            if (excludesC2(directives)) {
                return null;
            }
            file = Files.createTempFile("lightgate-c1-only", ".json");
            Files.writeString(file, C2_EXCLUDED, StandardCharsets.UTF_8);
            String report = String.valueOf(DiagnosticCommands.run("compilerDirectivesAdd", file.toString())).strip();
            // the command answers "1 compiler directives added", or why it could not parse the file
            return report.startsWith("1 ") ? null : "the JVM refused the compiler directive: " + report;
        } catch (IOException | JMException | RuntimeException | LinkageError e) {
            return "the compiler directive could not be added (" + e + ")";
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file); // the JVM parsed it when adding it
                } catch (IOException e) {
                    LOG.debug("Temporary file {} not deleted: {}", file, e.toString());
                }
            }
        }
    }

    /** Whether the JVM's directives (as {@code Compiler.directives_print} lists them) already exclude every method from C2. */
    static boolean excludesC2(String directives) {
        for (String directive : directives.split("Directive:")) {
            int c2 = directive.indexOf("c2 directives:");
            if (directive.contains("matching: *.*") && c2 >= 0 && directive.indexOf("Enable:true Exclude:true", c2) >= 0) {
                return true;
            }
        }
        return false;
    }
}
