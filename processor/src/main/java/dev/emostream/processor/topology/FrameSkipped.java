package dev.emostream.processor.topology;

/**
 * A frame the processor did not analyse (stale, or sampled out of a backlog), passed to the statistics of its
 * camera and window so a skip is never silent; it is never serialised and goes to no topic of its own.
 *
 * @param reason {@link FrameProcessor#STALE} or {@link FrameProcessor#SAMPLED}
 */
record FrameSkipped(String reason) {
}
