package dev.emostream.processor.track;

import dev.emostream.schemas.BoundingBox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Follows the faces of one camera from frame to frame, in pure Java: each track's box is predicted by a Kalman
 * filter ({@link KalmanBox}); confident detections are matched to the predictions first by overlap (IoU), gated by
 * a colour-histogram distance so that a track does not jump to another person at a cut; low-confidence detections
 * then extend the tracks still unmatched (ByteTrack's second pass) but never start one. Unmatched confident
 * detections start tentative tracks. Matching is greedy by overlap, best first (faces per frame are few).
 *
 * <pre>{@code
 * FaceTracker tracker = new FaceTracker(TrackerSettings.DEFAULTS);
 * FaceTracker.Step step = tracker.update(observations, frameSequence, captureTime);
 * step.assignments();   // per observation: its track, or null
 * step.ended();         // tracks that ended in this frame
 * }</pre>
 * Not thread-safe: one tracker per camera, used by one thread.
 */
public final class FaceTracker {
    private final TrackerSettings settings;
    private final List<Track> tracks = new ArrayList<>();
    private long nextId = 1;
    private long lastSequence = -1;
    private Instant lastCapture;

    /** What one frame did: the track of each observation (in order; null when unmatched and not started) and the tracks that ended. */
    public record Step(List<Track> assignments, List<Track> ended) {
    }

    public FaceTracker(TrackerSettings settings) {
        this.settings = settings;
    }

    /** The tracker's whole state, for a state store. */
    public record Snapshot(long nextId, long lastSequence, Instant lastCapture, List<Track.Snapshot> tracks) {
    }

    public Snapshot snapshot() {
        List<Track.Snapshot> ts = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            ts.add(t.snapshot());
        }
        return new Snapshot(nextId, lastSequence, lastCapture, ts);
    }

    /** A tracker that continues from {@code s}: same tracks, same next id. */
    public static FaceTracker of(TrackerSettings settings, Snapshot s) {
        FaceTracker t = new FaceTracker(settings);
        t.nextId = s.nextId();
        t.lastSequence = s.lastSequence();
        t.lastCapture = s.lastCapture();
        for (Track.Snapshot ts : s.tracks()) {
            t.tracks.add(Track.of(ts));
        }
        return t;
    }

    /** Tracks not ended (tentative, confirmed or lost). */
    public List<Track> live() {
        return List.copyOf(tracks);
    }

    /** Ends every live track (end of stream); returns those that had been confirmed. */
    public List<Track> endAll() {
        List<Track> ended = new ArrayList<>();
        for (Track t : tracks) {
            t.end();
            if (t.everConfirmed()) {
                ended.add(t);
            }
        }
        tracks.clear();
        return ended;
    }

    public Step update(List<FaceObservation> observations, long sequence, Instant capture) {
        return update(observations, sequence, capture, false);
    }

    /**
     * One frame; {@code cut} says the picture changed as a whole (another view): every track ends before matching.
     */
    public Step update(List<FaceObservation> observations, long sequence, Instant capture, boolean cut) {
        List<Track> ended = new ArrayList<>();
        if (cut || lastSequence >= 0 && (sequence - lastSequence > settings.maxLostFrames() + 1 || sequence <= lastSequence
                || (lastCapture != null && capture != null && Duration.between(lastCapture, capture).compareTo(settings.maxGap()) > 0))) {
            ended.addAll(endAll()); // a gap (or a restart of the sequence): nothing can be matched across it
        }
        lastSequence = sequence;
        lastCapture = capture;
        for (Track t : tracks) {
            t.predict();
        }
        Track[] assigned = new Track[observations.size()];
        boolean[] taken = new boolean[tracks.size()];
        List<Integer> high = new ArrayList<>();
        List<Integer> low = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            double s = observations.get(i).score();
            if (s >= settings.highScore()) {
                high.add(i);
            } else if (s >= settings.lowScore()) {
                low.add(i);
            }
        }
        match(observations, high, assigned, taken, settings.minIou(), true, sequence, capture);
        match(observations, low, assigned, taken, settings.minIouLow(), false, sequence, capture);
        for (int k = 0; k < tracks.size(); k++) {
            if (!taken[k]) {
                tracks.get(k).missed(settings.maxLostFrames());
            }
        }
        for (Iterator<Track> it = tracks.iterator(); it.hasNext(); ) {
            Track t = it.next();
            if (t.state() == Track.State.ENDED) {
                it.remove();
                if (t.everConfirmed()) {
                    ended.add(t);
                }
            }
        }
        for (int i : high) {
            if (assigned[i] == null) {
                Track t = new Track(nextId++, observations.get(i), sequence, capture, settings.confirmFrames());
                tracks.add(t);
                assigned[i] = t;
            }
        }
        return new Step(java.util.Arrays.asList(assigned), ended);
    }

    /** Greedy matching of the given observations to the untaken tracks, best overlap first. */
    private void match(List<FaceObservation> observations, List<Integer> which, Track[] assigned, boolean[] taken, double minIou,
                       boolean tentativeToo, long sequence, Instant capture) {
        record Pair(int observation, int track, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i : which) {
            FaceObservation o = observations.get(i);
            for (int k = 0; k < tracks.size(); k++) {
                Track t = tracks.get(k);
                if (taken[k] || (!tentativeToo && t.state() == Track.State.TENTATIVE)) {
                    continue;
                }
                double iou = iou(o.box(), t.predicted());
                if (iou >= minIou && appearanceMatches(o.histogram(), t.histogram())) {
                    pairs.add(new Pair(i, k, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        for (Pair p : pairs) {
            if (assigned[p.observation()] == null && !taken[p.track()]) {
                assigned[p.observation()] = tracks.get(p.track());
                taken[p.track()] = true;
                tracks.get(p.track()).matched(observations.get(p.observation()), sequence, capture, settings.confirmFrames());
            }
        }
    }

    private boolean appearanceMatches(float[] a, float[] b) {
        return a == null || b == null || bhattacharyya(a, b) <= settings.maxAppearance();
    }

    /** Bhattacharyya distance of two histograms (each normalised to sum 1 here): 0 identical, 1 disjoint. */
    static double bhattacharyya(float[] a, float[] b) {
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < a.length; i++) {
            sa += a[i];
            sb += b[i];
        }
        if (sa <= 0 || sb <= 0) {
            return 1.0;
        }
        double bc = 0;
        for (int i = 0; i < a.length; i++) {
            bc += Math.sqrt((a[i] / sa) * (b[i] / sb));
        }
        return Math.sqrt(Math.max(0, 1 - bc));
    }

    /** Intersection over union of two boxes, 0..1. */
    static double iou(BoundingBox a, BoundingBox b) {
        long x1 = Math.max(a.x(), b.x());
        long y1 = Math.max(a.y(), b.y());
        long x2 = Math.min((long) a.x() + a.width(), (long) b.x() + b.width());
        long y2 = Math.min((long) a.y() + a.height(), (long) b.y() + b.height());
        double inter = Math.max(0, x2 - x1) * (double) Math.max(0, y2 - y1);
        double union = (double) a.width() * a.height() + (double) b.width() * b.height() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
