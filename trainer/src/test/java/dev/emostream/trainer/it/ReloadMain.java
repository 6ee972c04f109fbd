package dev.emostream.trainer.it;

import dev.emostream.inference.classify.EmotionClassifier;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run in a fresh JVM by {@link TrainingRunIT}: loads a SavedModel, classifies images from a file, writes the output. */
public final class ReloadMain {
    private ReloadMain() {
    }

    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        int n;
        float[] images;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(Path.of(args[1])))) {
            n = in.readInt();
            images = new float[n * 48 * 48];
            for (int i = 0; i < images.length; i++) {
                images[i] = in.readFloat();
            }
        }
        try (EmotionClassifier classifier = EmotionClassifier.open(model);
             DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[2])))) {
            float[] p = classifier.classify(images, n);
            out.writeInt(p.length);
            for (float v : p) {
                out.writeFloat(v);
            }
        }
    }
}
