package dev.emostream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.emostream.schemas.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistillationTest {
    private static final List<Path> TEACHER = List.of(Path.of("models/accurate"));

    @Test
    void targetsBlendTheLabelWithTheTeachersProbabilities() {
        // Given one-hot targets for two images (class 0, class 2) and a teacher that hesitates on both
        float[] targets = {1, 0, 0, 0, 0, 1};
        float[] teacher = {0.5f, 0.5f, 0f, 0.2f, 0.2f, 0.6f};

        // When they are blended with the teacher at weight 0.7 and temperature 1
        new Distillation(TEACHER, 0.7f, 1f).blend(targets, teacher, 2, 3);

        // Then each target is 0.3 * label + 0.7 * teacher
        assertThat(targets).containsExactly(new float[] {0.65f, 0.35f, 0f, 0.14f, 0.14f, 0.72f}, within(1e-6f));
    }

    @Test
    void aHigherTemperatureSoftensTheTeacherAndTargetsStillSumToOne() {
        // Given a confident teacher
        float[] teacher = {0.81f, 0.09f, 0.09f, 0.01f};
        float[] targets = {0, 0, 0, 0};

        // When only the teacher counts (weight 1) at temperature 2
        new Distillation(TEACHER, 1f, 2f).blend(targets, teacher, 1, 4);

        // Then the distribution is p^(1/2) renormalised: 0.9, 0.3, 0.3, 0.1 over 1.6
        assertThat(targets).containsExactly(new float[] {0.5625f, 0.1875f, 0.1875f, 0.0625f}, within(1e-6f));
        assertThat(targets[0] + targets[1] + targets[2] + targets[3]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void aCheckpointKeepsTheTeacherPathAsGiven() throws Exception {
        // Given settings naming a relative teacher path
        Distillation d = new Distillation(TEACHER, 0.7f, 1f);

        // When they are written to JSON (as in a checkpoint's state) and read back
        String json = Json.MAPPER.writeValueAsString(d);
        Distillation back = Json.MAPPER.readValue(json, Distillation.class);

        // Then the path is stored as given, not as an absolute file: URI, and reads back equal
        assertThat(json).contains("\"teachers\":[\"models/accurate\"]");
        assertThat(back).isEqualTo(d);
    }

    @Test
    void settingsOutsideTheirRangeAreRejectedAndOptionsReproduceTheSettings() {
        assertThatThrownBy(() -> new Distillation(List.of(), 0.5f, 1f)).hasMessageContaining("at least one teacher");
        assertThatThrownBy(() -> new Distillation(TEACHER, 0f, 1f)).hasMessageContaining("weight must be in (0, 1]");
        assertThatThrownBy(() -> new Distillation(TEACHER, 0.5f, 0f)).hasMessageContaining("temperature must be positive");
        assertThat(new Distillation(TEACHER, 0.5f, 2f).toOptions())
                .isEqualTo(" --teacher models/accurate --distill-weight 0.5 --distill-temperature 2.0");
    }
}
