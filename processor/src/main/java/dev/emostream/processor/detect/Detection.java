package dev.emostream.processor.detect;

import dev.emostream.schemas.BoundingBox;

/** One face found in a frame: its box in pixels (clipped to the frame) and the detector's confidence 0..1. */
public record Detection(BoundingBox box, double score) {
}
