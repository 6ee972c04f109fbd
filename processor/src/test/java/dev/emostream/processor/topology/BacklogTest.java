package dev.emostream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BacklogTest {
    private final Backlog backlog = new Backlog(Duration.ofSeconds(1), 5);

    @Test
    void theStepGrowsWithTheAgeUpToItsMaximum() {
        assertThat(backlog.step(Duration.ofMillis(900))).isEqualTo(1);
        assertThat(backlog.step(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(backlog.step(Duration.ofMillis(2500))).isEqualTo(3);
        assertThat(backlog.step(Duration.ofSeconds(60))).isEqualTo(5);
        assertThat(new Backlog(Duration.ZERO, 1).step(Duration.ofSeconds(60))).isEqualTo(1);
    }

    @Test
    void aFrameYoungerThanTheLiveLimitIsLiveAndZeroMakesNoneLive() {
        Backlog live = new Backlog(Duration.ofSeconds(1), 5, Duration.ofMillis(100));
        assertThat(live.live(Duration.ofMillis(99))).isTrue();
        assertThat(live.live(Duration.ofMillis(100))).isFalse();
        assertThat(live.live(Duration.ofSeconds(5))).isFalse();
        assertThat(backlog.live(Duration.ZERO)).isFalse();
    }

    @Test
    void anAbsurdAgeFromAForgedCaptureTimeDoesNotOverflow() {
        assertThat(backlog.step(Duration.between(Instant.MIN, Instant.parse("2026-12-01T00:00:00Z")))).isEqualTo(5);
    }
}
