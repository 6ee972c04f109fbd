package dev.emostream.processor.topology;

import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.analyze.ImageAnalyzer;
import dev.emostream.inference.analyze.ImageSize;
import dev.emostream.inference.analyze.UndecodableImageException;
import dev.emostream.inference.detect.Detection;
import dev.emostream.processor.metrics.ProcessorMetrics;
import dev.emostream.processor.track.CameraTracks;
import dev.emostream.processor.track.ClassifySettings;
import dev.emostream.processor.track.TrackerSettings;
import dev.emostream.schemas.EmotionEventV1;
import dev.emostream.schemas.FrameSerde;
import dev.emostream.schemas.FrameV1;
import dev.emostream.schemas.Latency;
import dev.emostream.schemas.ModelCard;
import dev.emostream.schemas.ModelInfo;
import dev.emostream.schemas.SchemaException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames in, one {@link EmotionEventV1} per face out (keyed by camera, timestamped with the capture time), or a
 * {@link dev.emostream.schemas.DeadLetterV2} when a frame cannot be processed. Stale frames are skipped and
 * counted. Never throws for bad input: a bad frame must not stop the application.
 *
 * <p>A fixed-key processor ({@code processValues}): every output keeps the frame's key, the camera id, so the
 * per-camera statistics downstream need no repartition topic. A frame whose key is not its camera id is
 * dead-lettered as bad headers.
 */
final class FrameProcessor implements FixedKeyProcessor<String, byte[], Object> {
    private static final Logger LOG = LoggerFactory.getLogger(FrameProcessor.class);
    static final String STALE = "stale";
    static final String SAMPLED = "backlog-sampled";

    private final Supplier<? extends ImageAnalyzer> analyzers;
    private final ProcessorMetrics metrics;
    private final Clock clock;
    private final Duration maxAge;
    private final int maxBytes;
    private final int dlqMaxBytes;
    private final FrameSerde frames = new FrameSerde();
    private FixedKeyProcessorContext<String, Object> context;
    private ImageAnalyzer analyzer;
    private final TrackerSettings tracking;
    private final ClassifySettings classify;
    private final Duration updatePeriod;
    private final Map<String, CameraTracks> cameras = new HashMap<>();
    private final Backlog backlog;
    private final FrameLimits limits;
    private final Map<String, Long> lastProcessed = new HashMap<>();
    private KeyValueStore<String, CameraTracks.Snapshot> trackStore;
    private ModelInfo model;
    private List<String> classes;

    /**
     * @param tracking null to classify every face of every frame; else the tracker's settings (with {@code classify}
     *                 and {@code updatePeriod}), its state in the store {@link EmotionTopology#TRACKS_STORE}
     */
    FrameProcessor(Supplier<? extends ImageAnalyzer> analyzers, ProcessorMetrics metrics, Clock clock, Duration maxAge, int maxBytes,
                   int dlqMaxBytes, Backlog backlog, FrameLimits limits, TrackerSettings tracking, ClassifySettings classify, Duration updatePeriod) {
        this.backlog = backlog;
        this.limits = limits;
        this.tracking = tracking;
        this.classify = classify;
        this.updatePeriod = updatePeriod;
        this.analyzers = analyzers;
        this.metrics = metrics;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxBytes = maxBytes;
        this.dlqMaxBytes = dlqMaxBytes;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Object> context) {
        this.context = context;
        this.analyzer = analyzers.get();
        if (tracking != null) {
            this.trackStore = context.getStateStore(EmotionTopology.TRACKS_STORE);
        }
        ModelCard card = analyzer.model();
        this.model = new ModelInfo(card.name(), card.version());
        this.classes = card.classes();
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        RecordMetadata md = context.recordMetadata().orElse(null);
        String topic = md == null ? null : md.topic();
        byte[] bytes = record.value();
        if (bytes == null || bytes.length == 0) {
            deadLetter(record, md, DeadLetters.UNDECODABLE, "empty value: expected JPEG bytes");
            return;
        }
        if (bytes.length > maxBytes) {
            deadLetter(record, md, DeadLetters.OVERSIZED, bytes.length + " bytes, more than emostream.frame.max.bytes=" + maxBytes);
            return;
        }
        FrameV1 frame;
        try {
            frame = frames.deserialize(topic, record.headers(), bytes);
        } catch (SchemaException e) {
            deadLetter(record, md, DeadLetters.BAD_HEADERS, e.getMessage(), e);
            return;
        }
        if (!frame.cameraId().equals(record.key())) {
            deadLetter(record, md, DeadLetters.BAD_HEADERS, "record key " + (record.key() == null ? "null" : "'" + record.key() + "'")
                    + " is not the frame's camera id '" + frame.cameraId() + "' (frames are keyed by camera)");
            return;
        }
        if ((long) frame.width() * frame.height() > limits.maxPixels()) {
            deadLetter(record, md, DeadLetters.BAD_HEADERS, "the headers declare " + frame.width() + "x" + frame.height()
                    + " pixels, more than emostream.frame.max.pixels=" + limits.maxPixels());
            return;
        }
        Instant now = clock.instant();
        if (frame.captureTime().isAfter(now.plus(limits.maxFuture()))) {
            deadLetter(record, md, DeadLetters.BAD_HEADERS, "capture time " + frame.captureTime() + " is more than "
                    + limits.maxFuture().toMillis() + " ms ahead of this processor's clock (" + now + ")");
            return;
        }
        ImageSize declared = ImageSize.of(bytes);
        if (declared != null && declared.pixels() > limits.maxPixels()) {
            deadLetter(record, md, DeadLetters.IMAGE_TOO_LARGE, "the image declares " + declared.width() + "x" + declared.height()
                    + " pixels, more than emostream.frame.max.pixels=" + limits.maxPixels());
            return;
        }
        Duration age = Duration.between(frame.captureTime(), now);
        if (!maxAge.isZero() && age.compareTo(maxAge) > 0) {
            skip(record, frame, STALE);
            return;
        }
        Long last = lastProcessed.get(frame.cameraId());
        int step = backlog.step(age);
        if (last != null && step > 1 && frame.sequence() > last && frame.sequence() - last < step) {
            skip(record, frame, SAMPLED);
            return;
        }
        lastProcessed.put(frame.cameraId(), frame.sequence());
        try {
            if (tracking != null) {
                track(record, frame, bytes);
            } else {
                perFace(record, frame, bytes);
            }
            if (backlog.live(age)) {
                context.commit(); // a request: Kafka Streams commits after this record instead of at the interval
                metrics.liveCommitRequested();
            }
        } catch (UndecodableImageException e) {
            deadLetter(record, md, DeadLetters.UNDECODABLE, e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.warn("Frame {} of camera {} failed: {}", frame.sequence(), frame.cameraId(), e.toString());
            deadLetter(record, md, DeadLetters.PROCESSING, e.toString(), e);
        }
    }

    /** Without tracking: every face of every frame is classified and becomes an event. */
    private void perFace(FixedKeyRecord<String, byte[]> record, FrameV1 frame, byte[] bytes) {
        FrameAnalyzer.Analysis analysis = analyzer.analyze(bytes);
        FrameAnalyzer.Timings t = analysis.timings();
        metrics.frameAnalysed(analysis.faces().size(), t.decodeNanos(), t.detectNanos(), t.classifyNanos());
        metrics.classified(analysis.faces().size());
        Instant processed = clock.instant();
        Latency latency = latency(frame, processed, t.totalNanos());
        for (int i = 0; i < analysis.faces().size(); i++) {
            FrameAnalyzer.Face face = analysis.faces().get(i);
            emit(record, frame, processed, i, face.detection(), analysis.width(), analysis.height(), face.probabilities(), latency, null, null);
        }
    }

    /**
     * With tracking: the camera's tracks (from this task's cache, else its state store) follow the faces; faces of
     * confirmed tracks become events with their track and smoothed distribution; lifecycle changes go to the tracks
     * topic; the new state is written back to the store, so it commits with the outputs.
     */
    private void track(FixedKeyRecord<String, byte[]> record, FrameV1 frame, byte[] bytes) {
        FrameAnalyzer.Detected detected = analyzer.detect(bytes);
        long t0 = System.nanoTime();
        CameraTracks camera = cameras.computeIfAbsent(frame.cameraId(), this::restore);
        CameraTracks.Frame f = camera.step(analyzer, detected, frame.sequence(), frame.captureTime());
        long trackNanos = System.nanoTime() - t0;
        trackStore.put(frame.cameraId(), camera.snapshot());
        metrics.frameAnalysed(f.faces().size(), detected.decodeNanos(), detected.detectNanos(), trackNanos);
        metrics.classified(f.classifiedNow());
        Instant processed = clock.instant();
        Latency latency = latency(frame, processed, detected.decodeNanos() + detected.detectNanos() + trackNanos);
        for (int i = 0; i < f.faces().size(); i++) {
            CameraTracks.TrackedFace face = f.faces().get(i);
            emit(record, frame, processed, i, face.detection(), detected.width(), detected.height(), face.probabilities(), latency,
                    face.track().id(), face.smoothed());
        }
        for (CameraTracks.Transition tr : f.transitions()) {
            metrics.trackChanged(tr.change().name().toLowerCase(java.util.Locale.ROOT));
            context.forward(record.<Object>withValue(FaceTracks.event(frame, tr, classes, model))
                    .withTimestamp(frame.captureTime().toEpochMilli()));
        }
    }

    private CameraTracks restore(String cameraId) {
        CameraTracks.Snapshot s = trackStore.get(cameraId);
        int n = classes.size();
        return s == null ? new CameraTracks(tracking, classify, updatePeriod, n) : CameraTracks.of(tracking, classify, updatePeriod, n, s);
    }

    private static Latency latency(FrameV1 frame, Instant processed, long processingNanos) {
        double captureToEventMs = Duration.between(frame.captureTime(), processed).toNanos() / 1e6;
        return new Latency(processingNanos / 1e6, Math.max(0, captureToEventMs));
    }

    private void emit(FixedKeyRecord<String, byte[]> record, FrameV1 frame, Instant processed, int index, Detection d, int width, int height,
                      float[] probabilities, Latency latency, Long trackId, float[] smoothed) {
        Map<String, Double> p = labelled(probabilities);
        int top = FrameAnalyzer.argmax(probabilities);
        // Derived from the frame's id and the face's index: reprocessing the frame (an at-least-once reader, a replay)
        // gives the same id, so consumers can deduplicate.
        EmotionEventV1 event = new EmotionEventV1(frame.id() + "/" + index, frame.cameraId(), frame.sequence(), frame.captureTime(),
                processed, index, d.box(), d.box().normalize(width, height), d.score(), classes.get(top), p, model, latency, d.landmarks(),
                trackId, smoothed == null ? null : labelled(smoothed));
        context.forward(record.<Object>withValue(event).withTimestamp(frame.captureTime().toEpochMilli()));
        metrics.eventEmitted(latency.captureToEventMs());
    }

    private Map<String, Double> labelled(float[] probabilities) {
        Map<String, Double> p = new LinkedHashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            p.put(classes.get(k), (double) probabilities[k]);
        }
        return p;
    }

    /** Counted per camera, and passed to the camera's statistics for the frame's window: a skip is never silent. */
    private void skip(FixedKeyRecord<String, byte[]> record, FrameV1 frame, String reason) {
        metrics.skipped(frame.cameraId(), reason);
        context.forward(record.<Object>withValue(new FrameSkipped(reason)).withTimestamp(frame.captureTime().toEpochMilli()));
    }

    private void deadLetter(FixedKeyRecord<String, byte[]> record, RecordMetadata md, String reason, String detail) {
        deadLetter(record, md, reason, detail, null);
    }

    private void deadLetter(FixedKeyRecord<String, byte[]> record, RecordMetadata md, String reason, String detail, Throwable error) {
        metrics.dropped(reason);
        Object letter = DeadLetters.of(reason, detail, error, md == null ? null : md.topic(), md == null ? -1 : md.partition(),
                md == null ? -1 : md.offset(), record.value(), clock.instant(), dlqMaxBytes);
        // Timestamped when written: the frame's own timestamp may be what was wrong with it (a capture time in 2999
        // would be refused by the broker, and the dead letter lost). Its own copy of the headers: the serde adds the
        // dead-letter ones to them.
        context.forward(record.withValue(letter).withHeaders(new RecordHeaders(record.headers().toArray())).withTimestamp(clock.millis()));
    }
}
