package dev.emostream.processor.track;

import dev.emostream.schemas.BoundingBox;

/**
 * What one track felt: its classifications, smoothed and summed. The smoothed distribution is a moving average
 * of the classifications weighted by the detector's confidence and the face's area (small faces are blurrier) and
 * decaying with a half-life in frames; between two classifications it keeps its last value. For the visit's
 * summary it keeps the mean over all classifications, the frames spent in each smoothed dominant emotion, and the
 * largest box seen.
 */
public final class TrackEmotions {
    private final ClassifySettings settings;
    private final int classes;
    private final double decayPerFrame;
    private final double[] weightedSum;
    private double weight;
    private final double[] meanSum;
    private int classifications;
    private final long[] framesByEmotion;
    private long lastClassifiedSequence = Long.MIN_VALUE;
    private long lastDecaySequence = Long.MIN_VALUE;
    private double lastClassifiedArea;
    private BoundingBox largest;
    private float[] last;

    public TrackEmotions(ClassifySettings settings, int classes) {
        this.settings = settings;
        this.classes = classes;
        this.decayPerFrame = Math.pow(0.5, 1.0 / settings.halfLifeFrames());
        this.weightedSum = new double[classes];
        this.meanSum = new double[classes];
        this.framesByEmotion = new long[classes];
    }

    /** Whether the face should be classified in this frame (never classified yet, interval passed, or grown). */
    public boolean due(long sequence, BoundingBox box) {
        if (classifications == 0) {
            return true;
        }
        if (sequence - lastClassifiedSequence >= settings.intervalFrames()) {
            return true;
        }
        return area(box) > lastClassifiedArea * (1 + settings.growth());
    }

    /** Adds one classification of the face at {@code box}, with the detector's {@code score}. */
    public void classified(long sequence, BoundingBox box, double score, float[] probabilities) {
        decayTo(sequence);
        double sideShare = Math.min(1.0, (double) Math.min(box.width(), box.height()) / settings.fullWeightSide());
        double w = Math.max(1e-6, score) * sideShare * sideShare;
        for (int k = 0; k < classes; k++) {
            weightedSum[k] += w * probabilities[k];
            meanSum[k] += probabilities[k];
        }
        weight += w;
        classifications++;
        last = probabilities.clone();
        lastClassifiedSequence = sequence;
        lastClassifiedArea = area(box);
    }

    /** Counts one frame of presence under the current dominant emotion, and the box for the largest seen. */
    public void seen(BoundingBox box) {
        if (classifications > 0) {
            framesByEmotion[dominant()]++;
        }
        if (largest == null || area(box) > area(largest)) {
            largest = box;
        }
    }

    private void decayTo(long sequence) {
        if (lastDecaySequence != Long.MIN_VALUE && sequence > lastDecaySequence) {
            double f = Math.pow(decayPerFrame, sequence - lastDecaySequence);
            for (int k = 0; k < classes; k++) {
                weightedSum[k] *= f;
            }
            weight *= f;
        }
        lastDecaySequence = sequence;
    }

    /** The smoothed distribution (sums to 1), or null before the first classification. */
    public float[] smoothed() {
        if (classifications == 0 || weight <= 0) {
            return null;
        }
        float[] p = new float[classes];
        for (int k = 0; k < classes; k++) {
            p[k] = (float) (weightedSum[k] / weight);
        }
        return p;
    }

    /** Index of the smoothed distribution's most probable class (0 before any classification). */
    public int dominant() {
        float[] p = smoothed();
        if (p == null) {
            return 0;
        }
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The mean of all classifications (sums to 1), or null before the first. */
    public float[] mean() {
        if (classifications == 0) {
            return null;
        }
        float[] p = new float[classes];
        for (int k = 0; k < classes; k++) {
            p[k] = (float) (meanSum[k] / classifications);
        }
        return p;
    }

    /** The most recent classification (kept between classifications), or null before the first. */
    public float[] last() {
        return last == null ? null : last.clone();
    }

    /** Everything this is, for a state store. */
    public record Snapshot(double[] weightedSum, double weight, double[] meanSum, int classifications, long[] framesByEmotion,
                           long lastClassifiedSequence, long lastDecaySequence, double lastClassifiedArea, BoundingBox largest, float[] last) {
    }

    public Snapshot snapshot() {
        return new Snapshot(weightedSum.clone(), weight, meanSum.clone(), classifications, framesByEmotion.clone(), lastClassifiedSequence,
                lastDecaySequence, lastClassifiedArea, largest, last);
    }

    public static TrackEmotions of(ClassifySettings settings, Snapshot s) {
        TrackEmotions e = new TrackEmotions(settings, s.weightedSum().length);
        System.arraycopy(s.weightedSum(), 0, e.weightedSum, 0, e.classes);
        System.arraycopy(s.meanSum(), 0, e.meanSum, 0, e.classes);
        System.arraycopy(s.framesByEmotion(), 0, e.framesByEmotion, 0, e.classes);
        e.weight = s.weight();
        e.classifications = s.classifications();
        e.lastClassifiedSequence = s.lastClassifiedSequence();
        e.lastDecaySequence = s.lastDecaySequence();
        e.lastClassifiedArea = s.lastClassifiedArea();
        e.largest = s.largest();
        e.last = s.last();
        return e;
    }

    public int classifications() {
        return classifications;
    }

    /** Frames counted under each class as the dominant one. */
    public long[] framesByEmotion() {
        return framesByEmotion.clone();
    }

    public BoundingBox largest() {
        return largest;
    }

    private static double area(BoundingBox b) {
        return (double) b.width() * b.height();
    }
}
