package dev.emostream.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.schemas.Json;
import dev.emostream.trainer.model.ComputePrecision;
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

    @Test
    void bfloat16ConvolutionsAreRecordedNamedInTheCommandAndKeptThroughScheduleChanges() throws Exception {
        // Given a checkpoint's config from before the precision existed
        TrainConfig read = Json.MAPPER.readValue("{\"architecture\":\"ACCURATE\",\"classes\":\"SEVEN\",\"optimizer\":\"ADAM\","
                + "\"learningRate\":0.001,\"batchSize\":64,\"epochs\":50,\"plateauPatience\":4,\"plateauFactor\":0.5,"
                + "\"minLearningRate\":1.0E-5,\"stopPatience\":10,\"weightDecay\":1.0E-4,\"seed\":44,\"augment\":true,"
                + "\"weighting\":\"NONE\",\"erase\":0.25}", TrainConfig.class);

        // When it is resumed in bfloat16, with a new schedule and more epochs
        TrainConfig bf16 = read.withPrecision(ComputePrecision.BFLOAT16).withSchedule(2, 0.5f, 1e-5f, 8).withEpochs(60);

        // Then the old one computes in float32 and its command does not name a precision; the new one keeps bfloat16
        // through the changes, names it last in its command, round-trips, and back in float32 is the old one again
        assertThat(read.convolutionPrecision()).isEqualTo(ComputePrecision.FLOAT32);
        assertThat(read.precision()).isNull();
        assertThat(read.toCommand()).doesNotContain("--precision").endsWith(" --erase 0.25");
        assertThat(bf16.convolutionPrecision()).isEqualTo(ComputePrecision.BFLOAT16);
        assertThat(bf16.toCommand()).endsWith(" --erase 0.25 --precision bfloat16");
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(bf16), TrainConfig.class)).isEqualTo(bf16);
        assertThat(read.withPrecision(ComputePrecision.BFLOAT16).withPrecision(ComputePrecision.FLOAT32)).isEqualTo(read);
        assertThat(Json.MAPPER.writeValueAsString(read.withPrecision(ComputePrecision.FLOAT32))).doesNotContain("precision");
    }

    @Test
    void cutMixIsRecordedNamedInTheCommandKeptThroughChangesAndAbsentFromOlderCheckpoints() throws Exception {
        // Given a checkpoint's config from before CutMix existed
        TrainConfig read = Json.MAPPER.readValue("{\"architecture\":\"ACCURATE\",\"classes\":\"SEVEN\",\"optimizer\":\"ADAM\","
                + "\"learningRate\":0.001,\"batchSize\":64,\"epochs\":50,\"plateauPatience\":4,\"plateauFactor\":0.5,"
                + "\"minLearningRate\":1.0E-5,\"stopPatience\":10,\"weightDecay\":1.0E-4,\"seed\":44,\"augment\":true,"
                + "\"weighting\":\"NONE\",\"erase\":0.25,\"precision\":\"BFLOAT16\"}", TrainConfig.class);

        // When a run asks for CutMix on half the batches, then its schedule and epochs change on resume
        TrainConfig mixing = read.withCutMix(0.5).withSchedule(5, 0.5f, 1e-5f, 12).withEpochs(60);

        // Then the old one mixes nothing and says nothing of it; the new one keeps it, names it last, round-trips,
        // and with CutMix 0 is the old one again
        assertThat(read.batchMixing()).isEqualTo(new CutMix(0));
        assertThat(read.toCommand()).doesNotContain("--cutmix");
        assertThat(mixing.batchMixing()).isEqualTo(new CutMix(0.5));
        assertThat(mixing.toCommand()).endsWith(" --erase 0.25 --precision bfloat16 --cutmix 0.5");
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(mixing), TrainConfig.class)).isEqualTo(mixing);
        assertThat(read.withCutMix(0.5).withCutMix(0)).isEqualTo(read);
        assertThat(Json.MAPPER.writeValueAsString(read)).doesNotContain("cutmix");
    }
}
