package dev.emostream.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** The Kafka benchmark's pure parts; the pipelines themselves run in {@code bin/emostream bench}. */
class KafkaPipelineBenchmarksTest {

    @Test
    void theWaitSleepsAQuarterMillisecondPerFrameToComeWithinOneAndFiftyMilliseconds() {
        // Given frames still to be analysed, When the wait picks its next step, Then it is 1 ms near the target
        assertThat(KafkaPipelineBenchmarks.sleepStepMs(0.5)).isEqualTo(1);
        assertThat(KafkaPipelineBenchmarks.sleepStepMs(7)).isEqualTo(1);
        // and a quarter of a millisecond a frame further away, at most 50 ms
        assertThat(KafkaPipelineBenchmarks.sleepStepMs(100)).isEqualTo(25);
        assertThat(KafkaPipelineBenchmarks.sleepStepMs(150 + 75)).isEqualTo(50);
        assertThat(KafkaPipelineBenchmarks.sleepStepMs(10_000)).isEqualTo(50);
    }

    @Test
    void theCamerasLandOnThePartitionsInTurn() {
        // Given the benchmark's camera ids, When they are hashed as the producer does, Then camera i lands on partition i mod 2
        List<String> ids = KafkaPipelineBenchmarks.cameras(4);
        for (int i = 0; i < ids.size(); i++) {
            int partition = Utils.toPositive(Utils.murmur2(ids.get(i).getBytes(StandardCharsets.UTF_8))) % KafkaPipelineBenchmarks.PARTITIONS;
            assertThat(partition).isEqualTo(i % KafkaPipelineBenchmarks.PARTITIONS);
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(4);
    }
}
