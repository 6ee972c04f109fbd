package dev.emostream.processor.topology;

import dev.emostream.processor.ProcessorConfig;
import dev.emostream.schemas.DeadLetterV2;
import dev.emostream.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When Kafka Streams cannot deserialise an input record, writes it to the dead-letter topic (original bytes,
 * reason, source offset) and carries on, so one bad record never stops the application.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private String dlqTopic = Topics.FRAMES_DLQ.name();
    private int maxBytes = ProcessorConfig.DLQ_MAX_BYTES_DEFAULT;

    @Override
    public void configure(Map<String, ?> configs) {
        dlqTopic = DeadLetters.topic(configs);
        maxBytes = DeadLetters.maxBytes(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.warn("Cannot deserialise {}-{}@{}: {}; sent to {}", context.topic(), context.partition(), context.offset(),
                exception.toString(), dlqTopic);
        DeadLetterV2 letter = DeadLetters.of(DeadLetters.DESERIALIZATION, exception.getMessage(), exception, context.topic(),
                context.partition(), context.offset(), record.value(), Instant.now(), maxBytes);
        return Response.resume(List.of(new ProducerRecord<>(dlqTopic, null, null, record.key(), letter.payload(),
                letter.headers(record.headers()))));
    }
}
