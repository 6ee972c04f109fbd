package dev.emostream.ingest.encode;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Frame to JPEG: scaled down to a maximum width, encoded at a quality; a JPEG over the size limit is encoded
 * again smaller (lower quality, then smaller size) until it fits, so no frame is dropped for size silently.
 */
public final class JpegEncoder {
    private static final int[] FALLBACK_QUALITIES = {70, 50, 35};

    /** An encoded frame: bytes and the size it was encoded at; {@code reencoded} when it had to shrink to fit. */
    public record Encoded(byte[] jpeg, int width, int height, boolean reencoded) {
    }

    private final int maxWidth;
    private final int quality;
    private final int maxBytes;

    public JpegEncoder(int maxWidth, int quality, int maxBytes) {
        this.maxWidth = maxWidth;
        this.quality = quality;
        this.maxBytes = maxBytes;
    }

    /** Encodes {@code bgr}; returns null only when even the smallest attempt exceeds the limit. */
    public Encoded encode(Mat bgr) {
        int width = bgr.cols();
        int height = bgr.rows();
        double scale = maxWidth > 0 && width > maxWidth ? (double) maxWidth / width : 1.0;
        boolean reencoded = false;
        for (int attempt = 0; attempt < 8; attempt++) {
            int q = attempt == 0 ? quality : FALLBACK_QUALITIES[Math.min(attempt - 1, FALLBACK_QUALITIES.length - 1)];
            if (attempt > FALLBACK_QUALITIES.length) {
                scale *= 0.75;
            }
            int w = Math.max(16, (int) Math.round(width * scale));
            int h = Math.max(16, (int) Math.round(height * scale));
            byte[] jpeg = scale < 1.0 ? encodeScaled(bgr, w, h, q) : encodeAt(bgr, q);
            if (jpeg.length <= maxBytes) {
                return new Encoded(jpeg, scale < 1.0 ? w : width, scale < 1.0 ? h : height, reencoded);
            }
            reencoded = true;
        }
        return null;
    }

    private static byte[] encodeScaled(Mat bgr, int w, int h, int q) {
        try (Mat small = new Mat(); Size size = new Size(w, h)) {
            resize(bgr, small, size, 0, 0, INTER_AREA);
            return encodeAt(small, q);
        }
    }

    /** {@code bgr} as a JPEG at quality {@code q} (1..100), as is. */
    public static byte[] encode(Mat bgr, int q) {
        return encodeAt(bgr, q);
    }

    private static byte[] encodeAt(Mat bgr, int q) {
        try (IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, q); BytePointer buf = new BytePointer()) {
            if (!imencode(".jpg", bgr, buf, params)) {
                throw new IllegalStateException("OpenCV could not encode a " + bgr.cols() + "x" + bgr.rows() + " frame as JPEG");
            }
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }
}
