package dev.emostream.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.emostream.inference.TestAssets;
import dev.emostream.schemas.ModelCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ensemble cards over the shipped models: the averaging, the geometric pooling and the flip expansion, against the single models run by hand. */
class EnsembleClassifierTest {

    @Test
    void anEnsembleAveragesItsMembersWeightedAndTheFlipExpansionAveragesEachFaceWithItsMirror(@TempDir Path dir) throws Exception {
        // Given an ensemble card of the shipped fast model twice (weights 1 and 3) with flip TTA, and three faces
        ModelCard fast = ModelCard.read(TestAssets.fastModel());
        String member = TestAssets.fastModel().toAbsolutePath().toString();
        ensembleCard(dir, fast, List.of(new ModelCard.Member(member, fast.version(), 1.0), new ModelCard.Member(member, fast.version(), 3.0)),
                "flip");
        int side = fast.input().height();
        int n = 3;
        float[] faces = new float[n * side * side];
        Random random = new Random(5);
        for (int i = 0; i < faces.length; i++) {
            faces[i] = random.nextFloat();
        }
        float[] mirrored = new float[faces.length];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    mirrored[i * side * side + y * side + x] = faces[i * side * side + y * side + side - 1 - x];
                }
            }
        }

        // When it classifies them, and the single model classifies them and their mirrors
        float[] ensemble;
        float[] plain;
        float[] flipped;
        try (EmotionClassifier e = EmotionClassifier.open(dir); EmotionClassifier single = EmotionClassifier.open(TestAssets.fastModel())) {
            assertThat(e.members()).isEqualTo(2);
            assertThat(e.card().name()).isEqualTo("ensemble-test");
            ensemble = e.classify(faces, n);
            plain = single.classify(faces, n);
            flipped = single.classify(mirrored, n);
        }

        // Then each probability is the mean of the face's and its mirror's (both members being the same model, the
        // weighted mean of two equal answers is that answer), and each row sums to 1
        int c = fast.classes().size();
        assertThat(ensemble).hasSize(n * c);
        for (int i = 0; i < n; i++) {
            double rowSum = 0;
            for (int k = 0; k < c; k++) {
                assertThat((double) ensemble[i * c + k]).isCloseTo((plain[i * c + k] + flipped[i * c + k]) / 2.0, within(1e-5));
                rowSum += ensemble[i * c + k];
            }
            assertThat(rowSum).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void aGeometricCardAnswersTheRenormalisedWeightedGeometricMeanOfItsMembers(@TempDir Path dir) throws Exception {
        // Given a card pooling two different shipped networks (fast 3.0.0 weighing 1, fast-mini 2.0.0 weighing 3)
        // geometrically, without TTA, and four faces
        Path fastDir = TestAssets.fastModel();
        Path miniDir = fastDir.resolveSibling("fast-mini");
        ModelCard fast = ModelCard.read(fastDir);
        new ModelCard("ensemble-test", "0.1.0", "2026-12-04T00:00:00Z", "ensemble", 0, fast.classes(), fast.input(), null, null, null, null,
                new ModelCard.Ensemble(List.of(new ModelCard.Member(fastDir.toAbsolutePath().toString(), fast.version(), 1.0),
                        new ModelCard.Member(miniDir.toAbsolutePath().toString(), ModelCard.read(miniDir).version(), 3.0)),
                        "none", "geometric"), null).write(dir);
        int side = fast.input().height();
        int n = 4;
        float[] faces = new float[n * side * side];
        Random random = new Random(11);
        for (int i = 0; i < faces.length; i++) {
            faces[i] = random.nextFloat();
        }

        // When the card and each network alone classify them
        float[] pooled;
        float[] a;
        float[] b;
        try (EmotionClassifier e = EmotionClassifier.open(dir); EmotionClassifier one = EmotionClassifier.open(fastDir);
             EmotionClassifier other = EmotionClassifier.open(miniDir)) {
            assertThat(e.pooling()).isEqualTo(ProbabilityPooling.GEOMETRIC);
            pooled = e.classify(faces, n);
            a = one.classify(faces, n);
            b = other.classify(faces, n);
        }

        // Then each row is a^(1/4) * b^(3/4), renormalised to sum to 1
        int c = fast.classes().size();
        for (int i = 0; i < n; i++) {
            double[] expected = new double[c];
            double total = 0;
            for (int k = 0; k < c; k++) {
                expected[k] = Math.pow(a[i * c + k], 0.25) * Math.pow(b[i * c + k], 0.75);
                total += expected[k];
            }
            for (int k = 0; k < c; k++) {
                assertThat((double) pooled[i * c + k]).isCloseTo(expected[k] / total, within(1e-5));
            }
        }
    }

    @Test
    void aMemberOfAnotherVersionOrAMissingOneIsNamed(@TempDir Path dir) throws Exception {
        ModelCard fast = ModelCard.read(TestAssets.fastModel());
        String member = TestAssets.fastModel().toAbsolutePath().toString();
        ensembleCard(dir, fast, List.of(new ModelCard.Member(member, "0.0.1", 1.0), new ModelCard.Member(member, fast.version(), 1.0)), "none");
        assertThatThrownBy(() -> EmotionClassifier.open(dir)).hasMessageContaining("is version " + fast.version()).hasMessageContaining("0.0.1");
        ensembleCard(dir, fast, List.of(new ModelCard.Member("../nowhere", "1.0.0", 1.0), new ModelCard.Member(member, fast.version(), 1.0)),
                "none");
        assertThatThrownBy(() -> EmotionClassifier.open(dir)).hasMessageContaining("../nowhere");
        assertThatThrownBy(() -> new ModelCard.Ensemble(List.of(new ModelCard.Member(member, "1", 1.0)), "none"))
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new ModelCard.Ensemble(List.of(new ModelCard.Member(member, "1", 1.0), new ModelCard.Member(member, "1", 1.0)),
                "crops")).hasMessageContaining("ensemble.tta");
        assertThatThrownBy(() -> new ModelCard.Ensemble(List.of(new ModelCard.Member(member, "1", 1.0), new ModelCard.Member(member, "1", 1.0)),
                "none", "median")).hasMessage("field 'ensemble.combine' must be one of [mean, geometric], got 'median'");
        assertThat(new ModelCard.Ensemble(List.of(new ModelCard.Member(member, "1", 1.0), new ModelCard.Member(member, "1", 1.0)), "none")
                .combine()).isEqualTo("mean");
    }

    private static void ensembleCard(Path dir, ModelCard like, List<ModelCard.Member> members, String tta) throws Exception {
        Files.createDirectories(dir);
        new ModelCard("ensemble-test", "0.1.0", "2026-12-02T00:00:00Z", "ensemble", 0, like.classes(), like.input(), null, null, null, null,
                new ModelCard.Ensemble(members, tta), null).write(dir);
    }
}
