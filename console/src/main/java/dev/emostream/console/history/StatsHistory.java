package dev.emostream.console.history;

import dev.emostream.schemas.EmotionStatsV1;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every camera's {@code emotion-stats} windows over the last {@link #retention()}: the latest record per camera and
 * window start (each record is the window's full state so far, so the latest replaces the others). Filled from the
 * topic, read back from its retention at start, so a console restart or a page reload loses nothing.
 */
public final class StatsHistory {
    /** Most windows kept per camera, whatever the retention (10 s windows: a day is 8,640). */
    static final int MAX_WINDOWS_PER_CAMERA = 20_000;
    private final Duration retention;
    private final Map<String, NavigableMap<Instant, EmotionStatsV1>> byCamera = new ConcurrentHashMap<>();

    public StatsHistory(Duration retention) {
        this.retention = retention;
    }

    public Duration retention() {
        return retention;
    }

    /** Adds (or replaces) a window; drops windows older than the retention before {@code now}. */
    public void add(EmotionStatsV1 stats, Instant now) {
        NavigableMap<Instant, EmotionStatsV1> windows = byCamera.computeIfAbsent(stats.cameraId(), c -> new TreeMap<>());
        synchronized (windows) {
            windows.put(stats.windowStart(), stats);
            windows.headMap(now.minus(retention)).clear();
            while (windows.size() > MAX_WINDOWS_PER_CAMERA) {
                windows.pollFirstEntry();
            }
        }
    }

    /** The windows starting in {@code [from, to)} of {@code camera} (null: every camera), by camera then time. */
    public List<EmotionStatsV1> query(String camera, Instant from, Instant to) {
        List<EmotionStatsV1> out = new ArrayList<>();
        for (String c : new TreeSet<>(byCamera.keySet())) {
            if (camera != null && !camera.equals(c)) {
                continue;
            }
            NavigableMap<Instant, EmotionStatsV1> windows = byCamera.get(c);
            synchronized (windows) {
                out.addAll(windows.subMap(from, true, to, false).values());
            }
        }
        return out;
    }

    /** Cameras with at least one window kept. */
    public Set<String> cameras() {
        return new TreeSet<>(byCamera.keySet());
    }

    /** The latest window of {@code camera}, or null. */
    public EmotionStatsV1 latest(String camera) {
        NavigableMap<Instant, EmotionStatsV1> windows = byCamera.get(camera);
        if (windows == null) {
            return null;
        }
        synchronized (windows) {
            return windows.isEmpty() ? null : windows.lastEntry().getValue();
        }
    }

    /** Windows kept, all cameras. */
    public int size() {
        return byCamera.values().stream().mapToInt(m -> {
            synchronized (m) {
                return m.size();
            }
        }).sum();
    }
}
