package dev.emostream.processor.topology;

import java.time.Duration;

/**
 * How the processor degrades when it falls behind: a frame captured longer ago than {@code sampleAfter} is
 * processed only if it is at least {@code step} frames after the camera's last processed one, where the step grows
 * with the frame's age ({@code 1 + age / sampleAfter}, at most {@code maxStep}). So a backlog is worked through by
 * sampling each camera's frames evenly, and every camera keeps being seen, instead of whole stretches of time being
 * dropped; the maximum frame age stays the last resort.
 *
 * @param sampleAfter age from which frames are sampled; zero disables sampling
 * @param maxStep     the largest step (keep it within the tracker's lost limit so tracks survive the sampling)
 */
record Backlog(Duration sampleAfter, int maxStep) {

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
