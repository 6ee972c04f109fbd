package dev.emostream.inference.analyze;

/**
 * The width and height an encoded image declares, read from its header without decoding a pixel (JPEG: the first
 * start-of-frame marker; PNG: the IHDR chunk). A few hundred bytes can declare 20000 x 20000 pixels (1.2 GB once
 * decoded): the processor reads this first and refuses what is too large.
 */
public record ImageSize(int width, int height) {

    /** Pixels declared. */
    public long pixels() {
        return (long) width * height;
    }

    /** The declared size, or null when the bytes are neither a JPEG nor a PNG whose header can be read. */
    public static ImageSize of(byte[] b) {
        if (b == null || b.length < 24) {
            return null;
        }
        if ((b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return new ImageSize(int32(b, 16), int32(b, 20));
        }
        if ((b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return null;
        }
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                int height = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                int width = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                return new ImageSize(width, height);
            }
            if (length < 2) {
                return null;
            }
            i += 2 + length;
        }
        return null;
    }

    private static int int32(byte[] b, int at) {
        long v = ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
        return (int) Math.min(Integer.MAX_VALUE, v);
    }
}
