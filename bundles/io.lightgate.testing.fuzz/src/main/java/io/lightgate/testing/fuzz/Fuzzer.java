/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.testing.fuzz;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Feeds a target the inputs of a {@link Mutator} on a thread of its own and sorts the outcomes:
 * accepted (returned), rejected (threw what the target documents, e.g. a 4.xx LwM2mException)
 * and crashes (anything else, StackOverflowError and OutOfMemoryError included). An input that
 * has not returned after {@link #STUCK_SECONDS} counts as a hang. {@link Result#assertNoCrash()}
 * fails with one reproducible input (hex) per kind of crash.
 *
 * <p>The number of inputs is {@code -Dfuzz.inputs=N} when given (the soak run), else the test's
 * own small count.
 */
public final class Fuzzer {

    /** Generous: a decoder that needs this long for one input of a few kilobytes hangs. */
    public static final int STUCK_SECONDS = 30;

    private Fuzzer() {
    }

    /** The number of inputs per target: -Dfuzz.inputs, else {@code defaultCount}. */
    public static int inputs(int defaultCount) {
        return Integer.getInteger("fuzz.inputs", defaultCount);
    }

    /** Runs {@code count} inputs; {@code rejected} tells which throwables are the target's documented refusals. */
    public static Result run(String name, Mutator inputs, int count, FuzzTarget target, Predicate<Throwable> rejected)
            throws InterruptedException {
        AtomicInteger done = new AtomicInteger();
        int[] accepted = new int[1];
        int[] refused = new int[1];
        Map<String, String> crashes = new LinkedHashMap<>();
        AtomicReference<byte[]> current = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                byte[] input = inputs.next();
                current.set(input);
                try {
                    target.accept(input);
                    accepted[0]++;
                } catch (Throwable t) {
                    if (t instanceof InterruptedException) {
                        return;
                    }
                    if (!(t instanceof VirtualMachineError) && rejected.test(t)) {
                        refused[0]++;
                    } else {
                        String kind = t.getClass().getName() + " at " + topFrame(t);
                        crashes.putIfAbsent(kind, "input #" + i + " (" + input.length + " bytes): "
                                + HexFormat.of().formatHex(input) + "\n    " + t + stack(t));
                    }
                }
                done.incrementAndGet();
            }
        }, "fuzz-" + name);
        long start = System.nanoTime();
        worker.setDaemon(true);
        worker.start();
        int lastDone = -1;
        long lastProgress = System.nanoTime();
        while (worker.isAlive()) {
            worker.join(1000);
            int now = done.get();
            if (now != lastDone) {
                lastDone = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STUCK_SECONDS * 1_000_000_000L) {
                worker.interrupt();
                byte[] stuck = current.get();
                throw new AssertionError(name + ": input #" + now + " has not returned after " + STUCK_SECONDS + " s (a hang): "
                        + HexFormat.of().formatHex(stuck) + stack(worker.getStackTrace()));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        // the worker has ended: join() makes its counts and crashes visible here
        Result result = new Result(name, count, accepted[0], refused[0], millis, Map.copyOf(crashes));
        System.out.println(result);
        return result;
    }

    private static String topFrame(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length == 0 ? "?" : trace[0].toString();
    }

    private static String stack(Throwable t) {
        return stack(t.getStackTrace());
    }

    private static String stack(StackTraceElement[] trace) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(12, trace.length); i++) {
            b.append("\n      at ").append(trace[i]);
        }
        return b.toString();
    }

    /** What a run did; printed as one line per target. */
    public record Result(String target, int inputs, int accepted, int rejected, long millis, Map<String, String> crashes) {

        public void assertNoCrash() {
            if (!crashes.isEmpty()) {
                StringBuilder b = new StringBuilder(target + ": " + crashes.size() + " kind(s) of crash in " + inputs + " inputs");
                crashes.forEach((kind, input) -> b.append("\n  ").append(kind).append("\n    ").append(input));
                throw new AssertionError(b.toString());
            }
        }

        @Override
        public String toString() {
            return String.format("fuzz %-28s %,9d inputs: %,9d accepted, %,9d rejected, %d crash kinds, %,7d ms (%,.0f inputs/s)",
                    target, inputs, accepted, rejected, crashes.size(), millis, millis == 0 ? 0.0 : inputs * 1000.0 / millis);
        }
    }
}
