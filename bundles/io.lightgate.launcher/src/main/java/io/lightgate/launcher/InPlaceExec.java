/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Replaces this JVM by another program in the same process (execve through a small JNI library,
 * libinplaceexec.so, built from src/main/c): the PID, the parent (a shell, systemd, a container),
 * the standard streams and the terminal stay, so whoever started the gateway still watches and
 * stops the same process. Java itself can only start a child process.
 */
final class InPlaceExec {

    private InPlaceExec() {
    }

    /**
     * Returns only if the program could not be started: then with the reason, and this JVM runs on.
     *
     * @param program the executable's path
     * @param argv its arguments, its name first
     */
    static String exec(Path program, List<String> argv, Map<String, String> environment) {
        String os = System.getProperty("os.name", "");
        String library = "linux-" + System.getProperty("os.arch", "") + "/libinplaceexec.so";
        if (!os.equals("Linux")) {
            return "no in-place restart on " + os;
        }
        try (InputStream in = InPlaceExec.class.getResourceAsStream(library)) {
            if (in == null) {
                return "no " + library + " in the jar for this machine";
            }
            Path copy = Files.createTempFile("lightgate-inplaceexec", ".so");
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toString());
            } finally {
                Files.deleteIfExists(copy); // mapped once loaded
            }
        } catch (IOException | LinkageError | SecurityException e) {
            return "cannot load " + library + ": " + e;
        }
        String[] envp = environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return exec(program.toString(), argv.toArray(String[]::new), envp);
    }

    private static native String exec(String program, String[] argv, String[] envp);
}
