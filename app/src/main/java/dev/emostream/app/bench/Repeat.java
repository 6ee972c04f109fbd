package dev.emostream.app.bench;

/** Runs a timed block: warm-up rounds, then repetitions, each returning how many items it processed. */
final class Repeat {
    interface Block {
        /** Does one round of work and returns how many items (images, faces, frames) it processed. */
        long run() throws Exception;
    }

    private Repeat() {
    }

    /** How a warm-up went: passes run, their wall time, and whether the JIT settled (else a limit ended it). */
    record WarmUp(int passes, double seconds, boolean settled) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d pass%s, %.0f s%s", passes, passes == 1 ? "" : "es", seconds,
                    settled ? "" : ", stopped by its limit before the JIT settled");
        }
    }

    /**
     * Passes in a row that must each stay under the JIT share before a warm-up counts as settled. One was not enough:
     * profiled with Java Flight Recorder on 2026-12-02, the two-thread Kafka pipeline's warm-up ended on one quiet pass
     * while C2 went on compiling for seconds at a time (1.5 s on the frame processor's tracking method alone) through
     * the measured passes.
     */
    static final int SETTLED_PASSES = 3;

    /** The share of a pass's wall time under which the JIT compilers count as quiet: every warm-up in the bench uses it. */
    static final double SETTLED_JIT_SHARE = 0.05;

    /**
     * Unmeasured passes until the JIT compilers settle: stops after {@link #SETTLED_PASSES} passes in a row during each
     * of which they compiled for less than {@code share} of its wall time, or after {@code maxPasses}. A deployed
     * processor runs for days, so its steady state, not the first minute's compilation (C2 took as much CPU as the
     * stream thread in a one-minute profile of the pipeline), is what the figures should show. Returns the passes run.
     */
    static int warmUp(int maxPasses, double share, Block pass) throws Exception {
        return warmUp(maxPasses, java.time.Duration.ofDays(1), share, pass).passes();
    }

    /** As {@link #warmUp(int, double, Block)}, also stopping once the passes have taken {@code budget}. */
    static WarmUp warmUp(int maxPasses, java.time.Duration budget, double share, Block pass) throws Exception {
        return warmUp(maxPasses, budget, share, pass, System::nanoTime, Repeat::compilationMillis);
    }

    /** The warm-up with its clocks given: {@code nanos} for wall time, {@code jitMillis} for the JIT's work so far. */
    static WarmUp warmUp(int maxPasses, java.time.Duration budget, double share, Block pass, java.util.function.LongSupplier nanos,
                         java.util.function.LongSupplier jitMillis) throws Exception {
        if (maxPasses < 1) {
            throw new IllegalArgumentException("maxPasses must be at least 1, got " + maxPasses);
        }
        long begin = nanos.getAsLong();
        int quiet = 0;
        for (int i = 1; ; i++) {
            long compiled = jitMillis.getAsLong();
            long start = nanos.getAsLong();
            pass.run();
            long end = nanos.getAsLong();
            quiet = jitMillis.getAsLong() - compiled < share * (end - start) / 1e6 ? quiet + 1 : 0;
            boolean settled = quiet >= SETTLED_PASSES;
            if (settled || i == maxPasses || end - begin >= budget.toNanos()) {
                return new WarmUp(i, (end - begin) / 1e9, settled);
            }
        }
    }

    /** Milliseconds the JIT compilers have worked so far (summed over their threads; 0 where the JVM does not say). */
    static long compilationMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Items per second of each repetition after {@code warmups} unmeasured rounds. */
    static double[] throughput(int warmups, int repetitions, Block block) throws Exception {
        for (int i = 0; i < warmups; i++) {
            block.run();
        }
        double[] rates = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            long items = block.run();
            rates[i] = items / ((System.nanoTime() - start) / 1e9);
        }
        return rates;
    }
}
