package dev.emostream.schemas;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message a service could not process, kept whole with the reason: the value on topic {@code frames-dlq}.
 * Nothing is lost: {@code payload} is the original value's bytes (base64 in JSON), {@code headers} the
 * original headers (values as UTF-8 text), and the source coordinates point back at the input record.
 * JSON Schema: {@code schemas/v1/dead-letter.schema.json}.
 *
 * @param reason           short machine-readable reason, e.g. {@code undecodable-image}
 * @param detail           human-readable explanation (an exception message)
 * @param service          which service gave up, e.g. {@code processor}
 * @param sourceTopic      the input topic
 * @param sourcePartition  the input partition, or -1 when unknown
 * @param sourceOffset     the input offset, or -1 when unknown
 * @param key              the input key as text, or {@code null}
 * @param headers          the input headers as text
 * @param payload          the original value bytes, or {@code null} for a null value
 * @param failedAt         when the service gave up
 */
public record DeadLetterV1(
        String reason,
        String detail,
        String service,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        String key,
        Map<String, String> headers,
        byte[] payload,
        Instant failedAt) {

    public static final String CONTRACT = "dead-letter/v1";

    public DeadLetterV1 {
        Require.text(reason, "reason");
        Require.present(detail, "detail");
        Require.text(service, "service");
        Require.text(sourceTopic, "sourceTopic");
        Require.atLeast(sourcePartition, -1, "sourcePartition");
        Require.atLeast(sourceOffset, -1, "sourceOffset");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Require.present(headers, "headers")));
        Require.present(failedAt, "failedAt");
    }

    // Records compare arrays by identity; contracts compare by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetterV1 d
                && reason.equals(d.reason) && detail.equals(d.detail) && service.equals(d.service)
                && sourceTopic.equals(d.sourceTopic) && sourcePartition == d.sourcePartition
                && sourceOffset == d.sourceOffset && java.util.Objects.equals(key, d.key)
                && headers.equals(d.headers) && java.util.Arrays.equals(payload, d.payload)
                && failedAt.equals(d.failedAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(reason, sourceTopic, sourcePartition, sourceOffset, failedAt)
                * 31 + java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "DeadLetterV1[reason=" + reason + ", detail=" + detail + ", source=" + sourceTopic + "-"
                + sourcePartition + "@" + sourceOffset + ", key=" + key + ", payloadBytes="
                + (payload == null ? "null" : payload.length) + "]";
    }
}
