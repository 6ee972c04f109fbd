package dev.emostream.ingest.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {

    /** A frame of random pixels: the worst case for JPEG. */
    private static Mat noise(int width, int height) {
        Mat m = new Mat(height, width, CV_8UC3);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        try (UByteIndexer idx = m.createIndexer()) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < 3; c++) {
                        idx.put(y, x, c, r.nextInt(256));
                    }
                }
            }
        }
        return m;
    }

    @Test
    void aWideFrameIsScaledToTheMaximumWidth() throws Exception {
        // Given a 1920x1080 frame and a 1280 px limit
        try (Mat frame = noise(1920, 1080)) {
            JpegEncoder.Encoded e = new JpegEncoder(1280, 85, 10_000_000).encode(frame);
            // Then it is 1280x720, a valid JPEG, not re-encoded
            assertThat(e.width()).isEqualTo(1280);
            assertThat(e.height()).isEqualTo(720);
            assertThat(ImageIO.read(new ByteArrayInputStream(e.jpeg())).getWidth()).isEqualTo(1280);
            assertThat(e.reencoded()).isFalse();
        }
    }

    @Test
    void aFrameOverTheMessageLimitIsReencodedSmallerUntilItFits() {
        // Given a noisy frame (hard to compress) and a 60 kB limit
        try (Mat frame = noise(1280, 720)) {
            JpegEncoder.Encoded e = new JpegEncoder(0, 95, 60_000).encode(frame);
            // Then the JPEG fits, flagged as re-encoded (counted by ingest), never dropped silently
            assertThat(e).isNotNull();
            assertThat(e.jpeg().length).isLessThanOrEqualTo(60_000);
            assertThat(e.reencoded()).isTrue();
        }
    }

    @Test
    void aLimitNothingCanMeetGivesNull() {
        try (Mat frame = noise(640, 480)) {
            assertThat(new JpegEncoder(0, 85, 100).encode(frame)).isNull();
        }
    }
}
