package dev.emostream.trainer.data;

import dev.emostream.schemas.EmotionClasses;

/**
 * Grey 48x48 face images with labels, compact in memory ({@code byte} pixels, 2,304 per image, row-major).
 *
 * @param classes  the class set the labels index into
 * @param pixels   {@code size * 2304} unsigned pixels
 * @param labels   class index per image
 * @param targets  optional soft targets, {@code size * classes.size()} (FER+ vote distribution), or null
 */
public record Dataset(EmotionClasses classes, byte[] pixels, int[] labels, float[] targets) {
    public static final int SIDE = 48;
    public static final int PIXELS = SIDE * SIDE;

    public Dataset {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException("pixels hold " + pixels.length / PIXELS + " images, labels " + labels.length);
        }
        if (targets != null && targets.length != labels.length * classes.size()) {
            throw new IllegalArgumentException("targets must hold " + classes.size() + " values per image");
        }
    }

    public int size() {
        return labels.length;
    }

    /** Pixel {@code (row, col)} of image {@code i}, 0..255. */
    public int pixel(int i, int row, int col) {
        return pixels[i * PIXELS + row * SIDE + col] & 0xFF;
    }

    /** Images per class, in class order. */
    public int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The first {@code n} images (or all), e.g. for a quick run. */
    public Dataset head(int n) {
        int m = Math.min(n, size());
        byte[] p = java.util.Arrays.copyOf(pixels, m * PIXELS);
        int[] l = java.util.Arrays.copyOf(labels, m);
        float[] t = targets == null ? null : java.util.Arrays.copyOf(targets, m * classes.size());
        return new Dataset(classes, p, l, t);
    }
}
