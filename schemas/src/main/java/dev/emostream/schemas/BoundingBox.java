package dev.emostream.schemas;

/** A face's box in pixels of the frame it was found in: top-left corner plus size. */
public record BoundingBox(int x, int y, int width, int height) {
    public BoundingBox {
        Require.atLeast(width, 1, "width");
        Require.atLeast(height, 1, "height");
    }

    /** This box as fractions (0..1) of a frame of the given size, clipped to the frame. */
    public NormalizedBox normalize(int frameWidth, int frameHeight) {
        double nx = clamp((double) x / frameWidth);
        double ny = clamp((double) y / frameHeight);
        double nw = clamp((double) (x + width) / frameWidth) - nx;
        double nh = clamp((double) (y + height) / frameHeight) - ny;
        return new NormalizedBox(nx, ny, nw, nh);
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
