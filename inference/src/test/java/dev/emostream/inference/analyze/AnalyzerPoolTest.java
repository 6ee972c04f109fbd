package dev.emostream.inference.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.schemas.BoundingBox;
import dev.emostream.schemas.ModelCard;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One analyzer per thread; those of ended threads are freed (pure logic: the analyzers are plain counters). */
class AnalyzerPoolTest {

    /** Counts its closes. */
    static final class Counted implements ImageAnalyzer {
        final AtomicInteger closed = new AtomicInteger();

        public FrameAnalyzer.Analysis analyze(byte[] encoded) {
            throw new UnsupportedOperationException();
        }

        public ModelCard model() {
            throw new UnsupportedOperationException();
        }

        public FrameAnalyzer.Detected detect(byte[] encoded) {
            throw new UnsupportedOperationException();
        }

        public float[] histogram(BoundingBox box) {
            throw new UnsupportedOperationException();
        }

        public List<float[]> classify(List<BoundingBox> boxes) {
            throw new UnsupportedOperationException();
        }

        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void theAnalyzerOfAnEndedThreadIsFreedWhenAnotherIsCreatedAndTheRestOnClose() throws Exception {
        // Given a pool, and a thread that took an analyzer and ended (a stream thread replaced after a failure)
        List<Counted> made = new ArrayList<>();
        AnalyzerPool pool = new AnalyzerPool(() -> {
            Counted c = new Counted();
            made.add(c);
            return c;
        });
        Thread replaced = new Thread(pool::get);
        replaced.start();
        replaced.join();
        assertThat(pool.size()).isEqualTo(1);

        // When another thread takes one (twice: the second time it gets the same)
        ImageAnalyzer mine = pool.get();
        assertThat(pool.get()).isSameAs(mine);

        // Then the ended thread's analyzer was closed once and only the live one is left
        assertThat(made).hasSize(2);
        assertThat(made.get(0).closed).hasValue(1);
        assertThat(made.get(1).closed).hasValue(0);
        assertThat(pool.size()).isEqualTo(1);

        // And closing the pool closes the live one
        pool.close();
        assertThat(made.get(1).closed).hasValue(1);
        assertThat(made.get(0).closed).hasValue(1);
    }
}
