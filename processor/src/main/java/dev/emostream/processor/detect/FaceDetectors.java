package dev.emostream.processor.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the face detector: the SSD when its two model files exist, else the bundled Haar cascade. Logs which. */
public final class FaceDetectors {
    private static final Logger LOG = LoggerFactory.getLogger(FaceDetectors.class);

    /** Which detector to use: {@code AUTO} prefers the SSD and falls back to Haar. */
    public enum Kind { AUTO, SSD, HAAR }

    private FaceDetectors() {
    }

    public static FaceDetector create(Kind kind, Path ssdPb, Path ssdPbtxt, double threshold) {
        boolean ssdPresent = ssdPb != null && ssdPbtxt != null && Files.isRegularFile(ssdPb) && Files.isRegularFile(ssdPbtxt);
        if (kind == Kind.SSD || (kind == Kind.AUTO && ssdPresent)) {
            FaceDetector d = new SsdFaceDetector(ssdPb, ssdPbtxt, threshold);
            LOG.info("Face detector: OpenCV DNN SSD ({}), confidence threshold {}", ssdPb, threshold);
            return d;
        }
        if (kind == Kind.AUTO) {
            LOG.info("Face detector: Haar cascade (the SSD model was not found at {})", ssdPb);
        } else {
            LOG.info("Face detector: Haar cascade");
        }
        return new HaarFaceDetector(24);
    }
}
