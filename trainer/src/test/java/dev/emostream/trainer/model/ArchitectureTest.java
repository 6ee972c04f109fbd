package dev.emostream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every network builds, trains a step and answers a distribution per face (real TensorFlow graphs, tiny batches). */
class ArchitectureTest {

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void eachNetworkTrainsAStepAndPredictsADistributionPerFace(Architecture arch) {
        // Given the network's training graph for 7 classes, and 4 random faces with one-hot targets
        try (TrainingGraph g = TrainingGraph.build(arch, 7, OptimizerKind.NESTEROV, 1e-4f, 42)) {
            g.initialize();
            int n = 4;
            float[] images = randomFaces(n, 1);
            float[] targets = oneHot(n);
            float[] weights = ones(n);

            // When it takes a training step and then predicts
            TrainingGraph.Step step = g.train(images, targets, weights, n, 0.01f);
            float[] p = g.predict(images, n);

            // Then the loss is a finite positive number and each face gets 7 probabilities summing to 1
            assertThat(step.loss()).isPositive().isFinite();
            assertThat(p).hasSize(n * 7);
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int k = 0; k < 7; k++) {
                    sum += p[i * 7 + k];
                }
                assertThat(sum).isCloseTo(1.0, within(1e-4));
            }
        }
    }

    @Test
    void bfloat16TrainingConvolutionsLeaveTheInferenceHeadAsItIsAndTrainWithinBfloat16sRounding() {
        // Given the accurate network twice from one seed, its training convolutions in float32 and in bfloat16, and 8
        // random faces with one-hot targets
        try (TrainingGraph f32 = TrainingGraph.build(Architecture.ACCURATE, 7, OptimizerKind.ADAM, 1e-4f, 42, ComputePrecision.FLOAT32);
             TrainingGraph bf16 = TrainingGraph.build(Architecture.ACCURATE, 7, OptimizerKind.ADAM, 1e-4f, 42, ComputePrecision.BFLOAT16)) {
            f32.initialize();
            bf16.initialize();
            int n = 8;
            float[] images = randomFaces(n, 3);
            float[] targets = oneHot(n);
            float[] weights = ones(n);

            // When both predict before training, and then take one training step
            float[] before32 = f32.predict(images, n);
            float[] before16 = bf16.predict(images, n);
            float loss32 = f32.train(images, targets, weights, n, 1e-3f).loss();
            float loss16 = bf16.train(images, targets, weights, n, 1e-3f).loss();

            // Then the inference heads (float32 in both) answer alike, and the training losses differ only by bfloat16's
            // rounding (8 bits of mantissa: well under 5% here) but do differ: the bfloat16 path was taken
            assertThat(before16).containsExactly(before32, within(1e-6f));
            assertThat(loss16).isCloseTo(loss32, within(0.05f * loss32));
            assertThat(loss16).isNotEqualTo(loss32);
        }
    }

    @Test
    void theResidualNetIsAboutTheSizeItsCardSays() {
        try (TrainingGraph g = TrainingGraph.build(Architecture.RESNET, 7, OptimizerKind.ADAM, 1e-4f, 42)) {
            assertThat(g.parameterCount()).isBetween(2_500_000L, 3_100_000L);
            assertThat(Architecture.RESNET.family()).isEqualTo("resnet-gap");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "FAST,     192199,  mini-xception",       // models/fast-mini
        "WIDE,     408903,  mini-xception-wide",  // about twice fast's parameters, at fast's cost
        "SLIM,     1679935, vgg-bn-slim",         // accurate's trunk at three quarters of its widths: models/fast
        "ACCURATE, 2487463, vgg-bn"})
    void eachNetworkHasTheParametersAndFamilyItsCardsReport(Architecture arch, long parameters, String family) {
        // Given the network, When built, Then it has the parameters and the family name its model cards report
        try (TrainingGraph g = TrainingGraph.build(arch, 7, OptimizerKind.ADAM, 1e-4f, 42)) {
            assertThat(g.parameterCount()).isEqualTo(parameters);
            assertThat(arch.family()).isEqualTo(family);
        }
    }

    /** {@code n} 48x48 faces of uniform noise from {@code seed}. */
    private static float[] randomFaces(int n, long seed) {
        float[] images = new float[n * 48 * 48];
        Random random = new Random(seed);
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat();
        }
        return images;
    }

    /** One-hot targets over 7 classes: face {@code i} is class {@code i % 7}. */
    private static float[] oneHot(int n) {
        float[] targets = new float[n * 7];
        for (int i = 0; i < n; i++) {
            targets[i * 7 + i % 7] = 1;
        }
        return targets;
    }

    private static float[] ones(int n) {
        float[] weights = new float[n];
        java.util.Arrays.fill(weights, 1f);
        return weights;
    }
}
