package dev.emostream.inference.classify;

import dev.emostream.inference.InferenceThreads;
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
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The emotion CNN exported by the trainer, run by TensorFlow Java: a SavedModel plus its
 * {@code model-card.json}, which says the input size, the normalisation and the classes in output order.
 * The one classifier of the project: the processor, {@code predict}, {@code evaluate}, {@code bench} and the
 * trainer's teachers all run models through it. One instance per thread; all faces of a frame (or a batch of
 * test images) go through in one call. Pre-processing is {@link FaceCrops}'s job, not this class's.
 */
public final class EmotionClassifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmotionClassifier.class);

    private final SavedModelBundle bundle;
    private final SessionFunction function;
    private final ModelCard card;
    private final String input;
    private final String output;
    private final ConfigProto config;

    private EmotionClassifier(SavedModelBundle bundle, ModelCard card, ConfigProto config) {
        this.bundle = bundle;
        this.config = config;
        this.card = card;
        this.function = bundle.function(card.signature().key());
        this.input = card.signature().input();
        this.output = card.signature().output();
    }

    /** Loads a model directory with TensorFlow's default thread pools (one per core); for tools, not for many threads. */
    public static EmotionClassifier open(Path modelDir) {
        return open(modelDir, null);
    }

    /**
     * Loads a model directory (SavedModel + model-card.json) with the given thread pools (null: TensorFlow's
     * defaults); the error says what is missing.
     */
    public static EmotionClassifier open(Path modelDir, InferenceThreads threads) {
        if (!Files.isRegularFile(modelDir.resolve("saved_model.pb"))) {
            throw new IllegalArgumentException("not a SavedModel directory (no saved_model.pb): " + modelDir.toAbsolutePath());
        }
        ModelCard card = ModelCard.read(modelDir);
        SavedModelBundle.Loader loader = SavedModelBundle.loader(modelDir.toString()).withTags(SavedModelBundle.DEFAULT_TAG);
        ConfigProto config = threads == null ? null : threads.tensorflowConfig();
        if (config != null) {
            loader = loader.withConfigProto(config);
        }
        SavedModelBundle bundle = loader.load();
        LOG.info("Emotion model {} {} ({}, {} classes) loaded from {}; TensorFlow {} on {}, threads intra-op {} inter-op {}",
                card.name(), card.version(), card.architecture(), card.classes().size(), modelDir, org.tensorflow.TensorFlow.version(),
                Devices.inferenceDevice(), config == null ? "default" : config.getIntraOpParallelismThreads(),
                config == null ? "default" : config.getInterOpParallelismThreads());
        return new EmotionClassifier(bundle, card, config);
    }

    /** The session configuration the model was loaded with (thread pools), or null for TensorFlow's defaults. */
    public ConfigProto sessionConfig() {
        return config;
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
        if (n <= 0) {
            return new float[0];
        }
        int side = side();
        if (faces.length < n * side * side) {
            throw new IllegalArgumentException(n + " faces need " + n * side * side + " values, got " + faces.length);
        }
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
