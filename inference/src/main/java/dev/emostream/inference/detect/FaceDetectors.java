package dev.emostream.inference.detect;

import dev.emostream.inference.assets.AssetStore;
import dev.emostream.inference.assets.AssetUnavailableException;
import dev.emostream.inference.assets.DetectorFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks and creates the face detector. {@code AUTO} takes YuNet when its file is found (assets folder, cache, or
 * fetched from its canonical URL), then the SSD, then the Haar cascade bundled in the OpenCV jar, and logs which
 * and why. An explicit kind whose file cannot be had is an error that names the file and the fix.
 */
public final class FaceDetectors {
    private static final Logger LOG = LoggerFactory.getLogger(FaceDetectors.class);

    /** Which detector to use. */
    public enum Kind {
        AUTO, YUNET, SSD, HAAR;

        /** Lower-case names for flags and settings: auto, yunet, ssd, haar. */
        public static List<String> names() {
            List<String> n = new ArrayList<>();
            for (Kind k : values()) {
                n.add(k.name().toLowerCase(Locale.ROOT));
            }
            return n;
        }

        /** Parses a flag value; the error lists the accepted values. */
        public static Kind parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("unknown face detector '" + value + "' (accepted: " + String.join(", ", names()) + ")");
            }
        }
    }

    private FaceDetectors() {
    }

    /** The detector the settings ask for, its files found through {@link AssetStore#standard}. */
    public static FaceDetector create(DetectorSettings settings) {
        return create(settings, AssetStore.standard(settings.assets()));
    }

    public static FaceDetector create(DetectorSettings s, AssetStore store) {
        return switch (s.kind()) {
            case YUNET -> yunet(s, store.locate(DetectorFile.YUNET));
            case SSD -> ssd(s, store.locate(DetectorFile.SSD_PB), store.locate(DetectorFile.SSD_PBTXT));
            case HAAR -> haar("asked for");
            case AUTO -> auto(s, store);
        };
    }

    /** YuNet when it can be had, else the SSD, else Haar; each fall-back logged with its reason. */
    private static FaceDetector auto(DetectorSettings s, AssetStore store) {
        Path onnx;
        try {
            onnx = store.locate(DetectorFile.YUNET);
        } catch (AssetUnavailableException e) {
            LOG.warn("YuNet is not available, trying the SSD: {}", e.getMessage());
            try {
                return ssd(s, store.locate(DetectorFile.SSD_PB), store.locate(DetectorFile.SSD_PBTXT));
            } catch (AssetUnavailableException e2) {
                LOG.warn("The SSD is not available either: {}", e2.getMessage());
                return haar("neither YuNet nor the SSD could be found or fetched");
            }
        }
        return yunet(s, onnx);
    }

    private static FaceDetector yunet(DetectorSettings s, Path onnx) {
        FaceDetector d = new YuNetFaceDetector(onnx, s.inputWidth(), s.scoreThreshold(), s.nmsThreshold(), s.backend());
        LOG.info("Face detector: YuNet ({}), input width {}, score threshold {}, NMS threshold {}", onnx, s.inputWidth(),
                s.scoreThreshold(), s.nmsThreshold());
        return d;
    }

    private static FaceDetector ssd(DetectorSettings s, Path pb, Path pbtxt) {
        FaceDetector d = new SsdFaceDetector(pb, pbtxt, s.scoreThreshold(), s.backend());
        LOG.info("Face detector: OpenCV DNN SSD ({}), confidence threshold {}", pb, s.scoreThreshold());
        return d;
    }

    private static FaceDetector haar(String why) {
        LOG.info("Face detector: Haar cascade ({})", why);
        return new HaarFaceDetector(24);
    }
}
