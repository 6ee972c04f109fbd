package dev.emostream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.processor.ProcessorConfig;
import dev.emostream.schemas.DeadLetterV2;
import dev.emostream.schemas.FrameHeaders;
import java.time.Instant;
import dev.emostream.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.junit.jupiter.api.Test;

/** What happens to an output the broker refuses (pure logic: the context is a plain value). */
class DeadLetterProductionHandlerTest {
    static final ErrorHandlerContext FROM_FRAME = FrameContext.INSTANCE;

    private final DeadLetterProductionHandler handler = new DeadLetterProductionHandler();

    @Test
    void anOutputTooLargeForItsTopicBecomesADeadLetterAndProcessingGoesOn() {
        // Given the DLQ topic configured as frames-dlq, and an event the broker refuses as too large
        handler.configure(Map.of(ProcessorConfig.DLQ_TOPIC_CONFIG, "frames-dlq"));
        ProducerRecord<byte[], byte[]> event = new ProducerRecord<>("emotion-events", new byte[] {1}, new byte[] {2});

        // When the handler decides
        Response r = handler.handleError(FROM_FRAME, event, new RecordTooLargeException("too big"));

        // Then processing resumes, with one dead letter of the input frame (its bytes, its headers) naming the output
        // topic, the reason and where the input came from
        assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(r.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("frames-dlq");
            assertThat(letter.key()).isEqualTo("cam-1".getBytes(StandardCharsets.UTF_8));
            assertThat(letter.value()).containsExactly(1, 2, 3);
            assertThat(FrameHeaders.text(letter.headers(), "ce_id")).isEqualTo("cam-1-r-42");
            DeadLetterV2 d = Topics.FRAMES_DLQ.valueSerde().deserializer().deserialize("frames-dlq", letter.headers(), letter.value());
            assertThat(d.reason()).isEqualTo(DeadLetterProductionHandler.UNWRITABLE);
            assertThat(d.detail()).contains("emotion-events").contains("too big");
            assertThat(d.exception()).isEqualTo(RecordTooLargeException.class.getName());
            assertThat(d.sourceTopic()).isEqualTo("frames");
            assertThat(d.sourceOffset()).isEqualTo(42L);
        });
    }

    @Test
    void aDeadLetterTheTopicRefusesIsWrittenOnceMoreWithoutItsValueThenDropped() {
        // Given a dead letter of 5 bytes that the dead-letter topic refuses
        handler.configure(Map.of(ProcessorConfig.DLQ_TOPIC_CONFIG, "frames-dlq"));
        DeadLetterV2 letter = DeadLetters.of(DeadLetters.UNDECODABLE, "not a JPEG", null, "frames", 1, 42, new byte[5],
                Instant.parse("2026-12-02T00:00:00Z"), 1 << 20);
        ProducerRecord<byte[], byte[]> refused = new ProducerRecord<>("frames-dlq", null, null, new byte[] {9}, letter.payload(),
                letter.headers(new RecordHeaders()));

        // When the handler decides, and then again for the smaller letter it wrote
        Response first = handler.handleError(FROM_FRAME, refused, new RecordTooLargeException("too big"));
        ProducerRecord<byte[], byte[]> again = first.deadLetterQueueRecords().get(0);
        Response second = handler.handleError(FROM_FRAME, again, new RecordTooLargeException("still too big"));

        // Then the first retry keeps the reason and says the value was 5 bytes, with no value; the second gives up
        assertThat(first.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        DeadLetterV2 read = Topics.FRAMES_DLQ.valueSerde().deserializer().deserialize("frames-dlq", again.headers(), again.value());
        assertThat(read).isEqualTo(letter.withoutPayload());
        assertThat(read.truncatedFrom()).isEqualTo(5);
        assertThat(again.value()).isEmpty();
        assertThat(again.key()).containsExactly(9);
        assertThat(second.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(second.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void retriableErrorsAreRetried() {
        Response r = handler.handleError(FROM_FRAME, new ProducerRecord<>("emotion-events", new byte[0], new byte[0]),
                new NotEnoughReplicasException("one broker down"));
        assertThat(r.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
    }
}
