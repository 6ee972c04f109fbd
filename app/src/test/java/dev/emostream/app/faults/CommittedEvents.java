package dev.emostream.app.faults;

import dev.emostream.schemas.EmotionEventV1;
import dev.emostream.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an events topic {@code read_committed} on a thread of its own, noting when each event arrived, so a test
 * can wait on what a dashboard would see and measure gaps (e.g. from a SIGKILL to the next event).
 */
final class CommittedEvents implements AutoCloseable {
    /** An event and when this reader received it. */
    record Arrival(EmotionEventV1 event, long nanos) {
        String key() {
            return event.cameraId() + "/" + event.frameSequence() + "/" + event.faceIndex();
        }
    }

    private final List<Arrival> arrivals = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    CommittedEvents(Properties client, String topic) {
        Properties c = new Properties();
        c.putAll(client);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        thread = new Thread(() -> {
            try (KafkaConsumer<String, EmotionEventV1> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                    Topics.EMOTION_EVENTS.valueSerde().deserializer())) {
                consumer.subscribe(List.of(topic));
                while (running) {
                    for (ConsumerRecord<String, EmotionEventV1> r : consumer.poll(Duration.ofMillis(100))) {
                        synchronized (arrivals) {
                            arrivals.add(new Arrival(r.value(), System.nanoTime()));
                        }
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }, "committed-events-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    List<Arrival> arrivals() {
        if (failure != null) {
            throw new AssertionError("the event reader failed", failure);
        }
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** Distinct frames (camera/sequence) with at least one event so far. */
    Set<String> frames() {
        return arrivals().stream().map(a -> a.event().cameraId() + "/" + a.event().frameSequence()).collect(Collectors.toSet());
    }

    /** Waits until {@code condition} holds over the arrivals, polling every 100 ms. */
    void await(Predicate<CommittedEvents> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + " (" + arrivals().size() + " events so far)");
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
