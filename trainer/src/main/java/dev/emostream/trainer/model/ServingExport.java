package dev.emostream.trainer.model;

import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Exports a trained network as a SavedModel for serving: a fresh inference-only graph (batch norm on moving
 * statistics, no dropout, no optimiser state) whose variables are restored by name from a training checkpoint.
 * Signature {@code serving_default}: input {@code image} float [N,48,48,1], output {@code probabilities} [N,C].
 */
public final class ServingExport {
    public static final String SIGNATURE = Signature.DEFAULT_KEY;
    public static final String INPUT = "image";
    public static final String OUTPUT = "probabilities";

    private ServingExport() {
    }

    public static void export(Architecture arch, int classes, Path checkpointPrefix, Path modelDir) throws IOException {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> images = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, TrainingGraph.SIDE, TrainingGraph.SIDE, 1)));
            Layers layers = new Layers(tf, 0).mode(false);
            Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(arch.logits(layers, images, classes));
            session.restore(checkpointPrefix.toString());
            SavedModelBundle.exporter(modelDir.toString())
                    .withSession(session)
                    .withSignature(Signature.builder(SIGNATURE).input(INPUT, images).output(OUTPUT, probabilities).build())
                    .export();
        }
    }
}
