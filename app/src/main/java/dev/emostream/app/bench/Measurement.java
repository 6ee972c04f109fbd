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
}
