/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.lwm2m.access;

import java.util.Locale;

/**
 * The bits of an ACL value and their letters: R 1, W 2, E 4, D 8, C 16 (Core 1.1, object 2 resource 2).
 * In configuration files rights are written as letters ({@code RW}, {@code RWED}), {@code -} for none,
 * or as the number.
 */
public final class AccessRights {

    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXECUTE = 4;
    public static final int DELETE = 8;
    public static final int CREATE = 16;
    /** What a server gets on an instance it created: everything an instance can be asked for. */
    public static final int FULL_ON_INSTANCE = READ | WRITE | EXECUTE | DELETE;
    /** Every defined bit: what the owner of an instance without an ACL entry for it gets. */
    public static final int ALL = FULL_ON_INSTANCE | CREATE;

    private static final String LETTERS = "RWEDC";

    private AccessRights() {
    }

    /**
     * Parses letters (any order, any case), {@code -}, or a number 0..65535.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static int parse(String text) {
        String t = text.strip();
        if (t.equals("-")) {
            return 0;
        }
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            int value;
            try {
                value = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("rights '" + t + "' are outside 0..65535 (16 bits)");
            }
            return value;
        }
        int rights = 0;
        for (char c : t.toUpperCase(Locale.ROOT).toCharArray()) {
            int i = LETTERS.indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException("rights '" + t + "': '" + c + "' is not one of R, W, E, D, C (or - for none, or a number)");
            }
            rights |= 1 << i;
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("rights are empty; write letters of RWEDC, - for none, or a number");
        }
        return rights;
    }

    /** Letters for the defined bits, {@code -} for none. */
    public static String format(int rights) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < LETTERS.length(); i++) {
            if ((rights & (1 << i)) != 0) {
                b.append(LETTERS.charAt(i));
            }
        }
        return b.length() == 0 ? "-" : b.toString();
    }
}
