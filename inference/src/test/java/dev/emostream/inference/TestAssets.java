package dev.emostream.inference;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.fail;

import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.inference.detect.DetectorSettings;
import dev.emostream.inference.detect.FaceDetector;
import dev.emostream.inference.detect.FaceDetectors;
import dev.emostream.schemas.Assets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Real parts for tests: the shipped model, the shared face detector and media. */
public final class TestAssets {
    private TestAssets() {
    }

    /** The shipped fast model ({@code models/fast} at the project root). */
    public static Path fastModel() {
        Path p = Path.of("..", "models", "fast");
        if (!Files.isRegularFile(p.resolve("saved_model.pb"))) {
            fail("the shipped model is missing: " + p.toAbsolutePath());
        }
        return p;
    }

    /** A file from ../shared; skips when absent, fails under CI. */
    public static Path shared(String relative) {
        return dev.emostream.schemas.SharedAssets.require(relative);
    }

    public static Path media(String name) {
        return shared(Assets.MEDIA + "/" + name);
    }

    /** A shared image re-encoded as JPEG, as ingest would send it. */
    public static byte[] jpeg(String mediaName) {
        try (Mat image = imread(media(mediaName).toString()); BytePointer buf = new BytePointer()) {
            if (image.empty()) {
                fail("cannot read " + mediaName);
            }
            imencode(".jpg", image, buf);
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }

    /** The real analyzer with the default detector (YuNet from ../shared) and the shipped fast model. */
    public static FrameAnalyzer analyzer() {
        return analyzer(FaceDetectors.Kind.YUNET);
    }

    /** The real analyzer with the given detector (its files from ../shared) and the shipped fast model. */
    public static FrameAnalyzer analyzer(FaceDetectors.Kind kind) {
        return new FrameAnalyzer(detector(kind), EmotionClassifier.open(fastModel(), InferenceThreads.forWorkers(1)), 0.1);
    }

    /** A detector with default settings whose files come from ../shared (skips when absent, fails under CI). */
    public static FaceDetector detector(FaceDetectors.Kind kind) {
        switch (kind) {
            case YUNET -> shared(Assets.FACE_DETECTOR_YUNET);
            case SSD -> {
                shared(Assets.FACE_DETECTOR_PB);
                shared(Assets.FACE_DETECTOR_PBTXT);
            }
            default -> {
            }
        }
        return FaceDetectors.create(DetectorSettings.DEFAULTS.withKind(kind).withAssets(assetsRoot()));
    }

    /** The shared assets folder the tests use. */
    public static Path assetsRoot() {
        return Assets.root(null);
    }
}
