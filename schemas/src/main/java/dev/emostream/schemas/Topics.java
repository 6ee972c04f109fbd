package dev.emostream.schemas;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed registry of EmoStream's topics: each knows its default name and its key and value serdes, so no
 * service picks a serde by hand. All topics are keyed by camera id except {@link #EMOTION_FEEDBACK} (keyed by
 * the corrected event or image id).
 *
 * <pre>{@code
 * producer = new KafkaProducer<>(props, Topics.FRAMES.keySerde().serializer(), Topics.FRAMES.valueSerde().serializer());
 * producer.send(new ProducerRecord<>(Topics.FRAMES.name(), frame.cameraId(), frame));
 * }</pre>
 */
public final class Topics {

    /** A topic name bound to its serdes. Use {@link #withName} for a deployment that renames it. */
    public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, String contract) {
        public Topic<K, V> withName(String newName) {
            return new Topic<>(newName, keySerde, valueSerde, contract);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Camera frames from ingest: JPEG value, CloudEvents headers. */
    public static final Topic<String, FrameV1> FRAMES =
            new Topic<>("frames", Serdes.String(), new FrameSerde(), FrameV1.CONTRACT);

    /** One event per detected face, from the processor. */
    public static final Topic<String, EmotionEventV1> EMOTION_EVENTS =
            new Topic<>("emotion-events", Serdes.String(),
                    new JsonSerde<>(EmotionEventV1.class, EmotionEventV1.CONTRACT), EmotionEventV1.CONTRACT);

    /** People's visits as lifecycles (started, updated, ended), from the processor's tracker. */
    public static final Topic<String, FaceTrackV1> FACE_TRACKS =
            new Topic<>("face-tracks", Serdes.String(),
                    new JsonSerde<>(FaceTrackV1.class, FaceTrackV1.CONTRACT), FaceTrackV1.CONTRACT);

    /** Per-camera windowed statistics, from the processor. */
    public static final Topic<String, EmotionStatsV1> EMOTION_STATS =
            new Topic<>("emotion-stats", Serdes.String(),
                    new JsonSerde<>(EmotionStatsV1.class, EmotionStatsV1.CONTRACT), EmotionStatsV1.CONTRACT);

    /** Frames the processor could not handle, with the reason and the original bytes. */
    public static final Topic<String, DeadLetterV1> FRAMES_DLQ =
            new Topic<>("frames-dlq", Serdes.String(),
                    new JsonSerde<>(DeadLetterV1.class, DeadLetterV1.CONTRACT), DeadLetterV1.CONTRACT);

    /** People's corrections of predictions, for fine-tuning. */
    public static final Topic<String, FeedbackV1> EMOTION_FEEDBACK =
            new Topic<>("emotion-feedback", Serdes.String(),
                    new JsonSerde<>(FeedbackV1.class, FeedbackV1.CONTRACT), FeedbackV1.CONTRACT);

    /** Every topic, e.g. to create them all on a fresh cluster. */
    public static final List<Topic<?, ?>> ALL =
            List.of(FRAMES, EMOTION_EVENTS, FACE_TRACKS, EMOTION_STATS, FRAMES_DLQ, EMOTION_FEEDBACK);

    private Topics() {
    }
}
