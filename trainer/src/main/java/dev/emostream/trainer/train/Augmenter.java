package dev.emostream.trainer.train;

import dev.emostream.trainer.data.Dataset;
import java.util.SplittableRandom;

/**
 * Seeded on-the-fly augmentation of 48x48 grey faces: horizontal flip, shift, rotation, zoom (one affine warp
 * with bilinear sampling, edges replicated), then brightness and contrast. Writes normalised floats
 * ({@code pixel * scale + offset}) straight into a batch buffer.
 *
 * @param maxShift      largest shift, as a fraction of the side (0.1 = 4.8 px)
 * @param maxRotation   largest rotation in degrees
 * @param maxZoom       largest zoom change (0.1 = 0.9x..1.1x)
 * @param maxBrightness largest brightness change, in grey levels
 * @param maxContrast   largest contrast change (0.2 = 0.8x..1.2x)
 */
public record Augmenter(double maxShift, double maxRotation, double maxZoom, double maxBrightness, double maxContrast) {
    private static final int S = Dataset.SIDE;

    public static Augmenter standard() {
        return new Augmenter(0.1, 10, 0.1, 20, 0.2);
    }

    /** Writes image {@code index} of {@code data}, augmented with {@code random}, at {@code out[offset..]}. */
    public void apply(Dataset data, int index, SplittableRandom random, float scale, float offset, float[] out, int at) {
        apply(data, index, random, scale, offset, out, at, 0);
    }

    /**
     * As above, then with probability {@code erase} random erasing (Zhong et al., 2017): a rectangle of 2-25% of the
     * face, of aspect ratio 0.3..3.3, filled with uniform noise. With {@code erase} 0 no extra random number is
     * drawn, so runs without it are what they were.
     */
    public void apply(Dataset data, int index, SplittableRandom random, float scale, float offset, float[] out, int at, double erase) {
        boolean flip = random.nextBoolean();
        double angle = Math.toRadians((random.nextDouble() * 2 - 1) * maxRotation);
        double zoom = 1 + (random.nextDouble() * 2 - 1) * maxZoom;
        double dx = (random.nextDouble() * 2 - 1) * maxShift * S;
        double dy = (random.nextDouble() * 2 - 1) * maxShift * S;
        double contrast = 1 + (random.nextDouble() * 2 - 1) * maxContrast;
        double brightness = (random.nextDouble() * 2 - 1) * maxBrightness;
        // Inverse map: output pixel -> source position, about the centre.
        double cos = Math.cos(angle) / zoom;
        double sin = Math.sin(angle) / zoom;
        double c = (S - 1) / 2.0;
        int base = index * Dataset.PIXELS;
        byte[] px = data.pixels();
        double mean = 0;
        for (int r = 0; r < S; r++) {
            for (int col = 0; col < S; col++) {
                double u = col - c - dx;
                double v = r - c - dy;
                double sx = cos * u + sin * v + c;
                double sy = -sin * u + cos * v + c;
                if (flip) {
                    sx = S - 1 - sx;
                }
                double value = bilinear(px, base, sx, sy);
                out[at + r * S + col] = (float) value;
                mean += value;
            }
        }
        mean /= Dataset.PIXELS;
        for (int i = 0; i < Dataset.PIXELS; i++) {
            double value = (out[at + i] - mean) * contrast + mean + brightness;
            value = Math.max(0, Math.min(255, value));
            out[at + i] = (float) (value * scale + offset);
        }
        if (erase > 0 && random.nextDouble() < erase) {
            double area = (0.02 + random.nextDouble() * 0.23) * Dataset.PIXELS;
            double aspect = Math.exp(Math.log(0.3) + random.nextDouble() * (Math.log(3.3) - Math.log(0.3)));
            int h = (int) Math.max(1, Math.min(S, Math.round(Math.sqrt(area * aspect))));
            int w = (int) Math.max(1, Math.min(S, Math.round(Math.sqrt(area / aspect))));
            int top = random.nextInt(S - h + 1);
            int left = random.nextInt(S - w + 1);
            for (int r = top; r < top + h; r++) {
                for (int col = left; col < left + w; col++) {
                    out[at + r * S + col] = (float) (random.nextDouble() * 255 * scale + offset);
                }
            }
        }
    }

    /** Class probabilities of {@code n} normalised faces in {@code batch}: [n*C]. */
    @FunctionalInterface
    public interface BatchClassifier {
        float[] classify(float[] batch, int n);
    }

    /**
     * Every image of {@code data} as it is (normalised), {@code batchSize} at a time, through {@code classifier}; calls
     * {@code afterBatch} after each batch (a progress bar). Returns [size*classes], in the data's order.
     */
    public static float[] classifyAll(Dataset data, int batchSize, float scale, float offset, int classes,
                                      BatchClassifier classifier, Runnable afterBatch) {
        float[] all = new float[data.size() * classes];
        float[] batch = new float[batchSize * Dataset.PIXELS];
        for (int from = 0; from < data.size(); from += batchSize) {
            int n = Math.min(batchSize, data.size() - from);
            for (int i = 0; i < n; i++) {
                plain(data, from + i, false, scale, offset, batch, i * Dataset.PIXELS);
            }
            System.arraycopy(classifier.classify(batch, n), 0, all, from * classes, n * classes);
            afterBatch.run();
        }
        return all;
    }

    /** Writes image {@code index} unchanged (optionally mirrored), normalised. */
    public static void plain(Dataset data, int index, boolean flip, float scale, float offset, float[] out, int at) {
        view(data, index, flip, 0, 0, scale, offset, out, at);
    }

    /**
     * Writes image {@code index}, optionally mirrored and shifted by (dx, dy) pixels with edges replicated,
     * normalised: the views of test-time augmentation.
     */
    public static void view(Dataset data, int index, boolean flip, int dx, int dy, float scale, float offset, float[] out, int at) {
        byte[] px = data.pixels();
        int base = index * Dataset.PIXELS;
        for (int r = 0; r < S; r++) {
            int sr = Math.max(0, Math.min(S - 1, r - dy));
            for (int col = 0; col < S; col++) {
                int sc = Math.max(0, Math.min(S - 1, col - dx));
                if (flip) {
                    sc = S - 1 - sc;
                }
                out[at + r * S + col] = (px[base + sr * S + sc] & 0xFF) * scale + offset;
            }
        }
    }

    private static double bilinear(byte[] px, int base, double x, double y) {
        x = Math.max(0, Math.min(S - 1, x));
        y = Math.max(0, Math.min(S - 1, y));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, S - 1);
        int y1 = Math.min(y0 + 1, S - 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = (px[base + y0 * S + x0] & 0xFF) * (1 - fx) + (px[base + y0 * S + x1] & 0xFF) * fx;
        double bottom = (px[base + y1 * S + x0] & 0xFF) * (1 - fx) + (px[base + y1 * S + x1] & 0xFF) * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
