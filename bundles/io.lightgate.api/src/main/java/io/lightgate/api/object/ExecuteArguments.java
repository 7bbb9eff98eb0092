/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.api.object;

import io.lightgate.api.LwM2mException;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The arguments of an Execute (Core 5.4.5): a list of digits 0-9, each with an optional
 * quoted value, e.g. {@code 0='on',1}. Immutable.
 */
public final class ExecuteArguments {

    /** No arguments. */
    public static final ExecuteArguments NONE = new ExecuteArguments("", new TreeMap<>());

    private final String text;
    private final SortedMap<Integer, String> arguments;

    private ExecuteArguments(String text, SortedMap<Integer, String> arguments) {
        this.text = text;
        this.arguments = Collections.unmodifiableSortedMap(arguments);
    }

    /**
     * Parses the payload of an Execute request.
     *
     * @throws LwM2mException 4.00 Bad Request naming the position of the error
     */
    public static ExecuteArguments parse(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        SortedMap<Integer, String> args = new TreeMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw LwM2mException.badRequest("execute arguments '" + text + "': expected a digit at position " + i);
            }
            int key = c - '0';
            if (args.containsKey(key)) {
                throw LwM2mException.badRequest("execute arguments '" + text + "': argument " + key + " given twice");
            }
            i++;
            String value = "";
            if (i < n && text.charAt(i) == '=') {
                if (i + 1 >= n || text.charAt(i + 1) != '\'') {
                    throw LwM2mException.badRequest("execute arguments '" + text + "': value at position " + (i + 1) + " must be quoted with '");
                }
                int end = text.indexOf('\'', i + 2);
                if (end < 0) {
                    throw LwM2mException.badRequest("execute arguments '" + text + "': unterminated quote at position " + (i + 1));
                }
                value = text.substring(i + 2, end);
                i = end + 1;
            }
            args.put(key, value);
            if (i < n) {
                if (text.charAt(i) != ',') {
                    throw LwM2mException.badRequest("execute arguments '" + text + "': expected ',' at position " + i);
                }
                i++;
                if (i == n) {
                    throw LwM2mException.badRequest("execute arguments '" + text + "': trailing ','");
                }
            }
        }
        return new ExecuteArguments(text, new TreeMap<>(args));
    }

    /** The arguments by digit; an argument without value maps to "". */
    public SortedMap<Integer, String> asMap() { return arguments; }

    /** The value of argument {@code digit}, if given. */
    public Optional<String> get(int digit) { return Optional.ofNullable(arguments.get(digit)); }

    public boolean isEmpty() { return arguments.isEmpty(); }

    /** The text as received. */
    @Override
    public String toString() { return text; }
}
