package dev.emostream.processor;

import dev.emostream.inference.InferenceThreads;
import dev.emostream.inference.assets.ModelLocations;
import dev.emostream.inference.detect.DetectorSettings;
import dev.emostream.inference.detect.DnnBackend;
import dev.emostream.inference.detect.FaceDetectors;
import dev.emostream.processor.track.ClassifySettings;
import dev.emostream.processor.track.TrackerSettings;
import dev.emostream.schemas.Topics;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.TopicConfig;
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

    public static final String TRACKS_TOPIC_CONFIG = "emostream.tracks.topic";
    public static final String TRACKS_TOPIC_DOC = "Topic of the people's visits as lifecycles (started, updated, ended), when tracking is on.";

    public static final String TRACKING_CONFIG = "emostream.tracking";
    public static final String TRACKING_DOC = "Follow faces from frame to frame (per camera, in a state store that survives restarts): events "
            + "carry trackId and the track's smoothed distribution, visits go to the tracks topic, and each person is classified "
            + "when confirmed and then every emostream.classify.interval frames instead of every face in every frame.";

    public static final String EVENTS_PER_FRAME_CONFIG = "emostream.events.per.frame";
    public static final String EVENTS_PER_FRAME_DOC = "Write one event per face and frame to the events topic; false keeps only the tracks "
            + "topic and the statistics (for deployments that need people, not face-frames).";

    public static final String CLASSIFY_INTERVAL_CONFIG = "emostream.classify.interval";
    public static final String CLASSIFY_INTERVAL_DOC = "Tracking: frames between two classifications of one person (they are also "
            + "classified when confirmed and when their face grows by emostream.classify.growth).";

    public static final String CLASSIFY_GROWTH_CONFIG = "emostream.classify.growth";
    public static final String CLASSIFY_GROWTH_DOC = "Tracking: box area growth (0.2 = 20%) since a person's last classification that "
            + "classifies them again early.";

    public static final String SMOOTHING_HALF_LIFE_CONFIG = "emostream.smoothing.half.life.frames";
    public static final String SMOOTHING_HALF_LIFE_DOC = "Tracking: frames after which a classification counts half in a track's smoothed "
            + "distribution (a confidence- and area-weighted moving average).";

    public static final String TRACK_CONFIRM_FRAMES_CONFIG = "emostream.track.confirm.frames";
    public static final String TRACK_CONFIRM_FRAMES_DOC = "Tracking: frames in a row a new face must be seen before its track is confirmed.";

    public static final String TRACK_LOST_FRAMES_CONFIG = "emostream.track.lost.frames";
    public static final String TRACK_LOST_FRAMES_DOC = "Tracking: analysed frames a track survives unseen before it ends (a gap in a "
            + "camera's sequence numbers longer than this ends all its tracks).";

    public static final String TRACK_UPDATE_PERIOD_MS_CONFIG = "emostream.track.update.period.ms";
    public static final String TRACK_UPDATE_PERIOD_MS_DOC = "Tracking: an 'updated' lifecycle event is written at least this often (capture "
            + "time) while a track lives, besides whenever its smoothed dominant emotion changes.";

    public static final String DLQ_TOPIC_CONFIG = "emostream.dlq.topic";
    public static final String DLQ_TOPIC_DOC = "Dead-letter topic (contract dead-letter/v2): records that could not be processed, "
            + "their original bytes as the value, the reason and source in headers.";

    public static final String DLQ_MAX_BYTES_CONFIG = "emostream.dlq.max.bytes";
    public static final String DLQ_MAX_BYTES_DOC = "Most bytes of the original value a dead letter keeps; a longer one is cut and its header "
            + "emostream.dlq.truncated.from says the original size. Keep it at most the dead-letter topic's max.message.bytes less "
            + "64 KiB for headers (the default fits the topic as 'emostream topics' creates it). A dead letter the topic still refuses "
            + "is written again without its value.";
    public static final int DLQ_MAX_BYTES_DEFAULT = Topics.MAX_FRAME_RECORD_BYTES;

    public static final String MODEL_DIR_CONFIG = "emostream.model.dir";
    public static final String MODEL_DIR_DOC = "Emotion model: a SavedModel directory with model-card.json (default: the shipped fast model).";

    public static final String DETECTOR_CONFIG = "emostream.detector";
    public static final String DETECTOR_DOC = "Face detector: auto (YuNet when its file is found or can be fetched, else the SSD, else the "
            + "Haar cascade; the log says which and why), yunet, ssd or haar.";

    public static final String DETECTOR_THRESHOLD_CONFIG = "emostream.detector.threshold";
    public static final String DETECTOR_THRESHOLD_DOC = "Minimum detector confidence (0..1) for a face (YuNet's score, the SSD's confidence).";

    public static final String DETECTOR_INPUT_WIDTH_CONFIG = "emostream.detector.input.width";
    public static final String DETECTOR_INPUT_WIDTH_DOC = "YuNet: frames wider than this are scaled down to it (aspect kept) before detection. "
            + "Smaller is faster and misses more small faces; the default was chosen by measurement (README, Performance).";

    public static final String DETECTOR_NMS_CONFIG = "emostream.detector.nms.threshold";
    public static final String DETECTOR_NMS_DOC = "YuNet: overlap (IoU) above which the weaker of two face boxes is dropped.";

    public static final String DETECTOR_BACKEND_CONFIG = "emostream.detector.backend";
    public static final String DETECTOR_BACKEND_DOC = "OpenCV DNN backend of the detector: auto (CUDA when OpenCV has a CUDA device, as in "
            + "the GPU image), cpu or cuda. The log says which was chosen.";

    public static final String OPENCV_THREADS_CONFIG = "emostream.opencv.threads";
    public static final String OPENCV_THREADS_DOC = "OpenCV worker threads (process-wide). 0: cores / num.stream.threads, at least 1, so "
            + "N stream threads use N cores instead of fighting over them.";

    public static final String TF_INTRA_THREADS_CONFIG = "emostream.tensorflow.intra.op.threads";
    public static final String TF_INTRA_THREADS_DOC = "TensorFlow threads inside one op, per stream thread's session. 0: cores / num.stream.threads, at least 1.";

    public static final String TF_INTER_THREADS_CONFIG = "emostream.tensorflow.inter.op.threads";
    public static final String TF_INTER_THREADS_DOC = "TensorFlow ops run side by side, per session. 0: 1 (the emotion CNN is a chain of ops).";

    public static final String ASSETS_CONFIG = "emostream.assets";
    public static final String ASSETS_DOC = "Folder with models/face-detector-yunet/ and models/face-detector/; default $EMOSTREAM_ASSETS or "
            + "../shared. Missing files are fetched from their canonical URLs, checked (sha256) and cached in $EMOSTREAM_CACHE.";

    public static final String FACE_MARGIN_CONFIG = "emostream.face.margin";
    public static final String FACE_MARGIN_DOC = "Border added around each face box before cropping, as a fraction of the box size.";

    public static final String MAX_FRAME_AGE_MS_CONFIG = "emostream.frame.max.age.ms";
    public static final String MAX_FRAME_AGE_MS_DOC = "Frames captured longer ago than this are skipped, counted as "
            + "frames.skipped{camera,reason=stale} and in their window's statistics (framesSkipped). Two minutes by default: a backlog "
            + "after a restart or an outage is worked through by sampling (emostream.backlog.*), not thrown away; 0 disables.";

    public static final String BACKLOG_SAMPLE_AFTER_MS_CONFIG = "emostream.backlog.sample.after.ms";
    public static final String BACKLOG_SAMPLE_AFTER_MS_DOC = "Frames captured longer ago than this are sampled per camera: one in 1 + age/this "
            + "(at most emostream.backlog.max.step) is processed, the others counted as frames.skipped{camera,reason=backlog-sampled} "
            + "and in their window's statistics. "
            + "A backlog is then worked through evenly instead of dropping whole stretches; 0 disables.";

    public static final String COMMIT_LIVE_UNDER_MS_CONFIG = "emostream.commit.live.under.ms";
    /** Default of {@link #COMMIT_LIVE_UNDER_MS_CONFIG}. */
    public static final long COMMIT_LIVE_UNDER_MS = 100L;
    public static final String COMMIT_LIVE_UNDER_MS_DOC = "A frame analysed within this long of its capture is live: its events are committed "
            + "at once (a commit request to Kafka Streams), so read_committed readers see them without waiting for commit.interval.ms. "
            + "Older frames (a backlog) commit at the interval, so catching up spends less time in transaction round trips. "
            + "0 disables (commit at the interval only). Assumes cameras' and processors' clocks agree to well within this.";

    public static final String BACKLOG_MAX_STEP_CONFIG = "emostream.backlog.max.step";
    public static final String BACKLOG_MAX_STEP_DOC = "The largest sampling step under backlog (keep it under emostream.track.lost.frames so "
            + "tracks survive it).";

    public static final String MAX_FRAME_PIXELS_CONFIG = "emostream.frame.max.pixels";
    public static final String MAX_FRAME_PIXELS_DOC = "Frames whose image header declares more pixels than this go to the dead-letter topic "
            + "as image-too-large, before any pixel is decoded (a few hundred bytes can declare a 1.2 GB image).";

    public static final String MAX_FUTURE_MS_CONFIG = "emostream.frame.max.future.ms";
    public static final String MAX_FUTURE_MS_DOC = "Frames whose capture time is further ahead of this processor's clock than this go to the "
            + "dead-letter topic as bad-headers (a camera clock far off, or a forged header).";

    public static final String MAX_FRAME_BYTES_CONFIG = "emostream.frame.max.bytes";
    public static final String MAX_FRAME_BYTES_DOC = "Frames larger than this go to the dead-letter topic as oversized.";

    public static final String STATS_WINDOW_MS_CONFIG = "emostream.stats.window.ms";
    public static final String STATS_WINDOW_MS_DOC = "Size of the tumbling windows of the per-camera statistics.";

    public static final String STATS_GRACE_MS_CONFIG = "emostream.stats.grace.ms";
    public static final String STATS_GRACE_MS_DOC = "How late (by capture time) an event may arrive and still count in its window.";

    public static final String INSTANCE_ID_CONFIG = "emostream.instance.id";
    public static final String INSTANCE_ID_DOC = "Static group membership (group.instance.id; each stream thread appends its index): a processor restarted "
            + "with the same id and state directory takes its partitions back at once, with no rebalance and no wait for its old "
            + "session to time out. Give each replica its own stable id (a StatefulSet's pod name); empty: dynamic membership.";

    public static final String HTTP_PORT_CONFIG = "emostream.http.port";
    public static final String HTTP_PORT_DOC = "Port of the HTTP server with /metrics (Prometheus) and /health; 0 picks a free port, -1 disables it.";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(FRAMES_TOPIC_CONFIG, Type.STRING, Topics.FRAMES.name(), Importance.HIGH, FRAMES_TOPIC_DOC)
            .define(EVENTS_TOPIC_CONFIG, Type.STRING, Topics.EMOTION_EVENTS.name(), Importance.HIGH, EVENTS_TOPIC_DOC)
            .define(STATS_TOPIC_CONFIG, Type.STRING, Topics.EMOTION_STATS.name(), Importance.MEDIUM, STATS_TOPIC_DOC)
            .define(DLQ_TOPIC_CONFIG, Type.STRING, Topics.FRAMES_DLQ.name(), Importance.MEDIUM, DLQ_TOPIC_DOC)
            .define(DLQ_MAX_BYTES_CONFIG, Type.INT, DLQ_MAX_BYTES_DEFAULT, Range.atLeast(0), Importance.LOW, DLQ_MAX_BYTES_DOC)
            .define(TRACKS_TOPIC_CONFIG, Type.STRING, Topics.FACE_TRACKS.name(), Importance.MEDIUM, TRACKS_TOPIC_DOC)
            .define(TRACKING_CONFIG, Type.BOOLEAN, true, Importance.HIGH, TRACKING_DOC)
            .define(EVENTS_PER_FRAME_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, EVENTS_PER_FRAME_DOC)
            .define(CLASSIFY_INTERVAL_CONFIG, Type.INT, ClassifySettings.DEFAULTS.intervalFrames(), Range.between(1, 1000), Importance.MEDIUM,
                    CLASSIFY_INTERVAL_DOC)
            .define(CLASSIFY_GROWTH_CONFIG, Type.DOUBLE, ClassifySettings.DEFAULTS.growth(), Range.between(0.01, 10.0), Importance.LOW,
                    CLASSIFY_GROWTH_DOC)
            .define(SMOOTHING_HALF_LIFE_CONFIG, Type.DOUBLE, ClassifySettings.DEFAULTS.halfLifeFrames(), Range.between(0.1, 1000.0),
                    Importance.LOW, SMOOTHING_HALF_LIFE_DOC)
            .define(TRACK_CONFIRM_FRAMES_CONFIG, Type.INT, TrackerSettings.DEFAULTS.confirmFrames(), Range.between(1, 100), Importance.LOW,
                    TRACK_CONFIRM_FRAMES_DOC)
            .define(TRACK_LOST_FRAMES_CONFIG, Type.INT, TrackerSettings.DEFAULTS.maxLostFrames(), Range.between(0, 1000), Importance.LOW,
                    TRACK_LOST_FRAMES_DOC)
            .define(TRACK_UPDATE_PERIOD_MS_CONFIG, Type.LONG, 10_000L, Range.atLeast(100), Importance.LOW, TRACK_UPDATE_PERIOD_MS_DOC)
            .define(MODEL_DIR_CONFIG, Type.STRING, "", Importance.HIGH, MODEL_DIR_DOC)
            .define(DETECTOR_CONFIG, Type.STRING, "auto", ValidString.in(FaceDetectors.Kind.names().toArray(String[]::new)),
                    Importance.MEDIUM, DETECTOR_DOC)
            .define(DETECTOR_THRESHOLD_CONFIG, Type.DOUBLE, DetectorSettings.DEFAULT_SCORE_THRESHOLD, Range.between(0.01, 0.99),
                    Importance.MEDIUM, DETECTOR_THRESHOLD_DOC)
            .define(DETECTOR_INPUT_WIDTH_CONFIG, Type.INT, DetectorSettings.DEFAULT_INPUT_WIDTH, Range.between(32, 4096), Importance.MEDIUM,
                    DETECTOR_INPUT_WIDTH_DOC)
            .define(DETECTOR_NMS_CONFIG, Type.DOUBLE, DetectorSettings.DEFAULT_NMS_THRESHOLD, Range.between(0.01, 0.99), Importance.LOW,
                    DETECTOR_NMS_DOC)
            .define(DETECTOR_BACKEND_CONFIG, Type.STRING, "auto", ValidString.in("auto", "cpu", "cuda"), Importance.LOW, DETECTOR_BACKEND_DOC)
            .define(OPENCV_THREADS_CONFIG, Type.INT, 0, Range.between(0, 256), Importance.LOW, OPENCV_THREADS_DOC)
            .define(TF_INTRA_THREADS_CONFIG, Type.INT, 0, Range.between(0, 256), Importance.LOW, TF_INTRA_THREADS_DOC)
            .define(TF_INTER_THREADS_CONFIG, Type.INT, 0, Range.between(0, 256), Importance.LOW, TF_INTER_THREADS_DOC)
            .define(ASSETS_CONFIG, Type.STRING, "", Importance.LOW, ASSETS_DOC)
            .define(FACE_MARGIN_CONFIG, Type.DOUBLE, 0.1, Range.between(0.0, 1.0), Importance.LOW, FACE_MARGIN_DOC)
            .define(MAX_FRAME_AGE_MS_CONFIG, Type.LONG, 120_000L, Range.atLeast(0), Importance.MEDIUM, MAX_FRAME_AGE_MS_DOC)
            .define(BACKLOG_SAMPLE_AFTER_MS_CONFIG, Type.LONG, 1_000L, Range.atLeast(0), Importance.MEDIUM, BACKLOG_SAMPLE_AFTER_MS_DOC)
            .define(BACKLOG_MAX_STEP_CONFIG, Type.INT, 5, Range.between(1, 100), Importance.LOW, BACKLOG_MAX_STEP_DOC)
            .define(COMMIT_LIVE_UNDER_MS_CONFIG, Type.LONG, COMMIT_LIVE_UNDER_MS, Range.atLeast(0), Importance.MEDIUM, COMMIT_LIVE_UNDER_MS_DOC)
            .define(MAX_FRAME_PIXELS_CONFIG, Type.LONG, 8192L * 8192L, Range.atLeast(1), Importance.LOW, MAX_FRAME_PIXELS_DOC)
            .define(MAX_FUTURE_MS_CONFIG, Type.LONG, 60_000L, Range.atLeast(0), Importance.LOW, MAX_FUTURE_MS_DOC)
            .define(MAX_FRAME_BYTES_CONFIG, Type.INT, 4 * 1024 * 1024, Range.atLeast(1024), Importance.LOW, MAX_FRAME_BYTES_DOC)
            .define(STATS_WINDOW_MS_CONFIG, Type.LONG, 10_000L, Range.atLeast(100), Importance.MEDIUM, STATS_WINDOW_MS_DOC)
            .define(STATS_GRACE_MS_CONFIG, Type.LONG, 2_000L, Range.atLeast(0), Importance.LOW, STATS_GRACE_MS_DOC)
            .define(INSTANCE_ID_CONFIG, Type.STRING, "", Importance.MEDIUM, INSTANCE_ID_DOC)
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
        return Map.ofEntries(
                // Each frame is processed once even across failures: the events and stats commit with the offsets.
                Map.entry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2),
                // Under exactly-once, consumers reading read_committed see an event only when its transaction commits:
                // live frames ask for a commit at once (emostream.commit.live.under.ms), a backlog commits at this
                // interval. See COMMIT_INTERVAL_MS for the value and what it was measured to give.
                Map.entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS),
                // The outputs wait up to this long to share a produce request (Kafka Streams' own default). Under
                // exactly-once a read_committed reader sees nothing before the commit, which flushes the producer first,
                // so lingering costs it no latency. Measured on 2026-12-03 (two stream threads, interleaved passes of
                // two pipelines on one broker, 12 rounds): 100 ms against 5 halved the produce requests (1.51 to 0.81 a
                // frame, frames included), cut the broker's CPU a frame by a fifth and the producers' by two fifths, and
                // ran 3.1% more frames/s (median of the rounds' ratios; 205 against 216 frames/s).
                Map.entry(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), LINGER_MS),
                // Detection and classification are CPU-bound: one stream thread per core.
                Map.entry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors()),
                Map.entry(StreamsConfig.APPLICATION_ID_CONFIG, "emostream-processor"),
                // Kafka 5 will enable this by default; enabling it now keeps behaviour the same across upgrades.
                Map.entry("processing.exception.handler.global.enabled", true),
                // Recovery: a dead processor's partitions move to the others once its session times out (Kafka's default
                // 45 s; the broker's floor is 6 s) and the survivors' next heartbeat hears of it; under exactly-once its
                // open transaction blocks read_committed readers of its outputs until the coordinator aborts it (after
                // transaction.timeout.ms, Kafka Streams' default 10 s, checked every
                // transaction.abort.timed.out.transaction.cleanup.interval.ms on the broker). See SESSION_TIMEOUT_MS.
                Map.entry(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS),
                Map.entry(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), SESSION_TIMEOUT_MS / 4),
                Map.entry(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), SESSION_TIMEOUT_MS),
                // Frames are big (about 100 KB at 720p). A stream thread in RUNNING polls with poll.ms even when its
                // queues hold frames, and the consumer fetches a partition again only once it has handed out all it
                // holds: few records a poll meant frequent waits for the next fetch (64 ran 1.4% more frames/s than 8,
                // measured as below). Stale frames are still skipped one by one by their age when processed, and the
                // frames held are bounded below.
                Map.entry(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), MAX_POLL_RECORDS),
                // And a poll that finds no fetched frames blocks at most this long before the thread goes back to the
                // frames already queued (Kafka Streams' default: 100 ms). Measured on 2026-12-02 (one stream thread,
                // interleaved passes): 5 ms ran 2.2% more frames/s than 100; idle, the thread then wakes 200 times a
                // second and uses 2.2% of a core instead of 0.4.
                Map.entry(StreamsConfig.POLL_MS_CONFIG, POLL_MS),
                // The consumer's socket buffer left to the OS (Linux tunes it up to megabytes): with Kafka's 64 KB a
                // fetch of frames arrives only while the stream thread sits in poll reading it, 64 KB at a time
                // (-1 ran 2.7% more frames/s, measured as below).
                Map.entry(StreamsConfig.consumerPrefix(ConsumerConfig.RECEIVE_BUFFER_CONFIG), -1),
                // Frames fetched but not yet processed, per partition (Kafka's default is 1,000): its fetching pauses
                // above it, so a backlog holds about 25 MB of 720p JPEGs a partition, not 100.
                Map.entry(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, BUFFERED_RECORDS_PER_PARTITION),
                Map.entry(StreamsConfig.producerPrefix("max.request.size"), 8 * 1024 * 1024),
                // The JSON outputs are compressed by the broker, not here: their topics (Topics.OUTPUT_COMPRESSION, and
                // the changelogs by the topic prefix below) say lz4, so the broker recompresses the batches it receives
                // (exactly-once ones too) and the stream thread, whose core is what limits frames/s, spends nothing on it.
                // Measured on 2026-12-02 (one stream thread, interleaved passes of pipelines differing in one setting, on
                // one broker; README, Performance): 2.3% more frames/s than lz4 in the producer, whose block stream
                // allocates and fills 128 KB a batch.
                Map.entry(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "none"),
                Map.entry(StreamsConfig.topicPrefix(TopicConfig.COMPRESSION_TYPE_CONFIG), Topics.OUTPUT_COMPRESSION));
    }

    /** How long the outputs may wait to share a produce request. See {@link #streamsDefaults()}. */
    public static final int LINGER_MS = 100;

    /** How long a stream thread's poll blocks when no frames have been fetched. See {@link #streamsDefaults()}. */
    public static final long POLL_MS = 5L;

    /** Records one poll hands the stream thread (Kafka's default is 500). See {@link #streamsDefaults()}. */
    public static final int MAX_POLL_RECORDS = 64;

    /** Fetched, unprocessed records a partition holds before its fetching pauses. */
    public static final int BUFFERED_RECORDS_PER_PARTITION = 256;

    /**
     * Kafka Streams' commit interval under exactly-once (its own default is 100 ms): how often a processor that is
     * catching up commits. Live frames do not wait for it ({@link #COMMIT_LIVE_UNDER_MS_CONFIG}: their outputs commit
     * at once), so it bounds the latency only of frames already late. Each commit costs three round trips to the
     * broker (flush, offsets, end of transaction) that the stream thread waits out: about 5 ms on this 2-core machine
     * with the broker beside the processor. Measured on 2026-12-02 (one stream thread, interleaved passes on one
     * broker): 500 ms ran 1.9% more frames/s than 200 ms and 1000 ms 3.6% more, but with 500 ms the bench's 3x
     * overload p99 went from 736 to 1,040 ms (a backlog's events wait for the commit), so it stays 200 ms. Earlier
     * (README): 50 ms without live commits gave a p99 of 129 ms for one 15 frames/s camera, 200 ms with live commits 66 ms.
     */
    public static final long COMMIT_INTERVAL_MS = 200L;

    /**
     * Consumer session and producer transaction timeout: how long a dead processor holds its partitions and blocks
     * read_committed readers. Measured in FaultInjectionIT (one of two processors SIGKILLed, live cameras): 8 s gave
     * the first event of the dead one's camera 10.9 s after the kill; 6 s (the broker's floor for sessions), with
     * heartbeats every 1.5 s and the broker's abort check every second, the figure in the README. A batch of frames
     * whose transaction stays open longer than this is aborted and retried (exactly-once holds).
     */
    public static final int SESSION_TIMEOUT_MS = 6_000;

    /** Kafka Streams settings these EmoStream settings imply (static membership), to put over the defaults. */
    public Map<String, Object> streamsOverrides() {
        String id = getString(INSTANCE_ID_CONFIG).trim();
        return id.isEmpty() ? Map.of() : Map.of(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id);
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
        return FaceDetectors.Kind.parse(getString(DETECTOR_CONFIG));
    }

    /** The detector these settings describe. */
    public DetectorSettings detectorSettings() {
        return new DetectorSettings(detector(), assets(), getInt(DETECTOR_INPUT_WIDTH_CONFIG), getDouble(DETECTOR_THRESHOLD_CONFIG),
                getDouble(DETECTOR_NMS_CONFIG), DnnBackend.valueOf(getString(DETECTOR_BACKEND_CONFIG).toUpperCase(Locale.ROOT)));
    }

    public boolean tracking() {
        return getBoolean(TRACKING_CONFIG);
    }

    /**
     * The tracker's settings: confident faces are those at least {@code emostream.detector.threshold}; faces down to
     * the tracker's low threshold only extend tracks, so the detector runs at the lower of the two.
     */
    public TrackerSettings trackerSettings() {
        return TrackerSettings.DEFAULTS.withHighScore(getDouble(DETECTOR_THRESHOLD_CONFIG))
                .withFrames(getInt(TRACK_CONFIRM_FRAMES_CONFIG), getInt(TRACK_LOST_FRAMES_CONFIG));
    }

    public ClassifySettings classifySettings() {
        return new ClassifySettings(getInt(CLASSIFY_INTERVAL_CONFIG), getDouble(CLASSIFY_GROWTH_CONFIG), getDouble(SMOOTHING_HALF_LIFE_CONFIG),
                ClassifySettings.DEFAULTS.fullWeightSide());
    }

    /** The detector the analyzers run: with tracking, down to the tracker's low threshold. */
    public DetectorSettings analyzerDetectorSettings() {
        DetectorSettings d = detectorSettings();
        return tracking() ? d.withScoreThreshold(trackerSettings().lowScore()) : d;
    }

    /** The engines' thread pools for {@code streamThreads} stream threads on this machine (0 = the default split). */
    public InferenceThreads inferenceThreads(int streamThreads) {
        InferenceThreads split = InferenceThreads.forWorkers(streamThreads);
        int cv = getInt(OPENCV_THREADS_CONFIG);
        int intra = getInt(TF_INTRA_THREADS_CONFIG);
        int inter = getInt(TF_INTER_THREADS_CONFIG);
        return new InferenceThreads(cv > 0 ? cv : split.opencv(), intra > 0 ? intra : split.tfIntra(), inter > 0 ? inter : split.tfInter());
    }
}
