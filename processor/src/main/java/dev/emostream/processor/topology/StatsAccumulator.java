package dev.emostream.processor.topology;

import dev.emostream.schemas.EmotionEventV1;
import dev.emostream.schemas.FaceTrackV1;
import dev.emostream.schemas.EmotionStatsV1;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Running totals of one camera's window: frames with faces, faces, faces per top emotion and the sum of each
 * class's probability; with tracking, the people (tracks) seen, visits started and ended, their dwell, and the
 * person-time per smoothed emotion. Immutable; {@link #add} returns the next state. Stored as JSON in the window store.
 *
 * @param frames        frames seen (events of one frame arrive together; a new sequence counts a frame)
 * @param lastSequence  the last frame sequence counted
 * @param faces         faces seen
 * @param counts        faces per top emotion
 * @param sums          sum of probabilities per class
 * @param tracks        distinct track ids seen (tracking)
 * @param started       visits started
 * @param ended         visits ended
 * @param dwellSum      sum of the ended visits' dwell seconds
 * @param personFrames  tracked face-frames per smoothed dominant emotion
 * @param skipped       frames not analysed, by reason (absent in state stored before it existed: read as none)
 */
public record StatsAccumulator(long frames, long lastSequence, long faces, Map<String, Long> counts, Map<String, Double> sums,
                               Set<Long> tracks, long started, long ended, double dwellSum, Map<String, Long> personFrames,
                               Map<String, Long> skipped) {

    public StatsAccumulator {
        skipped = skipped == null ? Map.of() : skipped;
    }

    public static StatsAccumulator empty() {
        return new StatsAccumulator(0, -1, 0, Map.of(), Map.of(), Set.of(), 0, 0, 0, Map.of(), Map.of());
    }

    /** Adds a per-face event, a track's lifecycle event or a skipped frame. */
    public StatsAccumulator add(Object input) {
        if (input instanceof FrameSkipped s) {
            Map<String, Long> k = new LinkedHashMap<>(skipped);
            k.merge(s.reason(), 1L, Long::sum);
            return new StatsAccumulator(frames, lastSequence, faces, counts, sums, tracks, started, ended, dwellSum, personFrames, k);
        }
        if (input instanceof FaceTrackV1 t) {
            boolean isEnd = FaceTrackV1.ENDED.equals(t.type());
            return new StatsAccumulator(frames, lastSequence, faces, counts, sums, tracks,
                    started + (FaceTrackV1.STARTED.equals(t.type()) ? 1 : 0), ended + (isEnd ? 1 : 0),
                    dwellSum + (isEnd ? t.dwellSeconds() : 0), personFrames, skipped);
        }
        EmotionEventV1 e = (EmotionEventV1) input;
        Map<String, Long> c = new LinkedHashMap<>(counts);
        c.merge(e.emotion(), 1L, Long::sum);
        Map<String, Double> s = new LinkedHashMap<>(sums);
        e.probabilities().forEach((label, p) -> s.merge(label, p, Double::sum));
        boolean newFrame = e.frameSequence() != lastSequence;
        Set<Long> ids = tracks;
        Map<String, Long> person = personFrames;
        if (e.trackId() != null && e.smoothed() != null) {
            ids = new TreeSet<>(tracks);
            ids.add(e.trackId());
            person = new LinkedHashMap<>(personFrames);
            person.merge(e.smoothed().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey(), 1L, Long::sum);
        }
        return new StatsAccumulator(frames + (newFrame ? 1 : 0), e.frameSequence(), faces + 1, c, s, ids, started, ended, dwellSum, person,
                skipped);
    }

    /** The statistics of the window {@code [start, end)}. */
    public EmotionStatsV1 toStats(String camera, Instant start, Instant end) {
        Map<String, Double> mean = new LinkedHashMap<>();
        sums.forEach((label, sum) -> mean.put(label, faces == 0 ? 0.0 : Math.min(1.0, sum / faces)));
        String dominant = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        if (tracks.isEmpty() && started == 0 && ended == 0) {
            return new EmotionStatsV1(camera, start, end, frames, faces, counts, mean, dominant).withFramesSkipped(skipped);
        }
        long personTime = personFrames.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> share = new LinkedHashMap<>();
        personFrames.forEach((label, n) -> share.put(label, personTime == 0 ? 0.0 : (double) n / personTime));
        return new EmotionStatsV1(camera, start, end, frames, faces, counts, mean, dominant, (long) tracks.size(), started, ended,
                ended == 0 ? null : dwellSum / ended, share).withFramesSkipped(skipped);
    }
}
