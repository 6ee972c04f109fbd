package dev.emostream.inference.detect;

import java.nio.file.Path;

/**
 * Everything that chooses and tunes a face detector, with the defaults in one place ({@link #DEFAULTS}). The
 * processor's {@code emostream.detector.*} settings and the {@code predict}, {@code demo} and {@code bench}
 * flags all map onto this record.
 *
 * @param kind          which detector; {@code AUTO} prefers YuNet, then the SSD, then the Haar cascade
 * @param assets        the folder with {@code models/...} (null: {@code $EMOSTREAM_ASSETS} or {@code ../shared})
 * @param inputWidth    YuNet: frames wider than this are scaled down to it (keeping the aspect ratio) before detection
 * @param scoreThreshold minimum confidence of a face, 0..1 (YuNet's score; the SSD's confidence)
 * @param nmsThreshold  YuNet: overlap (IoU) above which the weaker of two boxes is suppressed
 * @param backend       OpenCV DNN backend for YuNet and the SSD
 */
public record DetectorSettings(FaceDetectors.Kind kind, Path assets, int inputWidth, double scoreThreshold,
                               double nmsThreshold, DnnBackend backend) {

    /**
     * Chosen by measurement on all 450 frames of people-720p15.mp4 (README, "Performance"): at 320 YuNet found 1,575
     * faces at 248 frames/s, at 640 1,609 faces (some of the extra ones background) at 92 frames/s; the small faces of
     * the shared test images (about 30 px) are found at 320 too. Raise it for cameras whose faces are under 40 px.
     */
    public static final int DEFAULT_INPUT_WIDTH = 320;
    public static final double DEFAULT_SCORE_THRESHOLD = 0.6;
    public static final double DEFAULT_NMS_THRESHOLD = 0.3;
    public static final DetectorSettings DEFAULTS = new DetectorSettings(FaceDetectors.Kind.AUTO, null, DEFAULT_INPUT_WIDTH,
            DEFAULT_SCORE_THRESHOLD, DEFAULT_NMS_THRESHOLD, DnnBackend.AUTO);

    public DetectorSettings {
        if (kind == null || backend == null) {
            throw new IllegalArgumentException("detector kind and backend are required");
        }
        if (inputWidth < 32 || inputWidth > 4096) {
            throw new IllegalArgumentException("detector input width must be between 32 and 4096 pixels, got " + inputWidth);
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("detector score threshold must be between 0 and 1, got " + scoreThreshold);
        }
        if (!(nmsThreshold > 0 && nmsThreshold < 1)) {
            throw new IllegalArgumentException("detector NMS threshold must be between 0 and 1, got " + nmsThreshold);
        }
    }

    public DetectorSettings withKind(FaceDetectors.Kind k) {
        return new DetectorSettings(k, assets, inputWidth, scoreThreshold, nmsThreshold, backend);
    }

    public DetectorSettings withAssets(Path a) {
        return new DetectorSettings(kind, a, inputWidth, scoreThreshold, nmsThreshold, backend);
    }

    public DetectorSettings withInputWidth(int w) {
        return new DetectorSettings(kind, assets, w, scoreThreshold, nmsThreshold, backend);
    }

    public DetectorSettings withScoreThreshold(double s) {
        return new DetectorSettings(kind, assets, inputWidth, s, nmsThreshold, backend);
    }
}
