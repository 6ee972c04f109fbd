package dev.emostream.inference.analyze;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.inference.classify.FaceCrops;
import dev.emostream.inference.detect.Detection;
import dev.emostream.inference.detect.FaceDetector;
import dev.emostream.inference.InferenceThreads;
import dev.emostream.inference.detect.DetectorSettings;
import dev.emostream.inference.detect.FaceDetectors;
import dev.emostream.schemas.ModelCard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decode, detect, crop, classify: the per-frame work of the processor, also used by {@code predict}, the demo
 * API and the benchmark's bare loop. Holds a detector, a classifier and the decode buffers (native objects,
 * reused frame after frame): one per thread, closed with it.
 *
 * <pre>{@code
 * try (FrameAnalyzer a = FrameAnalyzer.open(DetectorSettings.DEFAULTS, Path.of("models/fast"), threads, 0.1)) {
 *     FrameAnalyzer.Analysis faces = a.analyze(jpegBytes);
 * }
 * }</pre>
 */
public final class FrameAnalyzer implements ImageAnalyzer {
    private final FaceDetector detector;
    private final EmotionClassifier classifier;
    private final FaceCrops crops;
    private float[] batch = new float[0];
    private BytePointer encodedBuffer = new BytePointer(0L);
    private final Mat decoded = new Mat();

    /** A face and its class probabilities in model order; {@code top} indexes the most probable class. */
    public record Face(Detection detection, float[] probabilities, int top) {
    }

    /** Nanoseconds spent in each stage of one frame. */
    public record Timings(long decodeNanos, long detectNanos, long classifyNanos) {
        public long totalNanos() {
            return decodeNanos + detectNanos + classifyNanos;
        }
    }

    /** What one frame held. */
    public record Analysis(int width, int height, List<Face> faces, Timings timings) {
    }

    public FrameAnalyzer(FaceDetector detector, EmotionClassifier classifier, double margin) {
        this.detector = detector;
        this.classifier = classifier;
        this.crops = new FaceCrops(classifier.card().input(), margin);
    }

    /** A detector and classifier from their settings, with the given thread pools for TensorFlow. */
    public static FrameAnalyzer open(DetectorSettings detector, Path modelDir, InferenceThreads threads, double margin) {
        EmotionClassifier classifier = EmotionClassifier.open(modelDir, threads);
        try {
            return new FrameAnalyzer(FaceDetectors.create(detector), classifier, margin);
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    @Override
    public ModelCard model() {
        return classifier.card();
    }

    public EmotionClassifier classifier() {
        return classifier;
    }

    public FaceDetector detector() {
        return detector;
    }

    public FaceCrops crops() {
        return crops;
    }

    /**
     * Analyses encoded image bytes (JPEG, PNG, ...); throws {@link UndecodableImageException} for anything else.
     * The bytes are copied into a native buffer and decoded into a frame Mat that are both reused.
     */
    @Override
    public Analysis analyze(byte[] encoded) {
        long t0 = System.nanoTime();
        if (encoded == null || encoded.length == 0) {
            throw new UndecodableImageException("empty image");
        }
        if (encodedBuffer.capacity() < encoded.length) {
            encodedBuffer.close();
            encodedBuffer = new BytePointer(Math.max(encoded.length, encodedBuffer.capacity() * 3 / 2));
        }
        encodedBuffer.position(0).put(encoded, 0, encoded.length);
        // OpenCV leaves the destination as it was when decoding fails: release it so no old frame survives.
        decoded.release();
        try (Mat buffer = new Mat(1, encoded.length, CV_8UC1, encodedBuffer);
             Mat result = imdecode(buffer, IMREAD_COLOR, decoded)) {
            if (result == null || result.empty()) {
                decoded.release();
            }
        }
        if (decoded.empty()) {
            throw new UndecodableImageException("not a decodable image (" + encoded.length + " bytes)");
        }
        return analyze(decoded, System.nanoTime() - t0);
    }

    /** Analyses a decoded BGR frame; {@code decodeNanos} is reported as given. */
    public Analysis analyze(Mat bgr, long decodeNanos) {
        long t1 = System.nanoTime();
        List<Detection> detections = detector.detect(bgr);
        long t2 = System.nanoTime();
        List<Face> faces = new ArrayList<>(detections.size());
        if (!detections.isEmpty()) {
            int px = crops.pixels();
            int n = detections.size();
            if (batch.length < n * px) {
                batch = new float[n * px];
            }
            for (int i = 0; i < n; i++) {
                crops.write(bgr, detections.get(i).box(), batch, i * px);
            }
            float[] p = classifier.classify(batch, n);
            int c = classifier.classes();
            for (int i = 0; i < n; i++) {
                float[] probabilities = java.util.Arrays.copyOfRange(p, i * c, i * c + c);
                faces.add(new Face(detections.get(i), probabilities, argmax(probabilities)));
            }
        }
        long t3 = System.nanoTime();
        return new Analysis(bgr.cols(), bgr.rows(), faces, new Timings(decodeNanos, t2 - t1, t3 - t2));
    }

    /** Decodes image bytes to a BGR Mat (caller closes it). */
    public static Mat decode(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            throw new UndecodableImageException("empty image");
        }
        try (BytePointer bytes = new BytePointer(encoded);
             Mat buffer = new Mat(1, encoded.length, CV_8UC1, bytes)) {
            Mat bgr = imdecode(buffer, IMREAD_COLOR);
            if (bgr == null || bgr.empty()) {
                if (bgr != null) {
                    bgr.close();
                }
                throw new UndecodableImageException("not a decodable image (" + encoded.length + " bytes)");
            }
            return bgr;
        }
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() {
        detector.close();
        classifier.close();
        crops.close();
        decoded.close();
        encodedBuffer.close();
    }
}
