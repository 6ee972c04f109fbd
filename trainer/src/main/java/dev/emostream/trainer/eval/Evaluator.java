package dev.emostream.trainer.eval;

import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.inference.classify.TestTimeAugmentation;
import dev.emostream.trainer.data.Dataset;
import dev.emostream.trainer.train.Augmenter;
import java.util.List;

/**
 * Evaluates an exported model on a dataset: batches of normalised faces (as the model card says), optional
 * test-time augmentation (probabilities averaged over views, on top of any the model applies itself), and the
 * {@link Metrics} of the result.
 */
public final class Evaluator {
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
        for (int from = 0; from < data.size(); from += batchSize) {
            int n = Math.min(batchSize, data.size() - from);
            for (int i = 0; i < n; i++) {
                Augmenter.plain(data, from + i, false, scale, offset, batch, i * Dataset.PIXELS);
            }
            float[] views = tta.expand(batch, n, Dataset.SIDE);
            float[] p = tta.average(model.classify(views, tta.views() * n), n, c);
            System.arraycopy(p, 0, probabilities, from * c, n * c);
        }
        List<String> labels = model.card().classes();
        return Metrics.of(labels, data.labels(), probabilities);
    }

}
