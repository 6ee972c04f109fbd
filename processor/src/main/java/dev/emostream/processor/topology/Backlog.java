package dev.emostream.processor.topology;

import java.time.Duration;

/**
 * How the processor degrades when it falls behind: a frame captured longer ago than {@code sampleAfter} is
 * processed only if it is at least {@code step} frames after the camera's last processed one, where the step grows
 * with the frame's age ({@code 1 + age / sampleAfter}, at most {@code maxStep}). So a backlog is worked through by
 * sampling each camera's frames evenly, and every camera keeps being seen, instead of whole stretches of time being
 * dropped; the maximum frame age stays the last resort.
 *
 * <p>The other end of the scale: a frame analysed within {@code liveUnder} of its capture is live, and its outputs
 * are committed at once rather than at the next commit interval, so a caught-up camera's events reach read_committed
 * readers without waiting; frames of a backlog leave committing to the interval, so catching up spends less of its
 * time in transaction round trips.
 *
 * @param sampleAfter age from which frames are sampled; zero disables sampling
 * @param maxStep     the largest step (keep it within the tracker's lost limit so tracks survive the sampling)
 * @param liveUnder   age under which a frame's outputs are committed at once; zero disables
 */
record Backlog(Duration sampleAfter, int maxStep, Duration liveUnder) {

    /** No frame is live: commits at the interval only. */
    Backlog(Duration sampleAfter, int maxStep) {
        this(sampleAfter, maxStep, Duration.ZERO);
    }

    /** Whether a frame of this age is live (commit its outputs at once). */
    boolean live(Duration age) {
        return age.compareTo(liveUnder) < 0;
    }

    /** Every how many frames one is processed for a frame of this age (1 = all). */
    int step(Duration age) {
        if (sampleAfter.isZero() || age.compareTo(sampleAfter) <= 0) {
            return 1;
        }
        if (age.compareTo(sampleAfter.multipliedBy(maxStep)) >= 0) {
            return maxStep; // also keeps absurd ages (a forged capture time) clear of overflow below
        }
        return (int) Math.min(maxStep, 1 + age.toMillis() / Math.max(1, sampleAfter.toMillis()));
    }
}
