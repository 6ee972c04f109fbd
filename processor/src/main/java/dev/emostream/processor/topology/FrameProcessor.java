package dev.emostream.processor.topology;

import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.analyze.ImageAnalyzer;
import dev.emostream.inference.analyze.UndecodableImageException;
import dev.emostream.processor.metrics.ProcessorMetrics;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames in, one {@link EmotionEventV1} per face out (keyed by camera, timestamped with the capture time), or a
 * {@link dev.emostream.schemas.DeadLetterV1} when a frame cannot be processed. Stale frames are skipped and
 * counted. Never throws for bad input: a bad frame must not stop the application.
 *
 * <p>A fixed-key processor ({@code processValues}): every output keeps the frame's key, the camera id, so the
 * per-camera statistics downstream need no repartition topic. A frame whose key is not its camera id is
 * dead-lettered as bad headers.
 */
final class FrameProcessor implements FixedKeyProcessor<String, byte[], Object> {
    private static final Logger LOG = LoggerFactory.getLogger(FrameProcessor.class);
    static final String STALE = "stale";

    private final Supplier<? extends ImageAnalyzer> analyzers;
    private final ProcessorMetrics metrics;
    private final Clock clock;
    private final Duration maxAge;
    private final int maxBytes;
    private final FrameSerde frames = new FrameSerde();
    private FixedKeyProcessorContext<String, Object> context;
    private ImageAnalyzer analyzer;
    private ModelInfo model;
    private List<String> classes;

    FrameProcessor(Supplier<? extends ImageAnalyzer> analyzers, ProcessorMetrics metrics, Clock clock, Duration maxAge, int maxBytes) {
        this.analyzers = analyzers;
        this.metrics = metrics;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxBytes = maxBytes;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Object> context) {
        this.context = context;
        this.analyzer = analyzers.get();
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
            deadLetter(record, md, DeadLetters.BAD_HEADERS, e.getMessage());
            return;
        }
        if (!frame.cameraId().equals(record.key())) {
            deadLetter(record, md, DeadLetters.BAD_HEADERS, "record key " + (record.key() == null ? "null" : "'" + record.key() + "'")
                    + " is not the frame's camera id '" + frame.cameraId() + "' (frames are keyed by camera)");
            return;
        }
        Instant now = clock.instant();
        if (!maxAge.isZero() && Duration.between(frame.captureTime(), now).compareTo(maxAge) > 0) {
            metrics.dropped(STALE);
            return;
        }
        FrameAnalyzer.Analysis analysis;
        try {
            analysis = analyzer.analyze(bytes);
        } catch (UndecodableImageException e) {
            deadLetter(record, md, DeadLetters.UNDECODABLE, e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("Frame {} of camera {} failed: {}", frame.sequence(), frame.cameraId(), e.toString());
            deadLetter(record, md, DeadLetters.PROCESSING, e.toString());
            return;
        }
        FrameAnalyzer.Timings t = analysis.timings();
        metrics.frameAnalysed(analysis.faces().size(), t.decodeNanos(), t.detectNanos(), t.classifyNanos());
        Instant processed = clock.instant();
        double processingMs = t.totalNanos() / 1e6;
        double captureToEventMs = Duration.between(frame.captureTime(), processed).toNanos() / 1e6;
        for (int i = 0; i < analysis.faces().size(); i++) {
            FrameAnalyzer.Face face = analysis.faces().get(i);
            Map<String, Double> p = new LinkedHashMap<>();
            for (int k = 0; k < classes.size(); k++) {
                p.put(classes.get(k), (double) face.probabilities()[k]);
            }
            EmotionEventV1 event = new EmotionEventV1(UUID.randomUUID().toString(), frame.cameraId(), frame.sequence(),
                    frame.captureTime(), processed, i, face.detection().box(),
                    face.detection().box().normalize(analysis.width(), analysis.height()), face.detection().score(),
                    classes.get(face.top()), p, model, new Latency(processingMs, Math.max(0, captureToEventMs)),
                    face.detection().landmarks());
            context.forward(record.<Object>withValue(event).withTimestamp(frame.captureTime().toEpochMilli()));
            metrics.eventEmitted(Math.max(0, captureToEventMs));
        }
    }

    private void deadLetter(FixedKeyRecord<String, byte[]> record, RecordMetadata md, String reason, String detail) {
        metrics.dropped(reason);
        Object letter = DeadLetters.of(reason, detail, md == null ? null : md.topic(), md == null ? -1 : md.partition(),
                md == null ? -1 : md.offset(), record.key(), record.headers(), record.value(), clock.instant());
        context.forward(record.withValue(letter));
    }
}
