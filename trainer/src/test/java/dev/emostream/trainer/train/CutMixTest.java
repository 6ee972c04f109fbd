package dev.emostream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.emostream.trainer.data.Dataset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CutMixTest {
    private static final int CLASSES = 3;

    @Test
    void eachFaceTakesOneRectangleFromItsNeighbourAndItsTargetAndWeightMixByThePixelsEachShows() {
        // Given a batch of three flat faces (grey levels 0.1, 0.2, 0.3), one-hot targets of classes 0, 1, 2, weights 1, 2, 3
        int n = 3;
        float[] images = new float[n * Dataset.PIXELS];
        float[] targets = new float[n * CLASSES];
        float[] weights = {1f, 2f, 3f};
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(images, i * Dataset.PIXELS, (i + 1) * Dataset.PIXELS, 0.1f * (i + 1));
            targets[i * CLASSES + i] = 1f;
        }

        // When CutMix certain to mix is applied
        CutMix.Box box = new CutMix(1).apply(images, targets, weights, n, CLASSES, new SplittableRandom(5));

        // Then every face shows its neighbour (the last: the first) inside the rectangle and itself outside it
        assertThat(box).isNotNull();
        double lambda = box.lambda();
        assertThat(lambda).isStrictlyBetween(0.0, 1.0);
        for (int i = 0; i < n; i++) {
            float own = 0.1f * (i + 1);
            float neighbour = 0.1f * ((i + 1) % n + 1);
            int inside = 0;
            for (int p = 0; p < Dataset.PIXELS; p++) {
                int r = p / Dataset.SIDE;
                int c = p % Dataset.SIDE;
                boolean in = r >= box.top() && r < box.top() + box.height() && c >= box.left() && c < box.left() + box.width();
                assertThat(images[i * Dataset.PIXELS + p]).as("face %d pixel %d", i, p).isEqualTo(in ? neighbour : own);
                inside += in ? 1 : 0;
            }
            assertThat(1 - (double) inside / Dataset.PIXELS).isCloseTo(lambda, within(1e-9));
        }
        // and the targets are the two one-hots mixed by lambda, the weights likewise
        float l = (float) lambda;
        assertThat(targets).containsExactly(new float[] {l, 1 - l, 0, 0, l, 1 - l, 1 - l, 0, l}, within(1e-6f));
        assertThat(weights).containsExactly(new float[] {l + 2 * (1 - l), 2 * l + 3 * (1 - l), 3 * l + (1 - l)}, within(1e-5f));
    }

    @Test
    void atProbabilityZeroNothingChangesAndNoRandomNumberIsDrawn() {
        // Given a batch and two generators of one seed
        float[] images = new float[2 * Dataset.PIXELS];
        images[Dataset.PIXELS] = 1f;
        float[] targets = {1, 0, 0, 0, 1, 0};
        float[] weights = {1, 1};
        SplittableRandom used = new SplittableRandom(8);

        // When CutMix is off
        CutMix.Box box = new CutMix(0).apply(images, targets, weights, 2, CLASSES, used);

        // Then the batch is as it was and the generator is where a fresh one is
        assertThat(box).isNull();
        assertThat(images[Dataset.PIXELS]).isEqualTo(1f);
        assertThat(targets).containsExactly(1, 0, 0, 0, 1, 0);
        assertThat(used.nextLong()).isEqualTo(new SplittableRandom(8).nextLong());
    }

    @Test
    void aRectangleIsClippedToTheFaceAndItsAreaSetsLambda() {
        // Given mixing ratios and centres, one in a corner
        // When the rectangles are made
        CutMix.Box whole = CutMix.box(0, 24, 24);
        CutMix.Box quarter = CutMix.box(0.75, 24, 24);
        CutMix.Box corner = CutMix.box(0.75, 0, 0);

        // Then u=0 covers the face, u=0.75 a 24x24 square (lambda 0.75), clipped to 12x12 in the corner (lambda 1-1/16)
        assertThat(whole).isEqualTo(new CutMix.Box(0, 0, 48, 48));
        assertThat(whole.lambda()).isZero();
        assertThat(quarter).isEqualTo(new CutMix.Box(12, 12, 24, 24));
        assertThat(quarter.lambda()).isEqualTo(0.75);
        assertThat(corner).isEqualTo(new CutMix.Box(0, 0, 12, 12));
        assertThat(corner.lambda()).isEqualTo(1 - 144.0 / 2304);
    }

    @Test
    void aProbabilityOutsideZeroToOneIsRefusedWithTheValue() {
        assertThatThrownBy(() -> new CutMix(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1, got 1.5");
        assertThatThrownBy(() -> new CutMix(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
