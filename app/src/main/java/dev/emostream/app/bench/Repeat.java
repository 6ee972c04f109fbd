package dev.emostream.app.bench;

/** Runs a timed block: warm-up rounds, then repetitions, each returning how many items it processed. */
final class Repeat {
    interface Block {
        /** Does one round of work and returns how many items (images, faces, frames) it processed. */
        long run() throws Exception;
    }

    private Repeat() {
    }

    /**
     * Unmeasured passes until the JIT compilers settle: stops after a pass during which they compiled for less than
     * {@code share} of its wall time, or after {@code maxPasses}. A deployed processor runs for days, so its steady
     * state, not the first minute's compilation (C2 took as much CPU as the stream thread in a one-minute profile of
     * the pipeline), is what the figures should show. Returns the passes run.
     */
    static int warmUp(int maxPasses, double share, Block pass) throws Exception {
        for (int i = 1; i <= maxPasses; i++) {
            long compiled = compilationMillis();
            long start = System.nanoTime();
            pass.run();
            double wallMillis = (System.nanoTime() - start) / 1e6;
            if (compilationMillis() - compiled < share * wallMillis) {
                return i;
            }
        }
        return maxPasses;
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
