package dev.emostream.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.inference.TestAssets;
import dev.emostream.inference.VideoFrames;
import dev.emostream.kafka.embedded.EmbeddedKafkaBroker;
import dev.emostream.processor.EmotionProcessorApp;
import dev.emostream.processor.ProcessorConfig;
import dev.emostream.schemas.DeadLetterV2;
import dev.emostream.schemas.FrameHeaders;
import dev.emostream.schemas.FrameV1;
import dev.emostream.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fault injection against real parts: one in-JVM Kafka broker shared by the class, processors in JVMs of their
 * own (SIGKILLed as a dying node would be), the shipped model on frames of the people clip. Each scenario has its
 * own topics. Run alone: {@code mvn -B verify -pl app -Dit.test=FaultInjectionIT} (tagged {@code faults}).
 *
 * <p>The reference is a clean run: the same 180 frames (two cameras, one per partition) through an undisturbed
 * processor; the faults must give exactly its events (by camera, frame and face), each once.
 */
@Tag("faults")
class FaultInjectionIT {
    private static final int FRAMES_PER_CAMERA = 90;
    private static final String[] CAMERAS = {"cam-a", "cam-b"};
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(10);
    private static EmbeddedKafkaBroker kafka;
    private static List<byte[]> jpegs;
    private static Set<String> clean;
    private static Path work;

    @BeforeAll
    static void cleanRun() throws Exception {
        kafka = EmbeddedKafkaBroker.builder().start();
        work = Files.createTempDirectory("faults");
        jpegs = VideoFrames.jpegs(TestAssets.media("people-720p15.mp4"), 3, FRAMES_PER_CAMERA);
        createTopics("clean", Map.of());
        produceAll("clean", 0);
        Map<String, Object> settings = new HashMap<>(settings("clean"));
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(ProcessorConfig.MODEL_DIR_CONFIG, TestAssets.fastModel().toString());
        settings.put(ProcessorConfig.ASSETS_CONFIG, TestAssets.assetsRoot().toString());
        settings.put(ProcessorConfig.HTTP_PORT_CONFIG, -1);
        settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        try (CommittedEvents events = new CommittedEvents(kafka.clientProperties(), "clean-events");
             EmotionProcessorApp app = EmotionProcessorApp.start(settings)) {
            events.await(e -> app.metrics().framesCount() == CAMERAS.length * FRAMES_PER_CAMERA
                    && e.arrivals().size() == (int) app.metrics().facesCount(), Duration.ofSeconds(180), "the clean run");
            clean = keys(events.arrivals());
        }
        assertThat(clean).hasSizeGreaterThan(CAMERAS.length * FRAMES_PER_CAMERA);  // 1 to 5 faces a frame
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aProcessorKilledMidStreamAndRestartedGivesTheCleanRunsEventsOnceAndResumesWithinTenSeconds() throws Exception {
        // Given the frames on the topic and a processor with a stable instance id and state directory
        createTopics("restart", Map.of());
        produceAll("restart", 0);
        Map<String, String> settings = new LinkedHashMap<>(settings("restart"));
        settings.put(ProcessorConfig.INSTANCE_ID_CONFIG, "processor-0");
        try (CommittedEvents events = new CommittedEvents(kafka.clientProperties(), "restart-events")) {
            ProcessorProcess first = ProcessorProcess.start(kafka.bootstrapServers(), work.resolve("restart-1.log"), settings);
            first.awaitRunning(Duration.ofSeconds(120));

            // When it is SIGKILLed once 40% of the frames have committed events, and started again
            int total = CAMERAS.length * FRAMES_PER_CAMERA;
            events.await(e -> e.frames().size() >= total * 4 / 10, Duration.ofSeconds(120), "40% of the frames");
            first.kill();
            int framesAtKill = events.frames().size();
            try (ProcessorProcess second = ProcessorProcess.start(kafka.bootstrapServers(), work.resolve("restart-2.log"), settings)) {
                events.await(e -> keys(e.arrivals()).equals(clean), Duration.ofSeconds(120), "every event of the clean run");
                Thread.sleep(1_000);  // anything late (a duplicate) would arrive now

                // Then it was killed mid-stream; the events equal the clean run's, each once; the first event after the
                // restart came within ten seconds of starting the new process (JVM, model and all)
                List<CommittedEvents.Arrival> all = events.arrivals();
                assertThat(framesAtKill).isLessThan(total);
                assertThat(keys(all)).isEqualTo(clean);
                assertThat(all).hasSize(clean.size());
                assertThat(all.stream().map(a -> a.event().eventId()).distinct().count()).isEqualTo(clean.size());
                Duration resumed = Duration.ofNanos(all.stream().mapToLong(CommittedEvents.Arrival::nanos)
                        .filter(n -> n > second.startedNanos).min().orElseThrow() - second.startedNanos);
                System.out.printf("restart: killed at %d of %d frames; first event %d ms after the new process started%n",
                        framesAtKill, total, resumed.toMillis());
                assertThat(resumed).isLessThanOrEqualTo(TAKEOVER_LIMIT);
            }
        }
    }

    @Test
    void whenOneOfTwoProcessorsIsKilledTheOtherTakesOverWithinTenSecondsAndNothingIsLostOrDoubled() throws Exception {
        // Given two processors in one group, each with one of the two partitions
        createTopics("failover", Map.of());
        Map<String, String> settings = settings("failover");
        try (CommittedEvents events = new CommittedEvents(kafka.clientProperties(), "failover-events");
             ProcessorProcess one = ProcessorProcess.start(kafka.bootstrapServers(), work.resolve("failover-1.log"), settings);
             ProcessorProcess two = ProcessorProcess.start(kafka.bootstrapServers(), work.resolve("failover-2.log"), settings)) {
            one.awaitRunning(Duration.ofSeconds(120));
            two.awaitRunning(Duration.ofSeconds(120));

            // When the cameras stream live (10 frames/s each) and one processor is SIGKILLed a third of the way in
            Thread producer = new Thread(() -> {
                try {
                    produceAll("failover", 100);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "live-cameras");
            producer.start();
            events.await(e -> e.frames().size() >= CAMERAS.length * FRAMES_PER_CAMERA / 3, Duration.ofSeconds(120), "a third of the frames");
            long killed = System.nanoTime();
            one.kill();
            producer.join(60_000);
            events.await(e -> keys(e.arrivals()).equals(clean), Duration.ofSeconds(120), "every event of the clean run");
            Thread.sleep(1_000);

            // Then every camera had an event within ten seconds of the kill, and the events equal the clean run's, each once
            List<CommittedEvents.Arrival> all = events.arrivals();
            Map<String, Long> gapMs = new TreeMap<>();
            for (String camera : CAMERAS) {
                long next = all.stream().filter(a -> a.event().cameraId().equals(camera) && a.nanos() > killed)
                        .mapToLong(CommittedEvents.Arrival::nanos).min().orElseThrow();
                gapMs.put(camera, TimeUnit.NANOSECONDS.toMillis(next - killed));
            }
            System.out.println("failover: first event per camera after the kill (ms): " + gapMs);
            assertThat(gapMs.values()).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(TAKEOVER_LIMIT.toMillis()));
            assertThat(keys(all)).isEqualTo(clean);
            assertThat(all).hasSize(clean.size());
        }
    }

    @Test
    void poisonAndAThousandFuzzedRecordsAreEachAccountedForAndTheGoodFramesAmongThemProcessed() throws Exception {
        // Given a frames topic that accepts 8 MiB (a deployment that raised it, leaving the dead-letter topic as it was)
        // and a processor
        createTopics("poison", Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(8 << 20)));
        try (ProcessorProcess processor = ProcessorProcess.start(kafka.bootstrapServers(), work.resolve("poison.log"), settings("poison"))) {
            processor.awaitRunning(Duration.ofSeconds(120));

            // When 50 good frames go in among poison (capture times in 2100 and 2999, a 20000x20000 JPEG of 620 bytes,
            // 6 MB of garbage) and 1,000 fuzzed records
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            Instant now = Instant.now();
            for (int seq = 0; seq < 50; seq++) {
                records.add(frame("good", seq, now, jpegs.get(seq)));
            }
            records.add(frame("poison", 0, Instant.parse("2100-01-01T00:00:00Z"), jpegs.get(0)));
            records.add(frame("poison", 1, Instant.parse("2999-01-01T00:00:00Z"), jpegs.get(0)));
            records.add(frame("poison", 2, now, Fuzz.bomb(20000, 20000)));
            byte[] garbage = new byte[6_000_000];
            new Random(1).nextBytes(garbage);
            records.add(frame("poison", 3, now, garbage));
            Fuzz fuzz = new Fuzz(new Random(2026), jpegs);
            for (int i = 0; i < 1000; i++) {
                records.add(fuzz.record("fuzz", i, now));
            }
            java.util.Collections.shuffle(records.subList(0, records.size()), new Random(7));
            send("poison-frames", records);

            // Then every record is accounted for: analysed, or dead-lettered (each dead letter counted by its reason)
            int sent = records.size();
            long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
            while (processor.metric("emostream_processor_frames_total") + processor.metric("emostream_processor_dropped_total") < sent) {
                assertThat(System.nanoTime()).as("all %d records handled", sent).isLessThan(deadline);
                assertThat(processor.process.isAlive()).isTrue();
                Thread.sleep(250);
            }
            double analysed = processor.metric("emostream_processor_frames_total");
            double dropped = processor.metric("emostream_processor_dropped_total");
            List<ConsumerRecord<byte[], byte[]>> letters = readAll("poison-dlq", (int) dropped, Duration.ofSeconds(60));
            Map<String, Long> reasons = letters.stream().collect(Collectors.groupingBy(r -> FrameHeaders.text(r.headers(), DeadLetterV2.REASON),
                    TreeMap::new, Collectors.counting()));
            System.out.printf("poison: %d records: %.0f analysed, %.0f dead-lettered %s; peak RSS %.0f MiB%n", sent, analysed, dropped, reasons,
                    processor.peakRssMib());
            assertThat(analysed + dropped).isEqualTo(sent);
            assertThat(letters).hasSize((int) dropped);
            // each poison record with its reason; the 6 MB one cut to the dead-letter limit and saying so
            Map<String, DeadLetterV2> poison = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : letters) {
                if ("poison".equals(FrameHeaders.text(r.headers(), FrameHeaders.SOURCE))) {
                    poison.put(FrameHeaders.text(r.headers(), FrameHeaders.SEQUENCE), DeadLetterV2.read(r.topic(), r.headers(), r.value()));
                }
            }
            assertThat(poison).hasSize(4);
            assertThat(poison.get("0").reason()).isEqualTo("bad-headers");
            assertThat(poison.get("1").reason()).isEqualTo("bad-headers");
            assertThat(poison.get("2").reason()).isEqualTo("image-too-large");
            assertThat(poison.get("3").reason()).isEqualTo("oversized-frame");
            assertThat(poison.get("3").truncatedFrom()).isEqualTo(6_000_000);
            assertThat(poison.get("3").payload()).hasSize(ProcessorConfig.DLQ_MAX_BYTES_DEFAULT);
            // the good frames all gave events; no stream thread died; memory stayed bounded
            try (CommittedEvents events = new CommittedEvents(kafka.clientProperties(), "poison-events")) {
                events.await(e -> e.arrivals().stream().filter(a -> a.event().cameraId().equals("good"))
                        .map(a -> a.event().frameSequence()).distinct().count() == 50, Duration.ofSeconds(60), "events of all 50 good frames");
            }
            assertThat(processor.get("/health")).contains("\"UP\"").contains("\"threadsReplacedRecently\":0");
            assertThat(processor.logText()).doesNotContain("Stream thread failed");
            assertThat(processor.peakRssMib()).isLessThan(1_500);
        }
    }

    @Test
    void aBrokerStoppedForFifteenSecondsLosesNoFrameOfALiveCameraAndTheProcessorResumesByItself() throws Exception {
        // Given a broker of its own (kept data, fixed ports, so it can come back as itself), a processor, and ingest
        // of the people clip paced as a live camera (15 frames/s source, 5 frames/s sent: 150 frames over 30 s)
        Path data = work.resolve("outage-kafka");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(data).start();
        int brokerPort = broker.brokerPort();
        int controllerPort = broker.controllerPort();
        broker.createEmoStreamTopics(1);
        String bootstrap = broker.bootstrapServers();
        Map<String, Object> settings = new HashMap<>(settings("outage"));
        settings.put(ProcessorConfig.FRAMES_TOPIC_CONFIG, Topics.FRAMES.name());
        settings.put(ProcessorConfig.EVENTS_TOPIC_CONFIG, Topics.EMOTION_EVENTS.name());
        settings.put(ProcessorConfig.STATS_TOPIC_CONFIG, Topics.EMOTION_STATS.name());
        settings.put(ProcessorConfig.TRACKS_TOPIC_CONFIG, Topics.FACE_TRACKS.name());
        settings.put(ProcessorConfig.DLQ_TOPIC_CONFIG, Topics.FRAMES_DLQ.name());
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProcessorConfig.MODEL_DIR_CONFIG, TestAssets.fastModel().toString());
        settings.put(ProcessorConfig.ASSETS_CONFIG, TestAssets.assetsRoot().toString());
        settings.put(ProcessorConfig.HTTP_PORT_CONFIG, -1);
        settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        dev.emostream.ingest.source.CameraSpec camera = dev.emostream.ingest.source.CameraSpec
                .parse("shop=" + TestAssets.media("people-720p15.mp4")).with(5, 640, 80, false, true, "tcp");
        Properties reader = new Properties();
        reader.put("bootstrap.servers", bootstrap);
        try (EmotionProcessorApp processor = EmotionProcessorApp.start(settings);
             CommittedEvents events = new CommittedEvents(reader, Topics.EMOTION_EVENTS.name())) {
            dev.emostream.ingest.IngestService ingest = new dev.emostream.ingest.IngestService(List.of(camera),
                    new dev.emostream.ingest.kafka.KafkaFrameSink(Map.of("bootstrap.servers", bootstrap), Topics.FRAMES.name(), 1_000_000),
                    registry, 1_000_000, dev.emostream.ingest.source.Backoff.standard(), Duration.ofSeconds(10)).start();
            try {
                // When the broker stops once frames flow, and comes back 15 s later
                events.await(e -> e.arrivals().size() > 10, Duration.ofSeconds(60), "events before the outage");
                broker.close();
                long stopped = System.nanoTime();
                Thread.sleep(15_000);
                double capturedBeforeRestart = registry.get("emostream.ingest.frames.decoded").counter().count();
                broker = EmbeddedKafkaBroker.builder().dataDir(data).ports(brokerPort, controllerPort).start();
                long restarted = System.nanoTime();
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!ingest.finished() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(ingest.finished()).as("the clip ended").isTrue();
                ingest.close();

                // Then every captured frame is on the topic once, sequences and capture times without a gap (the
                // camera kept capturing through the outage), and the processor produced events after it by itself
                List<ConsumerRecord<byte[], byte[]>> frames = readAll(Topics.FRAMES.name(), 150, Duration.ofSeconds(30), bootstrap);
                List<Long> sequences = frames.stream().map(r -> Long.parseLong(FrameHeaders.text(r.headers(), FrameHeaders.SEQUENCE))).toList();
                List<Instant> captured = frames.stream().map(r -> Instant.parse(FrameHeaders.text(r.headers(), FrameHeaders.TIME))).toList();
                long maxGapMs = 0;
                for (int i = 1; i < captured.size(); i++) {
                    maxGapMs = Math.max(maxGapMs, Duration.between(captured.get(i - 1), captured.get(i)).toMillis());
                }
                double dropped = registry.find("emostream.ingest.frames.dropped").counters().stream().mapToDouble(c -> c.count()).sum();
                System.out.printf("outage: %d frames on the topic (sequences %d..%d), %.0f captured by the time it was back, largest capture gap %d ms, "
                        + "%.0f dropped; broker back after %d ms%n", frames.size(), sequences.get(0), sequences.get(sequences.size() - 1),
                        capturedBeforeRestart, maxGapMs, dropped, TimeUnit.NANOSECONDS.toMillis(restarted - stopped));
                assertThat(sequences).isEqualTo(java.util.stream.LongStream.range(0, frames.size()).boxed().toList());
                assertThat(frames).hasSizeGreaterThanOrEqualTo(145);  // 30 s at 5 frames/s, give or take the clip's last frames
                assertThat(maxGapMs).isLessThanOrEqualTo(400);
                assertThat(dropped).isZero();
                long firstAfterOutage = (long) capturedBeforeRestart;
                events.await(e -> e.arrivals().stream().anyMatch(a -> a.event().frameSequence() > firstAfterOutage),
                        Duration.ofSeconds(90), "events of frames captured after the outage");
            } finally {
                ingest.close();
            }
        } finally {
            broker.close();
        }
    }

    // --- helpers ---

    private static Map<String, String> settings(String scenario) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(StreamsConfig.APPLICATION_ID_CONFIG, scenario + "-processor");
        s.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve(scenario + "-state").toString());
        s.put(ProcessorConfig.FRAMES_TOPIC_CONFIG, scenario + "-frames");
        s.put(ProcessorConfig.EVENTS_TOPIC_CONFIG, scenario + "-events");
        s.put(ProcessorConfig.STATS_TOPIC_CONFIG, scenario + "-stats");
        s.put(ProcessorConfig.TRACKS_TOPIC_CONFIG, scenario + "-tracks");
        s.put(ProcessorConfig.DLQ_TOPIC_CONFIG, scenario + "-dlq");
        // Every face of every frame: the comparison with the clean run is by camera, frame and face
        s.put(ProcessorConfig.TRACKING_CONFIG, "false");
        // Frames produced before the processor starts are neither stale nor sampled
        s.put(ProcessorConfig.MAX_FRAME_AGE_MS_CONFIG, "0");
        s.put(ProcessorConfig.BACKLOG_SAMPLE_AFTER_MS_CONFIG, "0");
        return s;
    }

    private static void createTopics(String scenario, Map<String, String> framesOverrides) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (Topics.Topic<?, ?> t : List.of(Topics.FRAMES, Topics.EMOTION_EVENTS, Topics.EMOTION_STATS, Topics.FACE_TRACKS, Topics.FRAMES_DLQ)) {
            String name = scenario + "-" + switch (t.name()) {
                case "emotion-events" -> "events";
                case "emotion-stats" -> "stats";
                case "face-tracks" -> "tracks";
                case "frames-dlq" -> "dlq";
                default -> "frames";
            };
            NewTopic topic = t.withName(name).newTopic(CAMERAS.length, (short) 1);
            if (t == Topics.FRAMES && !framesOverrides.isEmpty()) {
                Map<String, String> configs = new HashMap<>(topic.configs());
                configs.putAll(framesOverrides);
                topic.configs(configs);
            }
            topics.add(topic);
        }
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Topics.createAll(admin, topics, Duration.ofSeconds(30));
        }
    }

    /** Both cameras' frames, camera i on partition i; {@code pacingMs} between a camera's frames (0: all at once). */
    private static void produceAll(String scenario, long pacingMs) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int seq = 0; seq < FRAMES_PER_CAMERA; seq++) {
            for (int c = 0; c < CAMERAS.length; c++) {
                ProducerRecord<String, byte[]> r = frame(CAMERAS[c], seq, Instant.now(), jpegs.get(seq));
                records.add(new ProducerRecord<>(scenario + "-frames", c, r.key(), r.value(), r.headers()));
            }
            if (pacingMs > 0) {
                send(scenario + "-frames", records);
                records.clear();
                Thread.sleep(pacingMs);
            }
        }
        send(scenario + "-frames", records);
    }

    static ProducerRecord<String, byte[]> frame(String camera, long seq, Instant captured, byte[] jpeg) {
        Headers h = new RecordHeaders();
        Topics.FRAMES.valueSerde().serializer().serialize("frames", h,
                new FrameV1(camera, FrameV1.idFor(camera, "faults", seq), seq, captured, 1280, 720, jpeg.length == 0 ? new byte[1] : jpeg));
        // The record timestamp never in the future: the broker refuses those (the capture time header carries the poison)
        return new ProducerRecord<>("frames", null, Math.min(captured.toEpochMilli(), System.currentTimeMillis()), camera, jpeg, h);
    }

    private static void send(String topic, List<ProducerRecord<String, byte[]>> records) throws Exception {
        Properties p = kafka.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, r.partition(), r.timestamp(), r.key(), r.value(), r.headers())).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration timeout) {
        return readAll(topic, expected, timeout, kafka.bootstrapServers());
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration timeout, String bootstrap) {
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);  // and anything beyond what was expected
        }
        return out;
    }

    private static Set<String> keys(List<CommittedEvents.Arrival> arrivals) {
        return arrivals.stream().map(CommittedEvents.Arrival::key).collect(Collectors.toSet());
    }
}
