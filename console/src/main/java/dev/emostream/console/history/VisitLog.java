package dev.emostream.console.history;

import dev.emostream.schemas.FaceTrackV1;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Recent visits: the {@code ended} lifecycles of {@code face-tracks} (each holds the whole visit: first and last
 * seen, dwell, emotion summary) over the last {@link #retention}, at most {@link #MAX_VISITS}.
 */
public final class VisitLog {
    static final int MAX_VISITS = 50_000;
    private final Duration retention;
    private final Deque<FaceTrackV1> visits = new ArrayDeque<>();

    public VisitLog(Duration retention) {
        this.retention = retention;
    }

    /** Keeps {@code t} when it ends a visit; forgets visits older than the retention before {@code now}. */
    public synchronized void add(FaceTrackV1 t, Instant now) {
        if (!FaceTrackV1.ENDED.equals(t.type())) {
            return;
        }
        visits.addLast(t);
        Instant oldest = now.minus(retention);
        while (!visits.isEmpty() && (visits.size() > MAX_VISITS || visits.peekFirst().lastSeen().isBefore(oldest))) {
            visits.removeFirst();
        }
    }

    /** Visits of {@code camera} (null: all) that ended in {@code [from, to)}, newest first, at most {@code limit}. */
    public synchronized List<FaceTrackV1> query(String camera, Instant from, Instant to, int limit) {
        List<FaceTrackV1> out = new ArrayList<>();
        var it = visits.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            FaceTrackV1 t = it.next();
            if ((camera == null || camera.equals(t.cameraId())) && !t.lastSeen().isBefore(from) && t.lastSeen().isBefore(to)) {
                out.add(t);
            }
        }
        return out;
    }

    public synchronized int size() {
        return visits.size();
    }
}
