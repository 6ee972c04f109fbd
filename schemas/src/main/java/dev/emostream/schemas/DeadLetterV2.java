package dev.emostream.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record a service could not process, on topic {@code frames-dlq}: the original key and value bytes as they
 * were (a JPEG stays a JPEG, 1:1 in size, nothing base64-inflated), the original headers kept, and why and where
 * from in headers of its own. The error headers follow Kafka Streams' dead-letter queue (KIP-1034) where it has
 * one, so Kafka tooling reads them; EmoStream adds the reason, the service, the time and the truncation flag.
 * JSON Schema of the headers: {@code schemas/v2/dead-letter-headers.schema.json}.
 *
 * <p>A value larger than the dead-letter limit is cut to it: {@link #TRUNCATED_FROM} then holds the original size,
 * so a dead letter always fits its topic and still says what it lost.
 *
 * @param reason           short machine-readable reason, e.g. {@code undecodable-image}
 * @param detail           human-readable explanation (an exception message), at most {@link #MAX_DETAIL_CHARS}
 * @param exception        the exception's class name, or {@code null} when the service refused the record by rule
 * @param service          which service gave up, e.g. {@code processor}
 * @param sourceTopic      the input topic
 * @param sourcePartition  the input partition, or -1 when unknown
 * @param sourceOffset     the input offset, or -1 when unknown
 * @param failedAt         when the service gave up
 * @param truncatedFrom    the original value's size when {@code payload} was cut, else {@code null}
 * @param payload          the original value bytes (or their first part), or {@code null} for a null value
 */
public record DeadLetterV2(
        String reason,
        String detail,
        String exception,
        String service,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        Instant failedAt,
        Integer truncatedFrom,
        byte[] payload) {

    public static final String CONTRACT = "dead-letter/v2";

    /** Kafka Streams' (KIP-1034) header names. */
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";
    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    /** EmoStream's own header names. */
    public static final String REASON = "emostream.dlq.reason";
    public static final String SERVICE = "emostream.dlq.service";
    public static final String FAILED_AT = "emostream.dlq.failed.at";
    public static final String TRUNCATED_FROM = "emostream.dlq.truncated.from";
    /** Every header this contract writes; a dead letter of a dead letter replaces them. */
    public static final List<String> HEADERS = List.of(TOPIC, PARTITION, OFFSET, EXCEPTION, MESSAGE, REASON, SERVICE, FAILED_AT, TRUNCATED_FROM);
    /** Longest detail kept: an exception message can be any length, and it travels in a header. */
    public static final int MAX_DETAIL_CHARS = 2_000;

    public DeadLetterV2 {
        Require.text(reason, "reason");
        detail = Require.present(detail, "detail");
        if (detail.length() > MAX_DETAIL_CHARS) {
            detail = detail.substring(0, MAX_DETAIL_CHARS - 1) + "…";
        }
        Require.text(service, "service");
        Require.text(sourceTopic, "sourceTopic");
        Require.atLeast(sourcePartition, -1, "sourcePartition");
        Require.atLeast(sourceOffset, -1, "sourceOffset");
        Require.present(failedAt, "failedAt");
        if (truncatedFrom != null && (payload == null || truncatedFrom <= payload.length)) {
            throw new SchemaException(CONTRACT, null, "truncatedFrom", "must be more than the payload's length when set");
        }
    }

    /**
     * A dead letter of {@code original}, cut to its first {@code maxPayloadBytes} when longer.
     */
    public static DeadLetterV2 of(String reason, String detail, Throwable error, String service, String sourceTopic, int sourcePartition,
                                  long sourceOffset, Instant failedAt, byte[] original, int maxPayloadBytes) {
        byte[] payload = original;
        Integer truncatedFrom = null;
        if (original != null && original.length > maxPayloadBytes) {
            payload = Arrays.copyOf(original, Math.max(0, maxPayloadBytes));
            truncatedFrom = original.length;
        }
        return new DeadLetterV2(reason, detail == null ? "" : detail, error == null ? null : error.getClass().getName(), service,
                sourceTopic == null ? "unknown" : sourceTopic, sourcePartition, sourceOffset, failedAt, truncatedFrom, payload);
    }

    /** This letter with no payload at all (the original size kept), for when even the cut value does not fit. */
    public DeadLetterV2 withoutPayload() {
        int size = truncatedFrom != null ? truncatedFrom : payload == null ? 0 : payload.length;
        return new DeadLetterV2(reason, detail, exception, service, sourceTopic, sourcePartition, sourceOffset, failedAt,
                size > 0 ? size : null, size > 0 ? new byte[0] : payload);
    }

    /** Writes this letter's headers into {@code headers} (replacing earlier dead-letter headers, keeping the others); returns the value. */
    public byte[] writeTo(Headers headers) {
        HEADERS.forEach(headers::remove);
        put(headers, TOPIC, sourceTopic);
        put(headers, PARTITION, Integer.toString(sourcePartition));
        put(headers, OFFSET, Long.toString(sourceOffset));
        if (exception != null) {
            put(headers, EXCEPTION, exception);
        }
        put(headers, MESSAGE, detail);
        put(headers, REASON, reason);
        put(headers, SERVICE, service);
        put(headers, FAILED_AT, failedAt.toString());
        if (truncatedFrom != null) {
            put(headers, TRUNCATED_FROM, Integer.toString(truncatedFrom));
        }
        return payload;
    }

    /** The headers a record of this letter carries: {@code original}'s, then the dead-letter ones. */
    public Headers headers(Headers original) {
        Headers h = new RecordHeaders(original == null ? new Header[0] : original.toArray());
        writeTo(h);
        return h;
    }

    /** Reads a dead letter from a record's headers and value; throws {@link SchemaException} naming a missing or bad header. */
    public static DeadLetterV2 read(String topic, Headers headers, byte[] value) {
        try {
            String truncated = FrameHeaders.text(headers, TRUNCATED_FROM);
            return new DeadLetterV2(required(topic, headers, REASON), required(topic, headers, MESSAGE),
                    FrameHeaders.text(headers, EXCEPTION), required(topic, headers, SERVICE), required(topic, headers, TOPIC),
                    Integer.parseInt(required(topic, headers, PARTITION)), Long.parseLong(required(topic, headers, OFFSET)),
                    Instant.parse(required(topic, headers, FAILED_AT)), truncated == null ? null : Integer.valueOf(truncated), value);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new SchemaException(CONTRACT, topic, "headers", "a dead-letter header is not a number or a time: " + e.getMessage(), e);
        }
    }

    private static String required(String topic, Headers headers, String key) {
        String v = FrameHeaders.text(headers, key);
        if (v == null) {
            throw new SchemaException(CONTRACT, topic, key, "header is missing");
        }
        return v;
    }

    private static void put(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    // Records compare arrays by identity; contracts compare by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetterV2 d
                && reason.equals(d.reason) && detail.equals(d.detail) && Objects.equals(exception, d.exception)
                && service.equals(d.service) && sourceTopic.equals(d.sourceTopic) && sourcePartition == d.sourcePartition
                && sourceOffset == d.sourceOffset && failedAt.equals(d.failedAt) && Objects.equals(truncatedFrom, d.truncatedFrom)
                && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, sourceTopic, sourcePartition, sourceOffset, failedAt) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "DeadLetterV2[reason=" + reason + ", detail=" + detail + ", source=" + sourceTopic + "-" + sourcePartition + "@"
                + sourceOffset + ", payloadBytes=" + (payload == null ? "null" : payload.length)
                + (truncatedFrom == null ? "" : ", truncatedFrom=" + truncatedFrom) + "]";
    }
}
