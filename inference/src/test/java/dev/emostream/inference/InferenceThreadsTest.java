package dev.emostream.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emostream.inference.classify.EmotionClassifier;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Test;

/** Thread settings reach OpenCV and TensorFlow. */
class InferenceThreadsTest {

    @Test
    void theDefaultSplitsTheCoresBetweenTheWorkers() {
        assertThat(InferenceThreads.forWorkers(1, 2)).isEqualTo(new InferenceThreads(2, 2, 1));
        assertThat(InferenceThreads.forWorkers(2, 2)).isEqualTo(new InferenceThreads(1, 1, 1));
        assertThat(InferenceThreads.forWorkers(3, 2)).isEqualTo(new InferenceThreads(1, 1, 1));
        assertThat(InferenceThreads.forWorkers(2, 16)).isEqualTo(new InferenceThreads(8, 8, 1));
        assertThatThrownBy(() -> new InferenceThreads(0, 1, 1)).hasMessageContaining("opencv=0");
    }

    @Test
    void openCvReportsTheThreadCountItWasGiven() {
        int before = opencv_core.getNumThreads();
        try {
            assertThat(new InferenceThreads(1, 1, 1).applyToOpenCv()).isEqualTo(1);
            assertThat(opencv_core.getNumThreads()).isEqualTo(1);
            assertThat(new InferenceThreads(2, 1, 1).applyToOpenCv()).isEqualTo(2);
        } finally {
            opencv_core.setNumThreads(before);
        }
    }

    @Test
    void eachSessionGetsTheInterOpThreadsItAsksFor() throws Exception {
        // Given the native threads TensorFlow starts (they carry the process's name, 'java'; the JVM's own are named)
        // (the first session of the JVM also starts the process-wide pools: open one so they exist)
        nativeThreadsStartedBy(new InferenceThreads(1, 1, 1));

        // When one classifier is opened with 1 inter-op thread and another with 4, each used once
        long one = nativeThreadsStartedBy(new InferenceThreads(1, 1, 1));
        long four = nativeThreadsStartedBy(new InferenceThreads(1, 1, 4));

        // Then the second started exactly 3 threads more: its own inter-op pool of 4 against 1
        assertThat(four - one).isEqualTo(3);
    }

    private static long nativeThreadsStartedBy(InferenceThreads threads) throws Exception {
        long before = unnamedThreads();
        EmotionClassifier c = EmotionClassifier.open(TestAssets.fastModel(), threads);
        try {
            c.classify(new float[c.side() * c.side() * 4], 4);
            return unnamedThreads() - before;
        } finally {
            c.close();
        }
    }

    /** Threads of this process whose name is still the process's own ('java'): threads started by native code. */
    private static long unnamedThreads() throws java.io.IOException {
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            return tasks.filter(t -> {
                try {
                    return java.nio.file.Files.readString(t.resolve("comm")).trim().equals("java");
                } catch (java.io.IOException e) {
                    return false; // the thread ended while we looked
                }
            }).count();
        }
    }

    @Test
    void tensorflowSessionsAreLoadedWithThePools() {
        // Given the shipped model loaded with 1 intra-op and 1 inter-op thread
        try (EmotionClassifier c = EmotionClassifier.open(TestAssets.fastModel(), new InferenceThreads(1, 1, 1))) {
            // Then its session configuration says so, and it still classifies
            assertThat(c.sessionConfig().getIntraOpParallelismThreads()).isEqualTo(1);
            assertThat(c.sessionConfig().getInterOpParallelismThreads()).isEqualTo(1);
            float[] p = c.classify(new float[c.side() * c.side()], 1);
            assertThat(p).hasSize(c.classes());
        }
    }
}
