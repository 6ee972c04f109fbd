package dev.emostream.inference.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.emostream.schemas.BoundingBox;
import dev.emostream.schemas.ModelCard;
import java.util.Random;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/** Face box to model input, on real OpenCV Mats. */
class FaceCropsTest {
    private static final ModelCard.Input INPUT = new ModelCard.Input(48, 48, 1, "grey", 1 / 255.0, 0.0);

    @Test
    void aUniformBoxBecomesItsGreyLevelNormalised() {
        // Given a 640x480 frame, mid-grey BGR (100, 150, 200) inside a face box and black elsewhere
        try (Mat frame = new Mat(480, 640, CV_8UC3, new Scalar(0, 0, 0, 0));
             Rect face = new Rect(200, 100, 120, 120);
             Mat inside = new Mat(frame, face);
             FaceCrops crops = new FaceCrops(INPUT, 0.0)) {
            inside.put(new Scalar(100, 150, 200, 0));
            float[] out = new float[2 * 48 * 48];

            // When the box is cropped (no margin) into the second slot of a batch
            crops.write(frame, new BoundingBox(200, 100, 120, 120), out, 48 * 48);

            // Then every value is OpenCV's grey of that colour (0.114 B + 0.587 G + 0.299 R = 159), times the card's scale
            for (int i = 48 * 48; i < out.length; i++) {
                assertThat(out[i]).isEqualTo(159 / 255f);
            }
            // ... and the first slot is untouched
            assertThat(out[0]).isZero();
        }
    }

    @Test
    void greyThenResizeMatchesResizeThenGreyWithinOneLevel() {
        // Given a frame of random colours and a face box larger than the model's side
        Random random = new Random(7);
        try (Mat frame = new Mat(360, 640, CV_8UC3);
             FaceCrops crops = new FaceCrops(INPUT, 0.1);
             UByteIndexer px = frame.createIndexer()) {
            for (int r = 0; r < 360; r++) {
                for (int c = 0; c < 640; c++) {
                    for (int k = 0; k < 3; k++) {
                        px.put(r, c, k, random.nextInt(256));
                    }
                }
            }
            BoundingBox box = new BoundingBox(100, 50, 137, 151);
            float[] out = new float[48 * 48];

            // When it is cropped, and the same widened area is resized in colour first and made grey after
            crops.write(frame, box, out, 0);
            BoundingBox area = crops.widened(box, 640, 360);
            try (Rect rect = new Rect(area.x(), area.y(), area.width(), area.height());
                 Mat roi = new Mat(frame, rect); Mat small = new Mat(); Mat grey = new Mat(); Size side = new Size(48, 48)) {
                resize(roi, small, side, 0, 0, INTER_AREA);
                cvtColor(small, grey, COLOR_BGR2GRAY);
                try (UByteIndexer g = grey.createIndexer()) {
                    // Then the two differ by rounding only: at most one grey level per pixel
                    for (int r = 0; r < 48; r++) {
                        for (int c = 0; c < 48; c++) {
                            assertThat(out[r * 48 + c] * 255).isCloseTo(g.get(r, c), org.assertj.core.data.Offset.offset(1.0001f));
                        }
                    }
                }
            }
        }
    }
}
