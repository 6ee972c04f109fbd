package dev.emostream.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Arrays;
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
 * <p>{@link #binary} makes one for state that only EmoStream reads (state stores and their changelogs): the same
 * records and rules, written as Smile, Jackson's binary form of JSON.
 *
 * @param <T> the record type
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    /** The first bytes of every Smile document Jackson writes (":)\n"), which JSON text never starts with. */
    private static final byte[] SMILE_HEADER = {':', ')', '\n'};

    private final String contract;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    /** Binary mode: reads the JSON text an older version stored; null for a JSON serde. */
    private final ObjectReader textReader;

    public JsonSerde(Class<T> type, String contract) {
        this(type, contract, Json.MAPPER, null);
    }

    private JsonSerde(Class<T> type, String contract, ObjectMapper mapper, ObjectReader textReader) {
        this.contract = contract;
        this.writer = mapper.writerFor(type);
        this.reader = mapper.readerFor(type);
        this.textReader = textReader;
    }

    /**
     * A serde that writes Smile (binary JSON: numbers as their bits, names shared within a document) and reads Smile
     * or JSON text, for state no other service reads. Profiled on 2026-12-03, half the stream threads' Java samples
     * were Jackson writing and parsing the tracks and statistics stores' numbers as decimal text (JDK 17's
     * {@code Double.toString} above all); state restored from a changelog written as JSON still reads.
     */
    public static <T> JsonSerde<T> binary(Class<T> type, String contract) {
        return new JsonSerde<>(type, contract, Json.SMILE, Json.MAPPER.readerFor(type));
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
            T value = (textReader == null || isSmile(data) ? reader : textReader).readValue(data);
            if (value == null) {
                throw new SchemaException(contract, topic, null, "JSON null is not a document");
            }
            return value;
        } catch (JsonMappingException e) {
            throw new SchemaException(contract, topic, fieldOf(e), detailOf(e), e);
        } catch (IOException e) {
            throw new SchemaException(contract, topic, null, "is not valid " + (textReader == null ? "JSON" : "Smile or JSON")
                    + ": " + e.getMessage(), e);
        }
    }

    private static boolean isSmile(byte[] data) {
        return data.length >= SMILE_HEADER.length && Arrays.equals(data, 0, SMILE_HEADER.length, SMILE_HEADER, 0, SMILE_HEADER.length);
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
