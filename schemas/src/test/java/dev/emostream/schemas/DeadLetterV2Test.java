package dev.emostream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emostream.schemas.JsonSchemas.Contract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterV2Test {
    private static final Instant FAILED = Instant.parse("2026-12-02T01:00:00Z");

    @Test
    void theOriginalBytesAreTheValueAndTheReasonTravelsInHeadersBesideTheOriginalOnes() {
        // Given a frame's headers and a dead letter of its bytes
        Headers original = new RecordHeaders().add("ce_id", "cam-1-r-42".getBytes(StandardCharsets.UTF_8));
        DeadLetterV2 letter = Samples.deadLetter();

        // When the serde writes it into the record's headers and reads it back
        Headers headers = new RecordHeaders(original.toArray());
        byte[] value = Topics.FRAMES_DLQ.valueSerde().serializer().serialize("frames-dlq", headers, letter);
        DeadLetterV2 read = Topics.FRAMES_DLQ.valueSerde().deserializer().deserialize("frames-dlq", headers, value);

        // Then the value is the original bytes unchanged, the frame's header is still there, every header is valid
        // against the contract's schema, and the letter reads back equal
        assertThat(value).containsExactly(1, 2, 3, 0xFF);
        Map<String, String> text = FrameHeaders.asText(headers);
        assertThat(text).containsEntry("ce_id", "cam-1-r-42")
                .containsEntry("emostream.dlq.reason", "undecodable-image")
                .containsEntry("__streams.errors.topic", "frames")
                .containsEntry("__streams.errors.partition", "2")
                .containsEntry("__streams.errors.offset", "1234")
                .containsEntry("__streams.errors.exception", "java.lang.IllegalArgumentException")
                .containsEntry("__streams.errors.message", "not a JPEG")
                .doesNotContainKey("emostream.dlq.truncated.from");
        assertThat(JsonSchemas.errors(Contract.DEAD_LETTER_HEADERS, (Object) text)).isEmpty();
        assertThat(read).isEqualTo(letter);
    }

    @Test
    void aValueOverTheLimitIsCutAndTheOriginalSizeSaid() {
        // Given 10,000 bytes and a 4,096-byte limit
        byte[] big = new byte[10_000];
        Arrays.fill(big, (byte) 7);

        // When a dead letter is made of them
        DeadLetterV2 letter = DeadLetterV2.of("oversized-frame", "too big", null, "processor", "frames", 0, 9, FAILED, big, 4096);
        Headers headers = new RecordHeaders();
        byte[] value = letter.writeTo(headers);

        // Then the value is the first 4,096 bytes, the header says 10000, and no exception header is written
        assertThat(value).hasSize(4096).containsOnly(7);
        assertThat(FrameHeaders.text(headers, DeadLetterV2.TRUNCATED_FROM)).isEqualTo("10000");
        assertThat(FrameHeaders.text(headers, DeadLetterV2.EXCEPTION)).isNull();
        assertThat(JsonSchemas.errors(Contract.DEAD_LETTER_HEADERS, (Object) FrameHeaders.asText(headers))).isEmpty();
        // and without its payload it keeps the original size
        assertThat(letter.withoutPayload().payload()).isEmpty();
        assertThat(letter.withoutPayload().truncatedFrom()).isEqualTo(10_000);
    }

    @Test
    void aDeadLetterOfADeadLetterReplacesTheErrorHeadersInsteadOfDoublingThem() {
        // Given a record that already carries dead-letter headers
        Headers headers = new RecordHeaders();
        Samples.deadLetter().writeTo(headers);

        // When a second letter is written into the same headers
        DeadLetterV2.of("unwritable-output", "refused", null, "processor", "frames", 1, 5, FAILED, new byte[1], 10).writeTo(headers);

        // Then each dead-letter header appears once, with the second letter's values
        assertThat(headers.headers(DeadLetterV2.REASON)).hasSize(1);
        assertThat(FrameHeaders.text(headers, DeadLetterV2.REASON)).isEqualTo("unwritable-output");
        assertThat(FrameHeaders.text(headers, DeadLetterV2.EXCEPTION)).isNull();
    }

    @Test
    void aLongDetailIsCutAndAMissingHeaderIsNamed() {
        String detail = "x".repeat(10_000);
        assertThat(DeadLetterV2.of("processing-error", detail, null, "processor", "frames", 0, 0, FAILED, null, 1).detail())
                .hasSize(DeadLetterV2.MAX_DETAIL_CHARS);
        Headers headers = new RecordHeaders();
        Samples.deadLetter().writeTo(headers);
        headers.remove(DeadLetterV2.OFFSET);
        assertThatThrownBy(() -> DeadLetterV2.read("frames-dlq", headers, new byte[0]))
                .isInstanceOf(SchemaException.class).hasMessageContaining("__streams.errors.offset");
    }
}
