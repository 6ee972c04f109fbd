package dev.emostream.app.bench;

import dev.emostream.kafka.embedded.EmbeddedKafkaBroker;
import dev.emostream.processor.EmotionProcessorApp;
import dev.emostream.processor.ProcessorConfig;
import dev.emostream.processor.metrics.ProcessorMetrics;
import dev.emostream.schemas.FrameV1;
import dev.emostream.schemas.Json;
import dev.emostream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The real pipeline on an in-JVM broker: frames produced as ingest does -> the Kafka Streams processor
 * (exactly-once, one stream thread, like the bare loop's one thread) -> events. Throughput in frames/s, and the
 * capture-to-event latency a consumer of {@code emotion-events} sees, at a nominal rate and under overload.
 */
final class KafkaPipelineBenchmarks implements AutoCloseable {
    private static final String CAMERA = "bench-cam";
    static final int PARTITIONS = 2;
    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<String, FrameV1> producer;
    private final Path model;
    private final Map<String, Object> detector;
    /** Each camera numbers its own frames, as ingest does (the tracker reads a gap in a camera's numbers as lost frames). */
    private final java.util.Map<String, Long> sequences = new java.util.HashMap<>();
    /**
     * The throughput runs' warm-up limits. The in-JVM broker, the clients and Kafka Streams are a lot of code: profiled
     * on 2026-12-02, the JIT compilers kept working 50-100% of the wall time for about 40 passes of 150 frames (50 s),
     * and the two-thread pipeline measured after 5 such passes ran at 100 frames/s against 156 once they settled.
     */
    static final int WARM_UP_MAX_PASSES = 100;
    static final Duration WARM_UP_BUDGET = Duration.ofSeconds(120);
    private final Map<Integer, Repeat.WarmUp> warmUps = new java.util.TreeMap<>();
    /** Frames sent so far, all cameras. */
    private long framesSent;

    /** @param detector the processor's detector settings ({@code emostream.detector.*}, {@code emostream.assets}) */
    KafkaPipelineBenchmarks(Path model, Map<String, Object> detector) {
        this.model = model;
        this.detector = detector;
        this.broker = EmbeddedKafkaBroker.builder().start();
        // Two partitions, so that the processor's default of one stream thread per core has work for each thread.
        broker.createEmoStreamTopics(PARTITIONS);
        Properties p = broker.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
        this.producer = new KafkaProducer<>(p, Topics.FRAMES.keySerde().serializer(), Topics.FRAMES.valueSerde().serializer());
    }

    /** A processor; {@code maxAgeMs} 0 means throughput mode: no frame is dropped or sampled out for its age. */
    private EmotionProcessorApp processor(long maxAgeMs, int threads) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        s.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + UUID.randomUUID());
        s.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-streams").toString());
        s.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        s.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
        s.put(ProcessorConfig.MODEL_DIR_CONFIG, model.toString());
        s.put(ProcessorConfig.HTTP_PORT_CONFIG, -1);
        s.put(ProcessorConfig.MAX_FRAME_AGE_MS_CONFIG, maxAgeMs);
        if (maxAgeMs == 0) {
            s.put(ProcessorConfig.BACKLOG_SAMPLE_AFTER_MS_CONFIG, 0L); // every frame is analysed: the measure is frames/s
        }
        s.putAll(detector);
        EmotionProcessorApp app = EmotionProcessorApp.start(s);
        if (!app.awaitRunning(Duration.ofSeconds(60))) {
            app.close();
            throw new IllegalStateException("the processor did not reach RUNNING");
        }
        Thread.sleep(2000); // let the first rebalance settle before timing
        return app;
    }

    private void send(byte[] jpeg) {
        send(CAMERA, jpeg);
    }

    private void send(String camera, byte[] jpeg) {
        long seq = sequences.merge(camera, 1L, Long::sum) - 1;
        framesSent++;
        Instant now = Instant.now();
        producer.send(new ProducerRecord<>(Topics.FRAMES.name(), null, now.toEpochMilli(), camera,
                new FrameV1(camera, FrameV1.idFor(camera, seq), seq, now, 1280, 720, jpeg)));
    }

    /** How each {@link #throughput} run's warm-up went, by stream threads. */
    Map<Integer, Repeat.WarmUp> warmUps() {
        return java.util.Collections.unmodifiableMap(warmUps);
    }

    /** Sends every frame, dealt to {@code cameras} in turn, without waiting. */
    private void sendAll(List<byte[]> jpegs, List<String> cameras) {
        for (int i = 0; i < jpegs.size(); i++) {
            send(cameras.get(i % cameras.size()), jpegs.get(i));
        }
        producer.flush();
    }

    /**
     * One pass of a processor kept busy: sends every frame again and waits until the processor has analysed as many
     * frames as a pass holds. Called with a pass already queued ahead of it, it leaves one queued behind it, so the
     * processor never waits for frames: the time is the processor's, as it is for a camera that streams without
     * pause. (Sending a pass and waiting for it to drain timed the pipeline emptying and refilling at every pass.)
     */
    private int busyPass(List<byte[]> jpegs, List<String> cameras, ProcessorMetrics m) throws InterruptedException {
        double before = m.framesCount();
        sendAll(jpegs, cameras);
        await(m::framesCount, before + jpegs.size(), Duration.ofMinutes(5));
        return jpegs.size();
    }

    /**
     * Frames/s and faces/s of the processor with {@code threads} stream threads, fed as fast as the producer can and
     * never short of frames (one pass queued ahead throughout); frames alternate between cameras on different
     * partitions, so each partition (stream thread) carries work.
     */
    List<Measurement> throughput(List<byte[]> jpegs, int repetitions, int threads) throws Exception {
        List<String> spread = cameras(PARTITIONS);
        try (EmotionProcessorApp app = processor(0, threads)) {
            var m = app.metrics();
            double start = m.framesCount();
            long sentBefore = framesSent;
            sendAll(jpegs, spread); // the pass queued ahead
            // Warm-up: unmeasured passes over every frame, on every partition, until the JIT has compiled the broker's,
            // the producer's and Kafka Streams' paths (Repeat.warmUp).
            warmUps.put(threads, Repeat.warmUp(WARM_UP_MAX_PASSES, WARM_UP_BUDGET, 0.05, () -> busyPass(jpegs, spread, m)));
            double[] fps = new double[repetitions];
            double[] facesPerSecond = new double[repetitions];
            double[] analysisMs = new double[repetitions];
            double[] callsPerFrame = new double[repetitions];
            for (int r = 0; r < repetitions; r++) {
                double calls0 = m.classificationsCount();
                double frames0 = m.framesCount();
                double faces0 = m.facesCount();
                double analysis0 = m.analysisSeconds();
                long t0 = System.nanoTime();
                busyPass(jpegs, spread, m);
                double seconds = (System.nanoTime() - t0) / 1e9;
                fps[r] = jpegs.size() / seconds;
                facesPerSecond[r] = (m.facesCount() - faces0) / seconds;
                analysisMs[r] = (m.analysisSeconds() - analysis0) * 1000 / jpegs.size();
                callsPerFrame[r] = (m.classificationsCount() - calls0) / jpegs.size();
            }
            // Drain the pass queued ahead, so the processor closes with nothing in flight.
            await(m::framesCount, start + (framesSent - sentBefore), Duration.ofMinutes(5));
            String what = threads + " stream thread" + (threads == 1 ? "" : "s");
            return List.of(Measurement.of("Kafka pipeline (produce -> in-JVM broker -> Kafka Streams, exactly-once, " + what + ") frames",
                            "frames/s", fps),
                    Measurement.of("Kafka pipeline faces (" + what + ")", "faces/s", facesPerSecond),
                    Measurement.of("Kafka pipeline: analysis (decode + detect + classify) inside the processor (" + what + ")", "ms/frame",
                            analysisMs),
                    Measurement.of("Kafka pipeline: classifier calls per frame (" + what + ")", "calls", callsPerFrame));
        }
    }

    /**
     * Capture-to-event latency seen by an {@code emotion-events} consumer (read_committed): {@code cameras}
     * cameras each send frames at {@code fps} for {@code seconds} per repetition, to a processor with
     * {@code threads} stream threads; plus frames dropped as stale (max age {@code maxAgeMs}).
     */
    List<Measurement> latency(String label, List<byte[]> jpegs, int cameras, double fps, int threads, int seconds, int repetitions,
                              long maxAgeMs) throws Exception {
        double[] p50 = new double[repetitions];
        double[] p95 = new double[repetitions];
        double[] p99 = new double[repetitions];
        double[] dropped = new double[repetitions];
        double[] eventRate = new double[repetitions];
        List<String> ids = cameras(cameras);
        try (EmotionProcessorApp app = processor(maxAgeMs, threads); KafkaConsumer<String, byte[]> events = eventConsumer()) {
            for (int r = 0; r < repetitions; r++) {
                double stale0 = app.metrics().droppedCount("stale");
                List<Double> latencies = new ArrayList<>();
                long interval = (long) (1e9 / (fps * cameras));
                long start = System.nanoTime();
                long next = start;
                int i = 0;
                while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
                    if (System.nanoTime() >= next) {
                        send(ids.get(i % cameras), jpegs.get(i % jpegs.size()));
                        i++;
                        next += interval;
                    }
                    collect(events, latencies, 5);
                }
                long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < drainUntil) {
                    collect(events, latencies, 100);
                }
                double[] l = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                p50[r] = percentile(l, 0.50);
                p95[r] = percentile(l, 0.95);
                p99[r] = percentile(l, 0.99);
                dropped[r] = app.metrics().droppedCount("stale") - stale0;
                eventRate[r] = l.length / (double) seconds;
            }
        }
        String at = String.format("%s (%d camera%s x %.1f frames/s offered, %d stream thread%s%s)", label, cameras, cameras == 1 ? "" : "s",
                fps, threads, threads == 1 ? "" : "s", maxAgeMs > 0 ? ", max age " + maxAgeMs + " ms" : "");
        return List.of(Measurement.of("latency p50, " + at, "ms", p50), Measurement.of("latency p95, " + at, "ms", p95),
                Measurement.of("latency p99, " + at, "ms", p99), Measurement.of("stale frames dropped per run, " + at, "frames", dropped),
                Measurement.of("events delivered, " + at, "events/s", eventRate));
    }

    /**
     * {@code n} camera ids whose records land on partitions round-robin (by the producer's murmur2 of the key), so
     * that every stream thread has a camera: two arbitrary ids share a partition half the time.
     */
    static List<String> cameras(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; ids.size() < n; i++) {
            String id = CAMERA + "-" + i;
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (partition == ids.size() % PARTITIONS) {
                ids.add(id);
            }
        }
        return ids;
    }

    private KafkaConsumer<String, byte[]> eventConsumer() {
        Properties p = broker.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(Topics.EMOTION_EVENTS.name()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (c.assignment().isEmpty() && System.nanoTime() < deadline) {
            c.poll(Duration.ofMillis(100));
        }
        c.seekToEnd(c.assignment());
        c.assignment().forEach(c::position);
        return c;
    }

    private static void collect(KafkaConsumer<String, byte[]> c, List<Double> latencies, long pollMs) throws Exception {
        for (var rec : c.poll(Duration.ofMillis(pollMs))) {
            Instant captured = Instant.parse(Json.MAPPER.readTree(rec.value()).get("captureTime").asText());
            latencies.add(Duration.between(captured, Instant.now()).toNanos() / 1e6);
        }
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void await(DoubleSupplier value, double target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (value.getAsDouble() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the processor did not reach " + target + " frames in " + timeout.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        broker.close();
    }
}
