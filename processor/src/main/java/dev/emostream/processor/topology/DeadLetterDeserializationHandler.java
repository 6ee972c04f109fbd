package dev.emostream.processor.topology;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    private DeadLetters.Target dlq = DeadLetters.Target.DEFAULT;

    @Override
    public void configure(Map<String, ?> configs) {
        dlq = DeadLetters.Target.of(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.warn("Cannot deserialise {}-{}@{}: {}; sent to {}", context.topic(), context.partition(), context.offset(),
                exception.toString(), dlq.topic());
        return Response.resume(List.of(dlq.record(DeadLetters.DESERIALIZATION, exception.getMessage(), exception, context,
                record.key(), record.value(), record.headers())));
    }
}
