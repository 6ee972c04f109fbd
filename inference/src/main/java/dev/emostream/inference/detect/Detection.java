package dev.emostream.inference.detect;

import dev.emostream.schemas.BoundingBox;
import dev.emostream.schemas.FaceLandmarks;

/**
 * One face found in a frame: its box in pixels (clipped to the frame), the detector's confidence 0..1, and its
 * five landmarks when the detector gives them (YuNet does; the SSD and Haar do not: null).
 */
public record Detection(BoundingBox box, double score, FaceLandmarks landmarks) {

    /** A detection without landmarks. */
    public Detection(BoundingBox box, double score) {
        this(box, score, null);
    }
}
