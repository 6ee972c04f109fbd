package dev.emostream.trainer.train;

import dev.emostream.trainer.data.Dataset;
import java.util.SplittableRandom;

/**
 * CutMix (Yun et al., 2019) on a training batch: with probability {@code probability} the batch's faces each get a
 * rectangle pasted from their neighbour in the (already shuffled) batch, and their targets and loss weights become
 * the two faces' mixed by the share of pixels each shows. The mixing ratio is drawn uniformly (Beta(1, 1), as in the
 * paper), so the rectangle covers 0-100% of the face. A network trained so is pushed to read the whole face rather
 * than one cue, and errs differently from one trained on whole faces: what an ensemble member should.
 *
 * <pre>{@code
 * new CutMix(0.5).apply(images, targets, weights, n, classes, random); // after the batch is filled
 * }</pre>
 *
 * @param probability share of batches that are mixed, in [0, 1]
 */
public record CutMix(double probability) {
    private static final int S = Dataset.SIDE;

    public CutMix {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("the CutMix probability must be 0..1, got " + probability);
        }
    }

    /** Where a mixed batch's rectangle lies, and the share {@code lambda} of each face that stays its own. */
    public record Box(int top, int left, int height, int width) {
        public double lambda() {
            return 1 - (double) height * width / Dataset.PIXELS;
        }
    }

    /**
     * Mixes, in place, the first {@code n} faces of {@code images} ([n, 48*48]) with their targets ([n, classes]) and
     * loss weights ([n]): face {@code i} takes the rectangle from face {@code (i + 1) mod n}. Returns the rectangle, or
     * null when this batch is left as it is (or has a single face). Draws no random number at probability 0.
     */
    public Box apply(float[] images, float[] targets, float[] weights, int n, int classes, SplittableRandom random) {
        if (probability == 0 || n < 2 || random.nextDouble() >= probability) {
            return null;
        }
        Box box = box(random.nextDouble(), random.nextInt(S), random.nextInt(S));
        if (box.height() == 0 || box.width() == 0) {
            return null;
        }
        // Face i takes from face i+1, not yet changed when face i reads it; the last takes from face 0, copied first.
        float[] firstImage = java.util.Arrays.copyOfRange(images, 0, Dataset.PIXELS);
        float[] firstTarget = java.util.Arrays.copyOfRange(targets, 0, classes);
        float[] firstWeight = {weights[0]};
        for (int i = 0; i < n - 1; i++) {
            mixFace(box, i, images, targets, weights, classes, images, targets, weights, i + 1);
        }
        mixFace(box, n - 1, images, targets, weights, classes, firstImage, firstTarget, firstWeight, 0);
        return box;
    }

    /** Face {@code i} takes {@code box} of face {@code from} of the {@code from...} arrays; its target and weight mix by lambda. */
    private static void mixFace(Box box, int i, float[] images, float[] targets, float[] weights, int classes,
                                float[] fromImages, float[] fromTargets, float[] fromWeights, int from) {
        for (int r = box.top(); r < box.top() + box.height(); r++) {
            int at = r * S + box.left();
            System.arraycopy(fromImages, from * Dataset.PIXELS + at, images, i * Dataset.PIXELS + at, box.width());
        }
        float lambda = (float) box.lambda();
        for (int k = 0; k < classes; k++) {
            targets[i * classes + k] = lambda * targets[i * classes + k] + (1 - lambda) * fromTargets[from * classes + k];
        }
        weights[i] = lambda * weights[i] + (1 - lambda) * fromWeights[from];
    }

    /**
     * The rectangle for mixing ratio {@code u} (uniform in [0, 1)): sides {@code 48 * sqrt(1 - u)} centred on
     * ({@code centreRow}, {@code centreCol}), clipped to the face.
     */
    static Box box(double u, int centreRow, int centreCol) {
        int side = (int) Math.round(S * Math.sqrt(1 - u));
        int top = Math.max(0, centreRow - side / 2);
        int bottom = Math.min(S, centreRow + (side + 1) / 2);
        int left = Math.max(0, centreCol - side / 2);
        int right = Math.min(S, centreCol + (side + 1) / 2);
        return new Box(top, left, Math.max(0, bottom - top), Math.max(0, right - left));
    }
}
