/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** When java -jar gateway.jar restarts on a small gateway's JVM settings, and with what. */
public class RestartPlanTest {

    private static final List<String> PLAIN = List.of("java", "-Dlightgate.server.uri=coap://h:5683", "-jar", "gateway.jar", "x");

    @Test
    public void aCommandLineOfSystemPropertiesOnlyRestartsWithTheSmallGatewaySettingsBeforeThem() {
        RestartPlan.Restart restart = (RestartPlan.Restart) RestartPlan.decide(() -> PLAIN, Map.of("PATH", "/bin"), p -> null);

        List<String> expected = new ArrayList<>(List.of("java"));
        expected.addAll(RestartPlan.SMALL_GATEWAY);
        expected.addAll(PLAIN.subList(1, PLAIN.size()));
        assertEquals(expected, restart.argv());
        assertTrue(restart.argv().contains("-XX:+UseSerialGC") && restart.argv().contains("-XX:TieredStopAtLevel=1"));
        assertEquals("/bin", restart.environment().get("PATH"));
        assertEquals("2", restart.environment().get("MALLOC_ARENA_MAX"));
        assertEquals(String.join(" ", RestartPlan.SMALL_GATEWAY), restart.environment().get(RestartPlan.CHOSEN));
    }

    /** The set lives twice (the jar cannot read the script, the script starts before any Java): kept equal here. */
    @Test
    public void binLightgateStartsWithTheSameSmallGatewaySettings() throws Exception {
        Path script = Path.of(System.getProperty("basedir", "."), "..", "..", "bin", "lightgate");
        String line = Files.readAllLines(script).stream().filter(l -> l.startsWith("small_gateway_defaults=")).findFirst()
                .orElseThrow(() -> new AssertionError("no small_gateway_defaults= line in " + script));
        String value = line.substring(line.indexOf('=') + 1).replace("\"", "");
        assertEquals(String.join(" ", RestartPlan.SMALL_GATEWAY), value);
    }

    @Test
    public void theRestartedJvmDoesNotRestartAgain() {
        RestartPlan.Keep keep = (RestartPlan.Keep) RestartPlan.decide(() -> {
            throw new AssertionError("the command line is not read again");
        }, Map.of(RestartPlan.CHOSEN, "-XX:+UseSerialGC"), p -> null);
        assertNull("nothing to log", keep.why());
    }

    @Test
    public void anyJvmOptionOfTheUsersKeepsTheJvmAsStarted() {
        for (String option : List.of("-Xmx512m", "-XX:+UseG1GC", "-javaagent:a.jar", "-agentlib:jdwp=transport=dt_socket",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-ea", "-verbose:gc")) {
            var decision = RestartPlan.decide(() -> List.of("java", "-Da=b", option, "-jar", "gateway.jar"), Map.of(), p -> null);
            assertTrue(option, decision instanceof RestartPlan.Keep k && k.why().contains(option) && !k.misconfigured());
        }
    }

    @Test
    public void jvmOptionsFromTheEnvironmentKeepTheJvmAsStarted() {
        for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
            var decision = RestartPlan.decide(() -> PLAIN, Map.of(variable, "-Dx=y  -Xmx1g"), p -> null);
            assertTrue(variable, decision instanceof RestartPlan.Keep k && k.why().startsWith(variable));
        }
        // system properties from there are fine: the restarted JVM reads the same variables
        assertTrue(RestartPlan.decide(() -> PLAIN, Map.of("JAVA_TOOL_OPTIONS", " -Dfile.encoding=UTF-8 "), p -> null) instanceof RestartPlan.Restart);
    }

    @Test
    public void thePropertyKeepsTheJvmOrNamesItsWrongValue() {
        var keep = (RestartPlan.Keep) RestartPlan.decide(() -> PLAIN, Map.of(), p -> p.equals(RestartPlan.PROPERTY) ? "keep" : null);
        assertEquals("-Dlightgate.jvm=keep", keep.why());
        assertFalse(keep.misconfigured());

        var wrong = (RestartPlan.Keep) RestartPlan.decide(() -> PLAIN, Map.of(), p -> p.equals(RestartPlan.PROPERTY) ? "small" : null);
        assertTrue(wrong.why(), wrong.misconfigured() && wrong.why().contains("-Dlightgate.jvm=small is neither gateway nor keep"));

        assertTrue(RestartPlan.decide(() -> PLAIN, Map.of(), p -> p.equals(RestartPlan.PROPERTY) ? "gateway" : null) instanceof RestartPlan.Restart);
    }

    @Test
    public void theJvmsCompilersWhenTheUserAskedForThem() {
        var restart = (RestartPlan.Restart) RestartPlan.decide(() -> PLAIN, Map.of(), p -> p.equals("lightgate.jit") ? "jvm" : null);
        assertFalse(restart.argv().contains("-XX:TieredStopAtLevel=1"));
        assertTrue(restart.argv().contains("-XX:+UseSerialGC"));
    }

    @Test
    public void notStartedWithMinusJarKeepsTheJvm() {
        assertTrue(RestartPlan.decide(() -> List.of("java", "-cp", "gateway.jar", "Main"), Map.of(), p -> null) instanceof RestartPlan.Keep);
    }
}
