package dev.emostream.trainer.eval;

import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.inference.classify.TestTimeAugmentation;
import dev.emostream.trainer.data.Dataset;
import dev.emostream.trainer.train.Augmenter;

/**
 * Evaluates an exported model on a dataset: batches of normalised faces (as the model card says), optional
 * test-time augmentation (probabilities averaged over views, on top of any the model applies itself), and the
 * {@link Metrics} of the result.
 */
public final class Evaluator {
    private Evaluator() {
    }

    public static Metrics evaluate(EmotionClassifier model, Dataset data, TestTimeAugmentation tta, int batchSize) {
        return Metrics.of(model.card().classes(), data.labels(), probabilities(model, data, tta, batchSize));
    }

    /** The model's probabilities for every image of {@code data}, [size*C], with {@code tta}'s views averaged. */
    public static float[] probabilities(EmotionClassifier model, Dataset data, TestTimeAugmentation tta, int batchSize) {
        int c = model.classes();
        if (data.classes().size() != c) {
            throw new IllegalArgumentException("the model has " + c + " classes but the data was loaded with "
                    + data.classes().size() + " (use --classes " + c + ")");
        }
        float scale = (float) model.card().input().scale();
        float offset = (float) model.card().input().offset();
        return Augmenter.classifyAll(data, batchSize, scale, offset, c,
                (batch, n) -> tta.average(model.classify(tta.expand(batch, n, Dataset.SIDE), tta.views() * n), n, c), () -> { });
    }
}
