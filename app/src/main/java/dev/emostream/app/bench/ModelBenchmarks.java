package dev.emostream.app.bench;

import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.trainer.model.Architecture;
import dev.emostream.trainer.model.OptimizerKind;
import dev.emostream.trainer.model.TrainingGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Classifier inference speed (faces/s by batch size) and training speed (images/s) per model. */
public final class ModelBenchmarks {
    private static final int PIXELS = 48 * 48;

    private ModelBenchmarks() {
    }

    private static final String CLASSIFIER = "classifier ";

    /** Faces per second of an exported model at each batch size, named {@code classifier NAME VERSION batch B}. */
    static List<Measurement> classifier(Path modelDir, int[] batches, int repetitions, double secondsPerRep) throws Exception {
        List<Measurement> out = new ArrayList<>();
        try (EmotionClassifier model = EmotionClassifier.open(modelDir)) {
            // Name and version: models/fast-mini is fast 2.0.0 beside models/fast, fast 3.0.0.
            String name = model.card().name() + " " + model.card().version();
            for (int batch : batches) {
                double[] rates = facesPerSecond(model, batch, repetitions, secondsPerRep);
                out.add(Measurement.of(CLASSIFIER + name + " batch " + batch, "faces/s", rates));
            }
        }
        return out;
    }

    /** Whether {@code m} is {@link #classifier}'s figure for a model called {@code modelName}, any version, at {@code batch}. */
    static boolean isClassifierFigure(Measurement m, String modelName, int batch) {
        return m.name().startsWith(CLASSIFIER + modelName + " ") && m.name().endsWith(" batch " + batch);
    }

    /**
     * Faces per second of {@code model} classifying random faces {@code batch} at a time: {@code repetitions} rounds of
     * about {@code secondsPerRep} each, after a short warm-up.
     */
    public static double[] facesPerSecond(EmotionClassifier model, int batch, int repetitions, double secondsPerRep) throws Exception {
        float[] faces = randomFaces(batch, 1);
        // Calls per repetition sized so that one repetition lasts about secondsPerRep.
        double[] probe = Repeat.throughput(3, 1, () -> {
            model.classify(faces, batch);
            return batch;
        });
        int calls = (int) Math.max(1, probe[0] * secondsPerRep / batch);
        return Repeat.throughput(1, repetitions, () -> {
            for (int i = 0; i < calls; i++) {
                model.classify(faces, batch);
            }
            return (long) calls * batch;
        });
    }

    /** Training images per second of an architecture at batch 64 on random data (the optimiser step alone). */
    static Measurement trainer(Architecture arch, int repetitions, int stepsPerRep) throws Exception {
        int batch = 64;
        try (TrainingGraph graph = TrainingGraph.build(arch, 7, OptimizerKind.ADAM, 1e-4f, 1)) {
            graph.initialize();
            float[] images = randomFaces(batch, 2);
            float[] targets = new float[batch * 7];
            float[] weights = new float[batch];
            for (int i = 0; i < batch; i++) {
                targets[i * 7 + i % 7] = 1f;
                weights[i] = 1f;
            }
            double[] rates = Repeat.throughput(1, repetitions, () -> {
                for (int s = 0; s < stepsPerRep; s++) {
                    graph.train(images, targets, weights, batch, 1e-4f);
                }
                return (long) stepsPerRep * batch;
            });
            return Measurement.of("trainer " + arch.name().toLowerCase() + " (" + arch.family() + ", "
                    + graph.parameterCount() + " parameters) batch 64", "images/s", rates);
        }
    }

    private static float[] randomFaces(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * PIXELS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }
}
