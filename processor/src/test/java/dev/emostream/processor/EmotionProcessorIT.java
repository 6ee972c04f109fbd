package dev.emostream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.inference.TestAssets;
import dev.emostream.inference.VideoFrames;
import dev.emostream.kafka.embedded.EmbeddedKafkaBroker;
import dev.emostream.schemas.EmotionEventV1;
import dev.emostream.schemas.EmotionStatsV1;
import dev.emostream.schemas.FaceTrackV1;
import dev.emostream.schemas.FrameV1;
import dev.emostream.schemas.Json;
import dev.emostream.schemas.JsonSchemas;
import dev.emostream.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The processor on a real in-JVM broker: a real clip's frames in, emotion events and statistics out. */
class EmotionProcessorIT {

    @Test
    void framesOfARealClipBecomeValidEventsAndStatistics() throws Exception {
        // Given a broker with the topics, and 30 frames of the people clip (every 5th frame, 1 to 5 faces each)
        List<byte[]> jpegs = VideoFrames.jpegs(TestAssets.media("people-720p15.mp4"), 5, 30);
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start()) {
            kafka.createEmoStreamTopics(2);
            Map<String, Object> settings = Map.of(
                    StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    StreamsConfig.APPLICATION_ID_CONFIG, "processor-it-" + UUID.randomUUID(),
                    StreamsConfig.STATE_DIR_CONFIG, java.nio.file.Files.createTempDirectory("streams").toString(),
                    StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1,
                    ProcessorConfig.MODEL_DIR_CONFIG, TestAssets.fastModel().toString(),
                    ProcessorConfig.MAX_FRAME_AGE_MS_CONFIG, 120_000L,
                    ProcessorConfig.BACKLOG_SAMPLE_AFTER_MS_CONFIG, 0L,
                    ProcessorConfig.HTTP_PORT_CONFIG, 0);

            // When the processor runs and the frames are produced as ingest would
            try (EmotionProcessorApp app = EmotionProcessorApp.start(settings)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                Properties p = kafka.clientProperties();
                p.put(ProducerConfig.ACKS_CONFIG, "all");
                p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
                try (KafkaProducer<String, FrameV1> producer = new KafkaProducer<>(p, Topics.FRAMES.keySerde().serializer(),
                        Topics.FRAMES.valueSerde().serializer())) {
                    for (int seq = 0; seq < jpegs.size(); seq++) {
                        Instant captured = Instant.now();
                        producer.send(new ProducerRecord<>("frames", null, captured.toEpochMilli(), "door-cam",
                                new FrameV1("door-cam", FrameV1.idFor("door-cam", seq), seq, captured, 1280, 720, jpegs.get(seq))));
                    }
                }

                // Then events arrive for most frames, each valid against its JSON Schema, keyed by camera
                List<ConsumerRecord<String, byte[]>> events = consume(kafka, "emotion-events", r -> {
                    try {
                        return Json.MAPPER.readTree(r.value()).get("frameSequence").asLong() == jpegs.size() - 1;
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
                Set<Long> framesWithEvents = new HashSet<>();
                for (ConsumerRecord<String, byte[]> r : events) {
                    assertThat(r.key()).isEqualTo("door-cam");
                    assertThat(JsonSchemas.errors(JsonSchemas.Contract.EMOTION_EVENT, Json.MAPPER.readTree(r.value()))).isEmpty();
                    EmotionEventV1 e = Topics.EMOTION_EVENTS.valueSerde().deserializer().deserialize("emotion-events", r.value());
                    framesWithEvents.add(e.frameSequence());
                    assertThat(e.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isBetween(0.999, 1.001);
                    // the default detector (YuNet, from ../shared) gives each face its five landmarks
                    assertThat(e.landmarks()).isNotNull();
                }
                assertThat(framesWithEvents.size()).isGreaterThanOrEqualTo((int) (0.8 * jpegs.size()));

                // And statistics for the camera, valid against their schema, count those faces
                List<ConsumerRecord<String, byte[]>> stats = consume(kafka, "emotion-stats", r -> false);
                assertThat(stats).isNotEmpty();
                long faces = 0;
                Map<Instant, Long> latestPerWindow = new java.util.HashMap<>();
                for (ConsumerRecord<String, byte[]> r : stats) {
                    assertThat(JsonSchemas.errors(JsonSchemas.Contract.EMOTION_STATS, Json.MAPPER.readTree(r.value()))).isEmpty();
                    EmotionStatsV1 s = Topics.EMOTION_STATS.valueSerde().deserializer().deserialize("emotion-stats", r.value());
                    latestPerWindow.merge(s.windowStart(), s.faces(), Math::max);
                }
                faces = latestPerWindow.values().stream().mapToLong(Long::longValue).sum();
                assertThat(faces).isEqualTo(events.size());

                // And the broker stores them lz4-compressed (the processor sends them uncompressed; the topics say lz4)
                assertThat(storedCompression(kafka, "emotion-events")).containsExactly(CompressionType.LZ4);
                assertThat(storedCompression(kafka, "emotion-stats")).containsExactly(CompressionType.LZ4);

                // And /health says UP, /metrics counts the frames
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"UP\"");
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("emostream_processor_frames_total").contains("emostream_processor_stage_seconds")
                        .contains("emostream_processor_model_info");
            }
        }
    }

    /**
     * The compression of every data batch (transaction markers aside) in the broker's log segments of {@code topic}'s
     * partitions, as the broker wrote them to disk (read with the client library's internal record classes: no public
     * API tells a batch's compression).
     */
    private static Set<CompressionType> storedCompression(EmbeddedKafkaBroker kafka, String topic) throws java.io.IOException {
        Set<CompressionType> types = new HashSet<>();
        try (var partitions = java.nio.file.Files.newDirectoryStream(kafka.dataDir().resolve("log"), topic + "-*")) {
            for (java.nio.file.Path partition : partitions) {
                try (var segments = java.nio.file.Files.newDirectoryStream(partition, "*.log")) {
                    for (java.nio.file.Path segment : segments) {
                        try (var records = FileRecords.open(segment.toFile())) {
                            for (var batch : records.batches()) {
                                if (!batch.isControlBatch()) {
                                    types.add(batch.compressionType());
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(types).as("data batches of %s on disk", topic).isNotEmpty();
        return types;
    }

    /** Reads a topic (read_committed) until {@code done} matches a record or no record comes for 5 s after some came. */
    private static List<ConsumerRecord<String, byte[]>> consume(EmbeddedKafkaBroker kafka, String topic,
                                                                java.util.function.Predicate<ConsumerRecord<String, byte[]>> done) {
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                var records = c.poll(Duration.ofMillis(300));
                boolean finished = false;
                for (var r : records) {
                    out.add(r);
                    finished |= done.test(r);
                }
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                if (finished || (!out.isEmpty() && System.nanoTime() - quietSince > Duration.ofSeconds(5).toNanos())) {
                    break;
                }
            }
        }
        return out;
    }

    @Test
    void aProcessorRestartedMidClipContinuesTheSameTrackIds() throws Exception {
        // Given the first photo of the people clip (3 faces) as 60 consecutive frames at 15 fps, with capture times
        // 66 ms apart, and a broker with the topics
        List<byte[]> jpegs = VideoFrames.jpegs(TestAssets.media("people-720p15.mp4"), 1, 60);
        Instant base = Instant.now();
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start()) {
            kafka.createEmoStreamTopics(1);
            Map<String, Object> settings = Map.of(
                    StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    StreamsConfig.APPLICATION_ID_CONFIG, "restart-it-" + UUID.randomUUID(),
                    StreamsConfig.STATE_DIR_CONFIG, java.nio.file.Files.createTempDirectory("streams").toString(),
                    StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1,
                    ProcessorConfig.MODEL_DIR_CONFIG, TestAssets.fastModel().toString(),
                    ProcessorConfig.MAX_FRAME_AGE_MS_CONFIG, 0L,
                    ProcessorConfig.BACKLOG_SAMPLE_AFTER_MS_CONFIG, 0L,
                    ProcessorConfig.HTTP_PORT_CONFIG, -1);
            Properties p = kafka.clientProperties();
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
            try (KafkaProducer<String, FrameV1> producer = new KafkaProducer<>(p, Topics.FRAMES.keySerde().serializer(),
                    Topics.FRAMES.valueSerde().serializer());
                 KafkaConsumer<String, byte[]> events = committedReader(kafka, Topics.EMOTION_EVENTS.name());
                 KafkaConsumer<String, byte[]> tracks = committedReader(kafka, Topics.FACE_TRACKS.name())) {
                // When a processor handles the first 30 frames and is closed (committing its tracker state) ...
                List<EmotionEventV1> before = new ArrayList<>();
                try (EmotionProcessorApp app = EmotionProcessorApp.start(settings)) {
                    assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                    send(producer, jpegs, 0, 30, base);
                    readUntil(events, before, e -> e.frameSequence() == 29, Duration.ofSeconds(60));
                }
                // ... and a new one handles the other 30
                List<EmotionEventV1> after = new ArrayList<>();
                try (EmotionProcessorApp app = EmotionProcessorApp.start(settings)) {
                    assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                    send(producer, jpegs, 30, 60, base);
                    readUntil(events, after, e -> e.frameSequence() == 59, Duration.ofSeconds(60));
                }

                // Then the people of the last frames before the restart are there after it, under the same ids; a face
                // first seen after the restart (the clip's background patch, also tracked from frame 35 by 'analyze')
                // gets the next id, not a renumbered one
                Set<Long> idsBefore = trackIds(before, 20, 29);
                Set<Long> idsAfter = trackIds(after, 30, 59);
                assertThat(idsBefore).hasSizeBetween(3, 4);
                assertThat(idsAfter).containsAll(idsBefore);
                long maxBefore = idsBefore.stream().mapToLong(Long::longValue).max().orElseThrow();
                assertThat(idsAfter.stream().filter(id -> !idsBefore.contains(id))).allSatisfy(id -> assertThat(id).isGreaterThan(maxBefore));
                Set<Long> allIds = new HashSet<>(idsBefore);
                allIds.addAll(idsAfter);
                // And each visit started exactly once: none was started again after the restart
                List<FaceTrackV1> lifecycle = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (System.nanoTime() < deadline && lifecycle.stream().filter(t -> t.type().equals("started")).count() < allIds.size()) {
                    for (ConsumerRecord<String, byte[]> r : tracks.poll(Duration.ofMillis(200))) {
                        lifecycle.add(Topics.FACE_TRACKS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
                    }
                }
                for (ConsumerRecord<String, byte[]> r : tracks.poll(Duration.ofMillis(500))) {
                    lifecycle.add(Topics.FACE_TRACKS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
                }
                assertThat(lifecycle.stream().filter(t -> t.type().equals("started")).map(FaceTrackV1::trackId).toList())
                        .containsExactlyInAnyOrderElementsOf(allIds);
            }
        }
    }

    private static void send(KafkaProducer<String, FrameV1> producer, List<byte[]> jpegs, int from, int to, Instant base) {
        for (int i = from; i < to; i++) {
            Instant captured = base.plusMillis(66L * i);
            producer.send(new ProducerRecord<>(Topics.FRAMES.name(), null, captured.toEpochMilli(), "door-cam",
                    new FrameV1("door-cam", FrameV1.idFor("door-cam", i), i, captured, 1280, 720, jpegs.get(i))));
        }
        producer.flush();
    }

    private static KafkaConsumer<String, byte[]> committedReader(EmbeddedKafkaBroker kafka, String topic) {
        Properties c = kafka.clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static void readUntil(KafkaConsumer<String, byte[]> consumer, List<EmotionEventV1> into,
                                  java.util.function.Predicate<EmotionEventV1> last, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                EmotionEventV1 e = Topics.EMOTION_EVENTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                into.add(e);
                if (last.test(e)) {
                    return;
                }
            }
        }
        throw new AssertionError("no event matching the last frame within " + timeout + "; got " + into.size() + " events");
    }

    private static Set<Long> trackIds(List<EmotionEventV1> events, long fromFrame, long toFrame) {
        Set<Long> ids = new HashSet<>();
        for (EmotionEventV1 e : events) {
            if (e.frameSequence() >= fromFrame && e.frameSequence() <= toFrame) {
                assertThat(e.trackId()).isNotNull();
                ids.add(e.trackId());
            }
        }
        return ids;
    }
}
