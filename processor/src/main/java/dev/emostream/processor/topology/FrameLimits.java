package dev.emostream.processor.topology;

import java.time.Duration;

/**
 * What a frame may declare before the processor spends anything on it: capture time at most {@code maxFuture} ahead
 * of the processor's clock, and at most {@code maxPixels} pixels in its image header.
 */
record FrameLimits(Duration maxFuture, long maxPixels) {
}
