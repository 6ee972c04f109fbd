package dev.emostream.trainer.train;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.emostream.schemas.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Knowledge distillation settings: each training batch's targets become
 * {@code (1 - weight) * label + weight * soften(mean teacher probabilities, temperature)}. A small network learns
 * more from a larger one's graded answers ("this frown is 60% angry, 30% sad") than from hard labels alone, at no
 * cost when it serves.
 *
 * @param teachers    exported models or ensembles (directories with a model card) whose probabilities are averaged
 * @param weight      share of the teacher in the target, in (0, 1]
 * @param temperature softening of the teacher's distribution, {@code p^(1/T)} renormalised; 1 keeps it as it is
 * @param mode        when the teachers answer: on every augmented batch, or once per training image before the first
 *                    epoch (null, as in checkpoints written before there was a choice, reads as {@link Mode#ONLINE})
 */
public record Distillation(
        // Written as given ("models/accurate"), not as an absolute file: URI, so a checkpoint or card stays portable.
        @JsonSerialize(contentUsing = ToStringSerializer.class) List<Path> teachers,
        float weight,
        float temperature,
        @JacksonInject(value = Json.ABSENT + "mode", useInput = OptBoolean.TRUE) Mode mode) {
    public static final float DEFAULT_WEIGHT = 0.7f;
    public static final float DEFAULT_TEMPERATURE = 1f;

    /** When the teachers are asked. */
    public enum Mode {
        /** On each augmented batch, seeing exactly what the student sees; costs a teacher pass per step. */
        ONLINE,
        /**
         * Once per training image (not augmented) before the first epoch, kept in memory; every augmented copy of an
         * image is then taught that image's answer. An ensemble teacher costs one pass over the data instead of one per
         * epoch (with flip TTA the answer does not change under the flips the augmenter makes).
         */
        OFFLINE
    }

    /** Online distillation, as before there was a choice. */
    public Distillation(List<Path> teachers, float weight, float temperature) {
        this(teachers, weight, temperature, Mode.ONLINE);
    }

    public Distillation {
        mode = mode == null ? Mode.ONLINE : mode;
        teachers = List.copyOf(teachers);
        if (teachers.isEmpty()) {
            throw new IllegalArgumentException("distillation needs at least one teacher model");
        }
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("distillation weight must be in (0, 1], got " + weight);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("distillation temperature must be positive, got " + temperature);
        }
    }

    /** The {@code emostream train} options that ask for these settings. */
    public String toOptions() {
        return teachers.stream().map(t -> " --teacher " + t).collect(Collectors.joining())
                + String.format(Locale.ROOT, " --distill-weight %s --distill-temperature %s", weight, temperature)
                + (mode == Mode.ONLINE ? "" : " --distill-mode " + mode.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Blends, in place, the first {@code n} rows of {@code targets} ([n, classes]) with the teacher's probabilities
     * {@code teacher} ([n, classes]).
     */
    public void blend(float[] targets, float[] teacher, int n, int classes) {
        blend(targets, teacher, i -> i, n, classes);
    }

    /**
     * Blends, in place, the first {@code n} rows of {@code targets} with rows of {@code teacher}: target row {@code i}
     * with teacher row {@code teacherRow.applyAsInt(i)} (offline mode: the batch's image indices into the whole set).
     */
    public void blend(float[] targets, float[] teacher, java.util.function.IntUnaryOperator teacherRow, int n, int classes) {
        float[] soft = new float[classes];
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            int from = teacherRow.applyAsInt(i) * classes;
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                float p = teacher[from + k];
                soft[k] = temperature == 1f ? p : (float) Math.pow(Math.max(p, 1e-12f), 1.0 / temperature);
                sum += soft[k];
            }
            for (int k = 0; k < classes; k++) {
                targets[row + k] = (1 - weight) * targets[row + k] + weight * (float) (soft[k] / sum);
            }
        }
    }
}
