package dev.emostream.schemas;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One person's visit in front of one camera, as a lifecycle: the value on topic {@code face-tracks}, keyed by
 * camera id. A track is {@code started} when it is confirmed and first classified, {@code updated} when its
 * smoothed dominant emotion changes and at a set period, and {@code ended} when it has not been seen for the lost
 * limit (or the stream had a gap). JSON Schema: {@code schemas/v1/face-track.schema.json}.
 *
 * @param eventId       unique and repeatable: camera, track id, type and the frame it was emitted at
 * @param cameraId      the camera (also the record key)
 * @param trackId       the track's number, unique per camera (it survives processor restarts)
 * @param type          {@code started}, {@code updated} or {@code ended}
 * @param time          capture time of the frame this lifecycle event was emitted at
 * @param firstSeen     capture time of the track's first frame
 * @param lastSeen      capture time of the track's last matched frame
 * @param dwellSeconds  {@code lastSeen - firstSeen}
 * @param framesSeen    analysed frames in which the face was matched
 * @param emotion       the smoothed distribution's most probable emotion
 * @param probabilities the smoothed distribution (one entry per class of the model)
 * @param box           the face's last box in pixels
 * @param model         the classifier's name and version
 * @param meanProbabilities  ended only: the mean of the track's classifications
 * @param timeShare     ended only: the share of the visit's frames spent in each smoothed dominant emotion
 * @param largestBox    ended only: the largest box the face had
 */
public record FaceTrackV1(
        String eventId,
        String cameraId,
        long trackId,
        String type,
        Instant time,
        Instant firstSeen,
        Instant lastSeen,
        double dwellSeconds,
        long framesSeen,
        String emotion,
        Map<String, Double> probabilities,
        BoundingBox box,
        ModelInfo model,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "meanProbabilities", useInput = OptBoolean.TRUE)
        Map<String, Double> meanProbabilities,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "timeShare", useInput = OptBoolean.TRUE)
        Map<String, Double> timeShare,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JacksonInject(value = Json.ABSENT + "largestBox", useInput = OptBoolean.TRUE)
        BoundingBox largestBox) {

    public static final String CONTRACT = "face-track/v1";
    public static final String STARTED = "started";
    public static final String UPDATED = "updated";
    public static final String ENDED = "ended";

    public FaceTrackV1 {
        Require.text(eventId, "eventId");
        Require.text(cameraId, "cameraId");
        Require.atLeast(trackId, 1, "trackId");
        if (!STARTED.equals(type) && !UPDATED.equals(type) && !ENDED.equals(type)) {
            throw new IllegalArgumentException("field 'type' must be started, updated or ended, got " + type);
        }
        Require.present(time, "time");
        Require.present(firstSeen, "firstSeen");
        Require.present(lastSeen, "lastSeen");
        if (dwellSeconds < 0) {
            throw new IllegalArgumentException("field 'dwellSeconds' must be at least 0, got " + dwellSeconds);
        }
        Require.atLeast(framesSeen, 1, "framesSeen");
        Emotion.fromLabel(Require.text(emotion, "emotion"));
        probabilities = unitMap(Require.present(probabilities, "probabilities"), "probabilities");
        Require.present(box, "box");
        Require.present(model, "model");
        meanProbabilities = meanProbabilities == null ? null : unitMap(meanProbabilities, "meanProbabilities");
        timeShare = timeShare == null ? null : unitMap(timeShare, "timeShare");
        if (ENDED.equals(type) && (meanProbabilities == null || timeShare == null || largestBox == null)) {
            throw new IllegalArgumentException("an 'ended' track needs meanProbabilities, timeShare and largestBox");
        }
    }

    private static Map<String, Double> unitMap(Map<String, Double> m, String field) {
        m.forEach((label, p) -> {
            Emotion.fromLabel(label);
            Require.unit(Require.present(p, field + "." + label), field + "." + label);
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
