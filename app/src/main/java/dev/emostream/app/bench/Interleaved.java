package dev.emostream.app.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Timed passes of several benchmarks run in turn, round after round, each round starting one lane later than the
 * one before; a ratio of two lanes is taken within each round and the figure is the median of those ratios. This
 * 2-core VM's speed swings by a fifth for seconds at a time: on 2026-12-02, with nothing else running, one
 * single-threaded tracking loop ran 109, then 135, then 126 frames/s in blocks a few seconds apart, and a pure Python
 * integer loop varied by 14% from one run to the next. Timing one benchmark's repetitions, then the other's, put
 * those swings into every ratio the targets are about; interleaving puts them on both sides of each ratio alike.
 */
final class Interleaved {
    /** One timed pass of a benchmark: does the work and returns its rate (items per second). */
    interface Pass {
        double run() throws Exception;
    }

    /** A named benchmark taking part in the rounds. */
    record Lane(String name, Pass pass) {
    }

    private Interleaved() {
    }

    /**
     * Runs {@code rounds} rounds; round {@code r} runs every lane once, starting with lane {@code r mod lanes}.
     * Returns each lane's rates by name, in round order, in the lanes' order.
     */
    static Map<String, double[]> run(int rounds, List<Lane> lanes) throws Exception {
        if (rounds < 1 || lanes.isEmpty()) {
            throw new IllegalArgumentException("need at least one round and one lane, got " + rounds + " and " + lanes.size());
        }
        Map<String, double[]> rates = new LinkedHashMap<>();
        for (Lane lane : lanes) {
            if (rates.put(lane.name(), new double[rounds]) != null) {
                throw new IllegalArgumentException("two lanes are named " + lane.name());
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < lanes.size(); k++) {
                Lane lane = lanes.get((r + k) % lanes.size());
                rates.get(lane.name())[r] = lane.pass().run();
            }
        }
        return rates;
    }

    /** The ratio {@code a / b} within each round. */
    static double[] ratios(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("rounds differ: " + a.length + " and " + b.length);
        }
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    /** The ratio {@code a / b} within each round as a figure named {@code name}: its median, min and max over the rounds. */
    static Measurement ratio(String name, double[] a, double[] b) {
        return Measurement.of(name, BenchReport.RATIO_UNIT, ratios(a, b));
    }
}
