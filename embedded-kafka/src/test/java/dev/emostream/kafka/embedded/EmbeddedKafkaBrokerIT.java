package dev.emostream.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.schemas.BoundingBox;
import dev.emostream.schemas.EmotionEventV1;
import dev.emostream.schemas.FrameV1;
import dev.emostream.schemas.JsonSchemas;
import dev.emostream.schemas.Latency;
import dev.emostream.schemas.ModelInfo;
import dev.emostream.schemas.Topics;
import dev.emostream.schemas.Topics.Topic;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Frames and emotion events through a real in-JVM KRaft broker, with the real serdes. */
class EmbeddedKafkaBrokerIT {
    private static EmbeddedKafkaBroker kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafkaBroker.builder().start();
        kafka.createEmoStreamTopics(3);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void brokerListensOnLoopbackWithTheRequestedTopics() throws Exception {
        // Given the started broker
        // Then it is on 127.0.0.1 and the frames topic has its partitions and config
        assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicDescription frames = admin.describeTopics(List.of("frames")).allTopicNames().get().get("frames");
            assertThat(frames.partitions()).hasSize(3);
            // and every topic carries the settings the registry gives it (size limits, retention)
            for (var topic : Topics.ALL) {
                var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
                        topic.name());
                var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                topic.configs().forEach((key, value) -> assertThat(config.get(key).value()).as(topic.name() + " " + key).isEqualTo(value));
            }
            assertThat(Topics.FRAMES_DLQ.configs().get("max.message.bytes")).isEqualTo(Integer.toString((4 << 20) + (64 << 10)));
            // and creating them all again creates nothing and fails nothing
            assertThat(Topics.createAll(admin, Topics.newTopics(3, (short) 1), java.time.Duration.ofSeconds(30))).isEmpty();
        }
    }

    @Test
    void framesAndEventsRoundTripThroughTheBrokerWithTheRealSerdes() throws Exception {
        // Given three JPEG frames of one camera and one event per frame
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] jpeg = jpeg(64, 48);
        List<FrameV1> frames = new ArrayList<>();
        List<EmotionEventV1> events = new ArrayList<>();
        for (int seq = 0; seq < 3; seq++) {
            frames.add(new FrameV1("cam-7", FrameV1.idFor("cam-7", seq), seq, t0.plusMillis(200L * seq), 64, 48, jpeg));
            events.add(event("cam-7", seq, t0.plusMillis(200L * seq)));
        }

        // When they are produced to the broker and consumed back
        produce(Topics.FRAMES, frames.stream().map(f -> Map.entry(f.cameraId(), f)).toList());
        produce(Topics.EMOTION_EVENTS, events.stream().map(e -> Map.entry(e.cameraId(), e)).toList());
        List<ConsumerRecord<String, FrameV1>> framesRead = consume(Topics.FRAMES, 3);
        List<ConsumerRecord<String, EmotionEventV1>> eventsRead = consume(Topics.EMOTION_EVENTS, 3);

        // Then every frame and event arrives equal, in order (one key, one partition), keyed by camera
        assertThat(framesRead).extracting(ConsumerRecord::value).containsExactlyElementsOf(frames);
        assertThat(framesRead).extracting(ConsumerRecord::key).containsOnly("cam-7");
        assertThat(ImageIO.read(new ByteArrayInputStream(framesRead.get(0).value().jpeg())).getWidth()).isEqualTo(64);
        assertThat(eventsRead).extracting(ConsumerRecord::value).containsExactlyElementsOf(events);
        assertThat(eventsRead).allSatisfy(r -> assertThat(
                JsonSchemas.errors(JsonSchemas.Contract.EMOTION_EVENT, (Object) r.value())).isEmpty());
    }

    @Test
    void aGivenDataDirectoryIsKeptAfterClose(@org.junit.jupiter.api.io.TempDir Path dir) {
        // Given a broker started on a directory of ours
        try (EmbeddedKafkaBroker own = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).start()) {
            own.createTopic("t", 1, Map.of());
        }
        // Then its formatted storage is still there after close
        assertThat(Files.exists(dir.resolve("kafka/log/meta.properties"))).isTrue();
    }

    private static <V> void produce(Topic<String, V> topic, List<Map.Entry<String, V>> records) throws Exception {
        Properties p = kafka.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, V> producer =
                     new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (Map.Entry<String, V> r : records) {
                producer.send(new ProducerRecord<>(topic.name(), r.getKey(), r.getValue())).get();
            }
        }
    }

    private static <V> List<ConsumerRecord<String, V>> consume(Topic<String, V> topic, int count) {
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer =
                     new KafkaConsumer<>(p, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static EmotionEventV1 event(String camera, long seq, Instant captured) {
        Map<String, Double> p = new LinkedHashMap<>();
        for (String label : List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")) {
            p.put(label, label.equals("happy") ? 0.94 : 0.01);
        }
        BoundingBox box = new BoundingBox(10, 8, 20, 24);
        return new EmotionEventV1(UUID.randomUUID().toString(), camera, seq, captured, captured.plusMillis(40), 0,
                box, box.normalize(64, 48), 0.9, "happy", p, new ModelInfo("fast", "1"), new Latency(12.0, 40.0));
    }

    private static byte[] jpeg(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        image.getGraphics().fillOval(8, 8, 32, 32);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
