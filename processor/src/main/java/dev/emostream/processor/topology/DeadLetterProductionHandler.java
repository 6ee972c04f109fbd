package dev.emostream.processor.topology;

import dev.emostream.schemas.DeadLetterV2;
import dev.emostream.schemas.FrameHeaders;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an output cannot be written (too large for its topic, a timestamp the broker refuses, a serialisation
 * error), writes a dead letter of the input frame that produced it (its bytes, cut to {@code emostream.dlq.max.bytes})
 * saying which output failed and why, and carries on: one unwritable record must not stop the application or send
 * its thread into a crash loop. A dead letter the dead-letter topic itself refuses is written once more without its
 * value (the headers say the original size); one that fails even so is logged and dropped, and Kafka Streams counts
 * it in {@code dropped-records}. Retriable errors are retried.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
    /** The reason of a dead letter for an output that could not be written. */
    public static final String UNWRITABLE = "unwritable-output";
    private DeadLetters.Target dlq = DeadLetters.Target.DEFAULT;

    @Override
    public void configure(Map<String, ?> configs) {
        dlq = DeadLetters.Target.of(configs);
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
        if (dlq.topic().equals(record.topic())) {
            return retryWithoutValue(context, record, exception);
        }
        LOG.warn("Cannot write to {} (input {}-{}@{}): {}; a dead letter goes to {}", record.topic(), context.topic(), context.partition(),
                context.offset(), exception.toString(), dlq.topic());
        return Response.resume(List.of(dlq.record(UNWRITABLE, "output to " + record.topic() + " refused: "
                + exception.getMessage(), exception, context, context.sourceRawKey(), context.sourceRawValue(), context.headers())));
    }

    /** The dead-letter topic refused a letter: once more with no value, keeping its headers and saying what was cut. */
    private Response retryWithoutValue(ErrorHandlerContext context, ProducerRecord<?, ?> record, Exception exception) {
        byte[] value = record.value() instanceof byte[] bytes ? bytes : null;
        Headers headers = new RecordHeaders(record.headers().toArray());
        if (value == null || value.length == 0 || FrameHeaders.text(headers, DeadLetterV2.REASON) == null) {
            LOG.error("Dropped a dead letter that cannot be written to {} (input {}-{}@{}): {}", dlq.topic(), context.topic(),
                    context.partition(), context.offset(), exception.toString());
            return Response.resume();
        }
        DeadLetterV2 letter;
        try {
            letter = DeadLetterV2.read(dlq.topic(), headers, value).withoutPayload();
        } catch (RuntimeException e) {
            LOG.error("Dropped a dead letter with unreadable headers (input {}-{}@{}): {}", context.topic(), context.partition(),
                    context.offset(), e.toString());
            return Response.resume();
        }
        LOG.warn("{} refused a dead letter of {} bytes (input {}-{}@{}): {}; writing it again without its value", dlq.topic(),
                value.length, context.topic(), context.partition(), context.offset(), exception.toString());
        letter.writeTo(headers);
        Object key = record.key();
        byte[] keyBytes = key instanceof byte[] k ? k : context.sourceRawKey();
        return Response.resume(List.of(new ProducerRecord<>(dlq.topic(), null, null, keyBytes, letter.payload(), headers)));
    }
}
