package dev.emostream.app.bench;

import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.detect.DetectorSettings;
import dev.emostream.inference.detect.FaceDetector;
import dev.emostream.inference.detect.FaceDetectors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Face detectors alone on the same decoded frames, in one run: frames/s and the faces each finds, so speed and
 * recall are compared side by side (YuNet at several input widths, the SSD).
 */
final class DetectorBenchmarks {
    private DetectorBenchmarks() {
    }

    /** One detector configuration to measure. */
    record Candidate(String label, DetectorSettings settings) {
    }

    static List<Measurement> compare(List<byte[]> jpegs, List<Candidate> candidates, int repetitions) {
        List<Mat> decoded = new ArrayList<>();
        List<Measurement> out = new ArrayList<>();
        try {
            for (byte[] j : jpegs) {
                decoded.add(FrameAnalyzer.decode(j));
            }
            for (Candidate c : candidates) {
                try (FaceDetector d = FaceDetectors.create(c.settings())) {
                    long faces = 0;
                    for (Mat m : decoded) {
                        faces += d.detect(m).size();
                    }
                    double[] fps = new double[repetitions];
                    for (int r = 0; r < repetitions; r++) {
                        long start = System.nanoTime();
                        for (Mat m : decoded) {
                            d.detect(m);
                        }
                        fps[r] = decoded.size() / ((System.nanoTime() - start) / 1e9);
                    }
                    out.add(Measurement.of("detector " + c.label() + " (" + d.name() + ") speed", "frames/s", fps));
                    out.add(Measurement.of("detector " + c.label() + " (" + d.name() + ") faces found in " + decoded.size() + " frames",
                            "faces", new double[] {faces}));
                }
            }
            return out;
        } finally {
            decoded.forEach(Mat::close);
        }
    }
}
