package dev.emostream.app.bench;

import dev.emostream.inference.analyze.FrameAnalyzer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bare in-process loop, no Kafka: JPEG decode, face detection, classification of all faces of a frame.
 * Reports frames/s, faces/s and where the time goes per stage.
 */
final class PipelineBenchmarks {
    private PipelineBenchmarks() {
    }

    static List<Measurement> bareLoop(FrameAnalyzer analyzer, List<byte[]> jpegs, int repetitions) {
        for (int i = 0; i < Math.min(10, jpegs.size()); i++) {
            analyzer.analyze(jpegs.get(i)); // warm-up
        }
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
}
