package dev.emostream.processor;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the processor is stuck: records wait on its partitions (consumer lag) but none has been handled
 * (analysed, skipped or dead-lettered) for {@link #STUCK_AFTER}. A stream thread that hangs on one record, or
 * keeps failing on it, looks like this; {@code /health} then answers DOWN so the pod is restarted.
 */
final class Progress {
    /** Far above the slowest frame (a model load, a long GC), far below what an operator would tolerate. */
    static final Duration STUCK_AFTER = Duration.ofMinutes(2);
    private Instant last;
    private double handled;

    Progress(Instant started) {
        this.last = started;
    }

    /** Notes the count of records handled so far, seen at {@code now}: progress when it grew. */
    synchronized void observe(Instant now, double handledSoFar) {
        if (handledSoFar != handled) {
            handled = handledSoFar;
            last = now;
        }
    }

    /** Stuck when {@code lag} records wait and nothing was handled for {@link #STUCK_AFTER}. */
    synchronized boolean stuck(Instant now, long lag) {
        return lag > 0 && Duration.between(last, now).compareTo(STUCK_AFTER) > 0;
    }

    synchronized Instant last() {
        return last;
    }
}
