package dev.emostream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.schemas.Json;
import org.junit.jupiter.api.Test;

class TrainConfigTest {

    @Test
    void aCheckpointWrittenBeforeRandomErasingExistedResumesWithoutItAndTheCommandSaysSo() throws Exception {
        // Given the config of a checkpoint written before the field existed
        String old = "{\"architecture\":\"ACCURATE\",\"classes\":\"SEVEN\",\"optimizer\":\"NESTEROV\",\"learningRate\":0.01,\"batchSize\":64,"
                + "\"epochs\":45,\"plateauPatience\":5,\"plateauFactor\":0.75,\"minLearningRate\":1.0E-5,\"stopPatience\":12,"
                + "\"weightDecay\":1.0E-4,\"seed\":7,\"augment\":true,\"weighting\":\"NONE\"}";

        // When it is read, and when a new one asks for erasing
        TrainConfig read = Json.MAPPER.readValue(old, TrainConfig.class);
        TrainConfig erasing = new TrainConfig(read.architecture(), read.classes(), read.optimizer(), read.learningRate(), read.batchSize(),
                read.epochs(), read.plateauPatience(), read.plateauFactor(), read.minLearningRate(), read.stopPatience(), read.weightDecay(),
                read.seed(), read.augment(), read.weighting(), 0.5);

        // Then the old one has no erasing and its command is unchanged; the new one names it, and round-trips
        assertThat(read.eraseProbability()).isZero();
        assertThat(read.toCommand()).doesNotContain("--erase").contains("--model accurate").contains("--optimizer nesterov");
        assertThat(erasing.toCommand()).endsWith(" --erase 0.5");
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(erasing), TrainConfig.class)).isEqualTo(erasing);
        assertThat(read.withEpochs(60).epochs()).isEqualTo(60);
    }
}
