package dev.emostream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas of the contracts (classpath {@code schemas/v1/*.schema.json}) and a validator for them.
 *
 * <pre>{@code
 * List<String> errors = JsonSchemas.errors(JsonSchemas.Contract.EMOTION_EVENT, Json.MAPPER.readTree(bytes));
 * }</pre>
 * Each error names the field, e.g. {@code $.box.width: must have a minimum value of 1}.
 */
public final class JsonSchemas {

    /** One JSON Schema file per contract. */
    public enum Contract {
        FRAME_HEADERS("v1/frame-headers.schema.json"),
        EMOTION_EVENT("v1/emotion-event.schema.json"),
        EMOTION_STATS("v1/emotion-stats.schema.json"),
        DEAD_LETTER_HEADERS("v2/dead-letter-headers.schema.json"),
        FACE_TRACK("v1/face-track.schema.json"),
        FEEDBACK("v1/feedback.schema.json");

        private final String file;

        Contract(String file) {
            this.file = file;
        }

        /** Classpath resource of the schema, e.g. {@code schemas/v1/emotion-event.schema.json}. */
        public String resource() {
            return "schemas/" + file;
        }
    }

    private static final Map<Contract, JsonSchema> SCHEMAS = load();

    private JsonSchemas() {
    }

    /** Validation errors of {@code document} against {@code contract}; empty when valid. */
    public static List<String> errors(Contract contract, JsonNode document) {
        return SCHEMAS.get(contract).validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Validates a contract record by writing it as JSON first (what a consumer would read). */
    public static List<String> errors(Contract contract, Object record) {
        return errors(contract, Json.MAPPER.valueToTree(record));
    }

    private static Map<Contract, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        Map<Contract, JsonSchema> schemas = new EnumMap<>(Contract.class);
        for (Contract c : Contract.values()) {
            try (InputStream in = JsonSchemas.class.getClassLoader().getResourceAsStream(c.resource())) {
                if (in == null) {
                    throw new IllegalStateException("schema missing from the classpath: " + c.resource());
                }
                schemas.put(c, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + c.resource(), e);
            }
        }
        return schemas;
    }
}
