package dev.emostream.processor.classify;

import dev.emostream.schemas.ModelCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The emotion CNN exported by the trainer, run by TensorFlow Java: a SavedModel plus its
 * {@code model-card.json}, which says the input size, the normalisation and the classes in output order.
 * One instance per stream thread; all faces of a frame go through in one call.
 */
public final class EmotionClassifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmotionClassifier.class);

    private final SavedModelBundle bundle;
    private final SessionFunction function;
    private final ModelCard card;
    private final String input;
    private final String output;

    private EmotionClassifier(SavedModelBundle bundle, ModelCard card) {
        this.bundle = bundle;
        this.card = card;
        this.function = bundle.function(card.signature().key());
        this.input = card.signature().input();
        this.output = card.signature().output();
    }

    /** Loads a model directory (SavedModel + model-card.json); the error says what is missing. */
    public static EmotionClassifier open(Path modelDir) {
        if (!Files.isRegularFile(modelDir.resolve("saved_model.pb"))) {
            throw new IllegalArgumentException("not a SavedModel directory (no saved_model.pb): " + modelDir.toAbsolutePath());
        }
        ModelCard card = ModelCard.read(modelDir);
        SavedModelBundle bundle = SavedModelBundle.load(modelDir.toString(), SavedModelBundle.DEFAULT_TAG);
        LOG.info("Emotion model {} {} ({}, {} classes) loaded from {}; TensorFlow {} on {}", card.name(), card.version(),
                card.architecture(), card.classes().size(), modelDir, org.tensorflow.TensorFlow.version(), Devices.inferenceDevice());
        return new EmotionClassifier(bundle, card);
    }

    public ModelCard card() {
        return card;
    }

    /** Side of the square input, e.g. 48. */
    public int side() {
        return card.input().height();
    }

    public int classes() {
        return card.classes().size();
    }

    /** Probabilities [n * C] of {@code n} normalised faces [n, side, side, 1]. */
    public float[] classify(float[] faces, int n) {
        int side = side();
        Shape shape = Shape.of(n, side, side, 1);
        try (TFloat32 x = TFloat32.tensorOf(shape, DataBuffers.of(faces, true, false).narrow(shape.size()));
             Result r = function.call(Map.of(input, x))) {
            Tensor t = r.get(output).orElseThrow(() -> new IllegalStateException("model has no output '" + output + "'"));
            float[] out = new float[(int) t.shape().size()];
            ((TFloat32) t).copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    @Override
    public void close() {
        bundle.close();
    }
}
