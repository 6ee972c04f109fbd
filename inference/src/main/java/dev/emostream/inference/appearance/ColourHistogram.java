package dev.emostream.inference.appearance;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.emostream.schemas.BoundingBox;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A face's cheap appearance signature for the tracker, as DL Streamer's zero-term tracker keeps one: a hue x
 * saturation histogram (8 x 4 bins, normalised to sum 1) of the face box's central part, shrunk to 24 x 24 first
 * so the cost does not grow with the face. A region wider and taller than 96 px (a large face, or the whole frame the
 * tracker compares for scene cuts) is first sampled to 96 x 96 pixels, then averaged down: the whole 720p frame by
 * area alone cost 1.7 ms, as much as the rest of the tracker's work on a frame. Dark and grey pixels (low value or saturation) count in the hue-less
 * bins of the first saturation column, so a grey camera still gives a usable signature. Scratch Mats are reused:
 * one instance per thread.
 */
public final class ColourHistogram implements AutoCloseable {
    public static final int HUE_BINS = 8;
    public static final int SATURATION_BINS = 4;
    private static final int SIDE = 24;
    private static final int SAMPLED = 4 * SIDE;

    private final Mat sampled = new Mat();
    private final Mat small = new Mat();
    private final Mat hsv = new Mat();
    private final Size size = new Size(SIDE, SIDE);
    private final Size sampledSize = new Size(SAMPLED, SAMPLED);

    /** The normalised histogram of the central 80% of {@code box} in {@code bgr}. */
    public float[] of(Mat bgr, BoundingBox box) {
        int mx = box.width() / 10;
        int my = box.height() / 10;
        int x = Math.max(0, box.x() + mx);
        int y = Math.max(0, box.y() + my);
        int w = Math.min(bgr.cols() - x, box.width() - 2 * mx);
        int h = Math.min(bgr.rows() - y, box.height() - 2 * my);
        float[] bins = new float[HUE_BINS * SATURATION_BINS];
        if (w < 2 || h < 2) {
            return bins;
        }
        try (Rect rect = new Rect(x, y, w, h); Mat roi = new Mat(bgr, rect)) {
            if (w > SAMPLED && h > SAMPLED) {
                resize(roi, sampled, sampledSize, 0, 0, INTER_NEAREST);
                resize(sampled, small, size, 0, 0, INTER_AREA);
            } else {
                resize(roi, small, size, 0, 0, INTER_AREA);
            }
        }
        cvtColor(small, hsv, COLOR_BGR2HSV);
        try (UByteIndexer idx = hsv.createIndexer()) {
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    int hue = idx.get(r, c, 0); // 0..179
                    int sat = idx.get(r, c, 1);
                    int val = idx.get(r, c, 2);
                    int s = val < 40 ? 0 : Math.min(SATURATION_BINS - 1, sat * SATURATION_BINS / 256);
                    int hb = s == 0 ? Math.min(HUE_BINS - 1, val * HUE_BINS / 256) : Math.min(HUE_BINS - 1, hue * HUE_BINS / 180);
                    bins[hb * SATURATION_BINS + s] += 1f;
                }
            }
        }
        float n = SIDE * SIDE;
        for (int i = 0; i < bins.length; i++) {
            bins[i] /= n;
        }
        return bins;
    }

    @Override
    public void close() {
        sampled.close();
        small.close();
        sampledSize.close();
        hsv.close();
        size.close();
    }
}
