package dev.emostream.trainer.train;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Knowledge distillation settings: each training batch's targets become
 * {@code (1 - weight) * label + weight * soften(mean teacher probabilities, temperature)}, the teachers seeing the
 * same augmented images as the student. A small network learns more from a larger one's graded answers ("this
 * frown is 60% angry, 30% sad") than from hard labels alone, at no cost when it serves.
 *
 * @param teachers    exported models (SavedModel directories with a model card) whose probabilities are averaged
 * @param weight      share of the teacher in the target, in (0, 1]
 * @param temperature softening of the teacher's distribution, {@code p^(1/T)} renormalised; 1 keeps it as it is
 */
public record Distillation(
        // Written as given ("models/accurate"), not as an absolute file: URI, so a checkpoint or card stays portable.
        @JsonSerialize(contentUsing = ToStringSerializer.class) List<Path> teachers,
        float weight,
        float temperature) {
    public static final float DEFAULT_WEIGHT = 0.7f;
    public static final float DEFAULT_TEMPERATURE = 1f;

    public Distillation {
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
                + String.format(Locale.ROOT, " --distill-weight %s --distill-temperature %s", weight, temperature);
    }

    /**
     * Blends, in place, the first {@code n} rows of {@code targets} ([n, classes]) with the teacher's probabilities
     * {@code teacher} ([n, classes]).
     */
    public void blend(float[] targets, float[] teacher, int n, int classes) {
        float[] soft = new float[classes];
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                soft[k] = temperature == 1f ? teacher[row + k] : (float) Math.pow(Math.max(teacher[row + k], 1e-12f), 1.0 / temperature);
                sum += soft[k];
            }
            for (int k = 0; k < classes; k++) {
                targets[row + k] = (1 - weight) * targets[row + k] + weight * (float) (soft[k] / sum);
            }
        }
    }
}
