package dev.emostream.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for {@link FrameV1}: the value is the JPEG, the metadata goes into CloudEvents binary-mode
 * headers ({@link FrameHeaders}). Kafka producers and Kafka Streams call the header-aware methods; the
 * header-less ones throw, because a frame without its headers is not a frame.
 *
 * <p>Reading checks every header and throws {@link SchemaException} naming the missing or bad one.
 */
public final class FrameSerde implements Serde<FrameV1>, Serializer<FrameV1>, Deserializer<FrameV1> {

    @Override
    public byte[] serialize(String topic, Headers headers, FrameV1 frame) {
        if (frame == null) {
            return null;
        }
        put(headers, FrameHeaders.SPEC_VERSION, FrameHeaders.SPEC_VERSION_VALUE);
        put(headers, FrameHeaders.ID, frame.id());
        put(headers, FrameHeaders.SOURCE, frame.cameraId());
        put(headers, FrameHeaders.TYPE, FrameHeaders.TYPE_VALUE);
        put(headers, FrameHeaders.TIME, frame.captureTime().toString());
        put(headers, FrameHeaders.SEQUENCE, Long.toString(frame.sequence()));
        put(headers, FrameHeaders.WIDTH, Integer.toString(frame.width()));
        put(headers, FrameHeaders.HEIGHT, Integer.toString(frame.height()));
        put(headers, FrameHeaders.CONTENT_TYPE, FrameHeaders.CONTENT_TYPE_VALUE);
        return frame.jpeg();
    }

    @Override
    public byte[] serialize(String topic, FrameV1 frame) {
        throw new SchemaException(FrameV1.CONTRACT, topic, null,
                "cannot be written without record headers (use the header-aware serialize)");
    }

    @Override
    public FrameV1 deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0) {
            throw new SchemaException(FrameV1.CONTRACT, topic, "value", "is empty: expected JPEG bytes");
        }
        expect(topic, headers, FrameHeaders.SPEC_VERSION, FrameHeaders.SPEC_VERSION_VALUE);
        expect(topic, headers, FrameHeaders.TYPE, FrameHeaders.TYPE_VALUE);
        expect(topic, headers, FrameHeaders.CONTENT_TYPE, FrameHeaders.CONTENT_TYPE_VALUE);
        String camera = required(topic, headers, FrameHeaders.SOURCE);
        String id = required(topic, headers, FrameHeaders.ID);
        long sequence = number(topic, headers, FrameHeaders.SEQUENCE, 0);
        int width = (int) number(topic, headers, FrameHeaders.WIDTH, 1);
        int height = (int) number(topic, headers, FrameHeaders.HEIGHT, 1);
        Instant time;
        try {
            time = Instant.parse(required(topic, headers, FrameHeaders.TIME));
        } catch (DateTimeParseException e) {
            throw new SchemaException(FrameV1.CONTRACT, topic, FrameHeaders.TIME,
                    "is not an RFC 3339 time: " + e.getParsedString(), e);
        }
        return new FrameV1(camera, id, sequence, time, width, height, data);
    }

    @Override
    public FrameV1 deserialize(String topic, byte[] data) {
        throw new SchemaException(FrameV1.CONTRACT, topic, null, "cannot be read without record headers");
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(String topic, Headers headers, String key) {
        String v = FrameHeaders.text(headers, key);
        if (v == null || v.isBlank()) {
            throw new SchemaException(FrameV1.CONTRACT, topic, key, "header is missing");
        }
        return v;
    }

    private static void expect(String topic, Headers headers, String key, String expected) {
        String v = required(topic, headers, key);
        if (!v.equals(expected)) {
            throw new SchemaException(FrameV1.CONTRACT, topic, key,
                    "header is '" + v + "', expected '" + expected + "'");
        }
    }

    private static long number(String topic, Headers headers, String key, long min) {
        String v = required(topic, headers, key);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new SchemaException(FrameV1.CONTRACT, topic, key, "header is not an integer: '" + v + "'", e);
        }
        if (n < min || (!FrameHeaders.SEQUENCE.equals(key) && n > Integer.MAX_VALUE)) {
            throw new SchemaException(FrameV1.CONTRACT, topic, key, "header is out of range: " + n);
        }
        return n;
    }

    @Override
    public Serializer<FrameV1> serializer() {
        return this;
    }

    @Override
    public Deserializer<FrameV1> deserializer() {
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
