package dev.emostream.app.bench;

import java.util.Arrays;

/**
 * One benchmark figure: the median of several repetitions after warm-up, with min and max, in {@code unit}.
 */
public record Measurement(String name, String unit, double median, double min, double max, int repetitions) {

    /** Summarises repeated samples of one figure. */
    public static Measurement of(String name, String unit, double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Measurement(name, unit, median, s[0], s[n - 1], n);
    }

    /** This figure under another name. */
    public Measurement named(String newName) {
        return new Measurement(newName, unit, median, min, max, repetitions);
    }

    /**
     * {@code a / b} for two figures of one unit measured apart (not in interleaved rounds): the ratio of the medians, with
     * the widest ratios the extremes allow as min and max.
     */
    public static Measurement quotient(String name, Measurement a, Measurement b) {
        if (!a.unit().equals(b.unit())) {
            throw new IllegalArgumentException("cannot divide " + a.unit() + " by " + b.unit() + " (" + a.name() + " / " + b.name() + ")");
        }
        return new Measurement(name, BenchReport.RATIO_UNIT, a.median() / b.median(), a.min() / b.max(), a.max() / b.min(),
                Math.min(a.repetitions(), b.repetitions()));
    }
}
