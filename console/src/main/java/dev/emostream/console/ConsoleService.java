package dev.emostream.console;

import dev.emostream.console.feed.ConsoleFeed;
import dev.emostream.console.history.StatsHistory;
import dev.emostream.console.history.VisitLog;
import dev.emostream.console.http.ConsoleServer;
import dev.emostream.console.http.SseHub;
import dev.emostream.console.http.Uploads;
import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.ops.ApiTokens;
import dev.emostream.schemas.FeedbackV1;
import dev.emostream.schemas.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console as one closeable service: the Kafka feed (history + live), the HTTP server (dashboard,
 * API, /metrics, /health), the feedback producer and, when a model is given, the analyzer for
 * {@code /v1/predict}. {@code emostream console} runs it alone against any Kafka; {@code emostream demo} runs it
 * beside the embedded broker, ingest and the processor.
 *
 * <pre>{@code
 * try (ConsoleService console = ConsoleService.start(new ConsoleConfig(settings), kafka, tokens, analyzer, null, Map::of)) {
 *     System.out.println("http://localhost:" + console.port() + "/?token=...");
 * }
 * }</pre>
 */
public final class ConsoleService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleService.class);

    private final Deque<AutoCloseable> parts;
    private final ConsoleServer server;
    private final ConsoleFeed feed;
    private final SseHub hub;

    private ConsoleService(Deque<AutoCloseable> parts, ConsoleServer server, ConsoleFeed feed, SseHub hub) {
        this.parts = parts;
        this.server = server;
        this.feed = feed;
        this.hub = hub;
    }

    /**
     * Starts the console.
     *
     * @param kafka        Kafka client settings (at least {@code bootstrap.servers})
     * @param analyzer     for {@code /v1/predict} (closed with the console), or null to answer 503 there
     * @param keepCrops    where {@code /v1/predict} writes face crops, or null (none written)
     * @param moreMetrics  Prometheus text of other parts in the same process, appended to {@code /metrics} ("" for none)
     * @param moreHealth   health details of other parts in the same process
     */
    public static ConsoleService start(ConsoleConfig config, Map<String, Object> kafka, ApiTokens tokens, FrameAnalyzer analyzer,
                                       Path keepCrops, Supplier<String> moreMetrics, Supplier<Map<String, Object>> moreHealth)
            throws IOException {
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        try {
            if (analyzer != null) {
                parts.push(analyzer);
            }
            SseHub hub = new SseHub();
            StatsHistory stats = new StatsHistory(config.history());
            VisitLog visits = new VisitLog(config.history());
            ConsoleFeed.Sources sources = new ConsoleFeed.Sources(
                    config.getBoolean(ConsoleConfig.LIVE_FRAMES_CONFIG) ? config.getString(ConsoleConfig.FRAMES_TOPIC_CONFIG) : null,
                    config.getString(ConsoleConfig.EVENTS_TOPIC_CONFIG), config.getString(ConsoleConfig.TRACKS_TOPIC_CONFIG),
                    config.getString(ConsoleConfig.STATS_TOPIC_CONFIG));
            ConsoleFeed feed = new ConsoleFeed(kafka, config.getString(ConsoleConfig.GROUP_ID_CONFIG), hub, sources, stats, visits,
                    Clock.systemUTC(), Duration.ofMillis(config.getLong(ConsoleConfig.TOPIC_RECHECK_MS_CONFIG))).start();
            parts.push(feed);
            Properties fp = new Properties();
            fp.putAll(kafka);
            fp.put(ProducerConfig.ACKS_CONFIG, "all");
            fp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            KafkaProducer<String, FeedbackV1> feedback = new KafkaProducer<>(fp, Topics.EMOTION_FEEDBACK.keySerde().serializer(),
                    Topics.EMOTION_FEEDBACK.valueSerde().serializer());
            parts.push(feedback);

            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Gauge.builder("emostream.console.dashboards", hub, SseHub::clients).description("Dashboards connected (event streams)").register(registry);
            Gauge.builder("emostream.console.history.windows", stats, StatsHistory::size).description("Statistics windows kept").register(registry);
            Gauge.builder("emostream.console.history.visits", visits, VisitLog::size).description("Visits kept").register(registry);
            FunctionCounter.builder("emostream.console.records.unreadable", feed, ConsoleFeed::unreadable)
                    .description("Records from Kafka that could not be read (skipped)").register(registry);
            Supplier<String> metrics = () -> registry.scrape() + moreMetrics.get();
            Supplier<Map<String, Object>> health = () -> {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("console", Map.of("dashboards", hub.clients(), "historyWindows", stats.size(), "visits", visits.size(),
                        "unreadableRecords", feed.unreadable()));
                h.putAll(moreHealth.get());
                return h;
            };
            Uploads uploads = new Uploads(config.getInt(ConsoleConfig.MAX_UPLOAD_BYTES_CONFIG), config.getInt(ConsoleConfig.MAX_IMAGE_SIDE_CONFIG),
                    config.getBoolean(ConsoleConfig.URL_FETCH_CONFIG));
            ConsoleServer server = new ConsoleServer(config.getString(ConsoleConfig.BIND_CONFIG), config.getInt(ConsoleConfig.PORT_CONFIG), tokens,
                    new ConsoleServer.Parts(hub, feed, stats, visits, analyzer, uploads, feedback, config.getString(ConsoleConfig.FEEDBACK_TOPIC_CONFIG),
                            keepCrops, metrics, health), Clock.systemUTC()).start();
            parts.push(server);
            LOG.info("Console on {}:{} ({} h of history; live frames {})", config.getString(ConsoleConfig.BIND_CONFIG), server.port(),
                    config.history().toHours(), sources.frames() != null);
            return new ConsoleService(parts, server, feed, hub);
        } catch (IOException | RuntimeException e) {
            closeAll(parts);
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** Dashboards connected now. */
    public int dashboards() {
        return hub.clients();
    }

    /** Waits until the history has been read back from Kafka; true when it has within {@code timeout}. */
    public boolean awaitHistory(Duration timeout) throws InterruptedException {
        return feed.awaitHistory(timeout);
    }

    @Override
    public void close() {
        closeAll(parts);
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                LOG.warn("While closing the console: {}", e.toString());
            }
        }
    }
}
