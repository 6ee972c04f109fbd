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
    void offlineTargetsTakeEachImagesOwnRowOfThePrecomputedAnswers() {
        // Given answers precomputed for three images (rows 0, 1, 2) and a batch holding images 2 and 0, both class 1
        float[] answers = {0.9f, 0.1f, 0.2f, 0.8f, 0.4f, 0.6f};
        int[] batchImages = {2, 0};
        float[] targets = {0, 1, 0, 1};

        // When the batch is blended at weight 0.5 by image index
        new Distillation(TEACHER, 0.5f, 1f, Distillation.Mode.OFFLINE).blend(targets, answers, i -> batchImages[i], 2, 2);

        // Then row 0 is blended with image 2's answer and row 1 with image 0's
        assertThat(targets).containsExactly(new float[] {0.2f, 0.8f, 0.45f, 0.55f}, within(1e-6f));
    }

    @Test
    void aCheckpointWrittenBeforeModesExistedReadsAsOnlineAndOfflineIsKept() throws Exception {
        // Given a checkpoint's distillation without a mode (written before there was a choice) and one in offline mode
        String old = "{\"teachers\":[\"models/accurate\"],\"weight\":0.7,\"temperature\":1.0}";
        Distillation offline = new Distillation(TEACHER, 0.7f, 1f, Distillation.Mode.OFFLINE);

        // When both are read back
        Distillation oldRead = Json.MAPPER.readValue(old, Distillation.class);
        Distillation offlineRead = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(offline), Distillation.class);

        // Then the old one is online, as it ran, and offline stays offline and says so in its options
        assertThat(oldRead).isEqualTo(new Distillation(TEACHER, 0.7f, 1f));
        assertThat(oldRead.mode()).isEqualTo(Distillation.Mode.ONLINE);
        assertThat(offlineRead).isEqualTo(offline);
        assertThat(offline.toOptions()).endsWith(" --distill-mode offline");
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
