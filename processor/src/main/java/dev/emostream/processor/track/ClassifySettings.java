package dev.emostream.processor.track;

/**
 * When a track's face is classified and how its results are smoothed, as DeepStream's secondary classifier and
 * DL Streamer's {@code reclassify-interval} do: a confirmed track is classified when it is confirmed, then every
 * {@code intervalFrames} frames or when its box grows by more than {@code growth} (a face coming closer is seen
 * better); in between it keeps its last result.
 *
 * @param intervalFrames  frames between two classifications of one track (1 = every frame)
 * @param growth          box area growth (0.2 = 20%) since the last classification that triggers one early
 * @param halfLifeFrames  frames after which a classification counts half in the track's smoothed distribution
 * @param fullWeightSide  faces at least this many pixels wide count fully; smaller ones by their area's share
 */
public record ClassifySettings(int intervalFrames, double growth, double halfLifeFrames, int fullWeightSide) {

    /**
     * The interval by measurement (README, "Tracking"): on the people clip at 15 frames/s, classifying every 5th frame
     * of a track took 333 classifier calls instead of 1,595 (every frame) and gave all 25 visits the same emotion,
     * mean distributions within 0.013 (total variation); every 15th, 124 calls, within 0.027. The clip's faces are
     * stills: with changing expressions a shorter interval follows them better. The half-life was not tuned.
     */
    public static final ClassifySettings DEFAULTS = new ClassifySettings(5, 0.2, 5, 96);

    public ClassifySettings {
        if (intervalFrames < 1) {
            throw new IllegalArgumentException("classification interval must be at least 1 frame, got " + intervalFrames);
        }
        if (!(growth > 0) || !(halfLifeFrames > 0) || fullWeightSide < 1) {
            throw new IllegalArgumentException("classification growth, half-life and full-weight side must be positive");
        }
    }

    public ClassifySettings withIntervalFrames(int frames) {
        return new ClassifySettings(frames, growth, halfLifeFrames, fullWeightSide);
    }
}
