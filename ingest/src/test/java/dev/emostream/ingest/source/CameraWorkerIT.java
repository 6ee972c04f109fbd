package dev.emostream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.ingest.kafka.FrameSink;
import dev.emostream.ingest.metrics.IngestMetrics;
import dev.emostream.schemas.FrameV1;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/** A file camera that fails in the middle reopens where it was, not at the file's first frame (real clip, real FFmpeg). */
class CameraWorkerIT {

    @Test
    void aFileThatFailsMidwayResumesWhereItWasInsteadOfStartingAgain() throws Exception {
        // Given the people clip as a file camera at 5 fps, and a sink that fails once, at the 40th frame
        Path clip = dev.emostream.schemas.SharedAssets.require("media/people-720p15.mp4");
        List<FrameV1> sent = new CopyOnWriteArrayList<>();
        FrameSink failingOnce = new FrameSink() {
            private boolean failed;

            @Override
            public void send(FrameV1 frame, LongConsumer acked, Consumer<Exception> fail) {
                if (frame.sequence() == 40 && !failed) {
                    failed = true;
                    throw new IllegalStateException("injected failure");
                }
                sent.add(frame);
                acked.accept(1);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        CameraSpec spec = CameraSpec.parse("lobby=" + clip).with(5, 320, 80, false, false, "tcp").validated();
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry(), "lobby");
        CameraWorker worker = new CameraWorker(spec, failingOnce, metrics, 1_000_000, new Backoff(Duration.ofMillis(50), Duration.ofMillis(100)),
                Duration.ofSeconds(5));

        // When it runs to the end of the file
        Thread t = new Thread(worker, "camera-lobby");
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(120));

        // Then it reconnected once, finished, and sent the clip once: about 150 frames (not 150 + 40), the frame after
        // the failure is not the clip's first frame again
        assertThat(t.isAlive()).isFalse();
        assertThat(metrics.state()).isEqualTo(CameraState.FINISHED);
        assertThat(metrics.reconnectCount()).isEqualTo(1.0);
        assertThat(sent.size()).isBetween(135, 165);
        FrameV1 first = sent.get(0);
        FrameV1 afterFailure = sent.stream().filter(f -> f.sequence() == 41).findFirst().orElseThrow();
        assertThat(Arrays.equals(afterFailure.jpeg(), first.jpeg())).isFalse();
        FrameV1 beforeFailure = sent.stream().filter(f -> f.sequence() == 39).findFirst().orElseThrow();
        assertThat(Arrays.equals(afterFailure.jpeg(), beforeFailure.jpeg())).isFalse();
        // and sequence numbers go on: 40 was the failed one, so 41 follows 39
        assertThat(sent.stream().map(FrameV1::sequence).toList()).doesNotContain(40L).contains(39L, 41L);
    }
}
