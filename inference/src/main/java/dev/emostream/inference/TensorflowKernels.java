package dev.emostream.inference;

import java.util.Locale;

/**
 * Which CPU kernels TensorFlow runs: Intel's oneDNN ones (TensorFlow's default on x86 Linux) or its own Eigen ones.
 * TensorFlow reads {@value #ENV} once, when its library loads, so the choice belongs to whoever starts the JVM:
 * {@code bin/emostream} and the container entrypoint set it to {@code 0} for every command but {@code train},
 * unless it is already set. Measured on this project's models (2 cores, {@code bench --quick --section
 * classifier,trainer}, 2026-12-02): inference 1.1-1.9x faster without oneDNN (fast at batch 32 1,522-1,738 faces/s
 * against 1,089-1,359; the ensemble 180-196 against 127-128), training 1.5-3.2x faster with it. On another host
 * (AMD EPYC, 2026-12-03, {@code docs/bench/bench-2026-12-03-onednn-batch32.md}) oneDNN was slower at batch 1 but
 * 1.1-1.3x faster at batch 32, so a bulk job at batch 32 may turn it on.
 *
 * <pre>{@code
 * TF_ENABLE_ONEDNN_OPTS=1 bin/emostream process ...   # oneDNN for inference after all
 * }</pre>
 */
public final class TensorflowKernels {
    /** The environment variable TensorFlow reads. */
    public static final String ENV = "TF_ENABLE_ONEDNN_OPTS";

    private TensorflowKernels() {
    }

    /**
     * Whether TensorFlow uses oneDNN for the given value of {@value #ENV}: TensorFlow's boolean parsing ({@code 0}/
     * {@code false} off, {@code 1}/{@code true} on, either case); unset or anything else keeps its default, on.
     */
    public static boolean oneDnn(String value) {
        if (value == null) {
            return true;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return !(v.equals("0") || v.equals("false"));
    }

    /** {@code oneDNN on} or {@code oneDNN off}: the kernels' short name, as reports label figures. */
    public static String label(boolean oneDnn) {
        return oneDnn ? "oneDNN on" : "oneDNN off";
    }

    /** One line for logs and reports, e.g. {@code oneDNN off (TF_ENABLE_ONEDNN_OPTS=0)}. */
    public static String describe(String value) {
        String state = label(oneDnn(value));
        return value == null ? state + " (" + ENV + " unset: TensorFlow's default)" : state + " (" + ENV + "=" + value + ")";
    }

    /** {@link #describe} for this process's environment. */
    public static String current() {
        return describe(System.getenv(ENV));
    }
}
