/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Watches what the gateway logs (slf4j-simple writes to System.err) while still passing it on:
 * keeps the ERROR lines, stack trace lines and the first WARN lines, and counts all lines, so a
 * run of 100,000 inputs does not hold its whole log in memory. A known trace can be tolerated:
 * a header line and the exception line after it, each matching its pattern, and the stack lines
 * that follow are counted apart instead of as errors.
 */
final class LogWatch extends OutputStream {

    /** A known stack trace: the line that announces it and its exception line. */
    record Tolerated(String why, Pattern header, Pattern exception) {
    }

    private static final int WARNINGS_KEPT = 40;

    private final PrintStream original;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Tolerated> tolerated;
    private final Map<String, Integer> toleratedCounts = new TreeMap<>();
    private int lines;
    private int warningCount;
    private String header;
    private Tolerated candidate;
    private boolean inToleratedTrace;

    private LogWatch(PrintStream original, List<Tolerated> tolerated) {
        this.original = original;
        this.tolerated = List.copyOf(tolerated);
    }

    /** Starts watching System.err; {@link #close()} puts the original back. */
    static LogWatch start(Tolerated... tolerated) {
        LogWatch watch = new LogWatch(System.err, List.of(tolerated));
        System.setErr(new PrintStream(watch, true, StandardCharsets.UTF_8));
        return watch;
    }

    @Override
    public synchronized void write(int b) {
        original.write(b);
        scan(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        original.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            scan(b[i]);
        }
    }

    private void scan(int b) {
        if (b == '\n') {
            take(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    private void take(String text) {
        lines++;
        if (inToleratedTrace) {
            if (isStackLine(text)) {
                return;
            }
            inToleratedTrace = false;
        }
        if (candidate != null) {
            Tolerated t = candidate;
            candidate = null;
            if (t.exception().matcher(text).matches()) {
                toleratedCounts.merge(t.why(), 1, Integer::sum);
                inToleratedTrace = true;
                return;
            }
            classify(header);
        }
        for (Tolerated t : tolerated) {
            if (t.header().matcher(text).find()) {
                header = text;
                candidate = t;
                return;
            }
        }
        classify(text);
    }

    private void classify(String text) {
        if (isStackLine(text) || text.contains(" ERROR ") || text.startsWith("Exception in thread")) {
            errors.add(text);
        } else if (text.contains(" WARN ")) {
            warningCount++;
            if (warnings.size() < WARNINGS_KEPT) {
                warnings.add(text);
            }
        }
    }

    private static boolean isStackLine(String text) {
        return text.startsWith("\tat ") || text.startsWith("\t... ") || text.startsWith("Caused by:");
    }

    /** ERROR lines and stack traces seen so far. */
    synchronized List<String> errors() {
        System.err.flush();
        return List.copyOf(errors);
    }

    /** The first WARN lines seen so far (at most {@value #WARNINGS_KEPT}). */
    synchronized List<String> warnings() {
        System.err.flush();
        return List.copyOf(warnings);
    }

    synchronized String summary() {
        return lines + " log lines, " + errors.size() + " ERROR/stack trace lines, " + warningCount + " WARN lines, tolerated traces "
                + toleratedCounts
                + (warnings.isEmpty() ? "" : "; first WARN lines:\n  " + String.join("\n  ", warnings));
    }

    @Override
    public void close() throws IOException {
        System.err.flush();
        System.setErr(original);
    }
}
