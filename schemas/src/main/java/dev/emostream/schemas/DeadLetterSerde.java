package dev.emostream.schemas;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for {@link DeadLetterV2}: the value is the original bytes, the rest goes into headers. Like
 * {@link FrameSerde}, only the header-aware methods work (Kafka producers and Kafka Streams call those).
 */
public final class DeadLetterSerde implements Serde<DeadLetterV2>, Serializer<DeadLetterV2>, Deserializer<DeadLetterV2> {

    @Override
    public byte[] serialize(String topic, Headers headers, DeadLetterV2 letter) {
        return letter == null ? null : letter.writeTo(headers);
    }

    @Override
    public byte[] serialize(String topic, DeadLetterV2 letter) {
        throw new SchemaException(DeadLetterV2.CONTRACT, topic, null, "cannot be written without record headers (use the header-aware serialize)");
    }

    @Override
    public DeadLetterV2 deserialize(String topic, Headers headers, byte[] data) {
        return DeadLetterV2.read(topic, headers, data);
    }

    @Override
    public DeadLetterV2 deserialize(String topic, byte[] data) {
        throw new SchemaException(DeadLetterV2.CONTRACT, topic, null, "cannot be read without record headers");
    }

    @Override
    public Serializer<DeadLetterV2> serializer() {
        return this;
    }

    @Override
    public Deserializer<DeadLetterV2> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing to release
    }
}
