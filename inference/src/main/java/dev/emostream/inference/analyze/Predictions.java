package dev.emostream.inference.analyze;

import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.emostream.inference.detect.Detection;
import dev.emostream.schemas.BoundingBox;
import dev.emostream.schemas.FaceLandmarks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The "image in, faces out" contract shared by {@code emostream predict --json} and {@code POST /v1/predict}:
 * {@code {"faces": [{"box": {"x","y","width","height"}, "score", "emotion", "probabilities": {...},
 * "landmarks"?}]}}, and the annotated image (boxes, "emotion NN%" labels, landmarks as dots).
 */
public final class Predictions {
    private Predictions() {
    }

    /** The faces of an analysis as the contract's list. */
    public static List<Map<String, Object>> faces(FrameAnalyzer.Analysis a, List<String> classes) {
        List<Map<String, Object>> faces = new ArrayList<>();
        for (FrameAnalyzer.Face f : a.faces()) {
            Map<String, Object> face = new LinkedHashMap<>();
            BoundingBox b = f.detection().box();
            Map<String, Object> box = new LinkedHashMap<>();
            box.put("x", b.x());
            box.put("y", b.y());
            box.put("width", b.width());
            box.put("height", b.height());
            face.put("box", box);
            face.put("score", f.detection().score());
            face.put("emotion", classes.get(f.top()));
            Map<String, Double> p = new LinkedHashMap<>();
            for (int k = 0; k < classes.size(); k++) {
                p.put(classes.get(k), (double) f.probabilities()[k]);
            }
            face.put("probabilities", p);
            if (f.detection().landmarks() != null) {
                face.put("landmarks", f.detection().landmarks());
            }
            faces.add(face);
        }
        return faces;
    }

    /** Draws each face's box and "emotion NN%" above it onto {@code bgr}, and its landmarks when it has them. */
    /** {@code bgr} as JPEG bytes at {@code quality} (1..100). */
    public static byte[] jpeg(Mat bgr, int quality) {
        try (org.bytedeco.javacpp.IntPointer params = new org.bytedeco.javacpp.IntPointer(
                org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality);
             org.bytedeco.javacpp.BytePointer buf = new org.bytedeco.javacpp.BytePointer()) {
            if (!org.bytedeco.opencv.global.opencv_imgcodecs.imencode(".jpg", bgr, buf, params)) {
                throw new IllegalStateException("OpenCV could not encode a " + bgr.cols() + "x" + bgr.rows() + " image as JPEG");
            }
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }

    public static void annotate(Mat bgr, FrameAnalyzer.Analysis a, List<String> classes) {
        for (FrameAnalyzer.Face f : a.faces()) {
            String label = String.format("%s %.0f%%", classes.get(f.top()), 100 * f.probabilities()[f.top()]);
            drawFace(bgr, f.detection(), label);
        }
    }

    /** Draws one face: its box, {@code label} on a filled tab above it, and its landmarks as dots (scaled to the frame). */
    public static void drawFace(Mat bgr, Detection d, String label) {
        double fontScale = Math.max(0.5, bgr.cols() / 1000.0);
        int thickness = Math.max(2, bgr.cols() / 500);
        BoundingBox b = d.box();
        try (Scalar green = new Scalar(80, 200, 60, 0); Scalar black = new Scalar(0, 0, 0, 0);
             Point p1 = new Point(b.x(), b.y()); Point p2 = new Point(b.x() + b.width(), b.y() + b.height());
             Size text = getTextSize(label, FONT_HERSHEY_SIMPLEX, fontScale, thickness, new int[1]);
             Point t1 = new Point(b.x(), Math.max(0, b.y() - text.height() - 10));
             Point t2 = new Point(b.x() + text.width() + 6, Math.max(text.height() + 10, b.y()));
             Point org = new Point(b.x() + 3, Math.max(text.height() + 4, b.y() - 6))) {
            rectangle(bgr, p1, p2, green, thickness, LINE_AA, 0);
            rectangle(bgr, t1, t2, green, -1, LINE_AA, 0);
            putText(bgr, label, org, FONT_HERSHEY_SIMPLEX, fontScale, black, thickness, LINE_AA, false);
            FaceLandmarks lm = d.landmarks();
            if (lm != null) {
                for (FaceLandmarks.Point q : List.of(lm.rightEye(), lm.leftEye(), lm.nose(), lm.mouthRight(), lm.mouthLeft())) {
                    try (Point c = new Point(q.x(), q.y())) {
                        circle(bgr, c, thickness + 1, green, -1, LINE_AA, 0);
                    }
                }
            }
        }
    }
}
