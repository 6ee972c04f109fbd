package dev.emostream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.kafka.embedded.EmbeddedKafkaBroker;
import dev.emostream.inference.TestAssets;
import dev.emostream.inference.VideoFrames;
import dev.emostream.schemas.EmotionEventV1;
import dev.emostream.inference.TestAssets;
import dev.emostream.inference.VideoFrames;
import dev.emostream.schemas.EmotionStatsV1;
import dev.emostream.inference.TestAssets;
import dev.emostream.inference.VideoFrames;
import dev.emostream.schemas.FrameV1;
import dev.emostream.inference.TestAssets;
import dev.emostream.inference.VideoFrames;
import dev.emostream.schemas.Json;
import dev.emostream.inference.TestAssets;
import dev.emostream.inference.VideoFrames;
import dev.emostream.schemas.JsonSchemas;
import dev.emostream.inference.TestAssets;
import dev.emostream.inference.VideoFrames;
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
        Map<String, String> bigMessages = Map.of("max.message.bytes", Integer.toString(8 << 20));
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start()) {
            for (var t : Topics.ALL) {
                kafka.createTopic(t.name(), 2, bigMessages);
            }
            Map<String, Object> settings = Map.of(
                    StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    StreamsConfig.APPLICATION_ID_CONFIG, "processor-it-" + UUID.randomUUID(),
                    StreamsConfig.STATE_DIR_CONFIG, java.nio.file.Files.createTempDirectory("streams").toString(),
                    StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1,
                    ProcessorConfig.MODEL_DIR_CONFIG, TestAssets.fastModel().toString(),
                    ProcessorConfig.MAX_FRAME_AGE_MS_CONFIG, 120_000L,
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
}
