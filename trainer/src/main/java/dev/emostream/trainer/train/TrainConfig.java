package dev.emostream.trainer.train;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.OptBoolean;
import dev.emostream.schemas.EmotionClasses;
import dev.emostream.schemas.Json;
import dev.emostream.trainer.model.Architecture;
import dev.emostream.trainer.model.ComputePrecision;
import dev.emostream.trainer.model.OptimizerKind;

/**
 * Everything that decides a training run; written into each checkpoint so that {@code --resume} continues
 * the same run.
 *
 * @param architecture     which network
 * @param classes          7, or 6 with disgust merged into angry
 * @param optimizer        Adam or SGD with Nesterov momentum
 * @param learningRate     starting learning rate
 * @param batchSize        images per step
 * @param epochs           most epochs to run
 * @param plateauPatience  epochs without a better validation loss before the rate is reduced
 * @param plateauFactor    rate multiplier on a plateau
 * @param minLearningRate  the rate is never reduced below this
 * @param stopPatience     epochs without a better validation accuracy before stopping early
 * @param weightDecay      L2 penalty on kernels
 * @param seed             seeds weights, shuffling, augmentation and dropout
 * @param augment          augment training images on the fly
 * @param weighting        per-class loss weights
 * @param erase            random erasing: the probability that a training image gets a random rectangle of noise
 *                         (null or 0: none; absent from checkpoints written before it existed)
 * @param precision        the training head's convolutions: float32 or bfloat16 (null: float32; absent from
 *                         checkpoints written before it existed). A speed setting that may change on {@code --resume}
 * @param cutmix           CutMix ({@link CutMix}): the share of batches mixed (null or 0: none; absent from checkpoints
 *                         written before it existed)
 */
public record TrainConfig(
        Architecture architecture,
        EmotionClasses classes,
        OptimizerKind optimizer,
        float learningRate,
        int batchSize,
        int epochs,
        int plateauPatience,
        float plateauFactor,
        float minLearningRate,
        int stopPatience,
        float weightDecay,
        long seed,
        boolean augment,
        ClassWeighting weighting,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "erase", useInput = OptBoolean.TRUE)
        Double erase,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "precision", useInput = OptBoolean.TRUE)
        ComputePrecision precision,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "cutmix", useInput = OptBoolean.TRUE)
        Double cutmix) {

    /** Input normalisation the trainer uses and the model card records: {@code pixel / 255}. */
    public static final float SCALE = 1f / 255f;
    public static final float OFFSET = 0f;

    public TrainConfig {
        if (learningRate <= 0 || batchSize < 1 || epochs < 1 || plateauPatience < 1 || stopPatience < 1) {
            throw new IllegalArgumentException("learning rate, batch size, epochs and patiences must be positive");
        }
        if (erase != null && !(erase >= 0 && erase <= 1)) {
            throw new IllegalArgumentException("the random erasing probability must be 0..1, got " + erase);
        }
        if (cutmix != null) {
            new CutMix(cutmix); // validates
            cutmix = cutmix == 0 ? null : cutmix;
        }
        if (precision == ComputePrecision.FLOAT32) {
            precision = null; // the default, stored as absent so that a config equals the one an older checkpoint holds
        }
    }

    /** Without random erasing. */
    public TrainConfig(Architecture architecture, EmotionClasses classes, OptimizerKind optimizer, float learningRate, int batchSize, int epochs,
                       int plateauPatience, float plateauFactor, float minLearningRate, int stopPatience, float weightDecay, long seed,
                       boolean augment, ClassWeighting weighting) {
        this(architecture, classes, optimizer, learningRate, batchSize, epochs, plateauPatience, plateauFactor, minLearningRate, stopPatience,
                weightDecay, seed, augment, weighting, null, null, null);
    }

    /** With random erasing ({@code erase}: null for none), convolutions in float32. */
    public TrainConfig(Architecture architecture, EmotionClasses classes, OptimizerKind optimizer, float learningRate, int batchSize, int epochs,
                       int plateauPatience, float plateauFactor, float minLearningRate, int stopPatience, float weightDecay, long seed,
                       boolean augment, ClassWeighting weighting, Double erase) {
        this(architecture, classes, optimizer, learningRate, batchSize, epochs, plateauPatience, plateauFactor, minLearningRate, stopPatience,
                weightDecay, seed, augment, weighting, erase, null, null);
    }

    /** The training head's convolution precision, float32 when not set. */
    public ComputePrecision convolutionPrecision() {
        return precision == null ? ComputePrecision.FLOAT32 : precision;
    }

    /** The batch mixing of this run: CutMix with probability 0 when off. */
    public CutMix batchMixing() {
        return new CutMix(cutmix == null ? 0 : cutmix);
    }

    /** The random erasing probability, 0 when off. */
    public double eraseProbability() {
        return erase == null ? 0 : erase;
    }

    /** The {@code emostream train} command that trains with exactly this configuration (from the default data). */
    public String toCommand() {
        return String.format(java.util.Locale.ROOT,
                "emostream train --model %s --classes %d --optimizer %s --lr %s --batch-size %d --epochs %d --patience %d"
                        + " --plateau-patience %d --plateau-factor %s --min-lr %s --weight-decay %s --seed %d --class-weights %s%s",
                architecture.name().toLowerCase(java.util.Locale.ROOT), classes.size(), optimizer.name().toLowerCase(java.util.Locale.ROOT),
                learningRate, batchSize, epochs, stopPatience, plateauPatience, plateauFactor, minLearningRate, weightDecay, seed,
                weighting.name().toLowerCase(java.util.Locale.ROOT), augment ? "" : " --no-augment")
                + (eraseProbability() > 0 ? " --erase " + erase : "")
                + (convolutionPrecision() != ComputePrecision.FLOAT32 ? " --precision " + convolutionPrecision().cliName() : "")
                + (cutmix != null ? " --cutmix " + cutmix : "");
    }

    /** This configuration with another learning-rate schedule and early stopping (e.g. changed on --resume). */
    public TrainConfig withSchedule(int newPlateauPatience, float newPlateauFactor, float newMinLearningRate, int newStopPatience) {
        return new TrainConfig(architecture, classes, optimizer, learningRate, batchSize, epochs, newPlateauPatience,
                newPlateauFactor, newMinLearningRate, newStopPatience, weightDecay, seed, augment, weighting, erase, precision, cutmix);
    }

    public TrainConfig withEpochs(int newEpochs) {
        return new TrainConfig(architecture, classes, optimizer, learningRate, batchSize, newEpochs, plateauPatience,
                plateauFactor, minLearningRate, stopPatience, weightDecay, seed, augment, weighting, erase, precision, cutmix);
    }

    /** This configuration with CutMix on a share {@code probability} of batches (0: off). */
    public TrainConfig withCutMix(double probability) {
        return new TrainConfig(architecture, classes, optimizer, learningRate, batchSize, epochs, plateauPatience,
                plateauFactor, minLearningRate, stopPatience, weightDecay, seed, augment, weighting, erase, precision, probability);
    }

    /** This configuration with the training head's convolutions in {@code newPrecision} (e.g. changed on --resume). */
    public TrainConfig withPrecision(ComputePrecision newPrecision) {
        return new TrainConfig(architecture, classes, optimizer, learningRate, batchSize, epochs, plateauPatience,
                plateauFactor, minLearningRate, stopPatience, weightDecay, seed, augment, weighting, erase, newPrecision, cutmix);
    }
}
