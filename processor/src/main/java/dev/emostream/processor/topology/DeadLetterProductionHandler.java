package dev.emostream.processor.topology;

import dev.emostream.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an output cannot be written (too large for its topic, a timestamp the broker refuses, a serialisation
 * error), writes a small dead letter saying which output, where its input came from and why, and carries on:
 * one unwritable record must not stop the application or send its thread into a crash loop. A dead letter that
 * itself cannot be written is logged and dropped (nothing else could take it). Retriable errors are retried.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
    /** The reason of a dead letter for an output that could not be written. */
    public static final String UNWRITABLE = "unwritable-output";
    private String dlqTopic = Topics.FRAMES_DLQ.name();

    @Override
    public void configure(Map<String, ?> configs) {
        dlqTopic = DeadLetters.topic(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return deadLetter(context, record, exception);
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return deadLetter(context, record, exception);
    }

    private Response deadLetter(ErrorHandlerContext context, ProducerRecord<?, ?> record, Exception exception) {
        if (dlqTopic.equals(record.topic())) {
            LOG.error("Dropped a dead letter that cannot be written to {} (input {}-{}@{}): {}", dlqTopic, context.topic(),
                    context.partition(), context.offset(), exception.toString());
            return Response.resume();
        }
        LOG.warn("Cannot write to {} (input {}-{}@{}): {}; a dead letter goes to {}", record.topic(), context.topic(), context.partition(),
                context.offset(), exception.toString(), dlqTopic);
        byte[] letter = Topics.FRAMES_DLQ.valueSerde().serializer().serialize(dlqTopic, DeadLetters.of(UNWRITABLE,
                "output to " + record.topic() + " refused: " + exception, context.topic(), context.partition(), context.offset(),
                null, new RecordHeaders(), new byte[0], Instant.now()));
        return Response.resume(List.of(new ProducerRecord<>(dlqTopic, null, context.sourceRawKey(), letter)));
    }
}
