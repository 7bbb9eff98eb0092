/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads secrets (hex PSK keys) from settings and files. Error messages name the setting and
 * the file, never the secret or any part of it.
 */
final class SecretFiles {

    private SecretFiles() {
    }

    /**
     * A hex key given as text.
     *
     * @param where the setting and the file it comes from, for the error message
     */
    static byte[] hexKey(String text, String where) {
        String hex = text == null ? "" : text.strip();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (hex.isEmpty()) {
            throw new IllegalArgumentException(where + ": the key is empty; expected hexadecimal digits, e.g. 0123456789abcdef");
        }
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException(where + ": the key has an odd number of hexadecimal digits (" + hex.length()
                    + "); expected two digits per byte");
        }
        byte[] key = new byte[hex.length() / 2];
        for (int i = 0; i < key.length; i++) {
            int high = Character.digit(hex.charAt(2 * i), 16);
            int low = Character.digit(hex.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                // the position only, not the character: it is part of a secret
                throw new IllegalArgumentException(where + ": the key is not hexadecimal (a character other than 0-9, a-f near position "
                        + (2 * i + 1) + ")");
            }
            key[i] = (byte) (high << 4 | low);
        }
        return key;
    }

    /** A hex key that is the whole content of a file (surrounding white space ignored). */
    static byte[] hexKeyFile(Path file, String setting, String where) {
        return hexKey(read(file, setting, where), setting + " (file " + file + ", set in " + where + ")");
    }

    /**
     * Keys per endpoint from a file of {@code endpoint=hexkey} lines; blank lines and lines
     * starting with # are skipped.
     */
    static Map<String, byte[]> endpointKeys(Path file, String setting, String where) {
        List<String> lines = read(file, setting, where).lines().toList();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = setting + " (file " + file + " line " + (n + 1) + ", set in " + where + ")";
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(at + ": expected endpoint=hexkey");
            }
            String endpoint = line.substring(0, eq).strip();
            if (keys.put(endpoint, hexKey(line.substring(eq + 1), at)) != null) {
                throw new IllegalArgumentException(at + ": endpoint '" + endpoint + "' appears twice");
            }
        }
        return keys;
    }

    private static String read(Path file, String setting, String where) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(where + ": " + setting + " names " + file + ", which does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": " + setting + " names " + file + ", which cannot be read (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")");
        }
    }
}
