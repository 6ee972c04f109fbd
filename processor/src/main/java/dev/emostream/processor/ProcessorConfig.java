package dev.emostream.processor;

import dev.emostream.processor.detect.FaceDetectors;
import dev.emostream.schemas.Topics;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every setting of the processor, its documentation and its default, in one place. Kafka Streams settings
 * ({@code bootstrap.servers}, {@code num.stream.threads}, ...) pass through to Kafka Streams; these are
 * EmoStream's own. {@code emostream process --help} and the README list them.
 */
public final class ProcessorConfig extends AbstractConfig {

    public static final String FRAMES_TOPIC_CONFIG = "emostream.frames.topic";
    public static final String FRAMES_TOPIC_DOC = "Topic the frames are read from.";

    public static final String EVENTS_TOPIC_CONFIG = "emostream.events.topic";
    public static final String EVENTS_TOPIC_DOC = "Topic one emotion event per face is written to.";

    public static final String STATS_TOPIC_CONFIG = "emostream.stats.topic";
    public static final String STATS_TOPIC_DOC = "Topic the per-camera window statistics are written to.";

    public static final String DLQ_TOPIC_CONFIG = "emostream.dlq.topic";
    public static final String DLQ_TOPIC_DOC = "Dead-letter topic: frames that could not be processed, with the reason and the original bytes.";

    public static final String MODEL_DIR_CONFIG = "emostream.model.dir";
    public static final String MODEL_DIR_DOC = "Emotion model: a SavedModel directory with model-card.json (default: the shipped fast model).";

    public static final String DETECTOR_CONFIG = "emostream.detector";
    public static final String DETECTOR_DOC = "Face detector: auto (the SSD when its files exist, else Haar), ssd or haar.";

    public static final String DETECTOR_THRESHOLD_CONFIG = "emostream.detector.threshold";
    public static final String DETECTOR_THRESHOLD_DOC = "Minimum SSD confidence (0..1) for a face.";

    public static final String ASSETS_CONFIG = "emostream.assets";
    public static final String ASSETS_DOC = "Folder with models/face-detector/ (the SSD files); default $EMOSTREAM_ASSETS or ../shared.";

    public static final String FACE_MARGIN_CONFIG = "emostream.face.margin";
    public static final String FACE_MARGIN_DOC = "Border added around each face box before cropping, as a fraction of the box size.";

    public static final String MAX_FRAME_AGE_MS_CONFIG = "emostream.frame.max.age.ms";
    public static final String MAX_FRAME_AGE_MS_DOC = "Frames captured longer ago than this are skipped and counted as dropped{reason=stale}, "
            + "bounding latency under overload. 0 disables.";

    public static final String MAX_FRAME_BYTES_CONFIG = "emostream.frame.max.bytes";
    public static final String MAX_FRAME_BYTES_DOC = "Frames larger than this go to the dead-letter topic as oversized.";

    public static final String STATS_WINDOW_MS_CONFIG = "emostream.stats.window.ms";
    public static final String STATS_WINDOW_MS_DOC = "Size of the tumbling windows of the per-camera statistics.";

    public static final String STATS_GRACE_MS_CONFIG = "emostream.stats.grace.ms";
    public static final String STATS_GRACE_MS_DOC = "How late (by capture time) an event may arrive and still count in its window.";

    public static final String HTTP_PORT_CONFIG = "emostream.http.port";
    public static final String HTTP_PORT_DOC = "Port of the HTTP server with /metrics (Prometheus) and /health; 0 picks a free port, -1 disables it.";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(FRAMES_TOPIC_CONFIG, Type.STRING, Topics.FRAMES.name(), Importance.HIGH, FRAMES_TOPIC_DOC)
            .define(EVENTS_TOPIC_CONFIG, Type.STRING, Topics.EMOTION_EVENTS.name(), Importance.HIGH, EVENTS_TOPIC_DOC)
            .define(STATS_TOPIC_CONFIG, Type.STRING, Topics.EMOTION_STATS.name(), Importance.MEDIUM, STATS_TOPIC_DOC)
            .define(DLQ_TOPIC_CONFIG, Type.STRING, Topics.FRAMES_DLQ.name(), Importance.MEDIUM, DLQ_TOPIC_DOC)
            .define(MODEL_DIR_CONFIG, Type.STRING, "", Importance.HIGH, MODEL_DIR_DOC)
            .define(DETECTOR_CONFIG, Type.STRING, "auto", ValidString.in("auto", "ssd", "haar"), Importance.MEDIUM, DETECTOR_DOC)
            .define(DETECTOR_THRESHOLD_CONFIG, Type.DOUBLE, 0.5, Range.between(0.01, 0.99), Importance.MEDIUM, DETECTOR_THRESHOLD_DOC)
            .define(ASSETS_CONFIG, Type.STRING, "", Importance.LOW, ASSETS_DOC)
            .define(FACE_MARGIN_CONFIG, Type.DOUBLE, 0.1, Range.between(0.0, 1.0), Importance.LOW, FACE_MARGIN_DOC)
            .define(MAX_FRAME_AGE_MS_CONFIG, Type.LONG, 5_000L, Range.atLeast(0), Importance.MEDIUM, MAX_FRAME_AGE_MS_DOC)
            .define(MAX_FRAME_BYTES_CONFIG, Type.INT, 4 * 1024 * 1024, Range.atLeast(1024), Importance.LOW, MAX_FRAME_BYTES_DOC)
            .define(STATS_WINDOW_MS_CONFIG, Type.LONG, 10_000L, Range.atLeast(100), Importance.MEDIUM, STATS_WINDOW_MS_DOC)
            .define(STATS_GRACE_MS_CONFIG, Type.LONG, 2_000L, Range.atLeast(0), Importance.LOW, STATS_GRACE_MS_DOC)
            .define(HTTP_PORT_CONFIG, Type.INT, 8081, Range.between(-1, 65535), Importance.MEDIUM, HTTP_PORT_DOC);

    public ProcessorConfig(Map<?, ?> props) {
        super(DEFINITION, props, false);
    }

    /** Every EmoStream setting as an HTML-free table, for --help and the README. */
    public static ConfigDef definition() {
        return DEFINITION;
    }

    /**
     * Kafka Streams defaults for this application, each with its reason; the caller's settings win.
     */
    public static Map<String, Object> streamsDefaults() {
        return Map.of(
                // Each frame is processed once even across failures: the events and stats commit with the offsets.
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                // Detection and classification are CPU-bound: one stream thread per core.
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors(),
                StreamsConfig.APPLICATION_ID_CONFIG, "emostream-processor",
                // Kafka 5 will enable this by default; enabling it now keeps behaviour the same across upgrades.
                "processing.exception.handler.global.enabled", true,
                // Frames are big: fetch few at a time so a slow model does not hold many stale frames.
                StreamsConfig.consumerPrefix("max.poll.records"), 8,
                StreamsConfig.producerPrefix("max.request.size"), 8 * 1024 * 1024);
    }

    public Path modelDir() {
        String dir = getString(MODEL_DIR_CONFIG);
        return dir.isBlank() ? ModelLocations.shippedModel("fast") : Path.of(dir);
    }

    public Path assets() {
        String dir = getString(ASSETS_CONFIG);
        return dir.isBlank() ? null : Path.of(dir);
    }

    public FaceDetectors.Kind detector() {
        return FaceDetectors.Kind.valueOf(getString(DETECTOR_CONFIG).toUpperCase(java.util.Locale.ROOT));
    }
}
