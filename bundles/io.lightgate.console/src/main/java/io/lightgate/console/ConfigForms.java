/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.console;

import io.lightgate.api.ConfigurationOrigin;
import io.lightgate.api.GatewayFolder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The configurable components of the gateway, as the metatype service describes them (every
 * bundle's OSGI-INF/metatype), with their current values from ConfigurationAdmin and the etc/ file
 * each came from. Secrets are never given out.
 */
final class ConfigForms {

    /**
     * A setting named for a secret (psk.key, x509.password): the last part of its name says so. Not
     * the files and folders that hold secrets (psk.key.file, rpk.keys.folder), which are paths.
     */
    private static final Pattern SECRET_ID = Pattern.compile("(?i)(.*[._-])?(password|passphrase|secret|key|token)");

    /** One metatype definition: a singleton PID or a factory PID. */
    record Form(String pid, boolean factory, Bundle bundle, ObjectClassDefinition ocd, Map<String, MetatypeRanges.Range> ranges) {

        List<AttributeDefinition> attributes() {
            AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            return all == null ? List.of() : List.of(all);
        }

        Optional<AttributeDefinition> attribute(String id) {
            return attributes().stream().filter(ad -> ad.getID().equals(id)).findFirst();
        }

        /**
         * A setting that must be given: required by the metatype, without a default, and single-valued
         * (bnd writes no default for an empty list default, and an empty list is a value).
         */
        boolean required(AttributeDefinition ad) {
            String[] defaults = ad.getDefaultValue();
            if (ad.getCardinality() != 0 || (defaults != null && defaults.length > 0)) {
                return false;
            }
            AttributeDefinition[] required = ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
            return required != null && Arrays.stream(required).anyMatch(r -> r.getID().equals(ad.getID()));
        }

        MetatypeRanges.Range range(AttributeDefinition ad) {
            return ranges.getOrDefault(ad.getID(), MetatypeRanges.Range.NONE);
        }
    }

    private final BundleContext context;
    private final MetaTypeService metatype;
    private final ConfigurationAdmin configurationAdmin;
    private final Path etc;
    private final String etcName;

    ConfigForms(BundleContext context, MetaTypeService metatype, ConfigurationAdmin configurationAdmin) {
        this.context = context;
        this.metatype = metatype;
        this.configurationAdmin = configurationAdmin;
        String configured = context.getProperty(GatewayFolder.ETC.property());
        this.etcName = configured == null || configured.isBlank() ? GatewayFolder.ETC.defaultName() : configured.strip();
        this.etc = GatewayFolder.ETC.path(configured);
    }

    Path etc() {
        return etc;
    }

    /** How a file is named in messages: the etc folder as configured, then the file's name. */
    String shown(Path file) {
        return file.getParent() != null && file.getParent().equals(etc) ? etcName + "/" + file.getFileName() : file.toString();
    }

    static boolean secret(AttributeDefinition ad) {
        return ad.getType() == AttributeDefinition.PASSWORD || SECRET_ID.matcher(ad.getID()).matches();
    }

    /** Every metatype definition of every bundle, by PID (singleton and factory ones), sorted by PID. */
    List<Form> forms() {
        List<Form> forms = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            String[] pids = info.getPids();
            String[] factoryPids = info.getFactoryPids();
            if ((pids == null || pids.length == 0) && (factoryPids == null || factoryPids.length == 0)) {
                continue;
            }
            Map<String, Map<String, MetatypeRanges.Range>> ranges = bundle.getEntry("OSGI-INF/metatype") == null
                    ? Map.of() : MetatypeRanges.of(bundle);
            for (String[] list : new String[][] { pids, factoryPids }) {
                if (list == null) {
                    continue;
                }
                for (String pid : list) {
                    try {
                        ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                        forms.add(new Form(pid, list == factoryPids, bundle, ocd, ranges.getOrDefault(ocd.getID(), Map.of())));
                    } catch (IllegalArgumentException e) {
                        // a PID without a definition in the default locale: not offered
                    }
                }
            }
        }
        forms.sort((a, b) -> a.pid().compareTo(b.pid()));
        return forms;
    }

    Optional<Form> form(String pid) {
        return forms().stream().filter(f -> f.pid().equals(pid)).findFirst();
    }

    /** The configuration with this PID, if ConfigurationAdmin has one. */
    Optional<Configuration> configuration(String pid) {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + escape(pid) + ")");
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (IOException | InvalidSyntaxException e) {
            return Optional.empty();
        }
    }

    /** The configurations of a factory PID. */
    List<Configuration> instances(String factoryPid) {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.factoryPid=" + escape(factoryPid) + ")");
            return found == null ? List.of() : List.of(found);
        } catch (IOException | InvalidSyntaxException e) {
            return List.of();
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\5c").replace("*", "\\2a").replace("(", "\\28").replace(")", "\\29");
    }

    /** The etc/ file a configuration came from, if FileInstall read it from one. */
    static Optional<Path> file(Configuration configuration) {
        Dictionary<String, Object> properties = configuration.getProperties();
        Object name = properties == null ? null : properties.get(ConfigurationOrigin.FILE_PROPERTY);
        return name == null ? Optional.empty()
                : new ConfigurationOrigin(name.toString(), null).path().map(p -> p.toAbsolutePath().normalize());
    }

    /** A property's values as text, or null when absent. */
    static List<String> values(Dictionary<String, Object> properties, String id) {
        Object value = properties == null ? null : properties.get(id);
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                out.add(String.valueOf(java.lang.reflect.Array.get(value, i)));
            }
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        } else {
            out.add(String.valueOf(value));
        }
        return out;
    }

    /** The JSON description of every form, factory ones with their instances. */
    List<Map<String, Object>> describeAll() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Form form : forms()) {
            all.add(describe(form));
        }
        return all;
    }

    Map<String, Object> describe(Form form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(form.factory() ? "factoryPid" : "pid", form.pid());
        body.put("name", form.ocd().getName());
        body.put("description", form.ocd().getDescription());
        body.put("bundle", form.bundle().getSymbolicName());
        body.put("attributes", form.attributes().stream().map(ad -> attribute(form, ad)).toList());
        if (form.factory()) {
            List<Map<String, Object>> instances = new ArrayList<>();
            for (Configuration c : instances(form.pid())) {
                Map<String, Object> instance = new LinkedHashMap<>();
                instance.put("pid", c.getPid());
                instance.put("name", instanceName(form.pid(), c));
                putValues(instance, form, c);
                instances.add(instance);
            }
            instances.sort((a, b) -> String.valueOf(a.get("name")).compareTo(String.valueOf(b.get("name"))));
            body.put("instances", instances);
        } else {
            putValues(body, form, configuration(form.pid()).orElse(null));
        }
        return body;
    }

    /** The instance's name: from its file name (factoryPid-name.cfg), else its PID. */
    static String instanceName(String factoryPid, Configuration c) {
        return file(c).map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith(factoryPid + "-"))
                .map(n -> n.substring(factoryPid.length() + 1).replaceFirst("\\.(cfg|config)$", ""))
                .orElse(c.getPid());
    }

    private void putValues(Map<String, Object> body, Form form, Configuration c) {
        Dictionary<String, Object> properties = c == null ? null : c.getProperties();
        Path file = c == null ? null : file(c).orElse(null);
        body.put("file", file == null ? null : shown(file));
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> secretsSet = new ArrayList<>();
        for (AttributeDefinition ad : form.attributes()) {
            List<String> current = values(properties, ad.getID());
            if (secret(ad)) {
                if (current != null && current.stream().anyMatch(v -> !v.isEmpty())) {
                    secretsSet.add(ad.getID());
                }
                continue;
            }
            values.put(ad.getID(), current);
        }
        body.put("values", values);
        body.put("secretsSet", secretsSet);
    }

    private static Map<String, Object> attribute(Form form, AttributeDefinition ad) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", ad.getID());
        a.put("name", ad.getName());
        a.put("description", ad.getDescription());
        a.put("type", ConfigValidation.typeName(ad.getType()));
        a.put("cardinality", ad.getCardinality());
        String[] values = ad.getOptionValues();
        String[] labels = ad.getOptionLabels();
        if (values != null && values.length > 0) {
            List<Map<String, String>> options = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                options.add(Map.of("value", values[i], "label", labels != null && i < labels.length ? labels[i] : values[i]));
            }
            a.put("options", options);
        }
        String[] defaults = ad.getDefaultValue();
        a.put("default", secret(ad) || defaults == null ? null : List.of(defaults));
        a.put("required", form.required(ad));
        MetatypeRanges.Range range = form.range(ad);
        a.put("min", range.min());
        a.put("max", range.max());
        a.put("secret", secret(ad));
        return a;
    }

    /**
     * Checks requested changes against the form: a field id to what is wrong with it (empty when all
     * are fine). {@code changes}: id to values, null = remove (the default applies); {@code present}:
     * the keys the file will hold besides the changes.
     */
    static Map<String, String> problems(Form form, Map<String, List<String>> changes, Collection<String> present) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> change : changes.entrySet()) {
            Optional<AttributeDefinition> ad = form.attribute(change.getKey());
            if (ad.isEmpty()) {
                problems.put(change.getKey(), "is not a setting of " + form.pid());
                continue;
            }
            if (change.getValue() != null) {
                ConfigValidation.problem(ad.get(), form.range(ad.get()), change.getValue())
                        .ifPresent(p -> problems.put(change.getKey(), p));
            }
        }
        for (AttributeDefinition ad : form.attributes()) {
            if (!form.required(ad) || problems.containsKey(ad.getID())) {
                continue;
            }
            List<String> changed = changes.get(ad.getID());
            boolean given = changes.containsKey(ad.getID())
                    ? changed != null && changed.stream().anyMatch(v -> !v.isBlank())
                    : present.contains(ad.getID());
            if (!given) {
                problems.put(ad.getID(), "is required");
            }
        }
        return problems;
    }

    /** The values as FileInstall will hand them over: what the wait compares with. */
    static boolean applied(Dictionary<String, Object> properties, Map<String, List<String>> changes) {
        if (properties == null) {
            return false;
        }
        for (Map.Entry<String, List<String>> change : changes.entrySet()) {
            List<String> now = values(properties, change.getKey());
            if (change.getValue() == null ? now != null : now == null || !strip(now).equals(strip(change.getValue()))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> strip(List<String> values) {
        return values.stream().map(String::strip).toList();
    }
}
