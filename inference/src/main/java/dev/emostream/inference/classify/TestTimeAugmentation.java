package dev.emostream.inference.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Test-time augmentation as a batch expansion: {@link #expand} turns {@code n} normalised faces into
 * {@code views() * n} rows (view {@code v} of face {@code i} at row {@code v * n + i}) for one call per network, and
 * {@link #average} folds the answers back to {@code n} rows. Shifts replicate the edge pixels, as the trainer's
 * augmenter does; the views are symmetric, so a mirrored face gets the same answer as the face.
 */
public enum TestTimeAugmentation {
    /** The face as it is. */
    NONE(new int[][] {{0, 0}}, false),
    /** The face and its mirror image (2 views). */
    FLIP(new int[][] {{0, 0}}, true),
    /** The face and its mirror, each also shifted 2 px left, right, up and down (10 views). */
    FLIP_SHIFTS(new int[][] {{0, 0}, {Shift.PX, 0}, {-Shift.PX, 0}, {0, Shift.PX}, {0, -Shift.PX}}, true);

    /** Pixels of each shift of {@link #FLIP_SHIFTS} on a 48-px face (in a holder: enum constants cannot name the enum's own). */
    private static final class Shift {
        static final int PX = 2;
    }

    private final int[][] shifts;
    private final boolean mirror;

    TestTimeAugmentation(int[][] shifts, boolean mirror) {
        this.shifts = shifts;
        this.mirror = mirror;
    }

    /** The name used in model cards and on the command line: none, flip, flip-shifts. */
    public String cardName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a card name (case and '-'/'_' are not significant); the error lists the accepted names. */
    public static TestTimeAugmentation ofCardName(String name) {
        for (TestTimeAugmentation t : values()) {
            if (t.cardName().equalsIgnoreCase(name.replace('_', '-'))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown test-time augmentation '" + name + "' (accepted: " + String.join(", ", cardNames()) + ")");
    }

    /** Every card name, in declaration order: none, flip, flip-shifts. */
    public static List<String> cardNames() {
        return Arrays.stream(values()).map(TestTimeAugmentation::cardName).toList();
    }

    /** Rows each face becomes. */
    public int views() {
        return shifts.length * (mirror ? 2 : 1);
    }

    /** {@code views() * n} rows of {@code side x side} values: every view of the first {@code n} faces of {@code faces}. */
    public float[] expand(float[] faces, int n, int side) {
        if (this == NONE) {
            return faces;
        }
        int pixels = side * side;
        float[] out = new float[views() * n * pixels];
        int view = 0;
        for (boolean flip : mirror ? new boolean[] {false, true} : new boolean[] {false}) {
            for (int[] shift : shifts) {
                for (int i = 0; i < n; i++) {
                    view(faces, i * pixels, side, flip, shift[0], shift[1], out, (view * n + i) * pixels);
                }
                view++;
            }
        }
        return out;
    }

    /** The mean over views of {@code probabilities} ({@code views() * n} rows of {@code classes}), as {@code n} rows. */
    public float[] average(float[] probabilities, int n, int classes) {
        int views = views();
        if (views == 1) {
            return probabilities;
        }
        float[] out = new float[n * classes];
        for (int v = 0; v < views; v++) {
            for (int j = 0; j < n * classes; j++) {
                out[j] += probabilities[v * n * classes + j];
            }
        }
        for (int j = 0; j < out.length; j++) {
            out[j] /= views;
        }
        return out;
    }

    private static void view(float[] in, int from, int side, boolean flip, int dx, int dy, float[] out, int at) {
        for (int y = 0; y < side; y++) {
            int sy = Math.max(0, Math.min(side - 1, y - dy));
            for (int x = 0; x < side; x++) {
                int sx = Math.max(0, Math.min(side - 1, x - dx));
                out[at + y * side + x] = in[from + sy * side + (flip ? side - 1 - sx : sx)];
            }
        }
    }
}
