package dev.emostream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.emostream.ingest.kafka.KafkaFrameSink;
import dev.emostream.ingest.source.Backoff;
import dev.emostream.ingest.source.CameraSpec;
import dev.emostream.ingest.source.CameraState;
import dev.emostream.ingest.source.CameraWorker;
import dev.emostream.kafka.embedded.EmbeddedKafkaBroker;
import dev.emostream.schemas.FrameV1;
import dev.emostream.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ingest against real parts: a GStreamer RTSP server on loopback, a real video file, the in-JVM broker. */
class IngestIT {
    private static EmbeddedKafkaBroker kafka;
    private static Path clip;

    @BeforeAll
    static void broker() {
        clip = dev.emostream.schemas.SharedAssets.require("media/people-720p15.mp4");
        kafka = EmbeddedKafkaBroker.builder().start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static IngestService service(String topic, CameraSpec... cameras) {
        kafka.createTopic(topic, 2, Map.of());
        KafkaFrameSink sink = new KafkaFrameSink(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), topic, 1_000_000);
        return new IngestService(List.of(cameras), sink, new SimpleMeterRegistry(), 1_000_000,
                new Backoff(Duration.ofMillis(300), Duration.ofSeconds(3)), Duration.ofSeconds(4));
    }

    @Test
    void aFileAtFiveFpsDeliversFivePerSecondOfVideoInOrder() throws Exception {
        // Given the 30 s, 15 fps clip as a file camera sampled to 5 fps, read as fast as it decodes
        String topic = "frames-file";
        CameraSpec camera = CameraSpec.parse("lobby=" + clip).with(5, 640, 80, false, false, "tcp");

        // When ingest runs to the end of the file
        double sampledOut;
        try (IngestService ingest = service(topic, camera).start()) {
            await(Duration.ofSeconds(60), ingest::finished);
            sampledOut = ingest.workers().get(0).metrics().sampledOutCount();
        }

        // Then 5 +- 0.5 frames per second of video (150 +- 15) arrive, in order, sequence 0..n-1, valid 640-px JPEGs
        List<FrameV1> frames = consume(topic, 135, Duration.ofSeconds(20));
        assertThat(frames.size()).isBetween(135, 165);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).sequence()).isEqualTo(i);
            assertThat(frames.get(i).cameraId()).isEqualTo("lobby");
            // the frame id names the ingest run, so a restarted ingest (sequence from 0 again) gives new ids
            assertThat(frames.get(i).id()).matches("lobby-[0-9a-z]+-" + i);
        }
        var image = ImageIO.read(new ByteArrayInputStream(frames.get(0).jpeg()));
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(frames.get(0).width()).isEqualTo(640);
        assertThat(frames.get(0).height()).isEqualTo(360);
        // And every other source frame of the 450 was sampled out (decoded, never converted), each counted
        assertThat(sampledOut + frames.size()).isEqualTo(450.0);
    }

    @Test
    void rtspFramesArriveInOrderAndIngestResumesAfterTheServerRestarts() throws Exception {
        // Given a real RTSP server on loopback and one camera on it
        String topic = "frames-rtsp";
        int port = RtspServer.freePort();
        RtspServer server = new RtspServer(port, clip).start();
        try (IngestService ingest = service(topic, CameraSpec.parse("door=" + server.url()).with(5, 640, 80, false, true, "tcp")).start()) {
            CameraWorker door = ingest.workers().get(0);

            // When it streams for a while
            await(Duration.ofSeconds(20), () -> door.metrics().sentCount() >= 10);

            // And the server dies mid-stream and comes back 2 s later
            server.kill();
            await(Duration.ofSeconds(15), () -> door.metrics().state() != CameraState.STREAMING);
            double sentBefore = door.metrics().sentCount();
            Thread.sleep(2000);
            server = new RtspServer(port, clip).start();
            long restarted = System.nanoTime();

            // Then frames flow again within 10 s, and there is still exactly one thread for the camera
            await(Duration.ofSeconds(10), () -> door.metrics().sentCount() >= sentBefore + 5);
            assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(10));
            assertThat(door.metrics().reconnectCount()).isGreaterThanOrEqualTo(1);
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("camera-door")).count()).isEqualTo(1);
        } finally {
            server.close();
        }

        // And on the broker the frames are in order with increasing sequence numbers and valid JPEGs
        List<FrameV1> frames = consume(topic, 15, Duration.ofSeconds(20));
        assertThat(frames.size()).isGreaterThanOrEqualTo(15);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).sequence()).isGreaterThan(frames.get(i - 1).sequence());
            assertThat(frames.get(i).captureTime()).isAfterOrEqualTo(frames.get(i - 1).captureTime().minusMillis(500));
        }
        assertThat(ImageIO.read(new ByteArrayInputStream(frames.get(frames.size() - 1).jpeg()))).isNotNull();
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("camera-door")).count()).isZero();
    }

    @Test
    void aCameraPointingNowhereDoesNotSlowTheOthers() throws Exception {
        // Given a working RTSP camera at 5 fps and a second one pointing at a port where nothing listens
        int deadPort = RtspServer.freePort();
        try (RtspServer server = new RtspServer(RtspServer.freePort(), clip).start();
             IngestService ingest = service("frames-two",
                     CameraSpec.parse("good=" + server.url()).with(5, 640, 80, false, true, "tcp"),
                     CameraSpec.parse("dead=rtsp://127.0.0.1:" + deadPort + "/stream").with(5, 640, 80, false, true, "tcp")).start()) {
            CameraWorker good = ingest.workers().get(0);
            CameraWorker dead = ingest.workers().get(1);
            await(Duration.ofSeconds(20), () -> good.metrics().sentCount() >= 5);

            // When we count the good camera's frames over 6 s
            double start = good.metrics().sentCount();
            Thread.sleep(6000);
            double rate = (good.metrics().sentCount() - start) / 6.0;

            // Then it keeps its 5 fps (+-1), while the dead one keeps trying
            assertThat(rate).isBetween(4.0, 6.0);
            assertThat(dead.metrics().sentCount()).isZero();
            assertThat(dead.metrics().reconnectCount()).isGreaterThanOrEqualTo(1);
            assertThat(ingest.health().healthy()).isFalse();
            assertThat(ingest.health().details().toString()).contains("dead").contains("good");
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    private static List<FrameV1> consume(String topic, int atLeast, Duration timeout) {
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, FrameV1>> records = new ArrayList<>();
        try (KafkaConsumer<String, FrameV1> c = new KafkaConsumer<>(p, Topics.FRAMES.keySerde().deserializer(),
                Topics.FRAMES.valueSerde().deserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long quiet = System.nanoTime();
            while (System.nanoTime() < deadline) {
                var batch = c.poll(Duration.ofMillis(200));
                batch.forEach(records::add);
                if (!batch.isEmpty()) {
                    quiet = System.nanoTime();
                } else if (records.size() >= atLeast && System.nanoTime() - quiet > 2_000_000_000L) {
                    break;
                }
            }
        }
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
