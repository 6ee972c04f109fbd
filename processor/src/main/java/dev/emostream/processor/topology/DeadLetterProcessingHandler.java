package dev.emostream.processor.topology;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a processor of the topology throws for a record (the frame analysis catches its own errors; this is for
 * whatever else: the statistics, a bug), dead-letters the input frame with the exception and carries on: one
 * record must not kill its stream thread and then kill the next one on the same offset. Kafka Streams counts it
 * in {@code dropped-records}.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private DeadLetters.Target dlq = DeadLetters.Target.DEFAULT;

    @Override
    public void configure(Map<String, ?> configs) {
        dlq = DeadLetters.Target.of(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.warn("Processor {} failed on {}-{}@{}: {}; the input goes to {}", context.processorNodeId(), context.topic(), context.partition(),
                context.offset(), exception.toString(), dlq.topic());
        return Response.resume(List.of(dlq.record(DeadLetters.PROCESSING, "in " + context.processorNodeId() + ": "
                + exception, exception, context, context.sourceRawKey(), context.sourceRawValue(), context.headers())));
    }
}
