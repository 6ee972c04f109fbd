package dev.emostream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThreadReplacementsTest {
    @Test
    void onlyReplacementsWithinTheWindowCount() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        ThreadReplacements r = new ThreadReplacements();
        r.add(t0);
        r.add(t0.plusSeconds(60));
        r.add(t0.plusSeconds(120));
        assertThat(r.recent(t0.plusSeconds(130))).isEqualTo(3).isGreaterThanOrEqualTo(ThreadReplacements.LIMIT);
        assertThat(r.recent(t0.plus(ThreadReplacements.WINDOW).plusSeconds(90))).isEqualTo(1);
        assertThat(r.recent(t0.plusSeconds(3600))).isZero();
    }
}
