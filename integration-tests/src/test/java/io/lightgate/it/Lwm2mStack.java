/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import java.io.File;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.MavenArtifactProvisionOption;
import org.ops4j.pax.exam.options.ProvisionOption;

/**
 * Pax Exam options for the LwM2M/CoAP stack, to combine with
 * {@link GatewayTestSupport#coreGateway(java.nio.file.Path)} (which already provisions SLF4J,
 * jul-to-slf4j and SPI Fly):
 *
 * <pre>
 * return OptionUtils.combine(coreGateway(testFolder("x")), Lwm2mStack.leshanServer());   // Leshan server only
 * return OptionUtils.combine(coreGateway(testFolder("x")), Lwm2mStack.withEngine());     // + io.lightgate.lwm2m
 * </pre>
 *
 * Third-party bundles come from the local Maven repository (versions from cnf/pom.xml via the
 * test dependencies of integration-tests/pom.xml); the two wrapper bundles come from the reactor
 * (system properties lightgate.bundle.cbor / .elementconnector). The engine bundle's jar is
 * looked up only when {@link #engine()} is called, so tests without it run while it does not build.
 */
public final class Lwm2mStack {

    /** After the logging (1–4), platform (6–8) and nothing else of coreGateway(); below frameworkStartLevel(20). */
    public static final int LIBRARY_START_LEVEL = 10;
    public static final int ENGINE_START_LEVEL = 12;

    private Lwm2mStack() {
    }

    /** Californium (core, scandium, cf-oscore, element-connector wrapper), CBOR wrapper, Jackson, Bouncy Castle, leshan-core(-cf). */
    public static Option coapAndCodecs() {
        return composite(
                reactor("cbor"),
                reactor("elementconnector"),
                maven("com.fasterxml.jackson.core", "jackson-annotations"),
                maven("com.fasterxml.jackson.core", "jackson-core"),
                maven("com.fasterxml.jackson.core", "jackson-databind"),
                maven("org.bouncycastle", "bcprov-jdk18on"),
                maven("org.eclipse.californium", "californium-core"),
                maven("org.eclipse.californium", "scandium"),
                maven("org.eclipse.californium", "cf-oscore"),
                maven("org.eclipse.leshan", "leshan-core"),
                maven("org.eclipse.leshan", "leshan-core-cf"));
    }

    /** Everything a Leshan server (used through {@link TestLeshanServer}) needs in the framework. */
    public static Option leshanServer() {
        return composite(
                coapAndCodecs(),
                maven("org.eclipse.leshan", "leshan-server-core"),
                maven("org.eclipse.leshan", "leshan-server-cf"));
    }

    /**
     * The engine bundle io.lightgate.lwm2m from bundles/io.lightgate.lwm2m/target. Fails (when the
     * test class's configuration is built) if it has not been built: {@code mvn -q install -DskipTests -pl bundles/io.lightgate.lwm2m}.
     */
    public static Option engine() {
        return bundle(existing("lwm2m").toURI().toString()).startLevel(ENGINE_START_LEVEL);
    }

    /** {@link #leshanServer()} plus {@link #engine()}: what an engine-against-Leshan test needs. */
    public static Option withEngine() {
        return composite(leshanServer(), engine());
    }

    private static ProvisionOption<?> reactor(String name) {
        return bundle(existing(name).toURI().toString()).startLevel(LIBRARY_START_LEVEL);
    }

    private static MavenArtifactProvisionOption maven(String group, String artifact) {
        return mavenBundle(group, artifact).versionAsInProject().startLevel(LIBRARY_START_LEVEL);
    }

    private static File existing(String name) {
        String path = System.getProperty("lightgate.bundle." + name);
        if (path == null || path.isBlank() || path.contains("${")) {
            throw new IllegalStateException("System property lightgate.bundle." + name + " is not set: run the tests with Maven (mvn verify)");
        }
        File jar = new File(path);
        if (!jar.isFile()) {
            throw new IllegalStateException("lightgate.bundle." + name + " = " + jar + " does not exist: build that bundle first (mvn install)");
        }
        return jar;
    }
}
