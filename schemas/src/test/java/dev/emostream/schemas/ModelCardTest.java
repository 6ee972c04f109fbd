package dev.emostream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {
    private static final String CLASSES = "[\"angry\", \"disgust\", \"fear\", \"happy\", \"sad\", \"surprise\", \"neutral\"]";
    private static final String INPUT = "{\"height\": 48, \"width\": 48, \"channels\": 1, \"colour\": \"grey\", \"scale\": 0.00392, \"offset\": 0.0}";

    @TempDir
    Path dir;

    @Test
    void anEnsembleCardWrittenBeforeCombineExistedPoolsByTheArithmeticMean() throws Exception {
        // Given an ensemble card as the ensemble command wrote it up to 0.6.0, with no ensemble.combine
        Files.writeString(dir.resolve(ModelCard.FILE_NAME), "{\"name\": \"ensemble\", \"version\": \"0.6.0\", \"createdAt\":"
                + " \"2026-12-03T13:10:34Z\", \"architecture\": \"ensemble\", \"parameters\": 10142051, \"classes\": " + CLASSES
                + ", \"input\": " + INPUT + ", \"ensemble\": {\"tta\": \"flip\", \"members\": [{\"path\": \"../fast-mini\", \"version\":"
                + " \"2.0.0\", \"weight\": 1.0}, {\"path\": \"../accurate-long\", \"version\": \"1.0.0\", \"weight\": 1.0}]}}");

        // When it is read
        ModelCard card = ModelCard.read(dir);

        // Then it reads as it was meant: the arithmetic mean of its two members, flip views
        assertThat(card.ensemble()).isEqualTo(new ModelCard.Ensemble(List.of(new ModelCard.Member("../fast-mini", "2.0.0", 1.0),
                new ModelCard.Member("../accurate-long", "1.0.0", 1.0)), "flip", "mean"));
    }

    @Test
    void aGeometricEnsembleCardRoundTrips() throws Exception {
        // Given a card pooling its members geometrically
        ModelCard card = new ModelCard("ensemble", "0.7.0", "2026-12-04T00:00:00Z", "ensemble", 1,
                List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"), new ModelCard.Input(48, 48, 1, "grey", 1 / 255f, 0f),
                null, null, null, null, new ModelCard.Ensemble(List.of(new ModelCard.Member("../a", "1.0.0", 1.0),
                        new ModelCard.Member("../b", "1.0.0", 2.0)), "flip", "geometric"), null);

        // When it is written and read back
        card.write(dir);

        // Then it is the same card, and the file names the pooling
        assertThat(ModelCard.read(dir)).isEqualTo(card);
        assertThat(Files.readString(dir.resolve(ModelCard.FILE_NAME))).contains("\"combine\" : \"geometric\"");
    }
}
