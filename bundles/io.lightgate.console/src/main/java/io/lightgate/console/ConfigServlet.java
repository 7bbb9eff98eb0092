/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /api/config: the gateway's configuration, a form per PID from the metatype. A change is checked
 * against the metatype and written to the etc/ file (FileInstall then applies it), so etc/ stays the
 * source of truth: the answer comes once ConfigurationAdmin holds the new values (200), or after a
 * bounded wait with what to expect (202).
 */
@Component(service = Servlet.class, immediate = true)
@HttpWhiteboardServletPattern({ "/api/config", "/api/config/*" })
@HttpWhiteboardContextSelect(ConsoleContext.SELECT)
public final class ConfigServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConfigServlet.class);
    /** FileInstall polls etc/ every 250 ms; a component may take a moment to take the change. */
    private static final long WAIT_MS = 10_000;
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]*";

    private final transient ConfigForms forms;

    @Activate
    public ConfigServlet(BundleContext context, @Reference MetaTypeService metatype, @Reference ConfigurationAdmin configurationAdmin) {
        this.forms = new ConfigForms(context, metatype, configurationAdmin);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String info = request.getPathInfo();
        String pid = info == null || info.equals("/") ? "" : info.substring(1);
        String method = request.getMethod();
        try {
            if (pid.isEmpty() && method.equals("GET")) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("etc", forms.etc().toString());
                body.put("configurations", forms.describeAll());
                Json.write(response, 200, body);
            } else if (!pid.isEmpty() && !pid.contains("/") && method.equals("GET")) {
                get(pid, response);
            } else if (!pid.isEmpty() && !pid.contains("/") && method.equals("PUT")) {
                update(pid, Json.body(request), response);
            } else if (!pid.isEmpty() && !pid.contains("/") && method.equals("POST")) {
                create(pid, Json.body(request), response);
            } else if (!pid.isEmpty() && !pid.contains("/") && method.equals("DELETE")) {
                delete(pid, response);
            } else {
                ApiErrors.send(response, 404, "not-found", "No API operation " + method + " /api/config" + (info == null ? "" : info)
                        + " (see /console/openapi.yaml)");
            }
        } catch (IllegalArgumentException e) {
            ApiErrors.send(response, 400, "bad-request", e.getMessage());
        }
    }

    private void get(String pid, HttpServletResponse response) throws IOException {
        Optional<ConfigForms.Form> form = forms.form(pid);
        if (form.isPresent()) {
            Json.write(response, 200, forms.describe(form.get()));
            return;
        }
        Optional<Instance> instance = instance(pid);
        if (instance.isEmpty()) {
            unknown(pid, response);
            return;
        }
        Map<String, Object> body = forms.describe(instance.get().form());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> instances = (List<Map<String, Object>>) body.remove("instances");
        body.put("instance", instances.stream().filter(i -> pid.equals(i.get("pid"))).findFirst().orElse(null));
        Json.write(response, 200, body);
    }

    /** A factory instance: its configuration and its factory's form. */
    private record Instance(ConfigForms.Form form, Configuration configuration) {
    }

    private Optional<Instance> instance(String pid) {
        return forms.configuration(pid).filter(c -> c.getFactoryPid() != null)
                .flatMap(c -> forms.form(c.getFactoryPid()).filter(ConfigForms.Form::factory).map(f -> new Instance(f, c)));
    }

    private static void unknown(String pid, HttpServletResponse response) throws IOException {
        ApiErrors.send(response, 404, "unknown-configuration", "No configurable component or factory instance with PID " + pid
                + " (GET /api/config lists them)");
    }

    // PUT /api/config/{pid} {"values": {"id": "text" | ["a", "b"] | null}}
    private void update(String pid, ObjectNode body, HttpServletResponse response) throws IOException {
        Optional<ConfigForms.Form> singleton = forms.form(pid);
        ConfigForms.Form form;
        Configuration configuration;
        if (singleton.isPresent()) {
            form = singleton.get();
            if (form.factory()) {
                ApiErrors.send(response, 405, "factory", pid + " is a factory: POST /api/config/" + pid
                        + " {\"name\": ..., \"values\": {...}} creates an instance; PUT /api/config/{instance pid} changes one");
                return;
            }
            configuration = forms.configuration(pid).orElse(null);
        } else {
            Optional<Instance> instance = instance(pid);
            if (instance.isEmpty()) {
                unknown(pid, response);
                return;
            }
            form = instance.get().form();
            configuration = instance.get().configuration();
        }
        Path file = configuration == null ? null : ConfigForms.file(configuration).orElse(null);
        if (file == null) {
            if (configuration != null && configuration.getFactoryPid() != null) {
                ApiErrors.send(response, 409, "not-from-etc", pid + " was not created from a file in etc/, so the console cannot"
                        + " change it there; create a new instance instead");
                return;
            }
            file = forms.etc().resolve(pid + ".cfg");
        }
        write(form, pid, file, changes(form, body), false, response);
    }

    // POST /api/config/{factoryPid} {"name": "line2", "values": {...}}
    private void create(String factoryPid, ObjectNode body, HttpServletResponse response) throws IOException {
        Optional<ConfigForms.Form> form = forms.form(factoryPid).filter(ConfigForms.Form::factory);
        if (form.isEmpty()) {
            ApiErrors.send(response, 404, "unknown-factory", "No factory PID " + factoryPid + " (GET /api/config lists them)");
            return;
        }
        String name = body.path("name").asText("").strip();
        if (!name.matches(NAME)) {
            invalid(response, Map.of("name", "must be letters, digits, '.', '_' or '-' (it names the file "
                    + factoryPid + "-<name>.cfg)"));
            return;
        }
        Path file = forms.etc().resolve(factoryPid + "-" + name + ".cfg");
        if (Files.exists(file)) {
            ApiErrors.send(response, 409, "exists", forms.shown(file) + " exists already: change that instance instead");
            return;
        }
        write(form.get(), null, file, changes(form.get(), body), true, response);
    }

    // DELETE /api/config/{pid}: a factory instance's file goes, so FileInstall deletes the configuration
    private void delete(String pid, HttpServletResponse response) throws IOException {
        Optional<Instance> instance = instance(pid);
        if (instance.isEmpty()) {
            if (forms.form(pid).isPresent()) {
                ApiErrors.send(response, 409, "not-an-instance", pid + " is not a factory instance; only those are deleted here");
            } else {
                unknown(pid, response);
            }
            return;
        }
        Optional<Path> file = ConfigForms.file(instance.get().configuration());
        if (file.isEmpty()) {
            ApiErrors.send(response, 409, "not-from-etc", pid + " does not come from a file in etc/");
            return;
        }
        Files.deleteIfExists(file.get());
        LOG.info("Console: deleted {} ({}); FileInstall removes the configuration", forms.shown(file.get()), pid);
        boolean gone = await(() -> forms.configuration(pid).isEmpty());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pid", pid);
        body.put("file", forms.shown(file.get()));
        body.put("message", gone ? "deleted " + forms.shown(file.get())
                : "deleted " + forms.shown(file.get()) + "; FileInstall removes the configuration at its next scan");
        Json.write(response, gone ? 200 : 202, body);
    }

    /** The requested changes: id to values; null removes the setting; a secret left out or null stays as it is. */
    private static Map<String, List<String>> changes(ConfigForms.Form form, ObjectNode body) {
        JsonNode values = body.get("values");
        if (values == null || !values.isObject()) {
            throw new IllegalArgumentException("the body needs \"values\": {\"<attribute id>\": \"<value>\" | [..] | null}");
        }
        Map<String, List<String>> changes = new LinkedHashMap<>();
        values.fields().forEachRemaining(e -> {
            Optional<AttributeDefinition> ad = form.attribute(e.getKey());
            JsonNode v = e.getValue();
            if (v == null || v.isNull()) {
                if (ad.isEmpty() || !ConfigForms.secret(ad.get())) {
                    changes.put(e.getKey(), null);
                }
                return;
            }
            List<String> list = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(item -> list.add(item.asText()));
            } else if (v.isContainerNode()) {
                throw new IllegalArgumentException(e.getKey() + ": a value is text, a number, true/false or a list of them");
            } else {
                list.add(v.asText());
            }
            boolean text = ad.isPresent() && (ad.get().getType() == AttributeDefinition.STRING || ad.get().getType() == AttributeDefinition.PASSWORD);
            // an empty field of a number or a boolean, or an empty list: back to the default
            List<String> kept = text ? list : list.stream().filter(s -> !s.isBlank()).toList();
            changes.put(e.getKey(), kept.isEmpty() || (v.isArray() && list.isEmpty()) ? null : kept);
        });
        return changes;
    }

    private void write(ConfigForms.Form form, String pid, Path file, Map<String, List<String>> changes, boolean create,
            HttpServletResponse response) throws IOException {
        String before = Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        CfgFile cfg = CfgFile.parse(before);
        Set<String> present = new HashSet<>(cfg.keys());
        Map<String, String> problems = ConfigForms.problems(form, changes, present);
        if (!problems.isEmpty()) {
            invalid(response, problems);
            return;
        }
        String after = cfg.with(changes);
        if (!after.equals(before)) {
            Files.createDirectories(file.getParent());
            // written next to the file under a name FileInstall ignores, then moved into place in one step
            Path part = file.resolveSibling("." + file.getFileName() + ".part");
            Files.writeString(part, after, StandardCharsets.ISO_8859_1);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Console: {} written ({}: {}); FileInstall applies it", forms.shown(file), pid == null ? form.pid() : pid,
                    String.join(", ", changes.keySet()));
        }
        String[] applied = { pid };
        boolean done = await(() -> {
            Optional<Configuration> c = pid != null ? forms.configuration(pid)
                    : forms.instances(form.pid()).stream().filter(i -> ConfigForms.file(i).filter(file::equals).isPresent()).findFirst();
            Dictionary<String, Object> properties = c.map(Configuration::getProperties).orElse(null);
            c.ifPresent(x -> applied[0] = x.getPid());
            return properties != null && ConfigForms.applied(properties, changes)
                    && ConfigForms.file(c.get()).filter(file::equals).isPresent();
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pid", applied[0]);
        body.put("file", forms.shown(file));
        body.put("applied", done);
        body.put("message", done ? "saved to " + forms.shown(file) + " and applied"
                : "saved to " + forms.shown(file) + "; FileInstall applies it at its next scan (if it does not, the gateway's log says why)");
        Json.write(response, done ? (create ? 201 : 200) : 202, body);
    }

    private static void invalid(HttpServletResponse response, Map<String, String> problems) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 400);
        body.put("error", "invalid");
        StringBuilder message = new StringBuilder("Nothing was written: ");
        problems.forEach((id, p) -> message.append(id).append(' ').append(p).append("; "));
        body.put("message", message.substring(0, message.length() - 2));
        body.put("fields", problems);
        Json.write(response, 400, body);
    }

    private static boolean await(BooleanSupplier condition) {
        return BoundedWait.until(condition, WAIT_MS);
    }
}
