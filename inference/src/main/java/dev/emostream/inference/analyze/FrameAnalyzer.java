package dev.emostream.inference.analyze;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.inference.classify.FaceCrops;
import dev.emostream.inference.detect.Detection;
import dev.emostream.inference.detect.FaceDetector;
import dev.emostream.inference.InferenceThreads;
import dev.emostream.inference.appearance.ColourHistogram;
import dev.emostream.inference.detect.DetectorSettings;
import dev.emostream.inference.detect.FaceDetectors;
import dev.emostream.schemas.BoundingBox;
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
    private final ColourHistogram colours = new ColourHistogram();
    private Mat current = decoded;

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
        decodeToFrame(encoded);
        return analyze(decoded, System.nanoTime() - t0);
    }

    /**
     * Decodes {@code encoded} into this analyzer's frame (kept until the next decode, for {@link #histogram} and
     * {@link #classify(List)}) and detects its faces, without classifying them: the tracker decides which to classify.
     */
    @Override
    public Detected detect(byte[] encoded) {
        long t0 = System.nanoTime();
        decodeToFrame(encoded);
        current = decoded;
        long t1 = System.nanoTime();
        List<Detection> detections = detector.detect(decoded);
        return new Detected(decoded.cols(), decoded.rows(), detections, t1 - t0, System.nanoTime() - t1);
    }

    /** Faces of the last decoded frame, before classification; times in nanoseconds. */
    public record Detected(int width, int height, List<Detection> detections, long decodeNanos, long detectNanos) {
    }

    /**
     * Detects the faces of a frame decoded elsewhere (a video's BGR frame), which becomes the current frame for
     * {@link #histogram} and {@link #classify(List)}: the caller keeps it open until it is done with them.
     */
    public Detected detect(Mat bgr) {
        current = bgr;
        long t1 = System.nanoTime();
        List<Detection> detections = detector.detect(bgr);
        return new Detected(bgr.cols(), bgr.rows(), detections, 0, System.nanoTime() - t1);
    }

    /** The colour histogram of {@code box} in the current frame (the tracker's appearance check). */
    @Override
    public float[] histogram(BoundingBox box) {
        return colours.of(current, box);
    }

    /** Class probabilities (model order) of the given boxes of the current frame, all in one call. */
    @Override
    public List<float[]> classify(List<BoundingBox> boxes) {
        return classifyBoxes(current, boxes);
    }

    private void decodeToFrame(byte[] encoded) {
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
    }

    /** Analyses a decoded BGR frame; {@code decodeNanos} is reported as given. */
    public Analysis analyze(Mat bgr, long decodeNanos) {
        long t1 = System.nanoTime();
        List<Detection> detections = detector.detect(bgr);
        long t2 = System.nanoTime();
        List<Face> faces = new ArrayList<>(detections.size());
        if (!detections.isEmpty()) {
            List<BoundingBox> boxes = new ArrayList<>(detections.size());
            for (Detection d : detections) {
                boxes.add(d.box());
            }
            List<float[]> p = classifyBoxes(bgr, boxes);
            for (int i = 0; i < detections.size(); i++) {
                faces.add(new Face(detections.get(i), p.get(i), argmax(p.get(i))));
            }
        }
        long t3 = System.nanoTime();
        return new Analysis(bgr.cols(), bgr.rows(), faces, new Timings(decodeNanos, t2 - t1, t3 - t2));
    }

    private List<float[]> classifyBoxes(Mat bgr, List<BoundingBox> boxes) {
        int n = boxes.size();
        if (n == 0) {
            return List.of();
        }
        int px = crops.pixels();
        if (batch.length < n * px) {
            batch = new float[n * px];
        }
        for (int i = 0; i < n; i++) {
            crops.write(bgr, boxes.get(i), batch, i * px);
        }
        float[] p = classifier.classify(batch, n);
        int c = classifier.classes();
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(java.util.Arrays.copyOfRange(p, i * c, i * c + c));
        }
        return out;
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

    /** Index of the largest value. */
    public static int argmax(float[] p) {
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
        colours.close();
        decoded.close();
        encodedBuffer.close();
    }
}
