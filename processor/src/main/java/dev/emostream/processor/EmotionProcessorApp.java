package dev.emostream.processor;

import dev.emostream.inference.analyze.AnalyzerPool;
import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.classify.Devices;
import dev.emostream.inference.InferenceThreads;
import dev.emostream.inference.detect.DetectorSettings;
import dev.emostream.ops.OpsHttpServer;
import dev.emostream.processor.metrics.ProcessorMetrics;
import dev.emostream.processor.topology.DeadLetterDeserializationHandler;
import dev.emostream.processor.topology.DeadLetterProcessingHandler;
import dev.emostream.processor.topology.DeadLetterProductionHandler;
import dev.emostream.processor.topology.EmotionTopology;
import dev.emostream.schemas.ModelCard;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor service: the {@link EmotionTopology} in Kafka Streams, exactly-once by default, with Prometheus
 * metrics and a health endpoint. Run it with {@code bin/emostream process --bootstrap-servers HOST:PORT}.
 *
 * <pre>{@code
 * try (EmotionProcessorApp app = EmotionProcessorApp.start(props)) { ... }
 * }</pre>
 */
public final class EmotionProcessorApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmotionProcessorApp.class);

    private final KafkaStreams streams;
    private final AnalyzerPool analyzers;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics streamsMetrics;
    private final OpsHttpServer http;
    private final ProcessorMetrics metrics;
    private final ThreadReplacements replacements;
    private final Progress progress = new Progress(Instant.now());

    private EmotionProcessorApp(KafkaStreams streams, AnalyzerPool analyzers, PrometheusMeterRegistry registry,
                                KafkaStreamsMetrics streamsMetrics, OpsHttpServer http, ProcessorMetrics metrics,
                                ThreadReplacements replacements) {
        this.replacements = replacements;
        this.streams = streams;
        this.analyzers = analyzers;
        this.registry = registry;
        this.streamsMetrics = streamsMetrics;
        this.http = http;
        this.metrics = metrics;
    }

    /**
     * Validates the settings and the model, then starts the streams; {@code settings} holds Kafka Streams settings
     * (at least {@code bootstrap.servers}) and {@code emostream.*} settings ({@link ProcessorConfig}).
     */
    public static EmotionProcessorApp start(Map<String, Object> settings) throws IOException {
        ProcessorConfig config = new ProcessorConfig(settings);
        Map<String, Object> streamsProps = new LinkedHashMap<>(ProcessorConfig.streamsDefaults());
        streamsProps.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        streamsProps.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        streamsProps.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        streamsProps.putAll(config.streamsOverrides());
        streamsProps.putAll(settings);

        // Fail fast, on the caller's thread, on a bad model or detector, and log what runs.
        int streamThreads = Integer.parseInt(String.valueOf(streamsProps.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)));
        InferenceThreads threads = config.inferenceThreads(streamThreads);
        threads.applyToOpenCv();
        DetectorSettings detector = config.analyzerDetectorSettings();
        ModelCard card;
        String detectorName;
        DetectorSettings resolved;
        try (FrameAnalyzer probe = FrameAnalyzer.open(detector, config.modelDir(), threads, 0.1)) {
            card = probe.classifier().card();
            detectorName = probe.detector().name();
            // 'auto' is resolved once, here: every stream thread gets the same detector, with no fetch or fall-back of its own
            resolved = detector.withKind(probe.detector().kind());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new dev.emostream.ops.KafkaMetricNames());
        ProcessorMetrics metrics = new ProcessorMetrics(registry);
        metrics.model(card.name(), card.version(), detectorName, Devices.inferenceDevice());
        double margin = config.getDouble(ProcessorConfig.FACE_MARGIN_CONFIG);
        AnalyzerPool analyzers = new AnalyzerPool(() -> FrameAnalyzer.open(resolved, config.modelDir(), threads, margin));

        Topology topology = EmotionTopology.build(config, analyzers, metrics, Clock.systemUTC());
        Properties props = new Properties();
        props.putAll(streamsProps);
        KafkaStreams streams = new KafkaStreams(topology, props);
        ThreadReplacements replacements = new ThreadReplacements();
        streams.setUncaughtExceptionHandler(e -> {
            replacements.add(Instant.now());
            LOG.error("Stream thread failed; replacing it ({} replacements in the last {} s)", replacements.recent(Instant.now()),
                    ThreadReplacements.WINDOW.toSeconds(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> LOG.info("Processor state {} -> {}", before, now));
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);

        int port = config.getInt(ProcessorConfig.HTTP_PORT_CONFIG);
        OpsHttpServer http = null;
        EmotionProcessorApp[] self = new EmotionProcessorApp[1];
        if (port >= 0) {
            http = OpsHttpServer.start(port, registry, () -> self[0].health());
            LOG.info("Metrics on http://localhost:{}/metrics, health on /health", http.port());
        }
        EmotionProcessorApp app = new EmotionProcessorApp(streams, analyzers, registry, streamsMetrics, http, metrics, replacements);
        self[0] = app;
        io.micrometer.core.instrument.Gauge.builder("emostream.processor.input.lag", app, EmotionProcessorApp::lag)
                .description("Frames waiting on this processor's input partitions (its consumers' records-lag, summed)").register(registry);
        LOG.info("Starting processor: {} -> {} / {} / {}; {} stream thread(s), {}", config.getString(ProcessorConfig.FRAMES_TOPIC_CONFIG),
                config.getString(ProcessorConfig.EVENTS_TOPIC_CONFIG), config.getString(ProcessorConfig.STATS_TOPIC_CONFIG),
                config.getString(ProcessorConfig.DLQ_TOPIC_CONFIG), streamsProps.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG),
                streamsProps.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        streams.start();
        return app;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public ProcessorMetrics metrics() {
        return metrics;
    }

    /** This processor's metrics in the Prometheus text format (what its /metrics serves). */
    public String scrape() {
        return registry.scrape();
    }

    /** The HTTP port of /metrics and /health, or -1 when disabled. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /**
     * Healthy while running or rebalancing, unless stream threads keep failing ({@link ThreadReplacements#LIMIT} or
     * more replaced in the last {@link ThreadReplacements#WINDOW}: a record that kills its thread each time) or the
     * processor is stuck (records wait but none was handled for {@link Progress#STUCK_AFTER}).
     */
    public OpsHttpServer.Health health() {
        Instant now = Instant.now();
        KafkaStreams.State s = streams.state();
        int replaced = replacements.recent(now);
        progress.observe(now, metrics.handledTotal());
        long lag = lag();
        boolean stuck = progress.stuck(now, lag);
        boolean ok = (s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING || s == KafkaStreams.State.CREATED)
                && replaced < ThreadReplacements.LIMIT && !stuck;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", s.name());
        details.put("framesProcessed", (long) metrics.framesCount());
        details.put("analyzerThreads", analyzers.size());
        details.put("threadsReplacedRecently", replaced);
        details.put("lag", lag);
        details.put("lastProgress", progress.last().toString());
        if (stuck) {
            details.put("stuck", lag + " records wait and none was handled since " + progress.last());
        }
        return new OpsHttpServer.Health(ok, details);
    }

    /** Records waiting on this instance's input partitions (the main consumers' records-lag, summed). */
    private long lag() {
        double sum = 0;
        for (var e : streams.metrics().entrySet()) {
            if ("records-lag".equals(e.getKey().name()) && "consumer-fetch-manager-metrics".equals(e.getKey().group())
                    && !e.getKey().tags().getOrDefault("client-id", "").contains("restore")) {
                Object v = e.getValue().metricValue();
                if (v instanceof Number n && !Double.isNaN(n.doubleValue())) {
                    sum += n.doubleValue();
                }
            }
        }
        return (long) sum;
    }

    /** Waits until the streams are RUNNING or the timeout passes; true when running. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        if (streams.close(Duration.ofSeconds(30))) {
            analyzers.close();
        } else {
            // A stream thread may still be inside a native call: freeing its session now could crash the JVM.
            LOG.warn("Kafka Streams did not stop within 30 s; the analyzers' native memory is left to the process exit");
        }
        if (http != null) {
            http.close();
        }
        streamsMetrics.close();
        registry.close();
    }
}
