package dev.emostream.console.feed;

import dev.emostream.console.history.StatsHistory;
import dev.emostream.console.history.VisitLog;
import dev.emostream.console.http.SseHub;
import dev.emostream.schemas.EmotionStatsV1;
import dev.emostream.schemas.FaceTrackV1;
import dev.emostream.schemas.FrameHeaders;
import dev.emostream.schemas.Json;
import dev.emostream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one reader of Kafka ({@code read_committed}: only what the processor committed). Statistics and
 * visits are read from {@code history} ago (so a restarted console has its history back) into {@link StatsHistory}
 * and {@link VisitLog}; events and frames from their ends. Everything new is announced to the dashboards as
 * server-sent events; the latest frame per camera is kept in memory (never written to disk), if frames are read.
 * Values from Kafka are untrusted: a record that does not parse is counted and skipped.
 */
public final class ConsoleFeed implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeed.class);

    /** A camera's latest frame. */
    public record LatestFrame(long sequence, String captureTime, byte[] jpeg) {
    }

    /** The topics the console reads; {@code frames} null to leave the live view out. */
    public record Sources(String frames, String events, String tracks, String stats) {
        public static Sources defaults() {
            return new Sources(Topics.FRAMES.name(), Topics.EMOTION_EVENTS.name(), Topics.FACE_TRACKS.name(), Topics.EMOTION_STATS.name());
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final SseHub hub;
    private final Sources sources;
    private final StatsHistory stats;
    private final VisitLog visits;
    private final Clock clock;
    private final Duration recheck;
    private final Map<String, LatestFrame> latest = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final AtomicLong unreadable = new AtomicLong();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;
    private final Thread thread = new Thread(this, "console-feed");

    /**
     * @param recheck how often to look for topics or partitions that were not there yet (a console started before the
     *                topics, or partitions added)
     */
    public ConsoleFeed(Map<String, Object> kafka, String groupId, SseHub hub, Sources sources, StatsHistory stats, VisitLog visits, Clock clock,
                       Duration recheck) {
        this.recheck = recheck;
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.hub = hub;
        this.sources = sources;
        this.stats = stats;
        this.visits = visits;
        this.clock = clock;
    }

    public ConsoleFeed start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Waits until the history has been read up to the present (or {@code timeout}); true when it has. */
    public boolean awaitHistory(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public LatestFrame latest(String camera) {
        return latest.get(camera);
    }

    /** Every camera seen (in frames, events, visits or statistics) and when it was last heard of. */
    public Map<String, Instant> cameras() {
        return new HashMap<>(lastSeen);
    }

    /** Records that could not be read (bad JSON, a contract violation): skipped, counted. */
    public long unreadable() {
        return unreadable.get();
    }

    @Override
    public void run() {
        try {
            Map<TopicPartition, Long> historyEnds = new HashMap<>(assignNew());
            long nextCheck = System.nanoTime() + recheck.toNanos();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    handle(r);
                }
                if (caughtUp.getCount() > 0 && historyEnds.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.info("Console history read: {} statistics windows, {} visits", stats.size(), visits.size());
                    caughtUp.countDown();
                }
                if (System.nanoTime() > nextCheck) {
                    historyEnds.putAll(assignNew());
                    nextCheck = System.nanoTime() + recheck.toNanos();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            LOG.error("Console feed stopped", e);
        } finally {
            consumer.close();
        }
    }

    /**
     * Adds the source topics' partitions not assigned yet: statistics and visits from the retention ago, the rest
     * from their end; returns the new history partitions' end offsets. The partitions already read keep their places.
     */
    private Map<TopicPartition, Long> assignNew() {
        Set<TopicPartition> current = consumer.assignment();
        List<TopicPartition> history = new ArrayList<>();
        List<TopicPartition> live = new ArrayList<>();
        for (String topic : new String[] {sources.stats(), sources.tracks(), sources.events(), sources.frames()}) {
            if (topic == null) {
                continue;
            }
            List<PartitionInfo> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            for (PartitionInfo pi : parts == null ? List.<PartitionInfo>of() : parts) {
                TopicPartition tp = new TopicPartition(topic, pi.partition());
                if (!current.contains(tp)) {
                    (topic.equals(sources.stats()) || topic.equals(sources.tracks()) ? history : live).add(tp);
                }
            }
        }
        if (history.isEmpty() && live.isEmpty()) {
            return Map.of();
        }
        Set<TopicPartition> all = new HashSet<>(current);
        all.addAll(history);
        all.addAll(live);
        consumer.assign(all);
        if (!current.isEmpty()) {
            LOG.info("Console feed: reading new partitions {}", concat(history, live));
        }
        consumer.seekToEnd(live);
        live.forEach(consumer::position);  // resolve the end positions now, not at the first poll
        if (history.isEmpty()) {
            return Map.of();
        }
        long from = clock.instant().minus(stats.retention()).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        history.forEach(tp -> query.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
        Map<TopicPartition, Long> ends = consumer.endOffsets(history, Duration.ofSeconds(30));
        for (TopicPartition tp : history) {
            OffsetAndTimestamp o = offsets.get(tp);
            consumer.seek(tp, o == null ? ends.get(tp) : o.offset());
        }
        return ends;
    }

    private static List<TopicPartition> concat(List<TopicPartition> a, List<TopicPartition> b) {
        List<TopicPartition> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null || r.key() == null) {
            return;
        }
        Instant now = clock.instant();
        try {
            if (r.topic().equals(sources.frames())) {
                String seq = FrameHeaders.text(r.headers(), FrameHeaders.SEQUENCE);
                String time = FrameHeaders.text(r.headers(), FrameHeaders.TIME);
                if (seq == null) {
                    unreadable.incrementAndGet();
                    return;
                }
                latest.put(r.key(), new LatestFrame(Long.parseLong(seq), time, r.value()));
                hub.broadcast("frame", Json.MAPPER.writeValueAsString(Map.of("cameraId", r.key(), "sequence", Long.parseLong(seq),
                        "captureTime", time == null ? "" : time)));
            } else if (r.topic().equals(sources.stats())) {
                EmotionStatsV1 s = Topics.EMOTION_STATS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                stats.add(s, now);
                if (caughtUp.getCount() == 0) {
                    hub.broadcast("stats", new String(r.value(), StandardCharsets.UTF_8));
                }
            } else if (r.topic().equals(sources.tracks())) {
                FaceTrackV1 t = Topics.FACE_TRACKS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                visits.add(t, now);
                if (caughtUp.getCount() == 0) {
                    hub.broadcast("track", new String(r.value(), StandardCharsets.UTF_8));
                }
            } else {
                // Events are passed on as the processor wrote them (validated JSON): the page reads them as text
                Topics.EMOTION_EVENTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                hub.broadcast("emotion", new String(r.value(), StandardCharsets.UTF_8));
            }
            lastSeen.merge(r.key(), Instant.ofEpochMilli(r.timestamp()), (a, b) -> a.isAfter(b) ? a : b);
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            unreadable.incrementAndGet();
            LOG.debug("Skipped an unreadable record on {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
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
