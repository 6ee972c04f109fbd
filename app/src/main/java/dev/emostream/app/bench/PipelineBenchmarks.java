package dev.emostream.app.bench;

import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.processor.track.CameraTracks;
import dev.emostream.processor.track.ClassifySettings;
import dev.emostream.processor.track.TrackerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bare in-process loops, no Kafka: JPEG decode, face detection, classification of all faces of a frame, or of
 * each person when due with tracking. Each loop warms up, then runs timed passes over the clip one at a time (the
 * bench interleaves them with the other benchmarks' passes, {@link Interleaved}) and reports the passes' figures.
 */
final class PipelineBenchmarks {
    /** Most warm-up passes of a loop: a loop is little code, and settles within them (Repeat.warmUp). */
    static final int WARM_UP_MAX_PASSES = 5;

    private PipelineBenchmarks() {
    }

    /** Frames/s, faces/s and where the time goes per stage, every face of every frame classified. */
    static final class BareLoop {
        private final FrameAnalyzer analyzer;
        private final List<byte[]> jpegs;
        private final List<double[]> passes = new ArrayList<>(); // fps, faces/s, decode, detect, classify ms/frame, faces/frame

        BareLoop(FrameAnalyzer analyzer, List<byte[]> jpegs) {
            this.analyzer = analyzer;
            this.jpegs = jpegs;
        }

        void warmUp() throws Exception {
            Repeat.warmUp(WARM_UP_MAX_PASSES, Repeat.SETTLED_JIT_SHARE, () -> {
                jpegs.forEach(analyzer::analyze);
                return jpegs.size();
            });
        }

        /** One timed pass over the clip; returns its frames/s. */
        double pass() {
            long faces = 0;
            long decode = 0;
            long detect = 0;
            long classify = 0;
            long start = System.nanoTime();
            for (byte[] jpeg : jpegs) {
                FrameAnalyzer.Analysis a = analyzer.analyze(jpeg);
                faces += a.faces().size();
                decode += a.timings().decodeNanos();
                detect += a.timings().detectNanos();
                classify += a.timings().classifyNanos();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int n = jpegs.size();
            passes.add(new double[] {n / seconds, faces / seconds, decode / 1e6 / n, detect / 1e6 / n, classify / 1e6 / n, (double) faces / n});
            return n / seconds;
        }

        List<Measurement> measurements() {
            String d = analyzer.detector().name() + " + " + analyzer.model().name();
            return List.of(Measurement.of("bare loop (" + d + ") frames", "frames/s", column(passes, 0)),
                    Measurement.of("bare loop (" + d + ") faces", "faces/s", column(passes, 1)),
                    Measurement.of("bare loop (" + d + ") stage: JPEG decode", "ms/frame", column(passes, 2)),
                    Measurement.of("bare loop (" + d + ") stage: face detection", "ms/frame", column(passes, 3)),
                    Measurement.of("bare loop (" + d + ") stage: crop + classify (all faces, one call)", "ms/frame", column(passes, 4)),
                    Measurement.of("bare loop (" + d + ") faces per frame", "faces", column(passes, 5)));
        }

        /** Median faces per frame over the timed passes (every face classified: the classifier calls a frame). */
        double facesPerFrame() {
            return median(column(passes, 5));
        }
    }

    /**
     * The bare loop with tracking: decode, detect, track, classify each person when due ({@link ClassifySettings}).
     * The clip's frames go to {@code cameras} cameras in turn (one tracker each), as the Kafka pipeline benchmark
     * spreads them over its partitions; with one camera every frame is the same camera's. Reports frames/s and
     * classifier calls per frame, to set against the bare loop's faces per frame (every face classified).
     */
    static final class TrackingLoop {
        private final FrameAnalyzer analyzer;
        private final List<byte[]> jpegs;
        private final TrackerSettings tracking;
        private final ClassifySettings classify;
        private final int cameras;
        private final List<double[]> passes = new ArrayList<>(); // fps, calls/frame, tracked faces/frame

        TrackingLoop(FrameAnalyzer analyzer, List<byte[]> jpegs, TrackerSettings tracking, ClassifySettings classify, int cameras) {
            this.analyzer = analyzer;
            this.jpegs = jpegs;
            this.tracking = tracking;
            this.classify = classify;
            this.cameras = cameras;
        }

        void warmUp() throws Exception {
            Repeat.warmUp(WARM_UP_MAX_PASSES, Repeat.SETTLED_JIT_SHARE, () -> {
                trackingPass(analyzer, jpegs, tracking, classify, cameras);
                return jpegs.size();
            });
        }

        /** One timed pass over the clip with fresh trackers; returns its frames/s. */
        double pass() {
            long start = System.nanoTime();
            List<CameraTracks> people = trackingPass(analyzer, jpegs, tracking, classify, cameras);
            double fps = jpegs.size() / ((System.nanoTime() - start) / 1e9);
            passes.add(new double[] {fps, (double) people.stream().mapToLong(CameraTracks::classifications).sum() / jpegs.size(),
                (double) people.stream().mapToLong(CameraTracks::facesSeen).sum() / jpegs.size()});
            return fps;
        }

        List<Measurement> measurements() {
            String d = trackingLabel(analyzer, classify) + (cameras == 1 ? "" : ", frames dealt to " + cameras + " cameras as the Kafka pipeline's");
            return List.of(Measurement.of("bare loop (" + d + ") frames", "frames/s", column(passes, 0)),
                    Measurement.of("bare loop (" + d + ") classifier calls per frame", "calls", column(passes, 1)),
                    Measurement.of("bare loop (" + d + ") tracked faces per frame", "faces", column(passes, 2)));
        }

        /** Median classifier calls per frame over the timed passes. */
        double callsPerFrame() {
            return median(column(passes, 1));
        }
    }

    /**
     * The tracking loop on one thread per analyzer at once, thread t owning camera t: frame i goes to camera
     * {@code i % threads}, as the Kafka benchmark deals frames to its partitions and each stream thread owns one. What
     * that many stream threads could reach with no Kafka at all; set against the one-thread loop over the same cameras,
     * it is the machine's own ceiling for the stream-thread scaling target. Each analyzer must be used by this loop only.
     */
    static final class ParallelTrackingLoop implements AutoCloseable {
        private final List<FrameAnalyzer> analyzers;
        private final int frames;
        private final TrackerSettings tracking;
        private final ClassifySettings classify;
        private final List<List<byte[]>> cameras = new ArrayList<>();
        private final ExecutorService pool;
        private final List<Double> passes = new ArrayList<>();

        ParallelTrackingLoop(List<FrameAnalyzer> analyzers, List<byte[]> jpegs, TrackerSettings tracking, ClassifySettings classify) {
            this.analyzers = analyzers;
            this.frames = jpegs.size();
            this.tracking = tracking;
            this.classify = classify;
            int threads = analyzers.size();
            for (int t = 0; t < threads; t++) {
                List<byte[]> own = new ArrayList<>();
                for (int i = t; i < jpegs.size(); i += threads) {
                    own.add(jpegs.get(i));
                }
                cameras.add(own);
            }
            this.pool = Executors.newFixedThreadPool(threads);
        }

        private long untimed() throws Exception {
            List<Future<List<CameraTracks>>> running = new ArrayList<>();
            for (int t = 0; t < analyzers.size(); t++) {
                FrameAnalyzer analyzer = analyzers.get(t);
                List<byte[]> own = cameras.get(t);
                running.add(pool.submit(() -> trackingPass(analyzer, own, tracking, classify, 1)));
            }
            for (Future<List<CameraTracks>> f : running) {
                f.get();
            }
            return frames;
        }

        void warmUp() throws Exception {
            Repeat.warmUp(WARM_UP_MAX_PASSES, Repeat.SETTLED_JIT_SHARE, this::untimed);
        }

        /** One timed pass: every thread through its camera's frames; returns frames/s of all threads together. */
        double pass() throws Exception {
            long start = System.nanoTime();
            untimed();
            double fps = frames / ((System.nanoTime() - start) / 1e9);
            passes.add(fps);
            return fps;
        }

        Measurement measurement() {
            return Measurement.of("bare loop (" + trackingLabel(analyzers.get(0), classify) + ", " + analyzers.size()
                    + " threads at once, one camera each) frames", "frames/s", passes.stream().mapToDouble(Double::doubleValue).toArray());
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /** The median of {@code values}, as the report's figures take it. */
    static double median(double[] values) {
        return Measurement.of("", "", values).median();
    }

    /** Column {@code i} of per-pass rows. */
    static double[] column(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(row -> row[i]).toArray();
    }

    /** What the tracking loops run, for their figures' names: detector, model and classification interval. */
    private static String trackingLabel(FrameAnalyzer analyzer, ClassifySettings classify) {
        return analyzer.detector().name() + " + " + analyzer.model().name() + ", tracking, classify every " + classify.intervalFrames()
                + " frames";
    }

    /** One pass over the clip, the frames dealt to {@code cameras} fresh trackers in turn; returns the trackers. */
    private static List<CameraTracks> trackingPass(FrameAnalyzer analyzer, List<byte[]> jpegs, TrackerSettings tracking,
                                                   ClassifySettings classify, int cameras) {
        List<CameraTracks> people = new ArrayList<>();
        for (int c = 0; c < cameras; c++) {
            people.add(new CameraTracks(tracking, classify, Duration.ofSeconds(10), analyzer.model().classes().size()));
        }
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < jpegs.size(); i++) {
            people.get(i % cameras).step(analyzer, analyzer.detect(jpegs.get(i)), i / cameras, t0.plusMillis(66L * i));
        }
        return people;
    }
}
