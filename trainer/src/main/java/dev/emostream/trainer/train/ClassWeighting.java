package dev.emostream.trainer.train;

/** How much each class's images count in the loss, to help the rare classes (disgust has 436 images, happy 7,215). */
public enum ClassWeighting {
    /** Every image counts the same. */
    NONE,
    /** Weight {@code n / (C * n_c)}: every class counts the same in total. */
    BALANCED,
    /** Square root of the balanced weight: a milder push for rare classes. */
    SQRT;

    /** Per-class weights for the given class counts, normalised so the mean image weight is 1. */
    public float[] weights(int[] counts) {
        int classes = counts.length;
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        float[] w = new float[classes];
        double weightedSum = 0;
        for (int i = 0; i < classes; i++) {
            double balanced = counts[i] == 0 ? 0 : (double) total / (classes * counts[i]);
            w[i] = (float) switch (this) {
                case NONE -> 1.0;
                case BALANCED -> balanced;
                case SQRT -> Math.sqrt(balanced);
            };
            weightedSum += w[i] * counts[i];
        }
        double scale = total / Math.max(weightedSum, 1e-9);
        for (int i = 0; i < classes; i++) {
            w[i] = (float) (w[i] * scale);
        }
        return w;
    }
}
