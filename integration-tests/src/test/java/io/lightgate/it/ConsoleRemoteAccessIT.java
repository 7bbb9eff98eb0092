/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;

/**
 * The console refuses requests from another host unless they carry its password, tested from a
 * real non-loopback address: a network namespace of the test's own, joined to this host by a veth
 * pair (10.213.x.1 here, 10.213.x.2 in the namespace, nothing else routed). The exported gateway.jar
 * serves HTTP on the host side's address; curl inside the namespace asks without, with a wrong and
 * with the right password (401, 401, 200), then, once the password is taken out of etc/, is refused
 * outright (403). Needs root and iproute2; without them the test is skipped and says why.
 */
public class ConsoleRemoteAccessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "remote-it-secret";

    private final String namespace = "lg-it-" + ProcessHandle.current().pid();
    private final int subnet = (int) (ProcessHandle.current().pid() % 250) + 1;
    private final String hostSide = "lgh" + ProcessHandle.current().pid() % 100_000;
    private final String nsSide = "lgn" + ProcessHandle.current().pid() % 100_000;
    private final String hostAddress = "10.213." + subnet + ".1";
    private boolean created;
    private Path workDir;

    @Before
    public void createNamespace() throws IOException, InterruptedException {
        Result probe = run(List.of("ip", "netns", "add", namespace));
        Assume.assumeTrue("Skipped: cannot create a network namespace (needs root and iproute2's ip): " + probe.output(), probe.ok());
        created = true;
        runOrFail("ip", "link", "add", hostSide, "type", "veth", "peer", "name", nsSide);
        runOrFail("ip", "link", "set", nsSide, "netns", namespace);
        runOrFail("ip", "addr", "add", hostAddress + "/30", "dev", hostSide);
        runOrFail("ip", "link", "set", hostSide, "up");
        runOrFail("ip", "netns", "exec", namespace, "ip", "addr", "add", "10.213." + subnet + ".2/30", "dev", nsSide);
        runOrFail("ip", "netns", "exec", namespace, "ip", "link", "set", nsSide, "up");
        runOrFail("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
        Assume.assumeTrue("Skipped: curl is needed inside the namespace", run(List.of("curl", "--version")).ok());

        workDir = Path.of("target", "it", "console-remote").toAbsolutePath();
        if (Files.exists(workDir)) {
            try (Stream<Path> walk = Files.walk(workDir)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(workDir.resolve("etc"));
    }

    @After
    public void deleteNamespace() throws IOException, InterruptedException {
        if (created) {
            // deleting the namespace destroys its end of the pair, and with it this one; the link delete is for a half-made setup
            run(List.of("ip", "netns", "delete", namespace));
            run(List.of("ip", "link", "delete", hostSide));
        }
    }

    @Test
    public void requestsFromAnotherAddressNeedThePassword() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName(hostAddress))) {
            port = free.getLocalPort();
        }
        Path etc = workDir.resolve("etc");
        Files.writeString(etc.resolve("org.apache.felix.http.cfg"), "org.apache.felix.http.enable = true\n"
                + "org.apache.felix.http.host = " + hostAddress + "\norg.osgi.service.http.port = " + port + "\n", StandardCharsets.UTF_8);
        Path consoleFile = etc.resolve("io.lightgate.console.cfg");
        Files.writeString(consoleFile, "password = " + PASSWORD + "\n", StandardCharsets.UTF_8);
        try (GatewayProcess gateway = GatewayProcess.start(workDir, "-Dlightgate.etc=etc", "-Dlightgate.endpoint=remote-it")) {
            String announced = gateway.awaitLine("Web console: ", WAIT);
            assertTrue(announced, announced.contains(hostAddress + ":" + port));
            String status = "http://" + hostAddress + ":" + port + "/api/status";
            String page = "http://" + hostAddress + ":" + port + "/console/index.html";

            assertTrue("the console answers the namespace at all (with the password)",
                    GatewayTestSupport.holdsWithin(WAIT, () -> curl(status, PASSWORD).equals("200")));
            assertEquals("401", curl(status, null));
            assertEquals("401", curl(page, null));
            assertEquals("401", curl(status, "wrong-password"));
            assertEquals("200", curl(page, PASSWORD));

            // the configuration API, behind the same password, says the password is set but never shows it
            String config = "http://" + hostAddress + ":" + port + "/api/config/io.lightgate.console";
            assertEquals("401", curl(config, null));
            String form = body(config, PASSWORD);
            assertTrue(form, form.contains("\"secretsSet\":[\"password\"]") && !form.contains(PASSWORD));

            // without a password set, requests from other hosts are refused outright
            Files.writeString(consoleFile, "# no password\n", StandardCharsets.UTF_8);
            assertTrue("403 once the password is taken out of etc/",
                    GatewayTestSupport.holdsWithin(WAIT, () -> curl(status, PASSWORD).equals("403")));
            assertEquals("403", curl(status, null));
        }
    }

    /** The HTTP status curl gets from inside the namespace ("000" when it cannot connect). */
    private String curl(String url, String password) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "curl", "-s", "-o", "/dev/null",
                "-w", "%{http_code}", "--max-time", "10"));
        if (password != null) {
            command.addAll(List.of("-u", "anyone:" + password));
        }
        command.add(url);
        try {
            return run(command).output().strip();
        } catch (IOException | InterruptedException e) {
            return "error " + e;
        }
    }

    /** The body curl gets from inside the namespace. */
    private String body(String url, String password) throws IOException, InterruptedException {
        return run(List.of("ip", "netns", "exec", namespace, "curl", "-s", "--max-time", "10", "-u", "anyone:" + password, url)).output();
    }

    private record Result(boolean ok, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(false, command.get(0) + " cannot run: " + e.getMessage());
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(false, String.join(" ", command) + " did not finish in 30 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue() == 0, output);
    }

    private static void runOrFail(String... command) throws IOException, InterruptedException {
        Result result = run(List.of(command));
        assertTrue(String.join(" ", command) + ": " + result.output(), result.ok());
    }
}
