package dev.emostream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emostream.schemas.JsonSchemas.Contract;
import dev.emostream.schemas.Topics.Topic;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class JsonContractsTest {

    static Stream<Arguments> contracts() {
        return Stream.of(
                Arguments.of(Topics.EMOTION_EVENTS, Samples.event(), Contract.EMOTION_EVENT),
                Arguments.of(Topics.EMOTION_EVENTS, Samples.eventWithLandmarks(), Contract.EMOTION_EVENT),
                Arguments.of(Topics.FACE_TRACKS, Samples.trackEnded(), Contract.FACE_TRACK),
                Arguments.of(Topics.EMOTION_STATS, Samples.stats(), Contract.EMOTION_STATS),
                Arguments.of(Topics.EMOTION_FEEDBACK, Samples.feedback(), Contract.FEEDBACK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    <V> void everyContractRoundTripsThroughItsSerdeAndValidates(Topic<String, V> topic, V value, Contract contract)
            throws Exception {
        // Given a valid document of the topic's contract
        // When it is written by the topic's serde and read back
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        V read = topic.valueSerde().deserializer().deserialize(topic.name(), bytes);

        // Then it is equal to the original, and its JSON is valid against the contract's JSON Schema
        assertThat(read).isEqualTo(value);
        assertThat(JsonSchemas.errors(contract, Json.MAPPER.readTree(bytes))).isEmpty();
    }

    @Test
    void eventJsonUsesIsoTimesAndLabelledProbabilities() throws Exception {
        // Given an event written as JSON
        JsonNode json = Json.MAPPER.readTree(
                Topics.EMOTION_EVENTS.valueSerde().serializer().serialize("t", Samples.event()));

        // Then times are RFC 3339 strings and probabilities are keyed by label, in model order
        assertThat(json.get("captureTime").asText()).isEqualTo("2026-11-23T17:42:00.125Z");
        assertThat(json.get("probabilities").fieldNames()).toIterable()
                .containsExactly("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
        assertThat(json.get("boxNormalized").get("width").asDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void landmarksAreOptionalAndAdditive() throws Exception {
        // Given an event without landmarks and one with them
        byte[] without = Topics.EMOTION_EVENTS.valueSerde().serializer().serialize("t", Samples.event());
        byte[] with = Topics.EMOTION_EVENTS.valueSerde().serializer().serialize("t", Samples.eventWithLandmarks());

        // Then the first has no 'landmarks' field at all (older consumers see the same document as before),
        // the second names its five points, and both read back as written
        assertThat(Json.MAPPER.readTree(without).has("landmarks")).isFalse();
        assertThat(Json.MAPPER.readTree(without).has("trackId")).isFalse();
        assertThat(Json.MAPPER.readTree(with).get("trackId").asLong()).isEqualTo(17);
        JsonNode points = Json.MAPPER.readTree(with).get("landmarks");
        assertThat(points.fieldNames()).toIterable().containsExactly("rightEye", "leftEye", "nose", "mouthRight", "mouthLeft");
        assertThat(points.get("nose").get("x").asInt()).isEqualTo(132);
        assertThat(Topics.EMOTION_EVENTS.valueSerde().deserializer().deserialize("t", without).landmarks()).isNull();
        assertThat(Topics.EMOTION_EVENTS.valueSerde().deserializer().deserialize("t", with)).isEqualTo(Samples.eventWithLandmarks());
    }

    @Test
    void anEndedTrackWithoutItsSummaryIsRefused() {
        FaceTrackV1 t = Samples.trackEnded();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FaceTrackV1(t.eventId(), t.cameraId(), t.trackId(), FaceTrackV1.ENDED,
                        t.time(), t.firstSeen(), t.lastSeen(), t.dwellSeconds(), t.framesSeen(), t.emotion(), t.probabilities(), t.box(),
                        t.model(), null, null, null))
                .hasMessageContaining("meanProbabilities, timeShare and largestBox");
    }

    @Test
    void serdeRejectsAMissingFieldNamingIt() throws Exception {
        // Given an event document without its cameraId
        ObjectNode doc = Json.MAPPER.valueToTree(Samples.event());
        doc.remove("cameraId");
        byte[] bytes = Json.MAPPER.writeValueAsBytes(doc);

        // Then both the schema and the serde reject it, naming the field
        assertThat(JsonSchemas.errors(Contract.EMOTION_EVENT, doc)).anySatisfy(e -> assertThat(e).contains("cameraId"));
        assertThatThrownBy(() -> Topics.EMOTION_EVENTS.valueSerde().deserializer().deserialize("emotion-events", bytes))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("emotion-event/v1")
                .hasMessageContaining("emotion-events")
                .hasMessageContaining("cameraId");
    }

    @Test
    void serdeRejectsAnOutOfRangeNestedFieldNamingIt() throws Exception {
        // Given an event whose box has a zero width
        ObjectNode doc = Json.MAPPER.valueToTree(Samples.event());
        ((ObjectNode) doc.get("box")).put("width", 0);
        byte[] bytes = Json.MAPPER.writeValueAsBytes(doc);

        // Then the schema names $.box.width and the serde names 'width'
        assertThat(JsonSchemas.errors(Contract.EMOTION_EVENT, doc)).anySatisfy(e -> assertThat(e).contains("$.box.width"));
        assertThatThrownBy(() -> Topics.EMOTION_EVENTS.valueSerde().deserializer().deserialize("t", bytes))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("width");
    }

    @Test
    void serdeRejectsAProbabilityOutsideZeroToOne() throws Exception {
        // Given an event with a probability of 1.5 for happy
        ObjectNode doc = Json.MAPPER.valueToTree(Samples.event());
        ((ObjectNode) doc.get("probabilities")).put("happy", 1.5);

        // Then the schema and the serde both name probabilities.happy
        assertThat(JsonSchemas.errors(Contract.EMOTION_EVENT, doc)).anySatisfy(e -> assertThat(e).contains("happy"));
        assertThatThrownBy(() -> Topics.EMOTION_EVENTS.valueSerde().deserializer()
                .deserialize("t", Json.MAPPER.writeValueAsBytes(doc)))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("probabilities.happy");
    }

    @Test
    void schemaRejectsAnUnknownEmotionAndABadTime() {
        // Given feedback naming an emotion that does not exist and a time that is not RFC 3339
        ObjectNode doc = Json.MAPPER.valueToTree(Samples.feedback());
        doc.put("trueEmotion", "bored");
        doc.put("submittedAt", "yesterday");

        // Then the schema names both fields
        assertThat(JsonSchemas.errors(Contract.FEEDBACK, doc))
                .anySatisfy(e -> assertThat(e).contains("trueEmotion"))
                .anySatisfy(e -> assertThat(e).contains("submittedAt"));
    }

    @Test
    void serdeNeverReturnsNullForUnreadableBytes() {
        // Given bytes that are not JSON, an empty value and a JSON null
        var deserializer = Topics.EMOTION_STATS.valueSerde().deserializer();

        // Then each read throws a typed exception instead of returning null
        assertThatThrownBy(() -> deserializer.deserialize("emotion-stats", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SchemaException.class).hasMessageContaining("emotion-stats/v1");
        assertThatThrownBy(() -> deserializer.deserialize("emotion-stats", new byte[0]))
                .isInstanceOf(SchemaException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> deserializer.deserialize("emotion-stats", "null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SchemaException.class);
    }

    @Test
    void aTombstoneReadsAsNull() {
        // Given a null value (Kafka's tombstone), Then it reads as null rather than failing
        assertThat(Topics.EMOTION_EVENTS.valueSerde().deserializer().deserialize("t", null)).isNull();
    }
}
