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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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
 * (exactly-once) -> events. Throughput in frames/s of processors with a given number of stream threads, each on a
 * frames topic of its own so that they can take turns with the bare loops ({@link Pipeline}, {@link Interleaved}), and
 * the capture-to-event latency a consumer of {@code emotion-events} sees, at a nominal rate and under overload.
 */
final class KafkaPipelineBenchmarks implements AutoCloseable {
    private static final String CAMERA = "bench-cam";
    static final int PARTITIONS = 2;
    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<String, FrameV1> producer;
    private final Path model;
    private final Map<String, Object> detector;
    /**
     * Each camera numbers its own frames on each topic, as ingest does (the tracker reads a gap in a camera's numbers as
     * lost frames), by topic and camera.
     */
    private final Map<String, Long> sequences = new HashMap<>();
    /**
     * The throughput runs' warm-up limits. The in-JVM broker, the clients and Kafka Streams are a lot of code: profiled
     * on 2026-12-02, the JIT compilers kept working 50-100% of the wall time for about 40 passes of 150 frames (50 s),
     * and the two-thread pipeline measured after 5 such passes ran at 100 frames/s against 156 once they settled.
     */
    static final int WARM_UP_MAX_PASSES = 100;
    static final Duration WARM_UP_BUDGET = Duration.ofSeconds(120);
    private final Map<Integer, Repeat.WarmUp> warmUps = new TreeMap<>();
    /** Frames each timed pass starts with, untimed: the stream threads waking from idle. */
    static final int RAMP_FRAMES = 8;

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
    private EmotionProcessorApp processor(long maxAgeMs, int threads, String framesTopic) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        s.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + UUID.randomUUID());
        s.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-streams").toString());
        s.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        s.put(ProcessorConfig.FRAMES_TOPIC_CONFIG, framesTopic);
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

    private void send(String topic, String camera, byte[] jpeg) {
        long seq = sequences.merge(topic + "/" + camera, 1L, Long::sum) - 1;
        Instant now = Instant.now();
        producer.send(new ProducerRecord<>(topic, null, now.toEpochMilli(), camera,
                new FrameV1(camera, FrameV1.idFor(camera, seq), seq, now, 1280, 720, jpeg)));
    }

    /** How each {@link Pipeline}'s warm-up went, by stream threads. */
    Map<Integer, Repeat.WarmUp> warmUps() {
        return Collections.unmodifiableMap(warmUps);
    }

    /**
     * Frames/s and faces/s of the processor with {@code threads} stream threads: warm-up, then {@code repetitions}
     * timed passes ({@link Pipeline#pass}).
     */
    List<Measurement> throughput(List<byte[]> jpegs, int repetitions, int threads) throws Exception {
        try (Pipeline pipeline = pipeline(jpegs, threads)) {
            pipeline.warmUp();
            for (int r = 0; r < repetitions; r++) {
                pipeline.pass();
            }
            return pipeline.measurements();
        }
    }

    /** A processor with {@code threads} stream threads on a frames topic of its own, started and idle. */
    Pipeline pipeline(List<byte[]> jpegs, int threads) throws Exception {
        return new Pipeline(jpegs, threads);
    }

    /**
     * A processor with its own frames topic, fed so that it never waits for frames while it is timed, and idle between
     * passes, so that several can take turns with the bare loops ({@link Interleaved}). A pass queues
     * {@link #RAMP_FRAMES} frames and half a clip, waits for the first {@link #RAMP_FRAMES} to be analysed (the stream
     * threads waking), then times a clip's worth of frames analysed while it sends a clip's worth more: the producer works
     * beside the processor as ingest does, and half a clip stays queued at the end, which the pass then waits out untimed.
     * The clip loops over the passes, its frames dealt to {@link #PARTITIONS} cameras in turn (one per partition, so each
     * stream thread has work).
     */
    final class Pipeline implements AutoCloseable {
        private final List<byte[]> jpegs;
        private final int threads;
        private final String topic;
        private final List<String> spread = cameras(PARTITIONS);
        private final EmotionProcessorApp app;
        private final List<double[]> passes = new ArrayList<>(); // frames/s, faces/s, analysis ms/frame, calls/frame
        private long cursor;

        private Pipeline(List<byte[]> jpegs, int threads) throws Exception {
            this.jpegs = jpegs;
            this.threads = threads;
            this.topic = Topics.FRAMES.name() + "-bench-" + threads + "-" + UUID.randomUUID().toString().substring(0, 8);
            broker.createTopic(topic, PARTITIONS, Topics.FRAMES.configs());
            this.app = processor(0, threads, topic);
        }

        /** Unmeasured passes until the JIT has compiled the broker's, the clients' and Kafka Streams' paths (Repeat.warmUp). */
        void warmUp() throws Exception {
            warmUps.put(threads, Repeat.warmUp(WARM_UP_MAX_PASSES, WARM_UP_BUDGET, Repeat.SETTLED_JIT_SHARE, () -> {
                run();
                return jpegs.size();
            }));
        }

        /** One timed pass; returns its frames/s. */
        double pass() throws Exception {
            double[] figures = run();
            passes.add(figures);
            return figures[0];
        }

        private double[] run() throws InterruptedException {
            ProcessorMetrics m = app.metrics();
            int n = jpegs.size();
            double base = m.framesCount();
            sendNext(RAMP_FRAMES + n / 2);
            await(m::framesCount, base + RAMP_FRAMES, Duration.ofMinutes(1));
            double frames0 = m.framesCount();
            double faces0 = m.facesCount();
            double calls0 = m.classificationsCount();
            double analysis0 = m.analysisSeconds();
            long t0 = System.nanoTime();
            sendNext(n);
            await(m::framesCount, frames0 + n, Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double frames = m.framesCount() - frames0;
            double[] figures = {frames / seconds, (m.facesCount() - faces0) / seconds, (m.analysisSeconds() - analysis0) * 1000 / frames,
                (m.classificationsCount() - calls0) / frames};
            // Untimed: the half clip still queued, so the next pass (of this or another benchmark) starts on an idle processor.
            await(m::framesCount, base + RAMP_FRAMES + n / 2 + n, Duration.ofMinutes(5));
            return figures;
        }

        /** Sends the clip's next {@code count} frames, looping, dealt to the cameras in turn. */
        private void sendNext(int count) {
            for (int i = 0; i < count; i++, cursor++) {
                send(topic, spread.get((int) (cursor % spread.size())), jpegs.get((int) (cursor % jpegs.size())));
            }
            producer.flush();
        }

        List<Measurement> measurements() {
            String what = threads + " stream thread" + (threads == 1 ? "" : "s");
            return List.of(Measurement.of("Kafka pipeline (produce -> in-JVM broker -> Kafka Streams, exactly-once, " + what + ") frames",
                            "frames/s", PipelineBenchmarks.column(passes, 0)),
                    Measurement.of("Kafka pipeline faces (" + what + ")", "faces/s", PipelineBenchmarks.column(passes, 1)),
                    Measurement.of("Kafka pipeline: analysis (decode + detect + classify) inside the processor (" + what + ")", "ms/frame",
                            PipelineBenchmarks.column(passes, 2)),
                    Measurement.of("Kafka pipeline: classifier calls per frame (" + what + ")", "calls", PipelineBenchmarks.column(passes, 3)));
        }

        /** Median frames/s over the timed passes. */
        double framesPerSecond() {
            return PipelineBenchmarks.median(PipelineBenchmarks.column(passes, 0));
        }

        @Override
        public void close() {
            app.close();
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
        try (EmotionProcessorApp app = processor(maxAgeMs, threads, Topics.FRAMES.name()); KafkaConsumer<String, byte[]> events = eventConsumer()) {
            for (int r = 0; r < repetitions; r++) {
                double stale0 = app.metrics().droppedCount("stale");
                List<Double> latencies = new ArrayList<>();
                long interval = (long) (1e9 / (fps * cameras));
                long start = System.nanoTime();
                long next = start;
                int i = 0;
                while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
                    if (System.nanoTime() >= next) {
                        send(Topics.FRAMES.name(), ids.get(i % cameras), jpegs.get(i % jpegs.size()));
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

    /**
     * Waits until {@code value} (frames analysed) reaches {@code target}. A pass times about a second, so the last step
     * must be short (1 ms); far from the target the harness sleeps longer, a quarter of a millisecond per frame still to
     * come (no processor here analyses a frame in under 2 ms), so that its own wake-ups (a thousand a second with a
     * fixed 1 ms step) do not take CPU from the processor it times.
     */
    private static void await(DoubleSupplier value, double target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (double v = value.getAsDouble(); v < target; v = value.getAsDouble()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the processor did not reach " + target + " frames in " + timeout.toSeconds() + " s");
            }
            Thread.sleep(sleepStepMs(target - v));
        }
    }

    /** The wait's next step for {@code remaining} frames: a quarter of a millisecond each, 1 to 50 ms. */
    static long sleepStepMs(double remaining) {
        return Math.max(1L, Math.min(50L, (long) (remaining / 4)));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        broker.close();
    }
}
