package dev.emostream.trainer.eval;

import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.trainer.data.Dataset;
import dev.emostream.trainer.train.Augmenter;
import java.util.List;

/**
 * Evaluates an exported model on a dataset: batches of normalised faces (as the model card says), optional
 * test-time augmentation (probabilities averaged over views), and the {@link Metrics} of the result.
 */
public final class Evaluator {
    private static final int SHIFT = 2;

    private Evaluator() {
    }

    public static Metrics evaluate(EmotionClassifier model, Dataset data, TestTimeAugmentation tta, int batchSize) {
        int c = model.classes();
        if (data.classes().size() != c) {
            throw new IllegalArgumentException("the model has " + c + " classes but the data was loaded with "
                    + data.classes().size() + " (use --classes " + c + ")");
        }
        float scale = (float) model.card().input().scale();
        float offset = (float) model.card().input().offset();
        float[] probabilities = new float[data.size() * c];
        float[] batch = new float[batchSize * Dataset.PIXELS];
        int[][] shifts = tta == TestTimeAugmentation.FLIP_CROPS
                ? new int[][] {{0, 0}, {SHIFT, 0}, {-SHIFT, 0}, {0, SHIFT}, {0, -SHIFT}}
                : new int[][] {{0, 0}};
        boolean[] flips = tta == TestTimeAugmentation.NONE ? new boolean[] {false} : new boolean[] {false, true};
        int views = shifts.length * flips.length;
        for (int from = 0; from < data.size(); from += batchSize) {
            int n = Math.min(batchSize, data.size() - from);
            for (boolean flip : flips) {
                for (int[] shift : shifts) {
                    for (int i = 0; i < n; i++) {
                        Augmenter.view(data, from + i, flip, shift[0], shift[1], scale, offset, batch, i * Dataset.PIXELS);
                    }
                    float[] p = model.classify(batch, n);
                    for (int k = 0; k < n * c; k++) {
                        probabilities[from * c + k] += p[k] / views;
                    }
                }
            }
        }
        List<String> labels = model.card().classes();
        return Metrics.of(labels, data.labels(), probabilities);
    }

}
