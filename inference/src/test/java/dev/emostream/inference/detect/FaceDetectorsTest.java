package dev.emostream.inference.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emostream.inference.TestAssets;
import dev.emostream.inference.assets.AssetStore;
import dev.emostream.inference.assets.AssetUnavailableException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which detector {@code --detector} gives, with the shared files, without them, and offline. */
class FaceDetectorsTest {
    @TempDir
    Path emptyAssets;
    @TempDir
    Path cache;

    private AssetStore offline() {
        return new AssetStore(emptyAssets, cache, f -> URI.create("http://127.0.0.1:1/" + f.fileName()));
    }

    @Test
    void autoPicksYunetWhenItsFileIsPresent() {
        // Given the shared assets folder, which holds YuNet and the SSD
        TestAssets.shared(dev.emostream.schemas.Assets.FACE_DETECTOR_YUNET);
        AssetStore store = new AssetStore(TestAssets.assetsRoot(), cache, f -> URI.create("http://127.0.0.1:1/"));

        // Then auto is YuNet at the default input width
        try (FaceDetector d = FaceDetectors.create(DetectorSettings.DEFAULTS, store)) {
            assertThat(d.name()).isEqualTo("yunet-" + DetectorSettings.DEFAULT_INPUT_WIDTH);
        }
    }

    @Test
    void autoFallsBackToTheHaarCascadeWhenNothingCanBeFound() {
        // Given an empty assets folder and no network
        try (FaceDetector d = FaceDetectors.create(DetectorSettings.DEFAULTS, offline())) {
            // Then auto still gives a detector: the cascade bundled in the OpenCV jar
            assertThat(d.name()).isEqualTo(HaarFaceDetector.NAME);
        }
    }

    @Test
    void anExplicitDetectorWhoseFileIsMissingNamesTheFileAndTheFix() {
        // Given an empty assets folder and no network, when YuNet or the SSD is asked for by name
        for (FaceDetectors.Kind kind : new FaceDetectors.Kind[] {FaceDetectors.Kind.YUNET, FaceDetectors.Kind.SSD}) {
            // Then the error names the missing file and EMOSTREAM_ASSETS
            assertThatThrownBy(() -> FaceDetectors.create(DetectorSettings.DEFAULTS.withKind(kind), offline()))
                    .isInstanceOf(AssetUnavailableException.class)
                    .hasMessageContaining(kind == FaceDetectors.Kind.YUNET ? "face_detection_yunet_2023mar.onnx" : "opencv_face_detector")
                    .hasMessageContaining("EMOSTREAM_ASSETS");
        }
    }

    @Test
    void anUnknownDetectorNameListsTheAcceptedOnes() {
        assertThat(FaceDetectors.Kind.parse(" YuNet ")).isEqualTo(FaceDetectors.Kind.YUNET);
        assertThatThrownBy(() -> FaceDetectors.Kind.parse("mtcnn"))
                .hasMessage("unknown face detector 'mtcnn' (accepted: auto, yunet, ssd, haar)");
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> DetectorSettings.DEFAULTS.withInputWidth(8)).hasMessageContaining("input width");
        assertThatThrownBy(() -> DetectorSettings.DEFAULTS.withScoreThreshold(1.5)).hasMessageContaining("score threshold");
    }
}
