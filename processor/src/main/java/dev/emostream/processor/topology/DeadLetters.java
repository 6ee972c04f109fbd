package dev.emostream.processor.topology;

import dev.emostream.processor.ProcessorConfig;
import dev.emostream.schemas.DeadLetterV1;
import dev.emostream.schemas.FrameHeaders;
import dev.emostream.schemas.Topics;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.Headers;

/** Builds dead-letter records: the original bytes and headers, the reason, and where the record came from. */
public final class DeadLetters {
    public static final String SERVICE = "processor";
    /** Headers missing or invalid for the frame contract. */
    public static final String BAD_HEADERS = "bad-headers";
    /** The value is not an image OpenCV can decode. */
    public static final String UNDECODABLE = "undecodable-image";
    /** The value is larger than {@code emostream.frame.max.bytes}. */
    public static final String OVERSIZED = "oversized-frame";
    /** The image declares more pixels than {@code emostream.frame.max.pixels}: refused before any pixel is decoded. */
    public static final String IMAGE_TOO_LARGE = "image-too-large";
    /** Kafka could not deserialise the record at all. */
    public static final String DESERIALIZATION = "deserialization-error";
    /** Analysis failed unexpectedly (a bug or a native error); the frame is kept for a retry. */
    public static final String PROCESSING = "processing-error";

    private DeadLetters() {
    }

    /** The dead-letter topic a Kafka Streams error handler is configured with ({@code emostream.dlq.topic}, else the default). */
    static String topic(Map<String, ?> configs) {
        Object topic = configs.get(ProcessorConfig.DLQ_TOPIC_CONFIG);
        return topic == null ? Topics.FRAMES_DLQ.name() : topic.toString();
    }

    public static DeadLetterV1 of(String reason, String detail, String topic, int partition, long offset, String key,
                                  Headers headers, byte[] payload, Instant now) {
        return new DeadLetterV1(reason, detail == null ? "" : detail, SERVICE, topic == null ? "unknown" : topic,
                partition, offset, key, FrameHeaders.asText(headers), payload, now);
    }
}
