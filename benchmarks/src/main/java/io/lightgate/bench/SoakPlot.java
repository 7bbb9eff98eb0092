/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The soak samples as a small hand-written SVG: four panels over time (heap used, live threads,
 * values/s arriving at the server, live change→notification p99), one line per implementation,
 * the server's outage shaded.
 */
final class SoakPlot {

    private static final int WIDTH = 720;
    private static final int PANEL = 150;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int GAP = 40;
    private static final String[] COLORS = { "#1f77b4", "#d62728", "#2ca02c" };

    private SoakPlot() {
    }

    static String svg(List<NothingLostBench.SoakRow> rows) {
        record Panel(String title, ToDoubleFunction<NothingLostBench.Sample> value) {
        }
        List<Panel> panels = List.of(new Panel("heap used (MiB)", s -> s.heapUsed() / 1048576.0),
                new Panel("live threads", s -> s.threads()), new Panel("values/s at the server (live + Send)", s -> s.valuesPerSecond()),
                new Panel("change→notification p99 (ms), live", s -> s.p99()));
        double tMax = 1;
        for (var r : rows) {
            for (var s : r.samples()) {
                tMax = Math.max(tMax, s.t());
            }
        }
        int height = TOP + panels.size() * (PANEL + GAP) + 20;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                + "font-size=\"11\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", WIDTH, height));
        b.append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"13\">Soak: ");
        for (int k = 0; k < rows.size(); k++) {
            b.append(String.format(Locale.ROOT, "<tspan fill=\"%s\">%s</tspan>%s", COLORS[k % COLORS.length], escape(rows.get(k).impl()),
                    k + 1 < rows.size() ? ", " : ""));
        }
        b.append("; grey: outages (the Leshan server in the middle; the OPC UA servers at 3/4, with the OPC UA part)</text>\n");
        int plotWidth = WIDTH - LEFT - RIGHT;
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            int y0 = TOP + p * (PANEL + GAP);
            double max = 0;
            for (var r : rows) {
                for (var s : r.samples()) {
                    double v = panel.value().applyAsDouble(s);
                    if (!Double.isNaN(v)) {
                        max = Math.max(max, v);
                    }
                }
            }
            max = max <= 0 ? 1 : niceCeiling(max);
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT, y0 - 6, escape(panel.title())));
            for (var r : rows) {
                if (!Double.isNaN(r.outageFrom())) {
                    double x1 = LEFT + r.outageFrom() / tMax * plotWidth;
                    double x2 = LEFT + r.outageTo() / tMax * plotWidth;
                    b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#ddd\" opacity=\"0.6\"/>%n",
                            x1, y0, Math.max(1, x2 - x1), PANEL));
                }
            }
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", LEFT, y0,
                    plotWidth, PANEL));
            for (int tick = 0; tick <= 4; tick++) {
                double v = max * tick / 4;
                double y = y0 + PANEL - PANEL * tick / 4.0;
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 4, y + 4, label(v)));
                b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n", LEFT, LEFT + plotWidth,
                        y, y));
            }
            for (int k = 0; k < rows.size(); k++) {
                StringBuilder points = new StringBuilder();
                for (var s : rows.get(k).samples()) {
                    double v = panel.value().applyAsDouble(s);
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + s.t() / tMax * plotWidth, y0 + PANEL - v / max * PANEL));
                }
                b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
                        COLORS[k % COLORS.length], points.toString().strip()));
            }
            if (p == panels.size() - 1) {
                for (int tick = 0; tick <= 5; tick++) {
                    double t = tMax * tick / 5;
                    b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f s</text>%n",
                            LEFT + t / tMax * plotWidth, y0 + PANEL + 14, t));
                }
            }
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
