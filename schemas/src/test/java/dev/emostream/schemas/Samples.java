package dev.emostream.schemas;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Valid example documents of every contract, for tests. */
final class Samples {
    static final Instant CAPTURED = Instant.parse("2026-11-23T17:42:00.125Z");

    private Samples() {
    }

    static Map<String, Double> probabilities() {
        Map<String, Double> p = new LinkedHashMap<>();
        double[] values = {0.05, 0.01, 0.04, 0.70, 0.05, 0.05, 0.10};
        for (Emotion e : Emotion.values()) {
            p.put(e.label(), values[e.ordinal()]);
        }
        return p;
    }

    static EmotionEventV1 event() {
        BoundingBox box = new BoundingBox(100, 50, 64, 80);
        return new EmotionEventV1("5f0c6a4e-3f7e-4a37-8f0e-7b1f2a9e0c11", "cam-1", 42, CAPTURED,
                CAPTURED.plusMillis(35), 0, box, box.normalize(640, 480), 0.97, "happy", probabilities(),
                new ModelInfo("fast", "1.0.0"), new Latency(21.5, 35.0));
    }

    /** The same event with YuNet's five landmarks. */
    static EmotionEventV1 eventWithLandmarks() {
        EmotionEventV1 e = event();
        return new EmotionEventV1(e.eventId(), e.cameraId(), e.frameSequence(), e.captureTime(), e.processingTime(),
                e.faceIndex(), e.box(), e.boxNormalized(), e.detectorScore(), e.emotion(), e.probabilities(), e.model(),
                e.latency(), FaceLandmarks.of(new int[] {118, 80, 146, 81, 132, 96, 121, 112, 143, 113}), 17L, probabilities());
    }

    static FaceTrackV1 trackEnded() {
        BoundingBox box = new BoundingBox(100, 50, 64, 80);
        return new FaceTrackV1("cam-1/17/ended/120", "cam-1", 17, FaceTrackV1.ENDED, CAPTURED.plusSeconds(20), CAPTURED,
                CAPTURED.plusSeconds(18), 18.0, 90, "happy", probabilities(), box, new ModelInfo("fast", "2.0.0"),
                probabilities(), share(), new BoundingBox(90, 40, 80, 100));
    }

    /** Time share over all seven classes: 80% happy, 20% neutral. */
    static Map<String, Double> share() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Emotion e : Emotion.values()) {
            m.put(e.label(), e.label().equals("happy") ? 0.8 : e.label().equals("neutral") ? 0.2 : 0.0);
        }
        return m;
    }

    static EmotionStatsV1 stats() {
        return new EmotionStatsV1("cam-1", CAPTURED, CAPTURED.plusSeconds(10), 48, 97,
                Map.of("happy", 60L, "neutral", 37L), probabilities(), "happy").withFramesSkipped(Map.of("backlog-sampled", 12L));
    }

    static DeadLetterV2 deadLetter() {
        return DeadLetterV2.of("undecodable-image", "not a JPEG", new IllegalArgumentException("x"), "processor", "frames", 2, 1234L,
                CAPTURED, new byte[] {1, 2, 3, (byte) 0xFF}, 1 << 20);
    }

    static FeedbackV1 feedback() {
        return new FeedbackV1("fb-1", "5f0c6a4e-3f7e-4a37-8f0e-7b1f2a9e0c11", 0, "sad", CAPTURED);
    }

    static FrameV1 frame() {
        return new FrameV1("cam-1", FrameV1.idFor("cam-1", 42), 42, CAPTURED, 640, 480,
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
    }
}
