package dev.emostream.inference.classify;

import dev.emostream.inference.InferenceThreads;
import dev.emostream.inference.TensorflowKernels;
import dev.emostream.schemas.ModelCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * {@code model-card.json}, which says the input size, the normalisation and the classes in output order; or an
 * ensemble card listing such models, whose probabilities it pools as the card says ({@link ProbabilityPooling}: the
 * weighted arithmetic or geometric mean), with test-time augmentation as
 * a batch expansion ({@link TestTimeAugmentation}: flip makes n faces 2n rows, one call per member).
 * The one classifier of the project: the processor, {@code predict}, {@code evaluate}, {@code bench} and the
 * trainer's teachers all run models through it. One instance per thread; all faces of a frame (or a batch of
 * test images) go through in one call. Pre-processing is {@link FaceCrops}'s job, not this class's.
 */
public final class EmotionClassifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmotionClassifier.class);

    /** One loaded network and its share of the answer. */
    private record Member(SavedModelBundle bundle, SessionFunction function, String input, String output, double weight) {
    }

    private final List<Member> members;
    private final double[] weights;
    private final ProbabilityPooling pooling;
    private final TestTimeAugmentation tta;
    private final ModelCard card;
    private final ConfigProto config;

    private EmotionClassifier(List<Member> members, TestTimeAugmentation tta, ModelCard card, ConfigProto config) {
        this.members = List.copyOf(members);
        this.weights = members.stream().mapToDouble(Member::weight).toArray();
        this.pooling = card.describesEnsemble() ? ProbabilityPooling.ofCardName(card.ensemble().combine()) : ProbabilityPooling.MEAN;
        this.tta = tta;
        this.config = config;
        this.card = card;
    }

    /** Loads a model directory with TensorFlow's default thread pools (one per core); for tools, not for many threads. */
    public static EmotionClassifier open(Path modelDir) {
        return open(modelDir, null);
    }

    /**
     * Loads a model directory (SavedModel + model-card.json, or an ensemble's model-card.json) with the given thread
     * pools (null: TensorFlow's defaults); the error says what is missing or does not match.
     */
    public static EmotionClassifier open(Path modelDir, InferenceThreads threads) {
        return open(modelDir, threads, null);
    }

    /**
     * As {@link #open(Path, InferenceThreads)}, with {@code tta} in place of the card's test-time augmentation (null: the
     * card's own, which is {@link TestTimeAugmentation#NONE} for a single model), so that an ensemble can be measured
     * without its views, or with others instead of them.
     */
    public static EmotionClassifier open(Path modelDir, InferenceThreads threads, TestTimeAugmentation tta) {
        if (!Files.isRegularFile(modelDir.resolve(ModelCard.FILE_NAME)) && !Files.isRegularFile(modelDir.resolve("saved_model.pb"))) {
            throw new IllegalArgumentException("not a model directory (no saved_model.pb or " + ModelCard.FILE_NAME + "): "
                    + modelDir.toAbsolutePath());
        }
        ConfigProto config = threads == null ? null : threads.tensorflowConfig();
        ModelCard card = Files.isRegularFile(modelDir.resolve(ModelCard.FILE_NAME)) ? ModelCard.read(modelDir) : null;
        if (card != null && card.describesEnsemble()) {
            return openEnsemble(modelDir, card, config, tta);
        }
        Member member = load(modelDir, config);
        card = ModelCard.read(modelDir);
        LOG.info("Emotion model {} {} ({}, {} classes) loaded from {}; TensorFlow {} on {}, {}, threads intra-op {} inter-op {}",
                card.name(), card.version(), card.architecture(), card.classes().size(), modelDir, org.tensorflow.TensorFlow.version(),
                Devices.inferenceDevice(), TensorflowKernels.current(), config == null ? "default" : config.getIntraOpParallelismThreads(),
                config == null ? "default" : config.getInterOpParallelismThreads());
        return new EmotionClassifier(List.of(member), tta == null ? TestTimeAugmentation.NONE : tta, card, config);
    }

    private static EmotionClassifier openEnsemble(Path dir, ModelCard card, ConfigProto config, TestTimeAugmentation override) {
        List<Member> members = new ArrayList<>();
        try {
            for (ModelCard.Member m : card.ensemble().members()) {
                Path memberDir = dir.resolve(m.path()).normalize();
                if (!Files.isRegularFile(memberDir.resolve("saved_model.pb"))) {
                    throw new IllegalArgumentException("ensemble " + card.name() + ": member " + m.path() + " is not a SavedModel directory ("
                            + memberDir.toAbsolutePath() + ")");
                }
                ModelCard mc = ModelCard.read(memberDir);
                if (mc.describesEnsemble()) {
                    throw new IllegalArgumentException("ensemble " + card.name() + ": member " + m.path() + " is itself an ensemble");
                }
                if (!mc.version().equals(m.version())) {
                    throw new IllegalArgumentException("ensemble " + card.name() + ": member " + m.path() + " is version " + mc.version()
                            + ", the card lists " + m.version());
                }
                if (!mc.classes().equals(card.classes()) || !mc.input().equals(card.input())) {
                    throw new IllegalArgumentException("ensemble " + card.name() + ": member " + m.path() + " predicts " + mc.classes()
                            + " from " + mc.input() + ", the ensemble " + card.classes() + " from " + card.input());
                }
                Member loaded = load(memberDir, config);
                members.add(new Member(loaded.bundle(), loaded.function(), loaded.input(), loaded.output(), m.weight()));
            }
        } catch (RuntimeException e) {
            members.forEach(m -> m.bundle().close());
            throw e;
        }
        TestTimeAugmentation tta = override != null ? override : TestTimeAugmentation.ofCardName(card.ensemble().tta());
        LOG.info("Emotion ensemble {} {} loaded from {}: {} members {} pooled by their weighted {}, test-time augmentation {}{}",
                card.name(), card.version(), dir, members.size(),
                card.ensemble().members().stream().map(m -> m.path() + "@" + m.version() + "x" + m.weight()).toList(),
                ProbabilityPooling.ofCardName(card.ensemble().combine()).description(), tta.cardName(),
                override != null ? " (the card's: " + card.ensemble().tta() + ")" : "");
        return new EmotionClassifier(members, tta, card, config);
    }

    private static Member load(Path modelDir, ConfigProto config) {
        if (!Files.isRegularFile(modelDir.resolve("saved_model.pb"))) {
            throw new IllegalArgumentException("not a SavedModel directory (no saved_model.pb): " + modelDir.toAbsolutePath());
        }
        ModelCard card = ModelCard.read(modelDir);
        SavedModelBundle.Loader loader = SavedModelBundle.loader(modelDir.toString()).withTags(SavedModelBundle.DEFAULT_TAG);
        if (config != null) {
            loader = loader.withConfigProto(config);
        }
        SavedModelBundle bundle = loader.load();
        return new Member(bundle, bundle.function(card.signature().key()), card.signature().input(), card.signature().output(), 1.0);
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

    /** The views each face is answered in (the card's, unless {@link #open(Path, InferenceThreads, TestTimeAugmentation)} replaced them). */
    public TestTimeAugmentation testTimeAugmentation() {
        return tta;
    }

    /** How the members' answers are pooled ({@link ProbabilityPooling#MEAN} for a single model). */
    public ProbabilityPooling pooling() {
        return pooling;
    }

    /** Networks run per call (1 for a single model). */
    public int members() {
        return members.size();
    }

    /** Probabilities [n * C] of {@code n} normalised faces [n, side, side, 1]. */
    public float[] classify(float[] faces, int n) {
        if (n <= 0) {
            return new float[0];
        }
        int side = side();
        int pixels = side * side;
        if (faces.length < n * pixels) {
            throw new IllegalArgumentException(n + " faces need " + n * pixels + " values, got " + faces.length);
        }
        if (members.size() == 1 && tta == TestTimeAugmentation.NONE) {
            return run(members.get(0), faces, n);
        }
        float[] batch = tta.expand(faces, n, side);
        int rows = tta.views() * n;
        int c = classes();
        List<float[]> answers = new ArrayList<>(members.size());
        for (Member m : members) {
            answers.add(tta.average(run(m, batch, rows), n, c));
        }
        return pooling.pool(answers, weights, c);
    }

    private float[] run(Member m, float[] faces, int n) {
        int side = side();
        Shape shape = Shape.of(n, side, side, 1);
        try (TFloat32 x = TFloat32.tensorOf(shape, DataBuffers.of(faces, true, false).narrow(shape.size()));
             Result r = m.function().call(Map.of(m.input(), x))) {
            Tensor t = r.get(m.output()).orElseThrow(() -> new IllegalStateException("model has no output '" + m.output() + "'"));
            float[] out = new float[(int) t.shape().size()];
            ((TFloat32) t).copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    @Override
    public void close() {
        members.forEach(m -> m.bundle().close());
    }
}
