/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded random mutation of valid messages: each input is one seed of the corpus with one to
 * eight stacked mutations (bit flips, boundary bytes and integers, inserted, deleted, repeated and
 * spliced ranges, dictionary tokens). The same seed number gives the same inputs, so a failure
 * reproduces with the number printed next to it.
 */
public final class Mutator {

    private static final byte[] BOUNDARY_BYTES = { 0x00, 0x01, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x1F, 0x3F, 0x40, 0x7E, 0x7F,
            (byte) 0x80, (byte) 0x81, (byte) 0xC0, (byte) 0xD0, (byte) 0xE0, (byte) 0xF0, (byte) 0xFE, (byte) 0xFF };
    private static final int[] BOUNDARY_INTS = { 0, 1, -1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
            Integer.MAX_VALUE, Integer.MIN_VALUE, 269, 65535 + 269 };

    private final Random random;
    private final List<byte[]> corpus;
    private final List<byte[]> dictionary;
    private final int maxLength;

    /**
     * @param seed the random seed (printed with every failure)
     * @param corpus valid messages to start from (at least one)
     * @param dictionary tokens worth inserting (format keywords, delimiters); may be empty
     * @param maxLength the longest input produced
     */
    public Mutator(long seed, List<byte[]> corpus, List<byte[]> dictionary, int maxLength) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("the corpus needs at least one valid message");
        }
        this.random = new Random(seed);
        this.corpus = List.copyOf(corpus);
        this.dictionary = List.copyOf(dictionary);
        this.maxLength = maxLength;
    }

    /** Tokens of a text format, as a dictionary. */
    public static List<byte[]> tokens(String... tokens) {
        List<byte[]> out = new ArrayList<>();
        for (String t : tokens) {
            out.add(t.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The next input: a mutated seed (one in 32 is a seed as it is, to keep the valid path busy too). */
    public byte[] next() {
        byte[] data = corpus.get(random.nextInt(corpus.size())).clone();
        if (random.nextInt(32) == 0) {
            return data;
        }
        int mutations = 1 + random.nextInt(8);
        for (int i = 0; i < mutations; i++) {
            data = mutate(data);
        }
        return data.length > maxLength ? Arrays.copyOf(data, maxLength) : data;
    }

    /** A random int in [0, bound), from the same sequence (for callers choosing among targets). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private byte[] mutate(byte[] data) {
        if (data.length == 0) {
            return insert(data, 0, randomBytes(1 + random.nextInt(8)));
        }
        int at = random.nextInt(data.length);
        switch (random.nextInt(12)) {
            case 0 -> data[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> data[at] = BOUNDARY_BYTES[random.nextInt(BOUNDARY_BYTES.length)];
            case 2 -> data[at] = (byte) random.nextInt(256);
            case 3 -> data[at] += (byte) (random.nextInt(9) - 4);
            case 4 -> {
                int length = 1 + random.nextInt(Math.min(16, data.length - at));
                return concat(Arrays.copyOfRange(data, 0, at), Arrays.copyOfRange(data, at + length, data.length));
            }
            case 5 -> {
                return insert(data, at, randomBytes(1 + random.nextInt(16)));
            }
            case 6 -> {
                return Arrays.copyOf(data, random.nextInt(data.length));
            }
            case 7 -> {
                // a range repeated: deep nesting, long option lists, many records
                int length = 1 + random.nextInt(Math.min(8, data.length - at));
                byte[] chunk = Arrays.copyOfRange(data, at, at + length);
                int times = 2 + random.nextInt(64);
                byte[] repeated = new byte[Math.min(chunk.length * times, maxLength)];
                for (int i = 0; i < repeated.length; i++) {
                    repeated[i] = chunk[i % chunk.length];
                }
                return insert(data, at, repeated);
            }
            case 8 -> {
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                return concat(Arrays.copyOf(data, at), Arrays.copyOfRange(other, from, other.length));
            }
            case 9 -> {
                int value = BOUNDARY_INTS[random.nextInt(BOUNDARY_INTS.length)];
                int width = random.nextBoolean() ? 2 : 4;
                for (int i = 0; i < width && at + i < data.length; i++) {
                    data[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
                }
            }
            case 10 -> {
                int other = random.nextInt(data.length);
                byte b = data[at];
                data[at] = data[other];
                data[other] = b;
            }
            default -> {
                if (!dictionary.isEmpty()) {
                    return insert(data, at, dictionary.get(random.nextInt(dictionary.size())));
                }
                data[at] = (byte) random.nextInt(256);
            }
        }
        return data;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] insert(byte[] data, int at, byte[] inserted) {
        byte[] out = new byte[data.length + inserted.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(data, at, out, at + inserted.length, data.length - at);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
