package dev.emostream.app.bench;

/** Runs a timed block: warm-up rounds, then repetitions, each returning how many items it processed. */
final class Repeat {
    interface Block {
        /** Does one round of work and returns how many items (images, faces, frames) it processed. */
        long run() throws Exception;
    }

    private Repeat() {
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
