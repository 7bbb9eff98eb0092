/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Test;

/**
 * The Configuration section of the console's gateway page, in headless Chromium against the exported
 * gateway.jar with the demo's configuration in a temporary etc/: the demo's LwM2M server entry (factory
 * PID io.lightgate.lwm2m.server, file io.lightgate.lwm2m.server-local.cfg) gets a new registration
 * lifetime in its form; the file in etc/ holds it (its comment kept) and the local server sees the
 * gateway's endpoint registered with it. Invalid values, caught by the page or sent to the API
 * directly, are named under their field and change no file.
 */
public class ConsoleConfigIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ENDPOINT = "config-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path workDir;

    @Before
    public void setUp() throws IOException, InterruptedException {
        ConsoleBrowserIT.installBrowser();
        workDir = Path.of("target", "it", "console-config").toAbsolutePath();
        if (Files.exists(workDir)) {
            try (Stream<Path> walk = Files.walk(workDir)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        new DemoFolder().copyTo(workDir.resolve("etc-demo"));
    }

    @Test
    public void aChangeInTheFormLandsInEtcAndTakesEffectAndAnInvalidOneChangesNoFile() throws Exception {
        Path serverFile = workDir.resolve("etc-demo").resolve("io.lightgate.lwm2m.server-local.cfg");
        String original = Files.readString(serverFile, StandardCharsets.UTF_8);
        assertTrue(original, original.contains("lifetime = 300"));
        try (GatewayProcess gateway = GatewayProcess.start(workDir, "-Dlightgate.etc=etc-demo", "-Dlightgate.endpoint=" + ENDPOINT);
                WebDriverClient browser = WebDriverClient.start(workDir.resolve("chromedriver.log"))) {
            String announced = gateway.awaitLine("Web console: ", WAIT);
            String console = announced.substring(announced.indexOf("http://"), announced.indexOf("console/") + "console/".length());
            String api = console.replace("/console/", "/api/");
            assertTrue(GatewayTestSupport.holdsWithin(WAIT, () -> lifetime(api) == 300));

            browser.open(console + "#gateway");
            browser.click("#config-list li[data-pid='io.lightgate.lwm2m.server']", WAIT);
            browser.awaitText("#config-form .config-instances", t -> t.contains("local"), WAIT);
            browser.script("Array.from(document.querySelectorAll('#config-form .config-instances button'))"
                    + ".find(b => b.textContent === 'local').click()");
            String lifetime = "#config-fields [name='lifetime']";
            browser.awaitText("#config-fields .config-field[data-id='lifetime'] .config-label", t -> t.startsWith("Lifetime"), WAIT);
            assertEquals("300", browser.script("return document.querySelector(arguments[0]).value", lifetime).asText());

            // a value that is no number: the page names the field and sends nothing
            browser.type(lifetime, "five minutes");
            browser.click("#config-save", WAIT);
            String error = browser.awaitText("#config-fields .config-field[data-id='lifetime'] .field-error", t -> !t.isEmpty(), WAIT);
            assertTrue(error, error.contains("whole number"));
            assertTrue(browser.text("#config-result").startsWith("Not saved"));
            assertEquals(original, Files.readString(serverFile, StandardCharsets.UTF_8));

            // the server checks too: a Short Server ID out of its metatype range, sent directly, is refused naming the field
            JsonNode refused = browser.script("return fetch('/api/config/' + encodeURIComponent(arguments[0]), {method: 'PUT',"
                    + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({values: {'short.server.id': '0'}})})"
                    + ".then(r => r.json().then(b => ({status: r.status, body: b})))", instancePid(api));
            assertEquals(refused.toString(), 400, refused.path("status").asInt());
            assertTrue(refused.toString(), refused.path("body").path("fields").path("short.server.id").asText().contains("at least 1"));
            assertEquals(original, Files.readString(serverFile, StandardCharsets.UTF_8));

            // a valid lifetime: saved to the file in etc/, applied, and the local server sees it
            browser.type(lifetime, "600");
            browser.click("#config-save", WAIT);
            String saved = browser.awaitText("#config-result", t -> t.startsWith("saved") || t.startsWith("Not saved"), WAIT);
            assertTrue(saved, saved.startsWith("saved to etc-demo/io.lightgate.lwm2m.server-local.cfg and applied"));
            String written = Files.readString(serverFile, StandardCharsets.UTF_8);
            assertEquals(original.replace("lifetime = 300", "lifetime = 600"), written);
            assertTrue("the endpoint registers again with lifetime 600",
                    GatewayTestSupport.holdsWithin(WAIT, () -> lifetime(api) == 600));
            assertFalse(Files.exists(serverFile.resolveSibling(".io.lightgate.lwm2m.server-local.cfg.part")));
            // FileInstall did not write the configuration back over the file (felix.fileinstall.enableConfigSave=false)
            assertEquals(written, Files.readString(serverFile, StandardCharsets.UTF_8));
            assertTrue(browser.text("#config-form-result").startsWith("saved to etc-demo/"));
            browser.script("document.querySelector('#config-panel').scrollIntoView()");
            browser.screenshot(Path.of("target", "console-config.png"));

            // a new factory instance: a required setting left out is named, then it is created in etc/ and deleted again
            Path second = workDir.resolve("etc-demo").resolve("io.lightgate.lwm2m.server-second.cfg");
            HttpResponse<String> missing = send("POST", api + "config/io.lightgate.lwm2m.server", "{\"name\": \"second\", \"values\": {}}");
            assertEquals(missing.body(), 400, missing.statusCode());
            assertEquals("is required", JSON.readTree(missing.body()).path("fields").path("uri").asText());
            assertFalse(Files.exists(second));
            String uri = original.lines().filter(l -> l.startsWith("uri")).map(l -> l.substring(l.indexOf('=') + 1).strip()).findFirst().orElseThrow();
            HttpResponse<String> created = send("POST", api + "config/io.lightgate.lwm2m.server", "{\"name\": \"second\", \"values\": {\"uri\": \""
                    + uri + "\", \"short.server.id\": \"2\", \"default.server\": \"false\"}}");
            assertEquals(created.body(), 201, created.statusCode());
            assertEquals("uri = " + uri + "\nshort.server.id = 2\ndefault.server = false\n", Files.readString(second, StandardCharsets.UTF_8));
            String secondPid = JSON.readTree(created.body()).path("pid").asText();
            HttpResponse<String> deleted = send("DELETE", api + "config/" + java.net.URLEncoder.encode(secondPid, StandardCharsets.UTF_8), null);
            assertEquals(deleted.body(), 200, deleted.statusCode());
            assertFalse(Files.exists(second));

            // a phone-sized screen: the form in one column
            browser.windowSize(390, 844);
            browser.script("document.querySelector('#config-panel').scrollIntoView()");
            browser.screenshot(Path.of("target", "console-config-phone.png"));
        }
    }

    /**
     * The console's own settings restart the console's components when they apply: the request that
     * saved them is still answered (saved and applied), and the console answers again, with the new value.
     */
    @Test
    public void theConsolesOwnSettingsAreAnsweredThenTheConsoleComesBackWithThem() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(workDir, "-Dlightgate.etc=etc-demo", "-Dlightgate.endpoint=" + ENDPOINT)) {
            String announced = gateway.awaitLine("Web console: ", WAIT);
            String api = announced.substring(announced.indexOf("http://"), announced.indexOf("console/")) + "api/";
            assertTrue("the console answers, the history at its default", GatewayTestSupport.holdsWithin(WAIT, () -> historyMinutes(api) == 0));

            HttpResponse<String> saved = send("PUT", api + "config/io.lightgate.console", "{\"values\": {\"history.minutes\": \"30\"}}");
            assertEquals(saved.body(), 200, saved.statusCode());
            JsonNode body = JSON.readTree(saved.body());
            assertTrue(body.toString(), body.path("applied").asBoolean() && body.path("message").asText().contains("and applied"));
            assertTrue(Files.readString(workDir.resolve("etc-demo").resolve("io.lightgate.console.cfg"), StandardCharsets.UTF_8)
                    .contains("history.minutes = 30"));
            assertTrue("the console answers again, with the new value",
                    GatewayTestSupport.holdsWithin(WAIT, () -> historyMinutes(api) == 30));
        }
    }

    /** The console's history.minutes as etc/ sets it; 0 where no file sets it (the default), -1 while the console does not answer. */
    private static long historyMinutes(String api) {
        try {
            JsonNode value = get(api + "config/io.lightgate.console").path("values").path("history.minutes");
            return value.isArray() ? value.path(0).asLong(-1) : 0;
        } catch (IOException | InterruptedException | AssertionError e) {
            return -1;
        }
    }

    private static String instancePid(String api) throws IOException, InterruptedException {
        JsonNode factory = get(api + "config/io.lightgate.lwm2m.server");
        for (JsonNode instance : factory.path("instances")) {
            if (instance.path("name").asText().equals("local")) {
                return instance.path("pid").asText();
            }
        }
        throw new AssertionError("no instance 'local' in " + factory);
    }

    /** The lifetime the local server has for the gateway's endpoint; -1 while it is not registered. */
    private static long lifetime(String api) {
        try {
            JsonNode client = get(api + "clients/" + ENDPOINT).path("client");
            return client.path("lifetimeSeconds").asLong(-1);
        } catch (IOException | InterruptedException | AssertionError e) {
            return -1;
        }
    }

    private static HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(url + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
