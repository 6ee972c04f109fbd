package dev.emostream.schemas;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One camera's emotions over one time window: the value on topic {@code emotion-stats}, keyed by camera id.
 * JSON Schema: {@code schemas/v1/emotion-stats.schema.json}.
 *
 * @param cameraId           the camera
 * @param windowStart        inclusive start of the window (event time = capture time)
 * @param windowEnd          exclusive end of the window
 * @param frames             frames with at least one face in the window
 * @param faces              faces seen in the window
 * @param counts             faces per top emotion
 * @param meanProbabilities  mean probability per class over all faces in the window
 * @param dominantEmotion    the emotion with the highest count, or {@code null} when no face was seen
 */
public record EmotionStatsV1(
        String cameraId,
        Instant windowStart,
        Instant windowEnd,
        long frames,
        long faces,
        Map<String, Long> counts,
        Map<String, Double> meanProbabilities,
        String dominantEmotion) {

    public static final String CONTRACT = "emotion-stats/v1";

    public EmotionStatsV1 {
        Require.text(cameraId, "cameraId");
        Require.present(windowStart, "windowStart");
        Require.present(windowEnd, "windowEnd");
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("field 'windowEnd' must be after 'windowStart'");
        }
        Require.atLeast(frames, 0, "frames");
        Require.atLeast(faces, 0, "faces");
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(Require.present(counts, "counts")));
        meanProbabilities = Collections.unmodifiableMap(
                new LinkedHashMap<>(Require.present(meanProbabilities, "meanProbabilities")));
        if (dominantEmotion != null) {
            Emotion.fromLabel(dominantEmotion);
        }
    }
}
