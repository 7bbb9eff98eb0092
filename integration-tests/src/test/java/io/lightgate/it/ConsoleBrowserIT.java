/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The demo as a newcomer sees it: the exported gateway.jar started with etc/demo, the web console
 * opened in a real (headless) Chromium. The endpoint list shows the gateway, a Read shows a value,
 * an observed value changes on the page without a reload, and the page picks up again after the
 * gateway restarts. Chromium and ChromeDriver (Debian packages) are installed by
 * scripts/install-browser.sh when missing.
 */
public class ConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ENDPOINT = "browser-demo";

    private Path workDir;
    private DemoFolder demo;

    @BeforeClass
    public static void installBrowser() throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"))) {
            return;
        }
        Path script = Path.of(System.getProperty("basedir", "."), "scripts", "install-browser.sh");
        System.out.println("Installing Chromium and ChromeDriver with " + script + " (Debian packages)");
        Process install = new ProcessBuilder("bash", script.toString()).inheritIO().start();
        if (!install.waitFor(15, TimeUnit.MINUTES)) {
            install.destroyForcibly();
            throw new AssertionError(script + " did not finish within 15 minutes");
        }
        assertEquals(script + " failed: the browser test needs Debian's chromium and chromium-driver (root or sudo -n)", 0, install.exitValue());
    }

    @Before
    public void setUp() throws IOException {
        workDir = Path.of("target", "it", "console-browser").toAbsolutePath();
        if (Files.exists(workDir)) {
            try (Stream<Path> walk = Files.walk(workDir)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        demo = new DemoFolder().copyTo(workDir.resolve("etc-demo"));
    }

    private GatewayProcess startDemo() throws IOException {
        return GatewayProcess.start(workDir, "-Dlightgate.etc=etc-demo", "-Dlightgate.endpoint=" + ENDPOINT);
    }

    @After
    public void tearDown() {
        // processes are closed by try-with-resources in the test
    }

    /** What the page and the gateway showed when the endpoint was not listed, so a CI failure says why. */
    private static AssertionError explained(AssertionError failure, WebDriverClient browser, GatewayProcess gateway) {
        StringBuilder why = new StringBuilder(failure.getMessage());
        try {
            why.append("\npage #status: ").append(browser.text("#status"));
            why.append("\npage #clients: ").append(browser.script("return document.querySelector('#clients')?.outerHTML ?? 'absent'"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            why.append("\npage not readable: ").append(e);
        }
        why.append("\ngateway log (registrations, warnings, errors):");
        gateway.lines().stream().filter(l -> l.contains(ENDPOINT) || l.contains("WARN") || l.contains("ERROR")).limit(80)
                .forEach(l -> why.append("\n  ").append(l));
        if (gateway.lines().stream().noneMatch(l -> l.contains("'" + ENDPOINT + "' registered with"))) {
            why.append("\nthe endpoint never registered; the gateway's threads:\n").append(gateway.threadDump());
        }
        return new AssertionError(why.toString(), failure);
    }

    /**
     * The overview a newcomer lands on: a card per demo endpoint whose key values (with units) change
     * without a reload, and a chart of one value that starts from the gateway's kept history and grows.
     * Screenshots at desktop and phone width.
     */
    @Test
    public void overviewShowsTheShopFloorChangingAndCharts() throws Exception {
        try (GatewayProcess gateway = startDemo(); WebDriverClient browser = WebDriverClient.start(workDir.resolve("chromedriver.log"))) {
            String announced = gateway.awaitLine("Web console: ", WAIT);
            String console = announced.substring(announced.indexOf("http://"), announced.indexOf("console/") + "console/".length());
            browser.open(console);

            // the meter's and the shop floor's key values, with units from the models, change on the page
            for (String endpoint : new String[] { "meter-demo", "shopfloor" }) {
                String keys = "#cards .card[data-endpoint='" + endpoint + "'] table.keys";
                String first;
                try {
                    first = browser.awaitText(keys, t -> !t.isEmpty(), WAIT);
                } catch (AssertionError e) {
                    throw explained(e, browser, gateway);
                }
                String changed = browser.awaitText(keys, t -> !t.isEmpty() && !t.equals(first), WAIT);
                assertNotEquals(first, changed);
            }
            String power = "#cards .card[data-endpoint='meter-demo'] tr[data-path='/3305/0/5800']";
            assertEquals("W", browser.awaitText(power + " td.units", t -> !t.isEmpty(), WAIT));
            String oven = "#cards .card[data-endpoint='shopfloor'] tr[data-path='/3303/0/5700']";
            browser.awaitText(oven + " td.value", t -> !t.isEmpty(), WAIT);
            assertTrue(browser.text("#cards .card[data-endpoint='shopfloor'] .state").equals("registered"));
            // local-server clients that are also the gateway's own endpoints: one card each, not a second from the registry
            for (String endpoint : new String[] { "meter-demo", "shopfloor", ENDPOINT }) {
                assertEquals(endpoint, 1, browser.script("return document.querySelectorAll(arguments[0]).length",
                        "#cards .card[data-endpoint='" + endpoint + "']").asInt());
            }

            // the gateway kept the power's history before the chart was opened
            String history = http(console.replace("/console/", "/api/history/meter-demo/3305/0/5800"));
            assertTrue(history, history.contains("\"units\":\"W\"") && history.contains("\"points\":[["));

            // the chart opens with those points and gets more as the meter is polled
            browser.click(power, WAIT);
            String meta = browser.awaitText("#chart-meta", t -> points(t) >= 1, WAIT);
            int opened = points(meta);
            browser.awaitText("#chart-meta", t -> points(t) > opened, WAIT);
            assertTrue(browser.text("#chart-title").contains("Instantaneous active power [W]"));
            browser.screenshot(Path.of("target", "console-overview.png"));

            // a phone-sized screen: one column, the chart as wide as the screen
            browser.windowSize(390, 844);
            browser.script("document.querySelector('#chart-panel').scrollIntoView()");
            browser.awaitText("#chart-meta", t -> points(t) > opened, WAIT);
            browser.screenshot(Path.of("target", "console-overview-phone.png"));
        }
    }

    /**
     * The gateway page: the gateway's registration with the demo's local server, and a bundle (the
     * extension kit's template, object 3320) installed from an uploaded jar: it lands in load/, appears
     * in the list and as an object in the endpoint's tree, is stopped and started, and uninstalled.
     */
    @Test
    public void gatewayPageShowsRegistrationsAndInstallsAndUninstallsABundle() throws Exception {
        Path template = Path.of(System.getProperty("lightgate.example.objectbundle"));
        assertTrue("the template bundle is built before the integration tests: " + template, Files.isRegularFile(template));
        Files.createDirectories(workDir.resolve("load")); // the repository's load/, in the test's working directory
        try (GatewayProcess gateway = startDemo(); WebDriverClient browser = WebDriverClient.start(workDir.resolve("chromedriver.log"))) {
            String announced = gateway.awaitLine("Web console: ", WAIT);
            String console = announced.substring(announced.indexOf("http://"), announced.indexOf("console/") + "console/".length());
            browser.open(console + "#gateway");

            // the northbound registration of the gateway's endpoint
            String registration = "#servers tbody tr[data-endpoint='" + ENDPOINT + "']";
            try {
                browser.awaitText(registration + " td.state-cell", t -> t.startsWith("REGISTERED"), WAIT);
            } catch (AssertionError e) {
                throw explained(e, browser, gateway);
            }
            assertTrue(browser.text(registration).contains("coap://127.0.0.1:" + demo.port(5683)));

            // install: the jar lands in load/ and the bundle appears, active
            browser.chooseFile("#bundle-file", template);
            browser.click("#bundle-upload", WAIT);
            browser.awaitText("#bundle-result", t -> t.contains("installed"), WAIT);
            String row = "#bundles tbody tr[data-symbolic-name='example.objects.heap']";
            assertEquals("ACTIVE", browser.awaitText(row + " td.bundle-state", t -> t.equals("ACTIVE"), WAIT));
            assertTrue(Files.isRegularFile(workDir.resolve("load").resolve("example.objects.heap.jar")));
            browser.screenshot(Path.of("target", "console-gateway.png"));

            // its object joins the gateway's endpoint
            browser.click("#tab-endpoints", WAIT);
            browser.click("#clients li[data-endpoint='" + ENDPOINT + "']", WAIT);
            browser.awaitText("#instances button[data-path='/3320/0']", t -> t.equals("/3320/0"), WAIT);

            // stop and start it from its row
            browser.click("#tab-gateway", WAIT);
            browser.click(row + " button.stop", WAIT);
            browser.awaitText(row + " td.bundle-state", t -> t.equals("RESOLVED"), WAIT);
            browser.click(row + " button.start", WAIT);
            browser.awaitText(row + " td.bundle-state", t -> t.equals("ACTIVE"), WAIT);

            // uninstall: gone from the list, from load/ and from the endpoint's tree
            browser.click(row + " button.uninstall", WAIT);
            browser.awaitText("#bundle-result", t -> t.contains("uninstalled"), WAIT);
            // the list is reloaded after the answer (and its feedback) arrived: wait for it, bounded
            assertTrue("the uninstalled bundle's row leaves the list", GatewayTestSupport.holdsWithin(WAIT, () -> {
                try {
                    return browser.script("return document.querySelector(arguments[0]) ? 'present' : 'absent'", row).asText().equals("absent");
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }));
            assertTrue(Files.notExists(workDir.resolve("load").resolve("example.objects.heap.jar")));
            browser.click("#tab-endpoints", WAIT);
            browser.awaitText("#instances", t -> !t.contains("/3320/0"), WAIT);

            // a bundle that cannot be uninstalled here says why
            String refused = browser.script("return fetch('/api/gateway/bundles/1', {method: 'DELETE'}).then(r => r.status + ' ' + r.statusText)")
                    .asText();
            assertTrue(refused, refused.startsWith("409"));
        }
    }

    /**
     * Without the local LwM2M server (and without a northbound server), the overview still shows the
     * gateway's own endpoints, read from the registry: the shop floor and the meter with their
     * adapters' source state and key values that change, the gateway's endpoint as unregistered;
     * one card each.
     */
    @Test
    public void withoutTheLocalServerTheOverviewShowsTheGatewaysOwnEndpointsFromTheRegistry() throws Exception {
        Files.delete(workDir.resolve("etc-demo").resolve("io.lightgate.server.cfg"));
        Files.delete(workDir.resolve("etc-demo").resolve("io.lightgate.lwm2m.server-local.cfg"));
        try (GatewayProcess gateway = startDemo(); WebDriverClient browser = WebDriverClient.start(workDir.resolve("chromedriver.log"))) {
            String announced = gateway.awaitLine("Web console: ", WAIT);
            String console = announced.substring(announced.indexOf("http://"), announced.indexOf("console/") + "console/".length());
            browser.open(console);
            for (String endpoint : new String[] { "meter-demo", "shopfloor" }) {
                String card = "#cards .card[data-endpoint='" + endpoint + "']";
                String first;
                try {
                    browser.awaitText(card + " .state", t -> t.equals("source connected"), WAIT);
                    first = browser.awaitText(card + " table.keys", t -> !t.isEmpty(), WAIT);
                } catch (AssertionError e) {
                    throw explained(e, browser, gateway);
                }
                browser.awaitText(card + " table.keys", t -> !t.isEmpty() && !t.equals(first), WAIT);
            }
            assertEquals("W", browser.awaitText("#cards .card[data-endpoint='meter-demo'] tr[data-path='/3305/0/5800'] td.units",
                    t -> !t.isEmpty(), WAIT));
            assertEquals("unregistered", browser.awaitText("#cards .card[data-endpoint='" + ENDPOINT + "'] .state", t -> !t.isEmpty(), WAIT));
            // the registry's values are kept in the history too: the meter's power charts from the gateway's points
            String history = http(console.replace("/console/", "/api/history/meter-demo/3305/0/5800"));
            assertTrue(history, history.contains("\"points\":[["));
            browser.click("#cards .card[data-endpoint='meter-demo'] tr[data-path='/3305/0/5800']", WAIT);
            String meta = browser.awaitText("#chart-meta", t -> points(t) >= 1, WAIT);
            int opened = points(meta);
            browser.awaitText("#chart-meta", t -> points(t) > opened, WAIT);
            for (String endpoint : new String[] { "meter-demo", "shopfloor", ENDPOINT }) {
                assertEquals(endpoint, 1, browser.script("return document.querySelectorAll(arguments[0]).length",
                        "#cards .card[data-endpoint='" + endpoint + "']").asInt());
            }
            browser.screenshot(Path.of("target", "console-overview-registry.png"));
        }
    }

    /**
     * The gateway page's Adapters section: the demo's OPC UA shop-floor server and meter show as
     * connected; the OPC UA simulator's bundle stopped from the page makes the shop floor show as
     * disconnected with an error and the time of the next attempt, and connected again once the
     * bundle is started.
     */
    @Test
    public void gatewayPageShowsTheAdaptersSourcesAndALostServerComingBack() throws Exception {
        try (GatewayProcess gateway = startDemo(); WebDriverClient browser = WebDriverClient.start(workDir.resolve("chromedriver.log"))) {
            String announced = gateway.awaitLine("Web console: ", WAIT);
            String console = announced.substring(announced.indexOf("http://"), announced.indexOf("console/") + "console/".length());
            browser.open(console + "#gateway");

            String shopfloor = "#adapters .adapter[data-name$='shopfloor']";
            String meter = "#adapters .adapter[data-name$='meter-demo']";
            try {
                browser.awaitText(shopfloor + " .state", t -> t.equals("connected"), WAIT);
                browser.awaitText(meter + " .state", t -> t.equals("connected"), WAIT);
            } catch (AssertionError e) {
                throw explained(e, browser, gateway);
            }
            assertTrue(browser.text(shopfloor), browser.text(shopfloor).contains("OPC UA server shopfloor"));
            assertTrue(browser.text(shopfloor), browser.text(shopfloor).contains("opc.tcp://"));
            assertTrue(browser.text(meter), browser.text(meter).contains("DLMS meter meter-demo"));
            browser.screenshot(Path.of("target", "console-adapters.png"));

            // the OPC UA server goes away: its bundle stopped from the page
            String simulator = "#bundles tbody tr[data-symbolic-name='io.lightgate.simulator.opcua']";
            browser.click(simulator + " button.stop", WAIT);
            browser.awaitText(simulator + " td.bundle-state", t -> t.equals("RESOLVED"), WAIT);
            browser.awaitText(shopfloor + " .state", t -> t.equals("disconnected"), WAIT);
            browser.awaitText(shopfloor + " .adapter-since", t -> t.contains("next attempt at"), WAIT);
            String error = browser.awaitText(shopfloor + " .adapter-error", t -> !t.isBlank(), WAIT);
            assertTrue(error, error.contains("endpoint.url") || error.contains("reconnecting"));
            assertEquals("connected", browser.text(meter + " .state"));
            browser.script("document.querySelector('#adapters-panel').scrollIntoView()");
            browser.screenshot(Path.of("target", "console-adapters-disconnected.png"));

            // back: started from the page, connected again
            browser.click(simulator + " button.start", WAIT);
            browser.awaitText(shopfloor + " .state", t -> t.equals("connected"), WAIT);
            browser.awaitText(shopfloor + " .adapter-counts", t -> t.contains("reconnects: 1"), WAIT);
            assertEquals("", browser.text(shopfloor + " .adapter-error"));
        }
    }

    /** The point count in the chart's caption ("12 points since ..."); 0 when none. */
    private static int points(String caption) {
        int space = caption.indexOf(" points");
        return space < 0 ? 0 : Integer.parseInt(caption.substring(0, space).strip());
    }

    private static String http(String url) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(url + ": " + response.body(), 200, response.statusCode());
        return response.body();
    }

    @Test
    public void consoleShowsEndpointsReadsValuesAndLiveChanges() throws Exception {
        String console;
        try (GatewayProcess gateway = startDemo(); WebDriverClient browser = WebDriverClient.start(workDir.resolve("chromedriver.log"))) {
            String announced = gateway.awaitLine("Web console: ", WAIT);
            console = announced.substring(announced.indexOf("http://"), announced.indexOf("console/") + "console/".length());
            assertEquals("http://127.0.0.1:" + demo.port(8080) + "/console/", console);
            browser.open(console);
            browser.click("#tab-endpoints", WAIT);

            // the gateway's own endpoint is listed, and its objects once chosen
            String item = "#clients li[data-endpoint='" + ENDPOINT + "']";
            try {
                browser.awaitText(item, t -> t.startsWith(ENDPOINT), WAIT);
            } catch (AssertionError e) {
                throw explained(e, browser, gateway);
            }
            // the demo's simulated meter (DLMS simulator -> DLMS adapter -> engine -> local server)
            browser.awaitText("#clients li[data-endpoint='meter-demo']", t -> t.startsWith("meter-demo"), WAIT);
            browser.click(item, WAIT);
            browser.click("#instances button[data-path='/3/0']", WAIT);
            assertEquals("Lightgate", browser.awaitText("#values tr[data-path='/3/0/0'] td.value", t -> !t.isEmpty(), WAIT));

            // a Read of one resource shows its value
            browser.click("#instances button[data-path='/3303/0']", WAIT);
            String temperature = "#values tr[data-path='/3303/0/5700']";
            browser.awaitText(temperature + " td.value", t -> !t.isEmpty(), WAIT);
            browser.script("document.querySelector(arguments[0]).textContent = ''", temperature + " td.value");
            browser.click(temperature + " button.read", WAIT);
            String read = browser.awaitText(temperature + " td.value", t -> !t.isEmpty(), WAIT);
            Double.parseDouble(read);

            // observe: the value changes on the page without a reload
            browser.click(temperature + " button.observe", WAIT);
            String live = "#live tbody tr[data-key='" + ENDPOINT + " /3303/0/5700'] td.value";
            String first = browser.awaitText(live, t -> !t.isEmpty(), WAIT);
            String changed = browser.awaitText(live, t -> !t.isEmpty() && !t.equals(first), WAIT);
            assertNotEquals(first, changed);
            assertEquals("events: live", browser.text("#stream-state"));
            browser.screenshot(Path.of("target", "console-screenshot.png"));

            // the meter: Execute its energy reset from the row
            browser.click("#clients li[data-endpoint='meter-demo']", WAIT);
            browser.click("#instances button[data-path='/3331/0']", WAIT);
            browser.click("#values tr[data-path='/3331/0/5822'] button.execute", WAIT);
            browser.awaitText("#result", t -> t.contains("\"executed\": true"), WAIT);
            // the gateway's temperature: Write its application type from the form, Read it back
            browser.click(item, WAIT);
            browser.type("#path", "/3303/0/5750");
            browser.type("#value", "Hall 3 feeder");
            browser.click("#write", WAIT);
            browser.awaitText("#result", t -> t.contains("Hall 3 feeder"), WAIT);
            browser.click("#read", WAIT);
            browser.awaitText("#result", t -> t.contains("\"value\": \"Hall 3 feeder\""), WAIT);

            // the gateway restarts: the page notices, reconnects and lists the endpoint again
            assertTrue("gateway stopped on SIGTERM", gateway.stop(WAIT));
            browser.awaitText("#stream-state", t -> t.contains("reconnecting"), WAIT);
            try (GatewayProcess again = startDemo()) {
                again.awaitLine("Web console: ", WAIT);
                browser.awaitText("#stream-state", t -> t.equals("events: live"), WAIT);
                browser.awaitText(item, t -> t.startsWith(ENDPOINT), WAIT);
                assertTrue(browser.text("#status").contains("listening on coap://127.0.0.1:" + demo.port(5683)));
            }
        }
    }
}
