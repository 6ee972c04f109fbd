package dev.emostream.ingest.kafka;

import dev.emostream.schemas.FrameV1;
import dev.emostream.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Frames to Kafka: keyed by camera (so one camera's frames stay in order on one partition), record timestamp =
 * capture time, CloudEvents headers from {@link dev.emostream.schemas.FrameSerde}; idempotent, {@code acks=all}.
 */
public final class KafkaFrameSink implements FrameSink {
    private final KafkaProducer<String, FrameV1> producer;
    private final String topic;

    public KafkaFrameSink(Map<String, Object> settings, String topic, int maxMessageBytes) {
        Properties p = new Properties();
        // No duplicates or reordering on retries; every in-sync replica has the frame before it counts as sent.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // JPEGs do not compress; frames up to the topic's limit.
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes + 64 * 1024);
        // Send promptly: latency matters more than batching for a few frames a second.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "emostream-ingest");
        p.putAll(settings);
        this.producer = new KafkaProducer<>(p, Topics.FRAMES.keySerde().serializer(), Topics.FRAMES.valueSerde().serializer());
        this.topic = topic;
    }

    @Override
    public void send(FrameV1 frame, LongConsumer acked, Consumer<Exception> failed) {
        long start = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, null, frame.captureTime().toEpochMilli(), frame.cameraId(), frame), (md, e) -> {
            if (e == null) {
                acked.accept(System.nanoTime() - start);
            } else {
                failed.accept(e);
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
