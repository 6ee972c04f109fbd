package dev.emostream.schemas;

/** A face's box as fractions (0..1) of the frame's width and height, independent of resolution. */
public record NormalizedBox(double x, double y, double width, double height) {
    public NormalizedBox {
        Require.unit(x, "x");
        Require.unit(y, "y");
        Require.unit(width, "width");
        Require.unit(height, "height");
    }
}
