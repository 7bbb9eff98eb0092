/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Whether a gateway started with {@code java -jar} restarts on the JVM settings of a small gateway,
 * and with which command line. Only a command line that sets nothing but system properties is
 * restarted: any JVM option of the user's own (a heap size, a collector, an agent) means the user
 * chose the JVM's settings, and the gateway keeps them all rather than merge the two.
 */
final class RestartPlan {

    /** Set in the restarted JVM's environment (to the options added), so it does not restart again. */
    static final String CHOSEN = "LIGHTGATE_JVM_CHOSEN";
    static final String PROPERTY = "lightgate.jvm";
    static final String GATEWAY = "gateway";
    static final String KEEP = "keep";

    /**
     * The settings bin/lightgate passes too (its small_gateway_defaults, where the reasons are given):
     * the serial collector, a heap starting at 20 MB and given back when idle, small thread stacks,
     * C1 only. The figures: benchmarks/README.md, "java -jar restarts in place".
     */
    static final List<String> SMALL_GATEWAY = List.of("-XX:+UseSerialGC", "-Xms20m", "-Xmx256m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=20", "-Xss512k", "-XX:TieredStopAtLevel=1");
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    /** What to do. */
    sealed interface Decision permits Restart, Keep {
    }

    /** Replace this JVM by {@code argv} with {@code environment}. */
    record Restart(List<String> argv, Map<String, String> environment) implements Decision {
        Restart {
            argv = List.copyOf(argv);
            environment = Map.copyOf(environment);
        }
    }

    /**
     * Run on as started.
     *
     * @param why for the log; null when there is nothing to say (the JVM is the restarted one)
     * @param misconfigured the property has a value it does not know
     */
    record Keep(String why, boolean misconfigured) implements Decision {
    }

    private RestartPlan() {
    }

    /**
     * @param commandLines this process's arguments, the program first (/proc/self/cmdline), read only
     *        when the environment and the property leave the question open
     * @param environment this process's environment
     * @param property a system property of this JVM
     */
    static Decision decide(Supplier<List<String>> commandLines, Map<String, String> environment, Function<String, String> property) {
        if (environment.containsKey(CHOSEN)) {
            return new Keep(null, false);
        }
        String choice = property.apply(PROPERTY);
        if (KEEP.equals(choice)) {
            return new Keep("-D" + PROPERTY + "=" + KEEP, false);
        }
        if (choice != null && !GATEWAY.equals(choice)) {
            return new Keep("-D" + PROPERTY + "=" + choice + " is neither " + GATEWAY + " nor " + KEEP, true);
        }
        List<String> commandLine = commandLines.get();
        int jar = commandLine.indexOf("-jar");
        if (jar < 1) {
            return new Keep("not started with java -jar", false);
        }
        for (String option : commandLine.subList(1, jar)) {
            if (!option.startsWith("-D")) {
                return new Keep("the command line sets JVM options of its own (" + option + ")", false);
            }
        }
        for (String variable : OPTION_VARIABLES) {
            String value = environment.getOrDefault(variable, "").strip();
            if (!value.isEmpty()) {
                for (String option : BLANKS.split(value)) {
                    if (!option.startsWith("-D")) {
                        return new Keep(variable + " sets JVM options of its own", false);
                    }
                }
            }
        }
        List<String> added = new ArrayList<>(SMALL_GATEWAY);
        if ("jvm".equals(property.apply("lightgate.jit"))) {
            added.remove(C1_ONLY); // the user asked for the JVM's compilers (io.lightgate.runtime.CompilerChoice)
        }
        List<String> argv = new ArrayList<>();
        argv.add(commandLine.get(0));
        argv.addAll(added);
        argv.addAll(commandLine.subList(1, commandLine.size()));
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(CHOSEN, String.join(" ", added));
        env.putIfAbsent("MALLOC_ARENA_MAX", "2"); // two malloc arenas instead of 8 per core, as bin/lightgate sets
        return new Restart(argv, env);
    }
}
