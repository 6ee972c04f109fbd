package dev.emostream.inference.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import dev.emostream.schemas.BoundingBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * OpenCV's SSD face detector (ResNet-10 backbone, TensorFlow graph, uint8 weights) run by OpenCV DNN: one
 * 300x300 blob per frame, mean (104, 177, 123) subtracted, BGR, no scaling; detections above a confidence
 * threshold. Kept for comparison and for deployments that validated it; YuNet is the default.
 */
public final class SsdFaceDetector implements FaceDetector {
    public static final String NAME = "ssd-resnet10";
    private static final int INPUT = 300;

    private final Net net;
    private final double threshold;
    private final Size inputSize = new Size(INPUT, INPUT);
    private final Scalar mean = new Scalar(104.0, 177.0, 123.0, 0.0);

    public SsdFaceDetector(Path pb, Path pbtxt, double threshold, DnnBackend backend) {
        for (Path p : List.of(pb, pbtxt)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("face detector file not found: " + p);
            }
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("detector confidence threshold must be between 0 and 1, got " + threshold);
        }
        this.net = opencv_dnn.readNetFromTensorflow(pb.toString(), pbtxt.toString());
        if (net.empty()) {
            net.close();
            throw new IllegalArgumentException("OpenCV could not load the SSD face detector from " + pb + " and " + pbtxt);
        }
        DnnBackend resolved = backend.resolve();
        net.setPreferableBackend(resolved.backendId());
        net.setPreferableTarget(resolved.targetId());
        this.threshold = threshold;
    }

    @Override
    public List<Detection> detect(Mat bgr) {
        int width = bgr.cols();
        int height = bgr.rows();
        List<Detection> faces = new ArrayList<>();
        try (Mat blob = opencv_dnn.blobFromImage(bgr, 1.0, inputSize, mean, false, false, CV_32F)) {
            net.setInput(blob);
            try (Mat out = net.forward();
                 // out is [1, 1, N, 7]: (image, class, confidence, x1, y1, x2, y2), coordinates 0..1
                 Mat rows = new Mat(out.size(2), out.size(3), CV_32F, out.ptr(0, 0));
                 FloatIndexer idx = rows.createIndexer()) {
                for (int i = 0; i < rows.rows(); i++) {
                    float confidence = idx.get(i, 2);
                    if (confidence < threshold) {
                        continue;
                    }
                    int x1 = clamp(Math.round(idx.get(i, 3) * width), width);
                    int y1 = clamp(Math.round(idx.get(i, 4) * height), height);
                    int x2 = clamp(Math.round(idx.get(i, 5) * width), width);
                    int y2 = clamp(Math.round(idx.get(i, 6) * height), height);
                    if (x2 - x1 >= 8 && y2 - y1 >= 8) {
                        faces.add(new Detection(new BoundingBox(x1, y1, x2 - x1, y2 - y1), Math.min(1.0, confidence)));
                    }
                }
            }
        }
        faces.sort(Comparator.comparingDouble(Detection::score).reversed());
        return faces;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    @Override
    public FaceDetectors.Kind kind() {
        return FaceDetectors.Kind.SSD;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void close() {
        net.close();
        inputSize.close();
        mean.close();
    }
}
