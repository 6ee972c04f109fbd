package dev.emostream.processor.track;

import dev.emostream.schemas.BoundingBox;

/**
 * One detected face given to the tracker: its box, the detector's confidence and a normalised colour histogram
 * of the face (null when none was computed: then appearance is not checked).
 */
public record FaceObservation(BoundingBox box, double score, float[] histogram) {
}
