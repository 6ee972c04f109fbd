package dev.emostream.processor.track;

import java.time.Duration;

/**
 * How faces become tracks, with the defaults in one place ({@link #DEFAULTS}).
 *
 * @param highScore       a detection at least this confident may start a track and is matched first
 * @param lowScore        detections between this and {@code highScore} only extend existing tracks (ByteTrack's
 *                        second pass): a face half turned away keeps its identity but never starts one
 * @param minIou          overlap with a track's predicted box needed to match a confident detection
 * @param minIouLow       overlap needed to match a low-confidence detection (stricter)
 * @param maxAppearance   largest Bhattacharyya distance (0 same, 1 disjoint) between a detection's colour histogram
 *                        and its track's for a match: a track does not jump to another person at a cut
 * @param confirmFrames   consecutive matched frames before a tentative track is confirmed (and reported)
 * @param maxLostFrames   frames a confirmed track survives without a match before it ends
 * @param maxGap          a jump of more than this in a camera's capture time ends all its tracks (the stream stopped)
 * @param sceneCut        a change of the whole frame's colour histogram (Bhattacharyya distance) above this between two
 *                        analysed frames is a cut (another camera, a reconnect to another view, an edited video): it
 *                        ends every track. Measured on the people clip at 5 frames/s: at most 0.08 within a shot,
 *                        0.34 to 0.61 at its five cuts.
 */
public record TrackerSettings(double highScore, double lowScore, double minIou, double minIouLow, double maxAppearance,
                              int confirmFrames, int maxLostFrames, Duration maxGap, double sceneCut) {

    public static final TrackerSettings DEFAULTS = new TrackerSettings(0.6, 0.35, 0.25, 0.45, 0.55, 3, 10, Duration.ofSeconds(3), 0.25);

    public TrackerSettings {
        if (!(lowScore > 0 && lowScore <= highScore && highScore < 1)) {
            throw new IllegalArgumentException("tracker scores need 0 < low <= high < 1, got low " + lowScore + ", high " + highScore);
        }
        if (!(minIou > 0 && minIou < 1 && minIouLow > 0 && minIouLow < 1)) {
            throw new IllegalArgumentException("tracker IoU thresholds must be between 0 and 1");
        }
        if (!(maxAppearance > 0 && maxAppearance <= 1)) {
            throw new IllegalArgumentException("tracker appearance distance must be in (0, 1], got " + maxAppearance);
        }
        if (!(sceneCut > 0 && sceneCut <= 1)) {
            throw new IllegalArgumentException("tracker scene-cut distance must be in (0, 1], got " + sceneCut);
        }
        if (confirmFrames < 1 || maxLostFrames < 0) {
            throw new IllegalArgumentException("tracker needs confirmFrames >= 1 and maxLostFrames >= 0");
        }
    }

    /**
     * These settings with {@code high} as the confident-face threshold (the detector's confidence setting); the low
     * threshold stays at or below it.
     */
    public TrackerSettings withHighScore(double high) {
        return new TrackerSettings(high, Math.min(high, lowScore), minIou, minIouLow, maxAppearance, confirmFrames, maxLostFrames, maxGap,
                sceneCut);
    }

    /** These settings with other frame counts to confirm and to lose a track. */
    public TrackerSettings withFrames(int confirm, int lost) {
        return new TrackerSettings(highScore, lowScore, minIou, minIouLow, maxAppearance, confirm, lost, maxGap, sceneCut);
    }
}
