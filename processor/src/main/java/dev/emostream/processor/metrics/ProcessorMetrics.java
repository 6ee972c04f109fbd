package dev.emostream.processor.metrics;

import dev.emostream.processor.topology.DeadLetters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The processor's Micrometer meters, named {@code emostream.processor.*} (Prometheus:
 * {@code emostream_processor_*}): frames processed, faces detected, per-stage latency (decode, detect,
 * classify), capture-to-event latency, drops by reason, and the model in use.
 */
public final class ProcessorMetrics {
    private final MeterRegistry registry;
    private final Counter frames;
    private final Counter faces;
    private final Counter classifications;
    private final Counter liveCommits;
    private final Map<String, Counter> trackChanges = new ConcurrentHashMap<>();
    private final Timer decode;
    private final Timer detect;
    private final Timer classify;
    private final Timer captureToEvent;
    private final DistributionSummary facesPerFrame;
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
    private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
    private final AtomicLong lastEventEpochMs = new AtomicLong();

    public ProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.frames = Counter.builder("emostream.processor.frames").description("Frames analysed").register(registry);
        this.faces = Counter.builder("emostream.processor.faces").description("Faces detected").register(registry);
        this.classifications = Counter.builder("emostream.processor.classifications").description("Faces classified").register(registry);
        this.liveCommits = Counter.builder("emostream.processor.live.commits")
                .description("Commits requested at once for live frames (emostream.commit.live.under.ms); the rest wait for the commit interval")
                .register(registry);
        for (String change : new String[] {"started", "updated", "ended"}) {
            trackChanges.put(change, Counter.builder("emostream.processor.tracks").tag("change", change)
                    .description("Track lifecycle changes (started, updated, ended)").register(registry));
        }
        this.decode = stage("decode");
        this.detect = stage("detect");
        this.classify = stage("classify");
        this.captureToEvent = Timer.builder("emostream.processor.capture.to.event")
                .description("From a frame's capture time to its events")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        this.facesPerFrame = DistributionSummary.builder("emostream.processor.faces.per.frame").description("Faces found per analysed frame")
                .register(registry);
        Gauge.builder("emostream.processor.last.event.age", lastEventEpochMs,
                        t -> t.get() == 0 ? Double.NaN : (System.currentTimeMillis() - t.get()) / 1000.0)
                .description("Seconds since the last emotion event").baseUnit("seconds").register(registry);
        // Counters exist from zero, so a rate() over them has a series before the first drop
        for (String reason : List.of(DeadLetters.BAD_HEADERS, DeadLetters.UNDECODABLE, DeadLetters.OVERSIZED, DeadLetters.IMAGE_TOO_LARGE,
                DeadLetters.DESERIALIZATION, DeadLetters.PROCESSING)) {
            droppedCounter(reason);
        }
    }

    private Timer stage(String name) {
        return Timer.builder("emostream.processor.stage").tag("stage", name)
                .description("Time per frame in one processing stage")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** Records the model and detector in use as an info gauge (value 1, labels carry the names). */
    public void model(String name, String version, String detector, String device) {
        Gauge.builder("emostream.processor.model.info", () -> 1)
                .tags("model", name, "version", version, "detector", detector, "device", device)
                .description("The emotion model, face detector and device in use (always 1)").register(registry);
    }

    public void frameAnalysed(int faceCount, long decodeNanos, long detectNanos, long classifyNanos) {
        frames.increment();
        faces.increment(faceCount);
        facesPerFrame.record(faceCount);
        decode.record(decodeNanos, TimeUnit.NANOSECONDS);
        detect.record(detectNanos, TimeUnit.NANOSECONDS);
        classify.record(classifyNanos, TimeUnit.NANOSECONDS);
    }

    public void eventEmitted(double captureToEventMs) {
        captureToEvent.record((long) (captureToEventMs * 1_000_000), TimeUnit.NANOSECONDS);
        lastEventEpochMs.set(System.currentTimeMillis());
    }

    /** A frame not analysed on purpose (stale, or sampled under backlog), per camera, so an operator sees which cameras lag. */
    public void skipped(String camera, String reason) {
        skipped.computeIfAbsent(camera + "|" + reason, k -> Counter.builder("emostream.processor.frames.skipped").tag("camera", camera)
                .tag("reason", reason).description("Frames not analysed on purpose (stale, or sampled while behind), per camera")
                .register(registry)).increment();
    }

    public double skippedCount(String camera, String reason) {
        Counter c = skipped.get(camera + "|" + reason);
        return c == null ? 0 : c.count();
    }

    /** A record dead-lettered, by reason. */
    public void dropped(String reason) {
        droppedCounter(reason).increment();
    }

    private Counter droppedCounter(String reason) {
        return dropped.computeIfAbsent(reason, r -> Counter.builder("emostream.processor.dropped").tag("reason", r)
                .description("Records dead-lettered, by reason").register(registry));
    }

    /** Frames not analysed on purpose, all cameras and reasons. */
    public double skippedTotal() {
        return skipped.values().stream().mapToDouble(Counter::count).sum();
    }

    /** Records handled in any way so far: analysed, skipped or dead-lettered (progress, for the stuck check). */
    public double handledTotal() {
        return framesCount() + skippedTotal() + droppedTotal();
    }

    public double droppedCount(String reason) {
        Counter c = dropped.get(reason);
        return c == null ? 0 : c.count();
    }

    /** Capture-to-event latency at the given percentiles (0..1), in milliseconds, over the recent window. */
    public double[] captureToEventMillis(double... percentiles) {
        double[] out = new double[percentiles.length];
        for (var v : captureToEvent.takeSnapshot().percentileValues()) {
            for (int i = 0; i < percentiles.length; i++) {
                if (Math.abs(v.percentile() - percentiles[i]) < 1e-9) {
                    out[i] = v.value(TimeUnit.MILLISECONDS);
                }
            }
        }
        return out;
    }

    /** Records dead-lettered, all reasons. */
    public double droppedTotal() {
        return dropped.values().stream().mapToDouble(Counter::count).sum();
    }

    public double facesCount() {
        return faces.count();
    }

    /** Classifier calls (faces classified): with tracking, far fewer than faces seen. */
    /** A live frame's outputs were asked to commit at once. */
    public void liveCommitRequested() {
        liveCommits.increment();
    }

    public double liveCommitsCount() {
        return liveCommits.count();
    }

    public void classified(int faces) {
        classifications.increment(faces);
    }

    public double classificationsCount() {
        return classifications.count();
    }

    /** A track's lifecycle change: started, updated or ended. */
    public void trackChanged(String change) {
        trackChanges.computeIfAbsent(change, c -> Counter.builder("emostream.processor.tracks").tag("change", c)
                .description("Track lifecycle changes (started, updated, ended)").register(registry)).increment();
    }

    /** Total seconds spent analysing frames (decode + detect + classify), for "where the time goes". */
    public double analysisSeconds() {
        return (decode.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) + detect.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)
                + classify.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)) / 1e9;
    }

    public double framesCount() {
        return frames.count();
    }
}
