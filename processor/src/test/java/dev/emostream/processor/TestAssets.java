package dev.emostream.processor;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.fail;

import dev.emostream.processor.analyze.FrameAnalyzer;
import dev.emostream.processor.classify.EmotionClassifier;
import dev.emostream.processor.detect.FaceDetectors;
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

    /** The real analyzer: the SSD from ../shared and the shipped fast model. */
    public static FrameAnalyzer analyzer() {
        Path pb = shared(Assets.FACE_DETECTOR_PB);
        Path pbtxt = shared(Assets.FACE_DETECTOR_PBTXT);
        return new FrameAnalyzer(FaceDetectors.create(FaceDetectors.Kind.SSD, pb, pbtxt, 0.5), EmotionClassifier.open(fastModel()), 0.1);
    }
}
