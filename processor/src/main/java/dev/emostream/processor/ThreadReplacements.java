package dev.emostream.processor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** When stream threads were replaced after failures, to tell a passing failure from one that keeps coming back. */
final class ThreadReplacements {
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int LIMIT = 3;
    private final Deque<Instant> times = new ArrayDeque<>();

    synchronized void add(Instant at) {
        times.addLast(at);
        while (times.size() > 100) {
            times.removeFirst();
        }
    }

    /** Replacements within {@link #WINDOW} before {@code now}. */
    synchronized int recent(Instant now) {
        Instant from = now.minus(WINDOW);
        return (int) times.stream().filter(t -> t.isAfter(from)).count();
    }
}
