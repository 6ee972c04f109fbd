package dev.emostream.processor.topology;

import dev.emostream.processor.ProcessorConfig;
import dev.emostream.inference.analyze.ImageAnalyzer;
import dev.emostream.processor.metrics.ProcessorMetrics;
import dev.emostream.processor.track.CameraTracks;
import dev.emostream.processor.track.ClassifySettings;
import dev.emostream.processor.track.TrackerSettings;
import dev.emostream.schemas.DeadLetterV2;
import dev.emostream.schemas.EmotionEventV1;
import dev.emostream.schemas.FaceTrackV1;
import dev.emostream.schemas.JsonSerde;
import dev.emostream.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology, built in one static method that the application and the tests share:
 *
 * <pre>
 * frames (bytes + CloudEvents headers)
 *   -> analyze-frames: decode JPEG, detect faces, crop 48x48 grey, classify all faces in one call
 *        |   (with tracking: per camera tracks in the camera-tracks-store; each person classified when confirmed and
 *        |    then every emostream.classify.interval frames)
 *        |-> emotion-events   one event per face (of a confirmed track, with trackId and smoothed), keyed by camera
 *        |-> face-tracks      visits as lifecycles: started, updated, ended
 *        |-> frames-dlq       bad headers, undecodable or oversized frames: original bytes, reason in headers
 *        (stale and backlog-sampled frames are counted as frames.skipped{camera,reason} and in their window's statistics)
 *   emotion-events -> per camera, tumbling windows by capture time -> emotion-stats
 * </pre>
 * Frames are keyed by camera and analysis keeps the key ({@code processValues}), so the statistics aggregate
 * without a repartition topic: each event is written once. Statistics are emitted on every update of a window:
 * each record is the window's complete state so far; consumers keep the latest per camera and window start.
 */
public final class EmotionTopology {
    public static final String STATS_STORE = "emotion-stats-store";
    /** Per camera: its tracks, their emotions and lifecycles ({@code CameraTracks.Snapshot}), so a restart continues them. */
    public static final String TRACKS_STORE = "camera-tracks-store";
    /** The stores' own state, read by the processor only: Smile (JsonSerde.binary), whose numbers cost no decimal text. */
    private static final JsonSerde<CameraTracks.Snapshot> TRACKS = JsonSerde.binary(CameraTracks.Snapshot.class, "internal/camera-tracks");
    private static final JsonSerde<StatsAccumulator> ACCUMULATOR = JsonSerde.binary(StatsAccumulator.class, "internal/stats-accumulator");

    /** Events or lifecycles into the stats; never serialised (the key does not change, so there is no repartition). */
    private static final Serde<Object> STATS_INPUT = Serdes.serdeFrom(
            (topic, v) -> {
                throw new IllegalStateException("stats inputs are not serialised");
            },
            (topic, bytes) -> {
                throw new IllegalStateException("stats inputs are not deserialised");
            });

    private EmotionTopology() {
    }

    public static Topology build(ProcessorConfig config, Supplier<? extends ImageAnalyzer> analyzers, ProcessorMetrics metrics, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        Duration maxAge = Duration.ofMillis(config.getLong(ProcessorConfig.MAX_FRAME_AGE_MS_CONFIG));
        int maxBytes = config.getInt(ProcessorConfig.MAX_FRAME_BYTES_CONFIG);
        int dlqMaxBytes = config.getInt(ProcessorConfig.DLQ_MAX_BYTES_CONFIG);

        Backlog backlog = new Backlog(Duration.ofMillis(config.getLong(ProcessorConfig.BACKLOG_SAMPLE_AFTER_MS_CONFIG)),
                config.getInt(ProcessorConfig.BACKLOG_MAX_STEP_CONFIG),
                Duration.ofMillis(config.getLong(ProcessorConfig.COMMIT_LIVE_UNDER_MS_CONFIG)));
        FrameLimits limits = new FrameLimits(Duration.ofMillis(config.getLong(ProcessorConfig.MAX_FUTURE_MS_CONFIG)),
                config.getLong(ProcessorConfig.MAX_FRAME_PIXELS_CONFIG));
        boolean tracking = config.tracking();
        TrackerSettings trackerSettings = tracking ? config.trackerSettings() : null;
        ClassifySettings classify = config.classifySettings();
        Duration updatePeriod = Duration.ofMillis(config.getLong(ProcessorConfig.TRACK_UPDATE_PERIOD_MS_CONFIG));
        String[] stores = {};
        if (tracking) {
            // In memory, restored from its changelog after a restart: one small document per camera, and no RocksDB
            // flush at every commit (not measured apart; see the stats store). Cached: a camera's document is written
            // every frame, its changelog once per commit (the cache is flushed with the transaction), not once a frame.
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TRACKS_STORE), Serdes.String(), TRACKS)
                    .withCachingEnabled());
            stores = new String[] {TRACKS_STORE};
        }
        KStream<String, Object> analysed = builder
                .stream(config.getString(ProcessorConfig.FRAMES_TOPIC_CONFIG), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("frames"))
                .processValues(() -> new FrameProcessor(analyzers, metrics, clock, maxAge, maxBytes, dlqMaxBytes, backlog, limits, trackerSettings,
                        classify, updatePeriod), Named.as("analyze-frames"), stores);

        Map<String, KStream<String, Object>> routes = analysed.split(Named.as("route-"))
                .branch((camera, out) -> out instanceof EmotionEventV1, Branched.as("events"))
                .branch((camera, out) -> out instanceof DeadLetterV2, Branched.as("dead-letters"))
                .branch((camera, out) -> out instanceof FaceTrackV1, Branched.as("tracks"))
                .branch((camera, out) -> out instanceof FrameSkipped, Branched.as("skips"))
                .noDefaultBranch();

        KStream<String, EmotionEventV1> events = routes.get("route-events").mapValues(v -> (EmotionEventV1) v, Named.as("as-event"));
        if (config.getBoolean(ProcessorConfig.EVENTS_PER_FRAME_CONFIG)) {
            events.to(config.getString(ProcessorConfig.EVENTS_TOPIC_CONFIG),
                    Produced.with(Serdes.String(), Topics.EMOTION_EVENTS.valueSerde()).withName("emotion-events"));
        }
        KStream<String, Object> lifecycles = routes.get("route-tracks");
        lifecycles.mapValues(v -> (FaceTrackV1) v, Named.as("as-track"))
                .to(config.getString(ProcessorConfig.TRACKS_TOPIC_CONFIG),
                        Produced.with(Serdes.String(), Topics.FACE_TRACKS.valueSerde()).withName("face-tracks"));
        routes.get("route-dead-letters").mapValues(v -> (DeadLetterV2) v, Named.as("as-dead-letter"))
                .to(config.getString(ProcessorConfig.DLQ_TOPIC_CONFIG),
                        Produced.with(Serdes.String(), Topics.FRAMES_DLQ.valueSerde()).withName("frames-dlq"));

        Duration window = Duration.ofMillis(config.getLong(ProcessorConfig.STATS_WINDOW_MS_CONFIG));
        Duration grace = Duration.ofMillis(config.getLong(ProcessorConfig.STATS_GRACE_MS_CONFIG));
        // Statistics from the per-face events, the visits' lifecycles and the skipped frames, all keyed by camera (no repartition).
        routes.get("route-events").merge(lifecycles, Named.as("stats-inputs")).merge(routes.get("route-skips"), Named.as("stats-skips"))
                .groupByKey(Grouped.with("by-camera", Serdes.String(), STATS_INPUT))
                .windowedBy(TimeWindows.ofSizeAndGrace(window, grace))
                .aggregate(StatsAccumulator::empty, (camera, event, acc) -> acc.add(event), Named.as("window-stats"),
                        // In memory (restored from its changelog after a restart): the windows are small, and a RocksDB
                        // store is flushed at every commit, which live frames ask for one by one. (Not measured
                        // apart: the bench's pipeline figures moved within their noise when it changed.)
                        Materialized.<String, StatsAccumulator>as(Stores.inMemoryWindowStore(STATS_STORE, window.plus(grace), window, false))
                                .withKeySerde(Serdes.String()).withValueSerde(ACCUMULATOR))
                .toStream(Named.as("stats-updates"))
                .map((w, acc) -> KeyValue.pair(w.key(), acc.toStats(w.key(), w.window().startTime(), w.window().endTime())),
                        Named.as("to-stats"))
                .to(config.getString(ProcessorConfig.STATS_TOPIC_CONFIG),
                        Produced.with(Serdes.String(), Topics.EMOTION_STATS.valueSerde()).withName("emotion-stats"));
        return builder.build();
    }
}
