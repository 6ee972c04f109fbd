package dev.emostream.schemas;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration every EmoStream contract is written and read with.
 *
 * <ul>
 *   <li>times as ISO-8601 strings ({@code 2026-11-23T17:42:00.123Z}), not epoch numbers;</li>
 *   <li>a missing field or a null for a number fails (and the error names it) instead of defaulting to 0;</li>
 *   <li>unknown fields are ignored, so a newer producer can add fields without breaking older consumers;</li>
 *   <li>byte arrays as base64 strings.</li>
 * </ul>
 */
public final class Json {
    /**
     * Prefix of the injection ids of optional record fields, which read as null when absent although the mapper
     * fails on other missing creator properties: {@code @JacksonInject(value = Json.ABSENT + "landmarks", useInput = TRUE)}.
     * Jackson wants the ids distinct within a class, hence one per field.
     */
    public static final String ABSENT = "absent:";

    /** Null for every id under {@link #ABSENT}; any other id is a programming error. */
    private static final class AbsentIsNull extends InjectableValues {
        @Override
        public Object findInjectableValue(Object valueId, com.fasterxml.jackson.databind.DeserializationContext ctxt,
                                          com.fasterxml.jackson.databind.BeanProperty forProperty, Object beanInstance) {
            if (valueId instanceof String id && id.startsWith(ABSENT)) {
                return null;
            }
            throw new IllegalStateException("no injectable value '" + valueId + "'");
        }
    }

    /** Thread-safe once configured; share it. */
    public static final ObjectMapper MAPPER = configured(JsonMapper.builder());

    /**
     * {@link #MAPPER}'s configuration writing and reading Smile, Jackson's binary JSON, for state only EmoStream reads
     * ({@link JsonSerde#binary}). Smile's shared-name back-references are on (Jackson's default), so a document's many
     * objects of one type spell their field names once.
     */
    public static final ObjectMapper SMILE = configured(SmileMapper.builder());

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configured(B builder) {
        return builder
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Numbers to and from decimal text with Jackson's own algorithms (Schubfach, FastDoubleParser) instead of
                // JDK 17's Double.toString and parseDouble: the same values, shortest text that reads back exactly.
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Optional fields added to a contract later read as null when absent (see EmotionEventV1.landmarks).
                .injectableValues(new AbsentIsNull())
                .build();
    }

    private Json() {
    }
}
