package dev.emostream.schemas;

/**
 * How long an event took: {@code processingMs} inside the processor (decode, detect, classify) and
 * {@code captureToEventMs} from the frame's capture time to the event's creation.
 */
public record Latency(double processingMs, double captureToEventMs) {
}
