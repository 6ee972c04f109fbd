package dev.emostream.console;

import dev.emostream.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Every setting of the console, its documentation and its default, in one place; {@code emostream console --help}
 * lists them from here. Kafka client settings ({@code bootstrap.servers}, security) pass through to the consumer
 * and the feedback producer.
 */
public final class ConsoleConfig extends AbstractConfig {
    public static final String BIND_CONFIG = "emostream.console.bind";
    public static final String BIND_DOC = "Address the dashboard and API listen on (0.0.0.0: every interface; tokens are required either way).";

    public static final String PORT_CONFIG = "emostream.console.port";
    public static final String PORT_DOC = "Port of the dashboard, the API, /metrics and /health; 0 picks a free one.";

    public static final String HISTORY_HOURS_CONFIG = "emostream.console.history.hours";
    public static final String HISTORY_HOURS_DOC = "Hours of statistics and visits kept in memory, read back from Kafka at start (so a restart "
            + "or a page reload loses nothing); the topics must keep at least that much.";

    public static final String GROUP_ID_CONFIG = "emostream.console.group.id";
    public static final String GROUP_ID_DOC = "The console's own consumer group (it commits nothing: each start reads its history again).";

    public static final String FRAMES_TOPIC_CONFIG = "emostream.frames.topic";
    public static final String FRAMES_TOPIC_DOC = "Frames topic, for the live view (see emostream.console.live.frames).";

    public static final String LIVE_FRAMES_CONFIG = "emostream.console.live.frames";
    public static final String LIVE_FRAMES_DOC = "Read the frames topic to show each camera's latest frame (in memory only); false shows events and "
            + "statistics without pictures and reads far less.";

    public static final String EVENTS_TOPIC_CONFIG = "emostream.events.topic";
    public static final String EVENTS_TOPIC_DOC = "Per-face events topic.";

    public static final String TRACKS_TOPIC_CONFIG = "emostream.tracks.topic";
    public static final String TRACKS_TOPIC_DOC = "Visits (face-tracks) topic.";

    public static final String STATS_TOPIC_CONFIG = "emostream.stats.topic";
    public static final String STATS_TOPIC_DOC = "Per-camera statistics topic.";

    public static final String FEEDBACK_TOPIC_CONFIG = "emostream.feedback.topic";
    public static final String FEEDBACK_TOPIC_DOC = "Topic POST /v1/feedback writes people's corrections to.";

    public static final String MODEL_DIR_CONFIG = "emostream.model.dir";
    public static final String MODEL_DIR_DOC = "Emotion model for POST /v1/predict; empty: the shipped fast model when present, else /v1/predict answers 503.";

    public static final String URL_FETCH_CONFIG = "emostream.console.url.fetch";
    public static final String URL_FETCH_DOC = "Let POST /v1/predict fetch {\"url\": ...} images (public addresses only, no redirects).";

    public static final String MAX_UPLOAD_BYTES_CONFIG = "emostream.console.max.upload.bytes";
    public static final String MAX_UPLOAD_BYTES_DOC = "Largest upload to POST /v1/predict.";

    public static final String MAX_IMAGE_SIDE_CONFIG = "emostream.console.max.image.side";
    public static final String MAX_IMAGE_SIDE_DOC = "Largest image width or height for POST /v1/predict (read from the header before decoding).";

    public static final String TOPIC_RECHECK_MS_CONFIG = "emostream.console.topic.recheck.ms";
    public static final String TOPIC_RECHECK_MS_DOC = "How often the console looks for topics or partitions that were not there yet (it may start "
            + "before the topics are created, and partitions may be added).";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(BIND_CONFIG, Type.STRING, "127.0.0.1", Importance.HIGH, BIND_DOC)
            .define(PORT_CONFIG, Type.INT, 8080, Range.between(0, 65535), Importance.HIGH, PORT_DOC)
            .define(HISTORY_HOURS_CONFIG, Type.INT, 24, Range.between(1, 24 * 31), Importance.MEDIUM, HISTORY_HOURS_DOC)
            .define(GROUP_ID_CONFIG, Type.STRING, "emostream-console", Importance.LOW, GROUP_ID_DOC)
            .define(LIVE_FRAMES_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, LIVE_FRAMES_DOC)
            .define(FRAMES_TOPIC_CONFIG, Type.STRING, Topics.FRAMES.name(), Importance.LOW, FRAMES_TOPIC_DOC)
            .define(EVENTS_TOPIC_CONFIG, Type.STRING, Topics.EMOTION_EVENTS.name(), Importance.LOW, EVENTS_TOPIC_DOC)
            .define(TRACKS_TOPIC_CONFIG, Type.STRING, Topics.FACE_TRACKS.name(), Importance.LOW, TRACKS_TOPIC_DOC)
            .define(STATS_TOPIC_CONFIG, Type.STRING, Topics.EMOTION_STATS.name(), Importance.LOW, STATS_TOPIC_DOC)
            .define(FEEDBACK_TOPIC_CONFIG, Type.STRING, Topics.EMOTION_FEEDBACK.name(), Importance.LOW, FEEDBACK_TOPIC_DOC)
            .define(MODEL_DIR_CONFIG, Type.STRING, "", Importance.MEDIUM, MODEL_DIR_DOC)
            .define(URL_FETCH_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, URL_FETCH_DOC)
            .define(MAX_UPLOAD_BYTES_CONFIG, Type.INT, 10 << 20, Range.between(1024, 256 << 20), Importance.LOW, MAX_UPLOAD_BYTES_DOC)
            .define(TOPIC_RECHECK_MS_CONFIG, Type.LONG, 30_000L, Range.between(100, 3_600_000), Importance.LOW, TOPIC_RECHECK_MS_DOC)
            .define(MAX_IMAGE_SIDE_CONFIG, Type.INT, 8192, Range.between(16, 65535), Importance.LOW, MAX_IMAGE_SIDE_DOC);

    public ConsoleConfig(Map<?, ?> props) {
        super(DEFINITION, props, false);
    }

    public static ConfigDef definition() {
        return DEFINITION;
    }

    public Duration history() {
        return Duration.ofHours(getInt(HISTORY_HOURS_CONFIG));
    }

    /** The settings that are not the console's own: Kafka client settings. */
    public static Map<String, Object> kafkaSettings(Map<String, ?> all) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!k.startsWith("emostream.")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
