/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.launcher;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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
        // java.io only: NIO's first channel would load and set up the JDK's network library, and
        // Files.createTempFile seed a SecureRandom (security providers, /dev/random), together some
        // 50 ms of the JVM that only restarts
        try (LibraryStream in = LibraryStream.open("io/lightgate/launcher/" + library)) {
            if (in == null) {
                return "no " + library + " in the jar for this machine";
            }
            File copy = newPrivateFile();
            try {
                try (FileOutputStream out = new FileOutputStream(copy)) {
                    in.stream().transferTo(out);
                }
                System.load(copy.getAbsolutePath());
            } finally {
                copy.delete(); // mapped once loaded
            }
        } catch (IOException | LinkageError | SecurityException e) {
            return "cannot load " + library + ": " + e;
        }
        String[] envp = new String[environment.size()];
        int i = 0;
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            envp[i++] = variable.getKey() + "=" + variable.getValue();
        }
        return exec(program.toString(), argv.toArray(new String[0]), envp);
    }

    /** The library read straight from the jar (or the classes folder) this class came from. */
    private record LibraryStream(InputStream stream, ZipFile jar) implements AutoCloseable {

        static LibraryStream open(String entry) throws IOException {
            File origin;
            try {
                origin = new File(InPlaceExec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (java.net.URISyntaxException | IllegalArgumentException | NullPointerException e) {
                throw new IOException("where this class was loaded from is unknown: " + e, e);
            }
            if (origin.isDirectory()) {
                File file = new File(origin, entry);
                return file.isFile() ? new LibraryStream(new FileInputStream(file), null) : null;
            }
            ZipFile jar = new ZipFile(origin);
            ZipEntry found = jar.getEntry(entry);
            if (found == null) {
                jar.close();
                return null;
            }
            return new LibraryStream(jar.getInputStream(found), jar);
        }

        @Override
        public void close() throws IOException {
            try (ZipFile closing = jar) {
                stream.close();
            }
        }
    }

    /**
     * A new file in java.io.tmpdir that only this user may write. The name need not be secret: the
     * file is created new (never an existing file or link), and another name is tried if one is taken.
     */
    private static File newPrivateFile() throws IOException {
        File folder = new File(System.getProperty("java.io.tmpdir"));
        for (int attempt = 0; attempt < 10; attempt++) {
            File file = new File(folder, "lightgate-inplaceexec-" + System.nanoTime() + "-" + attempt + ".so");
            if (file.createNewFile()) {
                file.setReadable(false, false);
                file.setReadable(true, true);
                file.setWritable(false, false);
                file.setWritable(true, true);
                return file;
            }
        }
        throw new IOException("no new file could be created in " + folder);
    }

    private static native String exec(String program, String[] argv, String[] envp);
}
