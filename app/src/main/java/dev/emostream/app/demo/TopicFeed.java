package dev.emostream.app.demo;

import dev.emostream.schemas.FrameHeaders;
import dev.emostream.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the frames, emotion-events and emotion-stats topics from their ends and feeds the dashboard: the
 * latest frame per camera is kept in memory (never written to disk) and announced; events and statistics are
 * forwarded as server-sent events.
 */
final class TopicFeed implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);

    /** A camera's latest frame. */
    record LatestFrame(long sequence, String captureTime, byte[] jpeg) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final SseHub hub;
    private final String framesTopic;
    private final String eventsTopic;
    private final String statsTopic;
    private final Map<String, LatestFrame> latest = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread thread = new Thread(this, "dashboard-feed");

    TopicFeed(String bootstrapServers, SseHub hub, String framesTopic, String eventsTopic, String statsTopic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "emostream-dashboard-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only what the processor committed: events of transactions that completed.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.hub = hub;
        this.framesTopic = framesTopic;
        this.eventsTopic = eventsTopic;
        this.statsTopic = statsTopic;
    }

    TopicFeed start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    LatestFrame latest(String camera) {
        return latest.get(camera);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(framesTopic, eventsTopic, statsTopic));
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(framesTopic)) {
                        String seq = FrameHeaders.text(r.headers(), FrameHeaders.SEQUENCE);
                        String time = FrameHeaders.text(r.headers(), FrameHeaders.TIME);
                        if (seq == null || r.key() == null) {
                            continue;
                        }
                        latest.put(r.key(), new LatestFrame(Long.parseLong(seq), time, r.value()));
                        hub.broadcast("frame", Json.MAPPER.writeValueAsString(Map.of("cameraId", r.key(), "sequence", Long.parseLong(seq),
                                "captureTime", time == null ? "" : time)));
                    } else {
                        hub.broadcast(r.topic().equals(eventsTopic) ? "emotion" : "stats", new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            LOG.error("Dashboard feed stopped", e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
