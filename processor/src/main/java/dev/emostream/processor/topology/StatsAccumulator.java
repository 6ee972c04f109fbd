package dev.emostream.processor.topology;

import dev.emostream.schemas.EmotionEventV1;
import dev.emostream.schemas.EmotionStatsV1;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running totals of one camera's window: frames with faces, faces, faces per top emotion and the sum of each
 * class's probability. Immutable; {@link #add} returns the next state. Stored as JSON in the window store.
 *
 * @param frames        frames seen (events of one frame arrive together; a new sequence counts a frame)
 * @param lastSequence  the last frame sequence counted
 * @param faces         faces seen
 * @param counts        faces per top emotion
 * @param sums          sum of probabilities per class
 */
public record StatsAccumulator(long frames, long lastSequence, long faces, Map<String, Long> counts, Map<String, Double> sums) {

    public static StatsAccumulator empty() {
        return new StatsAccumulator(0, -1, 0, Map.of(), Map.of());
    }

    public StatsAccumulator add(EmotionEventV1 e) {
        Map<String, Long> c = new LinkedHashMap<>(counts);
        c.merge(e.emotion(), 1L, Long::sum);
        Map<String, Double> s = new LinkedHashMap<>(sums);
        e.probabilities().forEach((label, p) -> s.merge(label, p, Double::sum));
        boolean newFrame = e.frameSequence() != lastSequence;
        return new StatsAccumulator(frames + (newFrame ? 1 : 0), e.frameSequence(), faces + 1, c, s);
    }

    /** The statistics of the window {@code [start, end)}. */
    public EmotionStatsV1 toStats(String camera, Instant start, Instant end) {
        Map<String, Double> mean = new LinkedHashMap<>();
        sums.forEach((label, sum) -> mean.put(label, faces == 0 ? 0.0 : Math.min(1.0, sum / faces)));
        String dominant = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        return new EmotionStatsV1(camera, start, end, frames, faces, counts, mean, dominant);
    }
}
