package dev.emostream.ingest.kafka;

import dev.emostream.schemas.FrameV1;

/** Where encoded frames go. {@link KafkaFrameSink} in production; tests may collect them. */
public interface FrameSink extends AutoCloseable {
    /**
     * Sends a frame asynchronously; {@code acked} runs with the send latency in nanoseconds once the broker
     * acknowledged it, {@code failed} with the error otherwise.
     */
    void send(FrameV1 frame, java.util.function.LongConsumer acked, java.util.function.Consumer<Exception> failed);

    /** Waits for every frame sent so far. */
    void flush();

    @Override
    void close();
}
