package dev.emostream.trainer.eval;

import dev.emostream.trainer.data.Dataset;
import java.util.List;

/**
 * Evaluates an exported model on a dataset: batches of normalised faces (as the model card says), optional
 * test-time augmentation (probabilities averaged over views), and the {@link Metrics} of the result.
 */
public final class Evaluator {
    private static final int SIDE = Dataset.SIDE;
    private static final int SHIFT = 2;

    private Evaluator() {
    }

    public static Metrics evaluate(SavedModelClassifier model, Dataset data, TestTimeAugmentation tta, int batchSize) {
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
                        view(data, from + i, flip, shift[0], shift[1], scale, offset, batch, i * Dataset.PIXELS);
                    }
                    float[] p = model.probabilities(batch, n);
                    for (int k = 0; k < n * c; k++) {
                        probabilities[from * c + k] += p[k] / views;
                    }
                }
            }
        }
        List<String> labels = model.card().classes();
        return Metrics.of(labels, data.labels(), probabilities);
    }

    /** Image {@code index}, optionally mirrored, shifted by (dx, dy) with edges replicated, normalised. */
    static void view(Dataset data, int index, boolean flip, int dx, int dy, float scale, float offset, float[] out, int at) {
        byte[] px = data.pixels();
        int base = index * Dataset.PIXELS;
        for (int r = 0; r < SIDE; r++) {
            int sr = Math.max(0, Math.min(SIDE - 1, r - dy));
            for (int col = 0; col < SIDE; col++) {
                int sc = Math.max(0, Math.min(SIDE - 1, col - dx));
                if (flip) {
                    sc = SIDE - 1 - sc;
                }
                out[at + r * SIDE + col] = (px[base + sr * SIDE + sc] & 0xFF) * scale + offset;
            }
        }
    }
}
