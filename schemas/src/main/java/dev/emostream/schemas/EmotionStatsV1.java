package dev.emostream.schemas;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.OptBoolean;
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
 * @param people             optional (tracking): distinct tracks (people) seen in the window
 * @param tracksStarted      optional (tracking): visits that started in the window
 * @param tracksEnded        optional (tracking): visits that ended in the window
 * @param meanDwellSeconds   optional (tracking): mean dwell of the visits that ended in the window ({@code null} if none)
 * @param emotionShare       optional (tracking): share of person-time (tracked face-frames) in each smoothed dominant
 *                           emotion: a person seen for 10 frames counts 10 times as much as one seen once
 * @param framesSkipped      optional: frames of the window the processor did not analyse, by reason ({@code stale}: older
 *                           than its maximum age; {@code backlog-sampled}: skipped to catch up), absent when none was
 */
public record EmotionStatsV1(
        String cameraId,
        Instant windowStart,
        Instant windowEnd,
        long frames,
        long faces,
        Map<String, Long> counts,
        Map<String, Double> meanProbabilities,
        String dominantEmotion,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "people", useInput = OptBoolean.TRUE)
        Long people,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "tracksStarted", useInput = OptBoolean.TRUE)
        Long tracksStarted,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "tracksEnded", useInput = OptBoolean.TRUE)
        Long tracksEnded,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "meanDwellSeconds", useInput = OptBoolean.TRUE)
        Double meanDwellSeconds,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "emotionShare", useInput = OptBoolean.TRUE)
        Map<String, Double> emotionShare,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "framesSkipped", useInput = OptBoolean.TRUE)
        Map<String, Long> framesSkipped) {

    public static final String CONTRACT = "emotion-stats/v1";

    /** Statistics without tracking (no people, visits or shares). */
    public EmotionStatsV1(String cameraId, Instant windowStart, Instant windowEnd, long frames, long faces, Map<String, Long> counts,
                          Map<String, Double> meanProbabilities, String dominantEmotion) {
        this(cameraId, windowStart, windowEnd, frames, faces, counts, meanProbabilities, dominantEmotion, null, null, null, null, null, null);
    }

    /** Statistics with tracking, nothing skipped. */
    public EmotionStatsV1(String cameraId, Instant windowStart, Instant windowEnd, long frames, long faces, Map<String, Long> counts,
                          Map<String, Double> meanProbabilities, String dominantEmotion, Long people, Long tracksStarted,
                          Long tracksEnded, Double meanDwellSeconds, Map<String, Double> emotionShare) {
        this(cameraId, windowStart, windowEnd, frames, faces, counts, meanProbabilities, dominantEmotion, people, tracksStarted, tracksEnded,
                meanDwellSeconds, emotionShare, null);
    }

    /** These statistics with {@code skipped} frames by reason (null or empty: none). */
    public EmotionStatsV1 withFramesSkipped(Map<String, Long> skipped) {
        return new EmotionStatsV1(cameraId, windowStart, windowEnd, frames, faces, counts, meanProbabilities, dominantEmotion, people,
                tracksStarted, tracksEnded, meanDwellSeconds, emotionShare, skipped == null || skipped.isEmpty() ? null : skipped);
    }

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
        if (emotionShare != null) {
            emotionShare.forEach((label, p) -> {
                Emotion.fromLabel(label);
                Require.unit(Require.present(p, "emotionShare." + label), "emotionShare." + label);
            });
            emotionShare = Collections.unmodifiableMap(new LinkedHashMap<>(emotionShare));
        }
        if (framesSkipped != null) {
            framesSkipped.forEach((reason, n) -> Require.atLeast(Require.present(n, "framesSkipped." + reason), 0, "framesSkipped." + reason));
            framesSkipped = Collections.unmodifiableMap(new LinkedHashMap<>(framesSkipped));
        }
    }
}
