/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.objects.device;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * What the Device object reports about the host and the runtime, read from the operating
 * system, the JVM and the framework. Pure functions; nothing is cached here.
 */
final class HostInfo {

    /** The systemd / D-Bus machine id. */
    static final Path MACHINE_ID = Path.of("/etc/machine-id");
    /** The configured host name on most Linux systems. */
    static final Path ETC_HOSTNAME = Path.of("/etc/hostname");
    /** Framework property that, when set, names the Lightgate release instead of this bundle's version. */
    static final String VERSION_PROPERTY = "lightgate.version";
    /** The manifest headers of a gateway image (gateway.bndrun), read as the Firmware Update object reads them. */
    static final String IMAGE_NAME_HEADER = "Lightgate-Image-Name";
    static final String IMAGE_VERSION_HEADER = "Lightgate-Image-Version";
    static final String IMAGE_LAUNCHER = "aQute.launcher.pre.EmbeddedLauncher";

    // Salt for the serial number: the machine id itself is meant to stay on the host
    // (machine-id(5): "should be considered confidential"), so only a hash of it leaves.
    private static final String SERIAL_SALT = "io.lightgate.objects.device";

    private HostInfo() {
    }

    /**
     * A serial number for the host: a stable hash of the machine id when {@code machineId}
     * is readable, else the host name.
     */
    static String serialNumber(Path machineId, Supplier<String> hostName) {
        return readFirstLine(machineId).map(HostInfo::hashMachineId).orElseGet(hostName);
    }

    /** The host name: /etc/hostname, else what the resolver says, else "localhost". */
    static String hostName() {
        return readFirstLine(ETC_HOSTNAME).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        });
    }

    /**
     * The firmware version (3/0/3): the version of the gateway image this JVM runs (its
     * {@value #IMAGE_VERSION_HEADER}, the same value Firmware Update reports as PkgVersion, 5/0/7,
     * and bin/lightgate replaces); see {@link #imageVersion}. Without an image (the gateway runs
     * from bnd or a test framework), the Lightgate release (framework property
     * {@value #VERSION_PROPERTY}, else this bundle's version) and the framework, e.g.
     * {@code Lightgate 0.1.0 (Apache Felix Framework 7.0.5)}.
     */
    static String firmwareVersion(Optional<String> imageVersion, String releaseProperty, Bundle self, Bundle systemBundle) {
        if (imageVersion.isPresent()) {
            return imageVersion.get();
        }
        String release = releaseProperty != null && !releaseProperty.isBlank()
                ? releaseProperty.strip() : format(self.getVersion());
        String name = systemBundle.getHeaders().get(Constants.BUNDLE_NAME);
        if (name == null || name.isBlank()) {
            name = systemBundle.getSymbolicName();
        }
        return "Lightgate " + release + " (" + name + " " + format(systemBundle.getVersion()) + ")";
    }

    /**
     * The version of the gateway image on the class path: when the JVM was started with -jar on a
     * jar whose manifest marks it as a gateway image (bnd's launcher as Main-Class and
     * {@value #IMAGE_NAME_HEADER}, as gateway.bndrun writes them), its {@value #IMAGE_VERSION_HEADER}.
     * The same test as the Firmware Update object's, so 3/0/3 and 5/0/7 agree.
     */
    static Optional<String> imageVersion(String classPath) {
        if (classPath == null || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
            return Optional.empty();
        }
        try (JarFile jar = new JarFile(Path.of(classPath).toFile(), false)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return Optional.empty();
            }
            Attributes main = manifest.getMainAttributes();
            String name = main.getValue(IMAGE_NAME_HEADER);
            String version = main.getValue(IMAGE_VERSION_HEADER);
            if (!IMAGE_LAUNCHER.equals(main.getValue(Attributes.Name.MAIN_CLASS)) || name == null || name.isBlank()
                    || version == null || version.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(version.strip());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The hardware version: processor architecture and operating system, e.g. {@code amd64 Linux}. */
    static String hardwareVersion() {
        return System.getProperty("os.arch") + " " + System.getProperty("os.name");
    }

    /** The software version: the Java runtime, e.g. {@code Java 17.0.9 (OpenJDK 64-Bit Server VM)}. */
    static String softwareVersion() {
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    /** 1.2.3 for 1.2.3, 0.1.0-SNAPSHOT for 0.1.0.SNAPSHOT: the way people write versions. */
    static String format(Version v) {
        String base = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        return v.getQualifier().isEmpty() ? base : base + "-" + v.getQualifier();
    }

    private static String hashMachineId(String id) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((SERIAL_SALT + ":" + id).getBytes(StandardCharsets.UTF_8));
            // 16 bytes keep the 128 bits of the machine id; upper case reads like a serial number
            return HexFormat.of().withUpperCase().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Optional<String> readFirstLine(Path file) {
        try {
            if (!Files.isReadable(file)) {
                return Optional.empty();
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
