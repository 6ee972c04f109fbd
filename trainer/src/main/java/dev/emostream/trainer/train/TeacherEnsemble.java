package dev.emostream.trainer.train;

import dev.emostream.schemas.ModelCard;
import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.ops.ProgressBars;
import dev.emostream.trainer.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;

/**
 * The teachers of a {@link Distillation}, loaded once per run: {@link #probabilities} averages their
 * {@code serving_default} outputs on a batch. Each teacher must predict the student's classes, in the same
 * order, from the same input normalisation; the error names the teacher and what differs.
 */
public final class TeacherEnsemble implements AutoCloseable {
    private static final int PRECOMPUTE_BATCH = 128;
    private final List<EmotionClassifier> models;

    private TeacherEnsemble(List<EmotionClassifier> models) {
        this.models = models;
    }

    /** Opens every teacher and checks it against the student's class labels and the trainer's normalisation. */
    public static TeacherEnsemble open(List<Path> dirs, List<String> classLabels) {
        List<EmotionClassifier> opened = new ArrayList<>();
        try {
            for (Path dir : dirs) {
                EmotionClassifier model = EmotionClassifier.open(dir);
                opened.add(model);
                ModelCard card = model.card();
                if (!card.classes().equals(classLabels)) {
                    throw new IllegalArgumentException("teacher " + dir + " predicts " + card.classes() + ", the student "
                            + classLabels + " (use a teacher trained with the same --classes)");
                }
                if (Math.abs(card.input().scale() - TrainConfig.SCALE) > 1e-9 || Math.abs(card.input().offset() - TrainConfig.OFFSET) > 1e-9) {
                    throw new IllegalArgumentException("teacher " + dir + " expects pixel * " + card.input().scale() + " + "
                            + card.input().offset() + ", the trainer feeds pixel * " + TrainConfig.SCALE + " + " + TrainConfig.OFFSET);
                }
            }
            return new TeacherEnsemble(List.copyOf(opened));
        } catch (RuntimeException e) {
            opened.forEach(EmotionClassifier::close);
            throw e;
        }
    }

    /** Mean probabilities [n * C] of the teachers on {@code n} normalised images. */
    public float[] probabilities(float[] images, int n) {
        float[] mean = models.get(0).classify(images, n);
        for (int m = 1; m < models.size(); m++) {
            float[] p = models.get(m).classify(images, n);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += p[i];
            }
        }
        if (models.size() > 1) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] /= models.size();
            }
        }
        return mean;
    }

    /**
     * The teachers' mean probabilities [size * C] on every image of {@code data} as it is (no augmentation), in
     * batches, with a progress bar: offline distillation's targets.
     */
    public float[] probabilitiesOf(Dataset data, int classes) {
        long batches = (data.size() + PRECOMPUTE_BATCH - 1) / PRECOMPUTE_BATCH;
        try (ProgressBar bar = ProgressBars.bar("teacher answers", batches, " batches")) {
            return Augmenter.classifyAll(data, PRECOMPUTE_BATCH, TrainConfig.SCALE, TrainConfig.OFFSET, classes,
                    this::probabilities, bar::step);
        }
    }

    @Override
    public void close() {
        models.forEach(EmotionClassifier::close);
    }
}
