package dev.emostream.schemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
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
 *
 * <p>Each topic also carries its settings (size limit, retention), and {@link #createAll} is the one place
 * topics are created: by {@code emostream kafka}, {@code demo}, {@code bench}, the tests and the Helm Job
 * ({@code emostream topics}).
 */
public final class Topics {

    /** A topic name bound to its serdes. Use {@link #withName} for a deployment that renames it. */
    public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, String contract, Map<String, String> configs) {
        public Topic {
            configs = Map.copyOf(configs);
        }

        public Topic<K, V> withName(String newName) {
            return new Topic<>(newName, keySerde, valueSerde, contract, configs);
        }

        /**
         * This topic as {@code partitions} x {@code replicas} with its settings, for {@link Admin#createTopics}; 0 (or less)
         * for either takes the broker's default.
         */
        public NewTopic newTopic(int partitions, short replicas) {
            return new NewTopic(name, partitions > 0 ? Optional.of(partitions) : Optional.empty(),
                    replicas > 0 ? Optional.of(replicas) : Optional.empty()).configs(configs);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Largest frame record the frames topic accepts (its {@code max.message.bytes}); ingest re-encodes larger
     * JPEGs smaller. 4 MiB holds a 4K frame at JPEG quality 90.
     */
    public static final int MAX_FRAME_RECORD_BYTES = 4 << 20;
    /**
     * Room a dead letter's own headers need beside the original record (the detail is at most 2,000 characters),
     * so the dead letter of any frame the frames topic accepted fits the dead-letter topic uncut.
     */
    public static final int DEAD_LETTER_HEADROOM_BYTES = 64 << 10;

    /**
     * How the JSON output topics (events, tracks, statistics) are stored: the broker compresses the batches the
     * processor sends uncompressed, so the processor's cores spend nothing on it.
     * Frames and dead letters carry JPEG bytes, which lz4 would leave as they are: they keep the producer's choice.
     */
    public static final String OUTPUT_COMPRESSION = "lz4";

    /** Camera frames from ingest: JPEG value, CloudEvents headers. Kept one hour: frames are for processing, not for keeps. */
    public static final Topic<String, FrameV1> FRAMES =
            new Topic<>("frames", Serdes.String(), new FrameSerde(), FrameV1.CONTRACT, Map.of(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_FRAME_RECORD_BYTES),
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis())));

    /** One event per detected face, from the processor. */
    public static final Topic<String, EmotionEventV1> EMOTION_EVENTS =
            new Topic<>("emotion-events", Serdes.String(),
                    new JsonSerde<>(EmotionEventV1.class, EmotionEventV1.CONTRACT), EmotionEventV1.CONTRACT, output(7));

    /** People's visits as lifecycles (started, updated, ended), from the processor's tracker. */
    public static final Topic<String, FaceTrackV1> FACE_TRACKS =
            new Topic<>("face-tracks", Serdes.String(),
                    new JsonSerde<>(FaceTrackV1.class, FaceTrackV1.CONTRACT), FaceTrackV1.CONTRACT, output(30));

    /** Per-camera windowed statistics, from the processor. */
    public static final Topic<String, EmotionStatsV1> EMOTION_STATS =
            new Topic<>("emotion-stats", Serdes.String(),
                    new JsonSerde<>(EmotionStatsV1.class, EmotionStatsV1.CONTRACT), EmotionStatsV1.CONTRACT, output(30));

    /**
     * Frames the processor could not handle: the original bytes, the reason in headers. Its limit is the frames
     * topic's plus {@link #DEAD_LETTER_HEADROOM_BYTES}, so the dead letter of any accepted frame fits.
     */
    public static final Topic<String, DeadLetterV2> FRAMES_DLQ =
            new Topic<>("frames-dlq", Serdes.String(), new DeadLetterSerde(), DeadLetterV2.CONTRACT, Map.of(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_FRAME_RECORD_BYTES + DEAD_LETTER_HEADROOM_BYTES),
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(14).toMillis())));

    /** People's corrections of predictions, for fine-tuning. */
    public static final Topic<String, FeedbackV1> EMOTION_FEEDBACK =
            new Topic<>("emotion-feedback", Serdes.String(),
                    new JsonSerde<>(FeedbackV1.class, FeedbackV1.CONTRACT), FeedbackV1.CONTRACT,
                    Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));  // corrections are training data: kept

    /** Every topic, e.g. to create them all on a fresh cluster. */
    public static final List<Topic<?, ?>> ALL =
            List.of(FRAMES, EMOTION_EVENTS, FACE_TRACKS, EMOTION_STATS, FRAMES_DLQ, EMOTION_FEEDBACK);

    private Topics() {
    }

    /** An output topic's settings: kept {@code days} days, stored {@link #OUTPUT_COMPRESSION}-compressed. */
    private static Map<String, String> output(int days) {
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(days).toMillis()),
                TopicConfig.COMPRESSION_TYPE_CONFIG, OUTPUT_COMPRESSION);
    }

    /** Every topic of {@link #ALL} as {@code partitions} x {@code replicas} with its settings. */
    public static List<NewTopic> newTopics(int partitions, short replicas) {
        return ALL.stream().map(t -> t.newTopic(partitions, replicas)).toList();
    }

    /**
     * Creates those of {@code topics} that do not exist yet (existing ones are left as they are, settings
     * included); returns the names it created. Safe to run again and from several processes at once.
     */
    public static List<String> createAll(Admin admin, Collection<NewTopic> topics, Duration timeout)
            throws InterruptedException, TimeoutException {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            List<String> created = new ArrayList<>();
            if (missing.isEmpty()) {
                return created;
            }
            var results = admin.createTopics(missing).values();
            for (var e : results.entrySet()) {
                try {
                    e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + e.getKey() + ": " + ex.getCause().getMessage(), ex.getCause());
                    }
                }
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the cluster's topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
