package dev.emostream.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a JSON contract record, written and read with {@link Json#MAPPER}.
 *
 * <p>Bytes it cannot read raise a {@link SchemaException} naming the contract, the topic and the field;
 * it never returns {@code null} for bad input. A {@code null} value (a tombstone) reads as {@code null}.
 *
 * @param <T> the record type
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final String contract;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    public JsonSerde(Class<T> type, String contract) {
        this.contract = contract;
        this.writer = Json.MAPPER.writerFor(type);
        this.reader = Json.MAPPER.readerFor(type);
    }

    /** The contract name, e.g. {@code emotion-event/v1}. */
    public String contract() {
        return contract;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new SchemaException(contract, topic, null, "cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0) {
            throw new SchemaException(contract, topic, null, "empty value is not a JSON document");
        }
        try {
            T value = reader.readValue(data);
            if (value == null) {
                throw new SchemaException(contract, topic, null, "JSON null is not a document");
            }
            return value;
        } catch (JsonMappingException e) {
            throw new SchemaException(contract, topic, fieldOf(e), detailOf(e), e);
        } catch (IOException e) {
            throw new SchemaException(contract, topic, null, "is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Dotted path of the field Jackson failed on, e.g. {@code box.width}, or null at the root. */
    private static String fieldOf(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? null : path;
    }

    private static String detailOf(JsonMappingException e) {
        // A record's constructor check says which field and why; prefer that over Jackson's wrapper text.
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return "is invalid: " + cause.getMessage();
        }
        return "is invalid: " + e.getOriginalMessage();
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the contract fixes the format
    }

    @Override
    public void close() {
        // nothing to release
    }
}
