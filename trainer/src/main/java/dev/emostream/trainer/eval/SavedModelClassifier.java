package dev.emostream.trainer.eval;

import dev.emostream.schemas.ModelCard;
import dev.emostream.trainer.model.ServingExport;
import dev.emostream.trainer.model.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * An exported emotion model, loaded from its SavedModel directory with its {@code model-card.json}.
 * {@link #probabilities} runs the {@code serving_default} signature on a batch of normalised 48x48 faces.
 */
public final class SavedModelClassifier implements AutoCloseable {
    private final SavedModelBundle bundle;
    private final SessionFunction function;
    private final ModelCard card;

    private SavedModelClassifier(SavedModelBundle bundle, ModelCard card) {
        this.bundle = bundle;
        this.function = bundle.function(ServingExport.SIGNATURE);
        this.card = card;
    }

    /** Loads {@code dir}; the error says what is missing. */
    public static SavedModelClassifier open(Path dir) {
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new IllegalArgumentException("not a SavedModel directory (no saved_model.pb): " + dir);
        }
        ModelCard card = ModelCard.read(dir);
        return new SavedModelClassifier(SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG), card);
    }

    public ModelCard card() {
        return card;
    }

    public int classes() {
        return card.classes().size();
    }

    /** Probabilities [n * C] for {@code n} images [n, 48, 48, 1], already normalised as the card says. */
    public float[] probabilities(float[] images, int n) {
        int side = card.input().height();
        try (TFloat32 x = Tensors.of(Shape.of(n, side, side, 1), images);
             Result r = function.call(Map.of(ServingExport.INPUT, x))) {
            return Tensors.values(r.get(ServingExport.OUTPUT).orElseThrow(
                    () -> new IllegalStateException("model has no output '" + ServingExport.OUTPUT + "'")));
        }
    }

    @Override
    public void close() {
        bundle.close();
    }
}
