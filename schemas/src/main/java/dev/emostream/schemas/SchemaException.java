package dev.emostream.schemas;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes or headers that do not match a message contract.
 *
 * <p>Every serde in this module throws this instead of returning {@code null}: the message says which
 * contract, which topic and (where known) which field was wrong, so a dead-letter record can carry it as
 * its reason. It extends Kafka's {@link SerializationException} so Kafka's deserialisation handlers see it.
 */
public class SchemaException extends SerializationException {
    private final String contract;
    private final String field;

    public SchemaException(String contract, String topic, String field, String detail, Throwable cause) {
        super(contract + (topic == null ? "" : " on topic '" + topic + "'") + ": "
                + (field == null ? "" : "field '" + field + "' ") + detail, cause);
        this.contract = contract;
        this.field = field;
    }

    public SchemaException(String contract, String topic, String field, String detail) {
        this(contract, topic, field, detail, null);
    }

    /** The contract, e.g. {@code emotion-event/v1}. */
    public String contract() {
        return contract;
    }

    /** The offending field or header, or {@code null} when the document as a whole was unreadable. */
    public String field() {
        return field;
    }
}
