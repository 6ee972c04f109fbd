package dev.emostream.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TestTimeAugmentationTest {
    /** Two 3x3 faces: 1..9 and 11..19, row-major. */
    private static final float[] FACES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19};

    @Test
    void flipAppendsEachFacesMirrorAfterAllTheFaces() {
        // When two faces are expanded for flip
        float[] rows = TestTimeAugmentation.FLIP.expand(FACES, 2, 3);

        // Then rows 0-1 are the faces and rows 2-3 their mirrors, in the same order
        assertThat(rows).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                3, 2, 1, 6, 5, 4, 9, 8, 7, 13, 12, 11, 16, 15, 14, 19, 18, 17);
    }

    @Test
    void flipShiftsMakesTenViewsPerFaceShiftedWithTheEdgeRepeated() {
        // When one face is expanded for flip-shifts (a 2-px shift on a 3-px face keeps one source column or row)
        float[] rows = TestTimeAugmentation.FLIP_SHIFTS.expand(FACES, 1, 3);

        // Then there are 10 views: as it is, shifted right, left, down, up, then the same of its mirror
        assertThat(TestTimeAugmentation.FLIP_SHIFTS.views()).isEqualTo(10);
        assertThat(rows).hasSize(90);
        assertThat(java.util.Arrays.copyOfRange(rows, 9, 18)).containsExactly(1, 1, 1, 4, 4, 4, 7, 7, 7);
        assertThat(java.util.Arrays.copyOfRange(rows, 18, 27)).containsExactly(3, 3, 3, 6, 6, 6, 9, 9, 9);
        assertThat(java.util.Arrays.copyOfRange(rows, 27, 36)).containsExactly(1, 2, 3, 1, 2, 3, 1, 2, 3);
        assertThat(java.util.Arrays.copyOfRange(rows, 36, 45)).containsExactly(7, 8, 9, 7, 8, 9, 7, 8, 9);
        assertThat(java.util.Arrays.copyOfRange(rows, 45, 54)).containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7);
    }

    @Test
    void averageFoldsTheViewsBackToOneRowPerFace() {
        // Given answers of 2 classes for 2 faces in 2 views (view-major rows, as expand lays them out)
        float[] answers = {0.8f, 0.2f, 0.1f, 0.9f, 0.6f, 0.4f, 0.3f, 0.7f};

        // When they are averaged over the flip views
        float[] mean = TestTimeAugmentation.FLIP.average(answers, 2, 2);

        // Then each face's row is the mean of its two views
        assertThat(mean).containsExactly(new float[] {0.7f, 0.3f, 0.2f, 0.8f}, within(1e-6f));
        assertThat(TestTimeAugmentation.NONE.average(answers, 4, 2)).isSameAs(answers);
    }

    @Test
    void cardNamesReadBackAndAnUnknownOneListsTheAccepted() {
        assertThat(TestTimeAugmentation.ofCardName("flip-shifts")).isEqualTo(TestTimeAugmentation.FLIP_SHIFTS);
        assertThat(TestTimeAugmentation.ofCardName("FLIP_SHIFTS")).isEqualTo(TestTimeAugmentation.FLIP_SHIFTS);
        assertThat(TestTimeAugmentation.FLIP_SHIFTS.cardName()).isEqualTo("flip-shifts");
        // the model card's validation (schemas cannot see this enum) accepts exactly these names
        assertThat(java.util.Arrays.stream(TestTimeAugmentation.values()).map(TestTimeAugmentation::cardName).toList())
                .isEqualTo(dev.emostream.schemas.ModelCard.Ensemble.TTA);
        assertThatThrownBy(() -> TestTimeAugmentation.ofCardName("crops"))
                .hasMessage("unknown test-time augmentation 'crops' (accepted: none, flip, flip-shifts)");
    }
}
