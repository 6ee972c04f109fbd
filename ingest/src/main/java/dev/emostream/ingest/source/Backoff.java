package dev.emostream.ingest.source;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: attempt n waits a random time in [base * 2^n / 2, base * 2^n], capped. */
public record Backoff(Duration base, Duration max) {
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public Duration delay(int attempt) {
        long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt, 20));
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
    }
}
