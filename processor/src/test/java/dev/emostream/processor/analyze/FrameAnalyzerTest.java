package dev.emostream.processor.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.emostream.processor.TestAssets;
import dev.emostream.processor.VideoFrames;
import dev.emostream.processor.classify.EmotionClassifier;
import dev.emostream.processor.detect.FaceDetectors;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real detector and the shipped model on real images and a real clip. */
class FrameAnalyzerTest {
    private static FrameAnalyzer analyzer;

    @BeforeAll
    static void realParts() {
        analyzer = TestAssets.analyzer();
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    @Test
    void portraitsHaveOneFaceAndTheBasketballSceneNone() {
        // Given two portraits and a scene without people
        FrameAnalyzer.Analysis astronaut = analyzer.analyze(TestAssets.jpeg("astronaut.png"));
        FrameAnalyzer.Analysis obama = analyzer.analyze(TestAssets.jpeg("fr_obama.jpg"));
        FrameAnalyzer.Analysis basketball = analyzer.analyze(TestAssets.jpeg("basketball1.png"));

        // Then the portraits hold one face each, with probabilities over the model's classes summing to 1
        assertThat(astronaut.faces()).hasSize(1);
        assertThat(obama.faces()).hasSize(1);
        assertThat(basketball.faces()).isEmpty();
        for (FrameAnalyzer.Face f : List.of(astronaut.faces().get(0), obama.faces().get(0))) {
            assertThat(f.probabilities()).hasSize(analyzer.classifier().classes());
            double sum = 0;
            for (float p : f.probabilities()) {
                sum += p;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-4));
        }
        // The portrait's face lies in the upper half, centred
        var box = obama.faces().get(0).detection().box();
        assertThat(box.x() + box.width() / 2).isBetween(obama.width() / 3, 2 * obama.width() / 3);
        assertThat(box.y() + box.height()).isLessThan(obama.height() / 2);
    }

    @Test
    void mostFramesOfThePeopleClipHaveFaces() throws Exception {
        // Given every 10th frame of the 720p clip (1 to 5 faces each)
        List<byte[]> frames = VideoFrames.jpegs(TestAssets.media("people-720p15.mp4"), 10, 45);

        // When each is analysed
        int withFaces = 0;
        int faces = 0;
        for (byte[] jpeg : frames) {
            FrameAnalyzer.Analysis a = analyzer.analyze(jpeg);
            assertThat(a.width()).isEqualTo(1280);
            withFaces += a.faces().isEmpty() ? 0 : 1;
            faces += a.faces().size();
        }

        // Then most frames have faces, about as many as the clip holds
        assertThat(frames).hasSize(45);
        assertThat(withFaces).isGreaterThanOrEqualTo((int) (0.8 * frames.size()));
        assertThat((double) faces / frames.size()).isBetween(1.0, 5.0);
    }

    @Test
    void theHaarFallbackNeedsNoFilesAndFindsThePortrait() {
        // Given the Haar cascade bundled in the OpenCV jar
        try (FrameAnalyzer haar = new FrameAnalyzer(FaceDetectors.create(FaceDetectors.Kind.HAAR, null, null, 0.5),
                EmotionClassifier.open(TestAssets.fastModel()), 0.1)) {
            // Then its largest box (cascades also fire on textures, smaller) is the face the SSD finds
            byte[] portrait = TestAssets.jpeg("fr_obama.jpg");
            assertThat(haar.detector().name()).isEqualTo("haar-frontalface");
            List<FrameAnalyzer.Face> faces = haar.analyze(portrait).faces();
            assertThat(faces).isNotEmpty();
            var ssdBox = analyzer.analyze(portrait).faces().get(0).detection().box();
            assertThat(iou(faces.get(0).detection().box(), ssdBox)).isGreaterThan(0.5);
        }
    }

    private static double iou(dev.emostream.schemas.BoundingBox a, dev.emostream.schemas.BoundingBox b) {
        int x1 = Math.max(a.x(), b.x());
        int y1 = Math.max(a.y(), b.y());
        int x2 = Math.min(a.x() + a.width(), b.x() + b.width());
        int y2 = Math.min(a.y() + a.height(), b.y() + b.height());
        double inter = Math.max(0, x2 - x1) * (double) Math.max(0, y2 - y1);
        return inter / (a.width() * (double) a.height() + b.width() * (double) b.height() - inter);
    }

    @Test
    void bytesThatAreNotAnImageAreRefusedClearly() {
        assertThatThrownBy(() -> analyzer.analyze(new byte[] {1, 2, 3}))
                .isInstanceOf(UndecodableImageException.class).hasMessageContaining("3 bytes");
    }
}
