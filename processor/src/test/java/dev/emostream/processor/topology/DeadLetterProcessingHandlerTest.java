package dev.emostream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.processor.ProcessorConfig;
import dev.emostream.schemas.DeadLetterV2;
import dev.emostream.schemas.Topics;
import java.util.Map;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** What happens when a processor of the topology throws for a record (pure logic: the context is a plain value). */
class DeadLetterProcessingHandlerTest {

    @Test
    void theInputFrameIsDeadLetteredWithTheProcessorAndTheExceptionAndProcessingGoesOn() {
        // Given the handler configured with the dead-letter topic, and a processor that threw for frames-1@42
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(Map.of(ProcessorConfig.DLQ_TOPIC_CONFIG, "frames-dlq"));

        // When it decides
        ProcessingExceptionHandler.Response r = handler.handleError(FrameContext.INSTANCE, new Record<>("cam-1", "x", 0L),
                new IllegalStateException("window store closed"));

        // Then processing resumes with one dead letter: the input's bytes and headers, the processor and the exception
        assertThat(r.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(r.deadLetterQueueRecords()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo("frames-dlq");
            assertThat(letter.value()).containsExactly(1, 2, 3);
            DeadLetterV2 d = Topics.FRAMES_DLQ.valueSerde().deserializer().deserialize("frames-dlq", letter.headers(), letter.value());
            assertThat(d.reason()).isEqualTo(DeadLetters.PROCESSING);
            assertThat(d.detail()).contains("emotion-events").contains("window store closed");
            assertThat(d.exception()).isEqualTo(IllegalStateException.class.getName());
            assertThat(d.sourceOffset()).isEqualTo(42L);
        });
    }
}
