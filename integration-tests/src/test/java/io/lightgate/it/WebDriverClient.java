/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A headless Chromium driven through ChromeDriver's W3C WebDriver protocol (plain HTTP + JSON):
 * open a page, click elements, read text, take a screenshot. Enough for the console's browser
 * test without a Selenium dependency.
 */
final class WebDriverClient implements AutoCloseable {

    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String session;

    private WebDriverClient(Process driver, String base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    /** Starts chromedriver on a free loopback port and opens a headless Chromium session. */
    static WebDriverClient start(Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(log.getParent());
        Process driver = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String base = "http://127.0.0.1:" + port;
        HttpClient probe = HttpClient.newHttpClient();
        boolean ready = GatewayTestSupport.holdsWithin(Duration.ofSeconds(20), () -> {
            if (!driver.isAlive()) {
                throw new IllegalStateException("chromedriver exited; see " + log);
            }
            try {
                HttpResponse<String> status = probe.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(), HttpResponse.BodyHandlers.ofString());
                return status.statusCode() == 200 && JSON.readTree(status.body()).path("value").path("ready").asBoolean();
            } catch (IOException e) {
                return false; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // ends the poll at its next pause
                return false;
            }
        });
        if (!ready) {
            driver.destroyForcibly();
            throw new IllegalStateException("chromedriver did not start within 20 s; see " + log);
        }
        ObjectNode capabilities = JSON.createObjectNode();
        ObjectNode chrome = capabilities.putObject("capabilities").putObject("alwaysMatch").putObject("goog:chromeOptions");
        chrome.put("binary", "/usr/bin/chromium");
        ArrayNode args = chrome.putArray("args");
        for (String arg : new String[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900" }) {
            args.add(arg);
        }
        JsonNode created = call(probe, "POST", base + "/session", capabilities);
        return new WebDriverClient(driver, base, created.path("value").path("sessionId").asText());
    }

    private static JsonNode call(HttpClient http, String method, String url, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").method(method, publisher).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + url + " failed: " + response.statusCode() + " " + answer);
        }
        return answer;
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return call(http, method, base + "/session/" + session + path, body).path("value");
    }

    void open(String url) throws IOException, InterruptedException {
        call("POST", "/url", JSON.createObjectNode().put("url", url));
    }

    /** Runs JavaScript in the page and answers its return value. */
    JsonNode script(String script, Object... args) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        ArrayNode array = body.putArray("args");
        for (Object a : args) {
            array.addPOJO(a);
        }
        return call("POST", "/execute/sync", body);
    }

    /** The text of the first element matching the CSS selector, or null when there is none. */
    String text(String css) throws IOException, InterruptedException {
        JsonNode value = script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
        return value.isNull() ? null : value.asText();
    }

    /** Chooses a file in an {@code <input type="file">}, as a user picking it would. */
    void chooseFile(String css, Path file) throws IOException, InterruptedException {
        JsonNode element = call("POST", "/element", JSON.createObjectNode().put("using", "css selector").put("value", css));
        call("POST", "/element/" + element.path(ELEMENT).asText() + "/value", JSON.createObjectNode().put("text", file.toAbsolutePath().toString()));
    }

    /** Sets the browser window's size in CSS pixels (e.g. a phone's 390 x 844). */
    void windowSize(int width, int height) throws IOException, InterruptedException {
        call("POST", "/window/rect", JSON.createObjectNode().put("width", width).put("height", height));
    }

    /** Waits (bounded) until the text of the selector satisfies the predicate; answers it. */
    String awaitText(String css, Predicate<String> done, Duration timeout) throws IOException, InterruptedException {
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<IOException> failed = new java.util.concurrent.atomic.AtomicReference<>();
        boolean shown = GatewayTestSupport.holdsWithin(timeout, () -> {
            try {
                last.set(text(css));
            } catch (IOException e) {
                failed.set(e); // the browser session broke: stop polling
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // ends the poll at its next pause
                return false;
            }
            return last.get() != null && done.test(last.get());
        });
        if (failed.get() != null) {
            throw failed.get();
        }
        if (!shown) {
            throw new AssertionError("'" + css + "' did not show the expected text within " + timeout + "; last: " + last.get());
        }
        return last.get();
    }

    /** Clicks the first element matching the selector, as a user would (waits for it, bounded). */
    void click(String css, Duration timeout) throws IOException, InterruptedException {
        // the page re-renders lists when server events arrive: an element found a moment ago may be
        // replaced before the click reaches it, so find it again (bounded)
        for (int attempt = 1;; attempt++) {
            awaitText(css, t -> true, timeout);
            JsonNode element = call("POST", "/element", JSON.createObjectNode().put("using", "css selector").put("value", css));
            try {
                call("POST", "/element/" + element.path(ELEMENT).asText() + "/click", JSON.createObjectNode());
                return;
            } catch (IllegalStateException e) {
                if (attempt >= 5 || !e.getMessage().contains("stale element reference")) {
                    throw e;
                }
            }
        }
    }

    /** Types into an input (after clearing it). */
    void type(String css, String text) throws IOException, InterruptedException {
        JsonNode element = call("POST", "/element", JSON.createObjectNode().put("using", "css selector").put("value", css));
        String id = element.path(ELEMENT).asText();
        call("POST", "/element/" + id + "/clear", JSON.createObjectNode());
        call("POST", "/element/" + id + "/value", JSON.createObjectNode().put("text", text));
    }

    void screenshot(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(call("GET", "/screenshot", null).asText()));
    }

    @Override
    public void close() {
        try {
            call("DELETE", "", null);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the browser may already be gone
        }
        driver.destroy();
        try {
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            driver.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
