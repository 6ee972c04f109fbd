package dev.emostream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");

    @Test
    void stuckOnlyWhenRecordsWaitAndNoneWasHandledForTwoMinutes() {
        // Given a processor that handled 10 records at T0
        Progress p = new Progress(T0.minusSeconds(600));
        p.observe(T0, 10);

        // Then an idle processor (no lag) is never stuck; with lag it is stuck only past two minutes without progress
        assertThat(p.stuck(T0.plusSeconds(3600), 0)).isFalse();
        assertThat(p.stuck(T0.plusSeconds(119), 5)).isFalse();
        assertThat(p.stuck(T0.plusSeconds(121), 5)).isTrue();

        // and any handled record (the count grew) resets the clock; the same count seen again does not
        p.observe(T0.plusSeconds(200), 11);
        assertThat(p.stuck(T0.plusSeconds(250), 5)).isFalse();
        p.observe(T0.plusSeconds(300), 11);
        assertThat(p.stuck(T0.plusSeconds(319), 5)).isFalse();
        assertThat(p.stuck(T0.plusSeconds(321), 5)).isTrue();
        assertThat(p.last()).isEqualTo(T0.plusSeconds(200));
    }
}
