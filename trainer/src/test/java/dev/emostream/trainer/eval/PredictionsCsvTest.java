package dev.emostream.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsCsvTest {
    private static final List<String> CLASSES = List.of("happy", "sad", "neutral");

    @TempDir
    Path dir;

    @Test
    void writesEachRowsLabelPredictionAndProbabilitiesInOrder() throws Exception {
        // Given two rows: a happy face answered sad, a neutral face answered neutral
        int[] labels = {0, 2};
        float[] probabilities = {0.25f, 0.70f, 0.05f, 0.1f, 0.2f, 0.7f};

        // When they are written
        Path file = dir.resolve(PredictionsCsv.FILE_NAME);
        PredictionsCsv.write(file, CLASSES, labels, probabilities);

        // Then the file is a header and one line per row, class names for label and prediction
        assertThat(Files.readAllLines(file)).containsExactly(
                "row,label,predicted,p_happy,p_sad,p_neutral",
                "0,happy,sad,0.250000,0.700000,0.050000",
                "1,neutral,neutral,0.100000,0.200000,0.700000");
    }

    @Test
    void refusesProbabilitiesThatDoNotMatchTheRows() {
        assertThatThrownBy(() -> PredictionsCsv.write(dir.resolve("p.csv"), CLASSES, new int[] {0, 1}, new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("5 probabilities for 2 rows of 3 classes");
    }
}
