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
 * The bare in-process loop, no Kafka: JPEG decode, face detection, classification of all faces of a frame.
 * Reports frames/s, faces/s and where the time goes per stage.
 */
final class PipelineBenchmarks {
    private PipelineBenchmarks() {
    }

    static List<Measurement> bareLoop(FrameAnalyzer analyzer, List<byte[]> jpegs, int repetitions) throws Exception {
        Repeat.warmUp(5, 0.05, () -> {
            jpegs.forEach(analyzer::analyze);
            return jpegs.size();
        });
        double[] fps = new double[repetitions];
        double[] facesPerSecond = new double[repetitions];
        double[] decodeMs = new double[repetitions];
        double[] detectMs = new double[repetitions];
        double[] classifyMs = new double[repetitions];
        double[] facesPerFrame = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
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
            fps[r] = n / seconds;
            facesPerSecond[r] = faces / seconds;
            decodeMs[r] = decode / 1e6 / n;
            detectMs[r] = detect / 1e6 / n;
            classifyMs[r] = classify / 1e6 / n;
            facesPerFrame[r] = (double) faces / n;
        }
        List<Measurement> out = new ArrayList<>();
        String d = analyzer.detector().name() + " + " + analyzer.model().name();
        out.add(Measurement.of("bare loop (" + d + ") frames", "frames/s", fps));
        out.add(Measurement.of("bare loop (" + d + ") faces", "faces/s", facesPerSecond));
        out.add(Measurement.of("bare loop (" + d + ") stage: JPEG decode", "ms/frame", decodeMs));
        out.add(Measurement.of("bare loop (" + d + ") stage: face detection", "ms/frame", detectMs));
        out.add(Measurement.of("bare loop (" + d + ") stage: crop + classify (all faces, one call)", "ms/frame", classifyMs));
        out.add(Measurement.of("bare loop (" + d + ") faces per frame", "faces", facesPerFrame));
        return out;
    }

    /**
     * The bare loop with tracking: decode, detect, track, classify each person when due ({@link ClassifySettings}).
     * The clip's frames go to {@code cameras} cameras in turn (one tracker each), as the Kafka pipeline benchmark
     * spreads them over its partitions; with one camera every frame is the same camera's. Reports frames/s and
     * classifier calls per frame, to set against the bare loop's faces per frame (every face classified).
     */
    static List<Measurement> trackingLoop(FrameAnalyzer analyzer, List<byte[]> jpegs, int repetitions, TrackerSettings tracking,
                                          ClassifySettings classify, int cameras) throws Exception {
        Repeat.warmUp(5, 0.05, () -> {
            trackingPass(analyzer, jpegs, tracking, classify, cameras);
            return jpegs.size();
        });
        double[] fps = new double[repetitions];
        double[] callsPerFrame = new double[repetitions];
        double[] facesPerFrame = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long start = System.nanoTime();
            List<CameraTracks> people = trackingPass(analyzer, jpegs, tracking, classify, cameras);
            double seconds = (System.nanoTime() - start) / 1e9;
            fps[r] = jpegs.size() / seconds;
            callsPerFrame[r] = (double) people.stream().mapToLong(CameraTracks::classifications).sum() / jpegs.size();
            facesPerFrame[r] = (double) people.stream().mapToLong(CameraTracks::facesSeen).sum() / jpegs.size();
        }
        String d = trackingLabel(analyzer, classify) + (cameras == 1 ? "" : ", frames dealt to " + cameras + " cameras as the Kafka pipeline's");
        return List.of(Measurement.of("bare loop (" + d + ") frames", "frames/s", fps),
                Measurement.of("bare loop (" + d + ") classifier calls per frame", "calls", callsPerFrame),
                Measurement.of("bare loop (" + d + ") tracked faces per frame", "faces", facesPerFrame));
    }

    /**
     * The tracking loop on one thread per analyzer at once, thread t owning camera t: frame i goes to camera
     * {@code i % threads}, as the Kafka benchmark deals frames to its partitions and each stream thread owns one. What
     * that many stream threads could reach with no Kafka at all; set against the one-thread loop over the same cameras,
     * it is the machine's own ceiling for the stream-thread scaling target. Each analyzer must be used by this call only.
     */
    static Measurement parallelTrackingLoop(List<FrameAnalyzer> analyzers, List<byte[]> jpegs, int repetitions, TrackerSettings tracking,
                                            ClassifySettings classify) throws Exception {
        int threads = analyzers.size();
        List<List<byte[]>> cameras = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<byte[]> frames = new ArrayList<>();
            for (int i = t; i < jpegs.size(); i += threads) {
                frames.add(jpegs.get(i));
            }
            cameras.add(frames);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Repeat.Block pass = () -> {
                List<Future<List<CameraTracks>>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    FrameAnalyzer analyzer = analyzers.get(t);
                    List<byte[]> frames = cameras.get(t);
                    running.add(pool.submit(() -> trackingPass(analyzer, frames, tracking, classify, 1)));
                }
                for (Future<List<CameraTracks>> f : running) {
                    f.get();
                }
                return jpegs.size();
            };
            Repeat.warmUp(5, 0.05, pass);
            double[] fps = Repeat.throughput(0, repetitions, pass);
            return Measurement.of("bare loop (" + trackingLabel(analyzers.get(0), classify) + ", " + threads
                    + " threads at once, one camera each) frames", "frames/s", fps);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What the tracking loops run, for their figures' names: detector, model and classification interval. */
    private static String trackingLabel(FrameAnalyzer analyzer, ClassifySettings classify) {
        return analyzer.detector().name() + " + " + analyzer.model().name() + ", tracking, classify every " + classify.intervalFrames()
                + " frames";
    }

    /** One pass over the clip, the frames dealt to {@code cameras} fresh trackers in turn; returns the trackers. */
    private static List<CameraTracks> trackingPass(FrameAnalyzer analyzer, List<byte[]> jpegs, TrackerSettings tracking,
                                                   ClassifySettings classify, int cameras) {
        List<CameraTracks> people = new java.util.ArrayList<>();
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
