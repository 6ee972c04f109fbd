package dev.emostream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emostream.schemas.JsonSchemas.Contract;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class FrameSerdeTest {
    private final FrameSerde serde = new FrameSerde();

    @Test
    void frameRoundTripsThroughCloudEventsBinaryHeaders() {
        // Given a frame
        FrameV1 frame = Samples.frame();
        Headers headers = new RecordHeaders();

        // When it is serialised, the value is the JPEG and metadata lands in CloudEvents headers
        byte[] value = serde.serialize("frames", headers, frame);

        // Then the headers carry the contract and it reads back equal
        assertThat(value).isEqualTo(frame.jpeg());
        assertThat(FrameHeaders.asText(headers))
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "cam-1")
                .containsEntry("ce_id", "cam-1-42")
                .containsEntry("ce_type", "dev.emostream.frame.v1")
                .containsEntry("ce_time", "2026-11-23T17:42:00.125Z")
                .containsEntry("ce_sequence", "42")
                .containsEntry("ce_width", "640")
                .containsEntry("ce_height", "480")
                .containsEntry("content-type", "image/jpeg");
        assertThat(serde.deserialize("frames", headers, value)).isEqualTo(frame);
    }

    @Test
    void frameHeadersValidateAgainstTheirJsonSchema() {
        // Given the headers of a serialised frame
        Headers headers = new RecordHeaders();
        serde.serialize("frames", headers, Samples.frame());

        // Then, as a JSON object, they are valid against frame-headers.schema.json
        assertThat(JsonSchemas.errors(Contract.FRAME_HEADERS, (Object) FrameHeaders.asText(headers))).isEmpty();
    }

    @Test
    void missingOrBadHeadersAreRejectedNamingTheHeader() {
        // Given frames whose headers lack a capture time, or carry a bad sequence or a wrong content type
        Headers noTime = headersOfSample();
        noTime.remove(FrameHeaders.TIME);
        Headers badSequence = headersOfSample();
        badSequence.remove(FrameHeaders.SEQUENCE);
        badSequence.add(FrameHeaders.SEQUENCE, "forty-two".getBytes(StandardCharsets.UTF_8));
        Headers png = headersOfSample();
        png.remove(FrameHeaders.CONTENT_TYPE);
        png.add(FrameHeaders.CONTENT_TYPE, "image/png".getBytes(StandardCharsets.UTF_8));
        byte[] jpeg = Samples.frame().jpeg();

        // Then each read fails with a SchemaException naming the header
        assertThatThrownBy(() -> serde.deserialize("frames", noTime, jpeg))
                .isInstanceOf(SchemaException.class).hasMessageContaining("ce_time").hasMessageContaining("missing");
        assertThatThrownBy(() -> serde.deserialize("frames", badSequence, jpeg))
                .isInstanceOf(SchemaException.class).hasMessageContaining("ce_sequence");
        assertThatThrownBy(() -> serde.deserialize("frames", png, jpeg))
                .isInstanceOf(SchemaException.class).hasMessageContaining("content-type");
        assertThat(JsonSchemas.errors(Contract.FRAME_HEADERS, (Object) FrameHeaders.asText(noTime)))
                .anySatisfy(e -> assertThat(e).contains("ce_time"));
    }

    @Test
    void aFrameWithoutHeadersOrBytesIsNotAFrame() {
        // Given an empty value, and a header-less call
        // Then both are refused with a clear, typed error
        assertThatThrownBy(() -> serde.deserialize("frames", headersOfSample(), new byte[0]))
                .isInstanceOf(SchemaException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> serde.deserialize("frames", new byte[] {1}))
                .isInstanceOf(SchemaException.class).hasMessageContaining("headers");
    }

    private Headers headersOfSample() {
        Headers headers = new RecordHeaders();
        serde.serialize("frames", headers, Samples.frame());
        return headers;
    }
}
