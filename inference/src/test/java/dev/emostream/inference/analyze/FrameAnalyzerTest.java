package dev.emostream.inference.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.emostream.inference.TestAssets;
import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.inference.detect.FaceDetectors;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default detector (YuNet) and the shipped model on real images: decode, detect, crop, classify. */
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
    void eachPortraitHasOneFaceWithProbabilitiesSummingToOne() {
        // Given three portraits (the astronaut, Obama, Messi's small face), as ingest would send them
        for (String image : List.of("astronaut.png", "fr_obama.jpg", "messi5.jpg")) {
            // When each is analysed
            FrameAnalyzer.Analysis a = analyzer.analyze(TestAssets.jpeg(image));

            // Then it holds exactly one face, classified over the model's classes with probabilities summing to 1
            assertThat(a.faces()).as(image).hasSize(1);
            FrameAnalyzer.Face f = a.faces().get(0);
            assertThat(f.probabilities()).hasSize(analyzer.classifier().classes());
            double sum = 0;
            for (float p : f.probabilities()) {
                sum += p;
            }
            assertThat(sum).as(image).isCloseTo(1.0, within(1e-4));
        }
        // And the official portrait's face lies in the upper half, centred
        FrameAnalyzer.Analysis obama = analyzer.analyze(TestAssets.jpeg("fr_obama.jpg"));
        var box = obama.faces().get(0).detection().box();
        assertThat(box.x() + box.width() / 2).isBetween(obama.width() / 3, 2 * obama.width() / 3);
        assertThat(box.y() + box.height()).isLessThan(obama.height() / 2);
    }

    @Test
    void yunetGivesFiveLandmarksInsideTheFaceWithTheEyesAboveTheMouth() {
        // Given the astronaut's portrait
        FrameAnalyzer.Face face = analyzer.analyze(TestAssets.jpeg("astronaut.png")).faces().get(0);

        // Then the landmarks lie in the box, eyes above the nose above the mouth, the right eye on the image's left
        var b = face.detection().box();
        var lm = face.detection().landmarks();
        assertThat(lm).isNotNull();
        for (var p : List.of(lm.rightEye(), lm.leftEye(), lm.nose(), lm.mouthRight(), lm.mouthLeft())) {
            assertThat(p.x()).isBetween(b.x(), b.x() + b.width());
            assertThat(p.y()).isBetween(b.y(), b.y() + b.height());
        }
        assertThat(lm.rightEye().x()).isLessThan(lm.leftEye().x());
        assertThat(Math.max(lm.rightEye().y(), lm.leftEye().y())).isLessThan(lm.nose().y());
        assertThat(lm.nose().y()).isLessThan(Math.min(lm.mouthRight().y(), lm.mouthLeft().y()));
    }

    @Test
    void yunetFindsTheSmallFaceInTheBasketballSceneThatTheSsdMisses() {
        // Given the grey basketball scene: one small frontal face (the man on the left, about 32 px wide)
        byte[] scene = TestAssets.jpeg("basketball1.png");

        // When YuNet and the SSD look at it
        List<FrameAnalyzer.Face> yunet = analyzer.analyze(scene).faces();
        List<FrameAnalyzer.Face> ssd;
        try (FrameAnalyzer withSsd = TestAssets.analyzer(FaceDetectors.Kind.SSD)) {
            ssd = withSsd.analyze(scene).faces();
        }

        // Then YuNet finds a small face in the left half of the 640-wide frame; the SSD finds nothing
        assertThat(yunet).anySatisfy(f -> {
            var b = f.detection().box();
            assertThat(b.x() + b.width() / 2).isLessThan(320);
            assertThat(b.width()).isBetween(16, 64);
        });
        assertThat(ssd).isEmpty();
    }

    @Test
    void onThePeopleClipYunetFindsAtLeastAsManyFacesAsTheSsd() throws Exception {
        // Given every 10th frame of the 720p clip (1 to 5 faces each)
        List<byte[]> frames = dev.emostream.inference.VideoFrames.jpegs(TestAssets.media("people-720p15.mp4"), 10, 45);

        // When each is analysed with YuNet and with the SSD
        int yunetFaces = 0;
        int ssdFaces = 0;
        int withFaces = 0;
        try (FrameAnalyzer ssd = TestAssets.analyzer(FaceDetectors.Kind.SSD)) {
            for (byte[] jpeg : frames) {
                FrameAnalyzer.Analysis a = analyzer.analyze(jpeg);
                assertThat(a.width()).isEqualTo(1280);
                yunetFaces += a.faces().size();
                withFaces += a.faces().isEmpty() ? 0 : 1;
                ssdFaces += ssd.analyze(jpeg).faces().size();
            }
        }

        // Then YuNet finds faces in most frames, at least as many as the SSD, about as many as the clip holds
        assertThat(frames).hasSize(45);
        assertThat(withFaces).isGreaterThanOrEqualTo((int) (0.9 * frames.size()));
        assertThat(yunetFaces).isGreaterThanOrEqualTo(ssdFaces);
        assertThat((double) yunetFaces / frames.size()).isBetween(2.0, 5.0);
    }

    @Test
    void theHaarFallbackNeedsNoFilesAndFindsThePortrait() {
        // Given the Haar cascade bundled in the OpenCV jar
        try (FrameAnalyzer haar = new FrameAnalyzer(TestAssets.detector(FaceDetectors.Kind.HAAR),
                EmotionClassifier.open(TestAssets.fastModel()), 0.1)) {
            // Then its largest box (cascades also fire on textures, smaller) is the face YuNet finds
            byte[] portrait = TestAssets.jpeg("fr_obama.jpg");
            assertThat(haar.detector().name()).isEqualTo("haar-frontalface");
            List<FrameAnalyzer.Face> faces = haar.analyze(portrait).faces();
            assertThat(faces).isNotEmpty();
            var yunetBox = analyzer.analyze(portrait).faces().get(0).detection().box();
            assertThat(iou(faces.get(0).detection().box(), yunetBox)).isGreaterThan(0.4);
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
    void bytesThatAreNotAnImageAreRefusedClearlyEvenAfterAGoodFrame() {
        // Given an analyzer that has just decoded a real frame into its reused buffer
        assertThat(analyzer.analyze(TestAssets.jpeg("astronaut.png")).faces()).hasSize(1);

        // Then bytes that are not an image are refused, naming their size, instead of re-analysing the old frame
        assertThatThrownBy(() -> analyzer.analyze(new byte[] {1, 2, 3}))
                .isInstanceOf(UndecodableImageException.class).hasMessageContaining("3 bytes");
        byte[] truncated = java.util.Arrays.copyOf(TestAssets.jpeg("fr_obama.jpg"), 10);
        assertThatThrownBy(() -> analyzer.analyze(truncated)).isInstanceOf(UndecodableImageException.class);
    }
}
