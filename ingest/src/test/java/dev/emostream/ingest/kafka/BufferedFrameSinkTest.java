package dev.emostream.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.schemas.FrameV1;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/** The buffer between cameras and Kafka, against a sink that blocks as a producer does while the broker is away. */
class BufferedFrameSinkTest {
    private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

    /** A sink whose send blocks until released, recording what it was given. */
    private static final class BlockedSink implements FrameSink {
        final CountDownLatch released = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(FrameV1 frame, LongConsumer acked, Consumer<Exception> failed) {
            entered.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(frame.cameraId() + "/" + frame.sequence());
            acked.accept(1);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void camerasNeverWaitForABlockedBrokerTheOldestFramesBeyondTheBoundAreDroppedAndCountedAndTheRestGoOutInOrder() {
        // Given a sink that blocks (Kafka away) behind a buffer of 3 frames per camera
        BlockedSink kafka = new BlockedSink();
        BufferedFrameSink buffer = new BufferedFrameSink(kafka, camera -> 3);
        List<Long> dropped = new CopyOnWriteArrayList<>();
        List<Long> acked = new CopyOnWriteArrayList<>();

        // When one camera hands over 10 frames (the first is with the blocked sender before the others come) and another 2
        // (a camera blocked by the sink would hang here: preemptive timeout)
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int seq = 0; seq < 10; seq++) {
                if (seq == 1) {
                    assertThat(kafka.entered.await(10, TimeUnit.SECONDS)).isTrue();
                }
                long s = seq;
                buffer.send(frame("door", seq), n -> acked.add(s), e -> {
                    assertThat(e).isInstanceOf(BufferedFrameSink.BufferOverflowException.class);
                    dropped.add(s);
                });
            }
            buffer.send(frame("till", 0), n -> { }, e -> { });
            buffer.send(frame("till", 1), n -> { }, e -> { });
        });

        // Then nothing waited; frame 0 went to the blocked sender, 1 to 6 were dropped for 7, 8, 9
        assertThat(dropped).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(buffer.waiting("door")).isEqualTo(3);

        // And when Kafka returns, the rest are sent oldest first per camera, and flush returns when they are acknowledged
        kafka.released.countDown();
        buffer.flush();
        assertThat(kafka.sent).containsExactly("door/0", "till/0", "till/1", "door/7", "door/8", "door/9");
        assertThat(acked).containsExactly(0L, 7L, 8L, 9L);
        buffer.close(Duration.ofSeconds(5));
        assertThat(buffer.waiting("door")).isZero();
    }

    private static FrameV1 frame(String camera, long seq) {
        // capture times: the till's frames were taken between the door's first and its eighth
        Instant t = camera.equals("till") ? T0.plusMillis(100 + seq) : T0.plusMillis(seq * 100L);
        return new FrameV1(camera, camera + "-" + seq, seq, t, 1, 1, new byte[] {1});
    }
}
