package dev.emostream.processor.topology;

import dev.emostream.processor.ProcessorConfig;
import dev.emostream.schemas.DeadLetterV2;
import dev.emostream.schemas.Topics;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds dead letters ({@link DeadLetterV2}): the original bytes (cut to {@code emostream.dlq.max.bytes}), the
 * reason, and where the record came from; the original headers stay on the record beside the dead-letter ones.
 */
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

    /** The most value bytes a dead letter keeps, as an error handler is configured ({@code emostream.dlq.max.bytes}). */
    static int maxBytes(Map<String, ?> configs) {
        Object max = configs.get(ProcessorConfig.DLQ_MAX_BYTES_CONFIG);
        return max == null ? ProcessorConfig.DLQ_MAX_BYTES_DEFAULT : Integer.parseInt(max.toString());
    }

    public static DeadLetterV2 of(String reason, String detail, Throwable error, String topic, int partition, long offset,
                                  byte[] payload, Instant now, int maxBytes) {
        return DeadLetterV2.of(reason, detail, error, SERVICE, topic, partition, offset, now, payload, maxBytes);
    }

    /**
     * Where an error handler sends dead letters and how much of a value they keep, from the application's settings
     * ({@code emostream.dlq.topic}, {@code emostream.dlq.max.bytes}).
     */
    record Target(String topic, int maxBytes) {
        static final Target DEFAULT = new Target(Topics.FRAMES_DLQ.name(), ProcessorConfig.DLQ_MAX_BYTES_DEFAULT);

        static Target of(Map<String, ?> configs) {
            return new Target(DeadLetters.topic(configs), DeadLetters.maxBytes(configs));
        }

        /**
         * The dead-letter record an error handler returns: the input record's key, value (cut to the limit) and
         * headers, plus the dead-letter headers; where it came from is the handler context's.
         */
        ProducerRecord<byte[], byte[]> record(String reason, String detail, Exception error, ErrorHandlerContext context, byte[] key,
                                              byte[] value, Headers headers) {
            DeadLetterV2 letter = DeadLetters.of(reason, detail, error, context.topic(), context.partition(), context.offset(), value,
                    Instant.now(), maxBytes);
            return new ProducerRecord<>(topic, null, null, key, letter.payload(), letter.headers(headers));
        }
    }
}
