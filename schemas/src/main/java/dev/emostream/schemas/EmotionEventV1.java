package dev.emostream.schemas;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One face in one frame and its emotion: the value on topic {@code emotion-events}, keyed by camera id.
 * JSON Schema: {@code schemas/v1/emotion-event.schema.json}.
 *
 * @param eventId         unique and repeatable: the frame's id and the face's index ({@code cam-1-42/0}), so a frame
 *                        processed again gives the same ids and consumers can deduplicate
 * @param cameraId        the camera the frame came from (also the record key)
 * @param frameSequence   the frame's per-camera sequence number
 * @param captureTime     when the frame was captured (the frame's {@code ce_time})
 * @param processingTime  when this event was created
 * @param faceIndex       0-based index of the face within its frame
 * @param box             the face in pixels
 * @param boxNormalized   the face as fractions of the frame
 * @param detectorScore   the face detector's confidence, 0..1
 * @param emotion         the most probable emotion's label
 * @param probabilities   one probability per class of the model (6 or 7), in model order, summing to 1
 * @param model           the classifier's name and version
 * @param latency         processing and capture-to-event latency
 * @param landmarks       optional: five facial landmarks in pixels (from detectors that give them, e.g. YuNet);
 *                        absent from the JSON when null, so consumers of older events see no change
 * @param trackId         optional: the face's track (the person), unique per camera; absent when tracking is off
 * @param smoothed        optional: the track's smoothed distribution (one entry per class), absent when tracking is off
 */
public record EmotionEventV1(
        String eventId,
        String cameraId,
        long frameSequence,
        Instant captureTime,
        Instant processingTime,
        int faceIndex,
        BoundingBox box,
        NormalizedBox boxNormalized,
        double detectorScore,
        String emotion,
        Map<String, Double> probabilities,
        ModelInfo model,
        Latency latency,
        // Optional although the mapper fails on missing creator properties: an absent field reads as null.
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JacksonInject(value = Json.ABSENT + "landmarks", useInput = OptBoolean.TRUE)
        FaceLandmarks landmarks,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JacksonInject(value = Json.ABSENT + "trackId", useInput = OptBoolean.TRUE)
        Long trackId,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JacksonInject(value = Json.ABSENT + "smoothed", useInput = OptBoolean.TRUE)
        Map<String, Double> smoothed) {

    public static final String CONTRACT = "emotion-event/v1";

    /** An event without landmarks (the SSD and Haar detectors give none). */
    public EmotionEventV1(String eventId, String cameraId, long frameSequence, Instant captureTime, Instant processingTime,
                          int faceIndex, BoundingBox box, NormalizedBox boxNormalized, double detectorScore, String emotion,
                          Map<String, Double> probabilities, ModelInfo model, Latency latency) {
        this(eventId, cameraId, frameSequence, captureTime, processingTime, faceIndex, box, boxNormalized, detectorScore,
                emotion, probabilities, model, latency, null, null, null);
    }

    public EmotionEventV1 {
        Require.text(eventId, "eventId");
        Require.text(cameraId, "cameraId");
        Require.atLeast(frameSequence, 0, "frameSequence");
        Require.present(captureTime, "captureTime");
        Require.present(processingTime, "processingTime");
        Require.atLeast(faceIndex, 0, "faceIndex");
        Require.present(box, "box");
        Require.present(boxNormalized, "boxNormalized");
        Require.unit(detectorScore, "detectorScore");
        Emotion.fromLabel(Require.text(emotion, "emotion"));
        Require.present(probabilities, "probabilities");
        if (probabilities.size() != 6 && probabilities.size() != 7) {
            throw new IllegalArgumentException(
                    "field 'probabilities' must hold 6 or 7 classes, got " + probabilities.size());
        }
        probabilities.forEach((label, p) -> {
            Emotion.fromLabel(label);
            Require.unit(Require.present(p, "probabilities." + label), "probabilities." + label);
        });
        if (!probabilities.containsKey(emotion)) {
            throw new IllegalArgumentException("field 'emotion' (" + emotion + ") is not one of the model's classes");
        }
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
        Require.present(model, "model");
        Require.present(latency, "latency");
        if (trackId != null) {
            Require.atLeast(trackId, 1, "trackId");
        }
        if (smoothed != null) {
            smoothed.forEach((label, p) -> {
                Emotion.fromLabel(label);
                Require.unit(Require.present(p, "smoothed." + label), "smoothed." + label);
            });
            smoothed = Collections.unmodifiableMap(new LinkedHashMap<>(smoothed));
        }
    }
}
