package dev.emostream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.emostream.processor.ProcessorConfig;
import dev.emostream.inference.analyze.AnalyzerPool;
import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.analyze.ImageAnalyzer;
import dev.emostream.inference.analyze.UndecodableImageException;
import dev.emostream.inference.detect.Detection;
import dev.emostream.schemas.BoundingBox;
import dev.emostream.schemas.FaceLandmarks;
import dev.emostream.schemas.FaceTrackV1;
import dev.emostream.schemas.ModelCard;
import dev.emostream.processor.metrics.ProcessorMetrics;
import dev.emostream.schemas.DeadLetterV2;
import dev.emostream.schemas.EmotionEventV1;
import dev.emostream.schemas.EmotionStatsV1;
import dev.emostream.schemas.FrameHeaders;
import dev.emostream.schemas.FrameSerde;
import dev.emostream.schemas.FrameV1;
import dev.emostream.schemas.JsonSchemas;
import dev.emostream.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The topology's routing driven by TopologyTestDriver on a fake analyzer (no models, no ../shared needed): a
 * "frame" reading {@code faces:N} holds N faces, anything else is undecodable. The real detector and model are
 * tested in the inference module and, end to end, in {@code EmotionProcessorIT}.
 */
class EmotionTopologyTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:10Z");
    private static AnalyzerPool analyzers;
    private static final byte[] ONE_FACE = "faces:1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_FACE = "faces:0".getBytes(StandardCharsets.US_ASCII);

    /** Faces by the frame's text; the shipped fast model's card (a file of the project) for the classes. */
    static final class FakeAnalyzer implements ImageAnalyzer {
        private final ModelCard card = ModelCard.read(Path.of("..", "models", "fast"));

        @Override
        public FrameAnalyzer.Analysis analyze(byte[] encoded) {
            String text = new String(encoded, StandardCharsets.US_ASCII);
            if (!text.startsWith("faces:")) {
                throw new UndecodableImageException("not a decodable image (" + encoded.length + " bytes)");
            }
            int n = Integer.parseInt(text.substring(6));
            List<FrameAnalyzer.Face> faces = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                float[] p = new float[card.classes().size()];
                java.util.Arrays.fill(p, 0.1f / (p.length - 1));
                p[3] = 0.9f;
                BoundingBox box = new BoundingBox(100 + 200 * i, 100, 120, 150);
                FaceLandmarks lm = FaceLandmarks.of(new int[] {130 + 200 * i, 150, 190 + 200 * i, 150, 160 + 200 * i, 180,
                        140 + 200 * i, 210, 180 + 200 * i, 210});
                faces.add(new FrameAnalyzer.Face(new Detection(box, 0.95, lm), p, 3));
            }
            return new FrameAnalyzer.Analysis(640, 480, faces, new FrameAnalyzer.Timings(1_000_000, 2_000_000, 3_000_000));
        }

        @Override
        public ModelCard model() {
            return card;
        }

        @Override
        public FrameAnalyzer.Detected detect(byte[] encoded) {
            List<Detection> detections = new ArrayList<>();
            for (FrameAnalyzer.Face f : analyze(encoded).faces()) {
                detections.add(f.detection());
            }
            return new FrameAnalyzer.Detected(640, 480, detections, 1_000_000, 2_000_000);
        }

        /** Each face position has its own colour; the whole frame has one. */
        @Override
        public float[] histogram(BoundingBox box) {
            float[] h = new float[8];
            h[box.width() == 640 ? 7 : (box.x() / 200) % 7] = 1f;
            return h;
        }

        @Override
        public List<float[]> classify(List<BoundingBox> boxes) {
            List<float[]> out = new ArrayList<>();
            for (BoundingBox b : boxes) {
                out.add(analyze(ONE_FACE).faces().get(0).probabilities());
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    private TopologyTestDriver driver;
    private ProcessorMetrics metrics;
    private TestInputTopic<String, byte[]> frames;
    private TestOutputTopic<String, EmotionEventV1> events;
    private TestOutputTopic<String, EmotionStatsV1> stats;
    private TestOutputTopic<String, DeadLetterV2> dlq;
    private TestOutputTopic<String, FaceTrackV1> tracks;

    @BeforeAll
    static void realParts() {
        analyzers = new AnalyzerPool(FakeAnalyzer::new);
    }

    @AfterAll
    static void closeNatives() {
        analyzers.close();
    }

    @BeforeEach
    void startDriver() {
        // The routing tests classify every face of every frame; the tracking tests below turn tracking on.
        startDriver(false);
    }

    private void startDriver(boolean tracking) {
        if (driver != null) {
            driver.close();
        }
        ProcessorConfig config = new ProcessorConfig(Map.of(ProcessorConfig.MAX_FRAME_AGE_MS_CONFIG, "5000",
                ProcessorConfig.MAX_FRAME_BYTES_CONFIG, "2000000",
                ProcessorConfig.DLQ_MAX_BYTES_CONFIG, "1000000", ProcessorConfig.TRACKING_CONFIG, Boolean.toString(tracking)));
        metrics = new ProcessorMetrics(new SimpleMeterRegistry());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(EmotionTopology.build(config, analyzers, metrics, Clock.fixed(NOW, ZoneOffset.UTC)), props);
        frames = driver.createInputTopic("frames", Serdes.String().serializer(), Serdes.ByteArray().serializer());
        events = driver.createOutputTopic("emotion-events", Serdes.String().deserializer(), Topics.EMOTION_EVENTS.valueSerde().deserializer());
        stats = driver.createOutputTopic("emotion-stats", Serdes.String().deserializer(), Topics.EMOTION_STATS.valueSerde().deserializer());
        dlq = driver.createOutputTopic("frames-dlq", Serdes.String().deserializer(), Topics.FRAMES_DLQ.valueSerde().deserializer());
        tracks = driver.createOutputTopic("face-tracks", Serdes.String().deserializer(), Topics.FACE_TRACKS.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        driver = null;
    }

    private static Headers headers(String camera, long sequence, Instant captured, byte[] jpeg) {
        Headers h = new RecordHeaders();
        new FrameSerde().serialize("frames", h, new FrameV1(camera, FrameV1.idFor(camera, sequence), sequence, captured, 512, 512, jpeg));
        return h;
    }

    private void send(String camera, long sequence, Instant captured, byte[] jpeg) {
        frames.pipeInput(new TestRecord<>(camera, jpeg, headers(camera, sequence, captured, jpeg), captured));
    }

    @Test
    void aFaceBecomesOneEventKeyedByCameraAndCountsInTheWindowStats() {
        // Given a frame with one face, captured 300 ms ago
        Instant captured = NOW.minusMillis(300);

        // When it is processed
        send("cam-1", 7, captured, ONE_FACE);

        // Then exactly one event comes out, keyed by camera, with probabilities summing to 1, valid against its schema
        List<TestRecord<String, EmotionEventV1>> out = events.readRecordsToList();
        assertThat(out).hasSize(1);
        EmotionEventV1 e = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("cam-1");
        assertThat(out.get(0).timestamp()).isEqualTo(captured.toEpochMilli());
        assertThat(e.frameSequence()).isEqualTo(7);
        // the event id is the frame's id and the face's index: the same again if the frame is processed again
        assertThat(e.eventId()).isEqualTo(FrameV1.idFor("cam-1", 7) + "/0");
        assertThat(e.captureTime()).isEqualTo(captured);
        assertThat(e.detectorScore()).isEqualTo(0.95);
        assertThat(e.emotion()).isEqualTo("happy");
        assertThat(e.box()).isEqualTo(new BoundingBox(100, 100, 120, 150));
        assertThat(e.landmarks().nose()).isEqualTo(new FaceLandmarks.Point(160, 180));
        assertThat(e.latency().processingMs()).isCloseTo(6.0, within(1e-9));
        assertThat(e.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-4));
        assertThat(e.latency().captureToEventMs()).isCloseTo(300.0, within(1.0));
        assertThat(JsonSchemas.errors(JsonSchemas.Contract.EMOTION_EVENT, (Object) e)).isEmpty();
        assertThat(dlq.isEmpty()).isTrue();

        // And the camera's 10 s window counts one frame and one face
        EmotionStatsV1 s = stats.readValuesToList().get(0);
        assertThat(s.cameraId()).isEqualTo("cam-1");
        assertThat(s.frames()).isEqualTo(1);
        assertThat(s.faces()).isEqualTo(1);
        assertThat(s.counts()).containsEntry(e.emotion(), 1L);
        assertThat(s.windowStart()).isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(JsonSchemas.errors(JsonSchemas.Contract.EMOTION_STATS, (Object) s)).isEmpty();
        assertThat(metrics.framesCount()).isEqualTo(1.0);
    }

    @Test
    void aLiveFrameAsksForACommitAtOnceAndALateOneWaitsForTheInterval() {
        // Given the default live limit (100 ms) and frames captured 50, 99, 150 and 900 ms before now (all analysed)
        send("cam-l", 1, NOW.minusMillis(50), ONE_FACE);
        send("cam-l", 2, NOW.minusMillis(99), NO_FACE);
        send("cam-l", 3, NOW.minusMillis(150), ONE_FACE);
        send("cam-l", 4, NOW.minusMillis(900), ONE_FACE);

        // Then the two live frames (with or without faces) asked for a commit, the two late ones did not
        assertThat(metrics.liveCommitsCount()).isEqualTo(2.0);
        assertThat(metrics.framesCount()).isEqualTo(4.0);
    }

    @Test
    void aFrameWithoutFacesEmitsNothing() {
        // Given a frame without a face
        send("cam-2", 1, NOW.minusMillis(100), NO_FACE);

        // Then it is analysed but emits no event, no statistics and no dead letter
        assertThat(events.isEmpty()).isTrue();
        assertThat(stats.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(metrics.framesCount()).isEqualTo(1.0);
    }

    @Test
    void undecodableBytesGoToTheDeadLetterTopicWithReasonBytesAndOffset() {
        // Given two good-header frames whose bytes are not an image, after one good frame
        send("cam-1", 1, NOW.minusMillis(100), ONE_FACE);
        byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        send("cam-1", 2, NOW.minusMillis(90), garbage);

        // Then the bad one lands on frames-dlq keyed by its camera: its value the original bytes, its frame headers kept
        // beside the dead-letter ones (reason, source offset), all valid against the contract
        List<TestRecord<String, DeadLetterV2>> records = dlq.readRecordsToList();
        assertThat(records).hasSize(1);
        DeadLetterV2 d = records.get(0).value();
        assertThat(records.get(0).key()).isEqualTo("cam-1");
        assertThat(d.reason()).isEqualTo(DeadLetters.UNDECODABLE);
        assertThat(d.payload()).isEqualTo(garbage);
        assertThat(d.truncatedFrom()).isNull();
        assertThat(d.sourceTopic()).isEqualTo("frames");
        assertThat(d.sourceOffset()).isEqualTo(1L);
        Map<String, String> headers = FrameHeaders.asText(records.get(0).headers());
        assertThat(headers).containsEntry(FrameHeaders.SEQUENCE, "2").containsEntry(DeadLetterV2.OFFSET, "1");
        assertThat(JsonSchemas.errors(JsonSchemas.Contract.DEAD_LETTER_HEADERS, (Object) headers)).isEmpty();
        assertThat(metrics.droppedCount(DeadLetters.UNDECODABLE)).isEqualTo(1.0);
        assertThat(events.readRecordsToList()).hasSize(1);
    }

    @Test
    void missingHeadersAndOversizedFramesAreDeadLetteredByName() {
        // Given a frame without its capture-time header, and a frame over the 2 MB limit
        Headers noTime = headers("cam-3", 1, NOW, ONE_FACE);
        noTime.remove(FrameHeaders.TIME);
        frames.pipeInput(new TestRecord<>("cam-3", ONE_FACE, noTime, NOW));
        byte[] huge = new byte[2_000_001];
        send("cam-3", 2, NOW, huge);

        // Then both are dead-lettered, each with its reason; the header one names the header; the oversized one is cut
        // to the 1 MB dead-letter limit and says its original size
        List<DeadLetterV2> letters = dlq.readValuesToList();
        assertThat(letters).extracting(DeadLetterV2::reason).containsExactly(DeadLetters.BAD_HEADERS, DeadLetters.OVERSIZED);
        assertThat(letters.get(0).detail()).contains("ce_time");
        assertThat(letters.get(0).exception()).isEqualTo(dev.emostream.schemas.SchemaException.class.getName());
        assertThat(letters.get(0).payload()).isEqualTo(ONE_FACE);
        assertThat(letters.get(1).detail()).contains("2000001");
        assertThat(letters.get(1).payload()).hasSize(1_000_000);
        assertThat(letters.get(1).truncatedFrom()).isEqualTo(2_000_001);
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void aCaptureTimeFarInTheFutureAndAHugeDeclaredImageAreDeadLetteredBeforeAnyDecoding() {
        // Given a frame captured in 2999, and a frame of a few hundred bytes whose JPEG header declares 20000 x 20000
        send("cam-7", 1, Instant.parse("2999-01-01T00:00:00Z"), ONE_FACE);
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        bomb.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8, 0x4E, 0x20, 0x4E, 0x20, 3, 1, 0x22, 0,
            2, 0x11, 1, 3, 0x11, 1});
        bomb.writeBytes(new byte[600]);
        send("cam-7", 2, NOW.minusMillis(100), bomb.toByteArray());
        send("cam-7", 3, NOW.minusMillis(50), ONE_FACE);

        // Then both are dead-lettered with their reasons, timestamped now (not in 2999), and the frame after them is processed
        List<TestRecord<String, DeadLetterV2>> letters = dlq.readRecordsToList();
        assertThat(letters).extracting(r -> r.value().reason()).containsExactly(DeadLetters.BAD_HEADERS, DeadLetters.IMAGE_TOO_LARGE);
        assertThat(letters.get(0).value().detail()).contains("2999-01-01T00:00:00Z").contains("ahead of this processor's clock");
        assertThat(letters.get(1).value().detail()).contains("20000x20000");
        assertThat(letters).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(NOW.toEpochMilli()));
        assertThat(events.readValuesToList()).extracting(EmotionEventV1::frameSequence).containsExactly(3L);
        assertThat(metrics.framesCount()).isEqualTo(1.0);
    }

    @Test
    void aFrameKeyedByAnotherCameraThanItsHeadersIsDeadLettered() {
        // Given a frame whose headers say cam-5 but whose key says cam-6
        frames.pipeInput(new TestRecord<>("cam-6", ONE_FACE, headers("cam-5", 1, NOW, ONE_FACE), NOW));

        // Then it is dead-lettered as bad headers naming both, and no event is keyed by the wrong camera
        List<DeadLetterV2> letters = dlq.readValuesToList();
        assertThat(letters).extracting(DeadLetterV2::reason).containsExactly(DeadLetters.BAD_HEADERS);
        assertThat(letters.get(0).detail()).contains("'cam-6'").contains("'cam-5'");
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void analysisKeepsTheKeySoNoRepartitionTopicDoublesTheEvents() {
        // Given the topology's description
        ProcessorConfig config = new ProcessorConfig(Map.of());
        TopologyDescription description = EmotionTopology.build(config, analyzers, metrics, Clock.systemUTC()).describe();

        // Then it has one sub-topology (frames in, events, tracks, stats and dead letters out) and no repartition topic
        assertThat(description.subtopologies()).hasSize(1);
        assertThat(description.toString()).doesNotContain("repartition");
        List<String> sinks = new ArrayList<>();
        for (TopologyDescription.Subtopology st : description.subtopologies()) {
            for (TopologyDescription.Node n : st.nodes()) {
                if (n instanceof TopologyDescription.Sink sink) {
                    sinks.add(sink.topic());
                }
            }
        }
        assertThat(sinks).containsExactlyInAnyOrder("emotion-events", "face-tracks", "frames-dlq", "emotion-stats");
    }

    @Test
    void withTrackingTwoPeopleBecomeTwoTracksClassifiedOnceEachAndTheirVisitsStartAndEnd() {
        // Given tracking on, and two faces in 6 consecutive frames, then 12 frames without them (past the lost limit)
        startDriver(true);
        byte[] twoFaces = "faces:2".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 6; i++) {
            send("cam-t", i, NOW.minusMillis(900 - 50 * i), twoFaces);
        }
        for (int i = 6; i < 18; i++) {
            send("cam-t", i, NOW.minusMillis(900 - 50 * i), NO_FACE);
        }

        // Then events start at the third frame (tracks confirmed), two a frame, each with its track and smoothed distribution
        List<EmotionEventV1> out = events.readValuesToList();
        assertThat(out).extracting(EmotionEventV1::frameSequence).containsExactly(2L, 2L, 3L, 3L, 4L, 4L, 5L, 5L);
        assertThat(out).extracting(EmotionEventV1::trackId).containsExactly(1L, 2L, 1L, 2L, 1L, 2L, 1L, 2L);
        assertThat(out).allSatisfy(e -> {
            assertThat(e.smoothed()).isNotNull();
            assertThat(e.smoothed().get("happy")).isCloseTo(0.9, within(1e-6));
            assertThat(JsonSchemas.errors(JsonSchemas.Contract.EMOTION_EVENT, (Object) e)).isEmpty();
        });
        // And each person was classified once (when confirmed; the interval is 5 frames), not once per face-frame
        assertThat(metrics.classificationsCount()).isEqualTo(2.0);

        // And each visit started once and ended once, with its dwell, frames and time share, valid against the schema
        List<FaceTrackV1> lifecycle = tracks.readValuesToList();
        assertThat(lifecycle).extracting(FaceTrackV1::type).containsExactly("started", "started", "ended", "ended");
        FaceTrackV1 ended = lifecycle.get(2);
        assertThat(ended.trackId()).isEqualTo(1L);
        assertThat(ended.framesSeen()).isEqualTo(6);
        assertThat(ended.dwellSeconds()).isCloseTo(0.25, within(1e-9));
        assertThat(ended.firstSeen()).isEqualTo(NOW.minusMillis(900));
        assertThat(ended.timeShare().get("happy")).isEqualTo(1.0);
        assertThat(ended.largestBox()).isEqualTo(new BoundingBox(100, 100, 120, 150));
        for (FaceTrackV1 t : lifecycle) {
            assertThat(JsonSchemas.errors(JsonSchemas.Contract.FACE_TRACK, (Object) t)).isEmpty();
        }

        // And the camera's window counts two people, two visits started and ended with their mean dwell, and all the
        // person-time in their smoothed emotion
        List<EmotionStatsV1> windows = stats.readValuesToList();
        EmotionStatsV1 last = windows.get(windows.size() - 1);
        assertThat(last.people()).isEqualTo(2L);
        assertThat(last.tracksStarted()).isEqualTo(2L);
        assertThat(last.tracksEnded()).isEqualTo(2L);
        assertThat(last.meanDwellSeconds()).isCloseTo(0.25, within(1e-9));
        assertThat(last.emotionShare()).containsExactly(Map.entry("happy", 1.0));
        assertThat(last.faces()).isEqualTo(8);
        assertThat(JsonSchemas.errors(JsonSchemas.Contract.EMOTION_STATS, (Object) last)).isEmpty();
    }

    @Test
    void withTrackingTheCameraStateIsInTheStoreSoARestartContinuesTheTracks() {
        // Given tracking on and a person seen in 4 frames
        startDriver(true);
        for (int i = 0; i < 4; i++) {
            send("cam-r", i, NOW.minusMillis(1000 - 100 * i), ONE_FACE);
        }

        // Then the camera's tracks are in the state store, with the confirmed track and the next id
        var store = driver.<String, dev.emostream.processor.track.CameraTracks.Snapshot>getKeyValueStore(EmotionTopology.TRACKS_STORE);
        var snapshot = store.get("cam-r");
        assertThat(snapshot.tracker().nextId()).isEqualTo(2);
        assertThat(snapshot.tracker().tracks()).singleElement().satisfies(t -> assertThat(t.frames()).isEqualTo(4));
        assertThat(snapshot.lifecycles()).containsOnlyKeys(1L);
    }

    @Test
    void behindTheProcessorSamplesEachCameraEvenlyAndCountsWhatItSkips() {
        // Given two cameras whose frames are 2.5 s old when they arrive (sampling starts at 1 s: one frame in three)
        for (int i = 0; i < 9; i++) {
            send("cam-a", i, NOW.minusMillis(2500), ONE_FACE);
            send("cam-b", i, NOW.minusMillis(2500), ONE_FACE);
        }

        // Then each camera has frames 0, 3 and 6 analysed, and 6 skipped, counted per camera
        assertThat(events.readValuesToList()).extracting(e -> e.cameraId() + ":" + e.frameSequence())
                .containsExactly("cam-a:0", "cam-b:0", "cam-a:3", "cam-b:3", "cam-a:6", "cam-b:6");
        assertThat(metrics.skippedCount("cam-a", FrameProcessor.SAMPLED)).isEqualTo(6.0);
        assertThat(metrics.skippedCount("cam-b", FrameProcessor.SAMPLED)).isEqualTo(6.0);
        assertThat(metrics.skippedCount("cam-a", FrameProcessor.STALE)).isZero();
        // and the statistics of each camera's window say so
        Map<String, EmotionStatsV1> latest = new java.util.TreeMap<>();
        stats.readValuesToList().forEach(s -> latest.put(s.cameraId(), s));
        assertThat(latest.get("cam-a").framesSkipped()).isEqualTo(Map.of(FrameProcessor.SAMPLED, 6L));
        assertThat(latest.get("cam-a").frames()).isEqualTo(3);
    }

    @Test
    void framesOlderThanTheMaximumAgeAreSkippedAndCounted() {
        // Given a frame captured 6 s ago with a 5 s maximum age, and a fresh one
        send("cam-4", 1, NOW.minusSeconds(6), ONE_FACE);
        send("cam-4", 2, NOW.minusMillis(200), ONE_FACE);

        // Then the stale one is skipped, counted for its camera and in the statistics of its window; the fresh one yields its event
        assertThat(events.readValuesToList()).extracting(EmotionEventV1::frameSequence).containsExactly(2L);
        assertThat(metrics.skippedCount("cam-4", FrameProcessor.STALE)).isEqualTo(1.0);
        assertThat(metrics.droppedTotal()).isZero();
        assertThat(stats.readValuesToList()).anySatisfy(s -> assertThat(s.framesSkipped()).isEqualTo(Map.of(FrameProcessor.STALE, 1L)));
        assertThat(metrics.framesCount()).isEqualTo(1.0);
        assertThat(dlq.isEmpty()).isTrue();
    }
}
