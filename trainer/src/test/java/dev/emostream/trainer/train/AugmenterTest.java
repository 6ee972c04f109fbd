package dev.emostream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.trainer.data.Dataset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    @Test
    void randomErasingChangesOneRectangleOfTheAugmentedFaceAndNothingElseAndIsOffByDefault() {
        // Given one grey face of a smooth gradient
        byte[] pixels = new byte[Dataset.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 48 * 5);
        }
        Dataset data = datasetOf(pixels);
        Augmenter a = Augmenter.standard();
        float[] plain = new float[Dataset.PIXELS];
        float[] defaulted = new float[Dataset.PIXELS];
        float[] erased = new float[Dataset.PIXELS];

        // When it is augmented with the same seed without erasing, by default, and with erasing certain
        a.apply(data, 0, new SplittableRandom(9), 1 / 255f, 0, plain, 0, 0);
        a.apply(data, 0, new SplittableRandom(9), 1 / 255f, 0, defaulted, 0);
        a.apply(data, 0, new SplittableRandom(9), 1 / 255f, 0, erased, 0, 1.0);

        // Then the default is no erasing, and erasing changed 2-25% of the pixels, all inside one rectangle
        assertThat(defaulted).containsExactly(plain);
        int minR = 48, maxR = -1, minC = 48, maxC = -1, changed = 0;
        for (int i = 0; i < Dataset.PIXELS; i++) {
            if (erased[i] != plain[i]) {
                changed++;
                minR = Math.min(minR, i / 48);
                maxR = Math.max(maxR, i / 48);
                minC = Math.min(minC, i % 48);
                maxC = Math.max(maxC, i % 48);
            }
        }
        assertThat(changed).isBetween((int) (0.02 * Dataset.PIXELS) - 2, (int) (0.26 * Dataset.PIXELS));
        int box = (maxR - minR + 1) * (maxC - minC + 1);
        assertThat(changed).isGreaterThan(box * 9 / 10);  // noise may match a few pixels by chance
        for (float v : erased) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    private static Dataset datasetOf(byte[] pixels) {
        return new Dataset(dev.emostream.schemas.EmotionClasses.ofSize(7), pixels, new int[] {3}, null);
    }
}
