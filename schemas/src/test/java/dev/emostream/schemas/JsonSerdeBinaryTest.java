package dev.emostream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link JsonSerde#binary}: Smile for state only EmoStream reads, still reading the JSON text older versions stored. */
class JsonSerdeBinaryTest {
    private final JsonSerde<EmotionEventV1> binary = JsonSerde.binary(EmotionEventV1.class, "internal/test");
    private final JsonSerde<EmotionEventV1> text = new JsonSerde<>(EmotionEventV1.class, "internal/test");

    @Test
    void writesSmileAndReadsItBack() {
        // Given a record with times, nested boxes and a probability map
        EmotionEventV1 event = Samples.eventWithLandmarks();

        // When the binary serde writes it
        byte[] bytes = binary.serialize("store-changelog", event);

        // Then the bytes are a Smile document (its ":)\n" header), not JSON text, and read back as the same record
        assertThat(Arrays.copyOf(bytes, 3)).isEqualTo(":)\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(binary.deserialize("store-changelog", bytes)).isEqualTo(event);
    }

    @Test
    void readsTheJsonTextAnOlderVersionStored() {
        // Given a changelog record written as JSON text (the stores' format before Smile)
        byte[] json = text.serialize("store-changelog", Samples.event());
        assertThat(json[0]).isEqualTo((byte) '{');

        // Then the binary serde reads it as the same record
        assertThat(binary.deserialize("store-changelog", json)).isEqualTo(Samples.event());
    }

    @Test
    void rejectsAMissingFieldInSmileNamingItAsTheJsonSerdeDoes() throws Exception {
        // Given a Smile document without its cameraId
        ObjectNode doc = Json.MAPPER.valueToTree(Samples.event());
        doc.remove("cameraId");
        byte[] bytes = Json.SMILE.writeValueAsBytes(doc);

        // Then reading it fails naming the contract, the topic and the field
        assertThatThrownBy(() -> binary.deserialize("store-changelog", bytes))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("internal/test")
                .hasMessageContaining("store-changelog")
                .hasMessageContaining("cameraId");
    }

    @Test
    void rejectsBytesThatAreNeitherSmileNorJson() {
        // Given bytes that are neither format
        byte[] garbage = {0x00, 0x7f, 0x13, 0x37};

        // Then the error says which formats it tried, and the topic
        assertThatThrownBy(() -> binary.deserialize("store-changelog", garbage))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("is not valid Smile or JSON")
                .hasMessageContaining("store-changelog");
    }
}
