package dev.emostream.inference.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import dev.emostream.schemas.BoundingBox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * The fallback that needs no files: OpenCV's frontal-face Haar cascade, bundled in the OpenCV jar. Less
 * accurate than the SSD; its "score" is a fixed 0.5 (cascades give no calibrated confidence).
 */
public final class HaarFaceDetector implements FaceDetector {
    public static final String NAME = "haar-frontalface";
    static final String RESOURCE = "/org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";
    private static final double SCORE = 0.5;

    private final CascadeClassifier cascade;
    private final Size minSize;
    private final Size maxSize = new Size();

    public HaarFaceDetector(int minFace) {
        Path xml = extract();
        this.cascade = new CascadeClassifier(xml.toString());
        if (cascade.empty()) {
            cascade.close();
            throw new IllegalStateException("OpenCV could not load the Haar cascade " + xml);
        }
        this.minSize = new Size(minFace, minFace);
    }

    @Override
    public List<Detection> detect(Mat bgr) {
        List<Detection> faces = new ArrayList<>();
        try (Mat grey = new Mat(); RectVector found = new RectVector()) {
            cvtColor(bgr, grey, COLOR_BGR2GRAY);
            equalizeHist(grey, grey);
            cascade.detectMultiScale(grey, found, 1.1, 5, 0, minSize, maxSize);
            for (long i = 0; i < found.size(); i++) {
                try (Rect r = found.get(i)) {
                    faces.add(new Detection(new BoundingBox(r.x(), r.y(), r.width(), r.height()), SCORE));
                }
            }
        }
        faces.sort(Comparator.comparingInt((Detection d) -> d.box().width() * d.box().height()).reversed());
        return faces;
    }

    private static Path extract() {
        try (InputStream in = HaarFaceDetector.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenCV jar has no " + RESOURCE + " (is the linux-x86_64 native on the class path?)");
            }
            Path file = Files.createTempFile("emostream-haar-", ".xml");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the Haar cascade", e);
        }
    }

    @Override
    public FaceDetectors.Kind kind() {
        return FaceDetectors.Kind.HAAR;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void close() {
        cascade.close();
        minSize.close();
        maxSize.close();
    }
}
