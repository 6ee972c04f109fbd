package dev.emostream.processor.track;

import dev.emostream.schemas.BoundingBox;
import java.time.Instant;

/**
 * One face followed over frames. Tentative until it is matched {@code confirmFrames} times in a row; confirmed
 * from then on; lost while unmatched; ended after {@code maxLostFrames} lost frames (or a gap in the stream).
 */
public final class Track {
    /** Where a track is in its life. */
    public enum State { TENTATIVE, CONFIRMED, LOST, ENDED }

    private final long id;
    private final KalmanBox filter;
    private final long firstSequence;
    private final Instant firstSeen;
    private Instant lastSeen;
    private State state = State.TENTATIVE;
    private BoundingBox box;
    private BoundingBox predicted;
    private float[] histogram;
    private long lastSequence;
    private int hits = 1;
    private int frames = 1;
    private int lost;
    private boolean confirmed;

    Track(long id, FaceObservation first, long sequence, Instant capture, int confirmFrames) {
        this.id = id;
        this.firstSeen = capture;
        this.lastSeen = capture;
        this.filter = new KalmanBox(first.box());
        this.box = first.box();
        this.predicted = first.box();
        this.histogram = first.histogram();
        this.firstSequence = sequence;
        this.lastSequence = sequence;
        if (confirmFrames <= 1) {
            state = State.CONFIRMED;
            confirmed = true;
        }
    }

    void predict() {
        predicted = filter.predict();
    }

    void matched(FaceObservation o, long sequence, Instant capture, int confirmFrames) {
        filter.update(o.box());
        lastSeen = capture;
        box = o.box();
        if (o.histogram() != null) {
            histogram = histogram == null ? o.histogram() : blend(histogram, o.histogram());
        }
        lastSequence = sequence;
        hits++;
        frames++;
        lost = 0;
        if ((state == State.TENTATIVE && hits >= confirmFrames) || state == State.LOST) {
            state = State.CONFIRMED;
            confirmed = true;
        }
    }

    /** Unmatched this frame; returns the new state. */
    State missed(int maxLostFrames) {
        if (state == State.TENTATIVE) {
            state = State.ENDED;
        } else {
            lost++;
            state = lost > maxLostFrames ? State.ENDED : State.LOST;
        }
        return state;
    }

    void end() {
        state = State.ENDED;
    }

    /** Appearance follows the face slowly (a 0.8/0.2 running blend), so one odd frame does not replace it. */
    private static float[] blend(float[] kept, float[] seen) {
        float[] out = new float[kept.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.8f * kept[i] + 0.2f * seen[i];
        }
        return out;
    }

    public long id() {
        return id;
    }

    public State state() {
        return state;
    }

    /** The last matched box (the detection's, not the filter's). */
    public BoundingBox box() {
        return box;
    }

    /** Where the filter expects the face in the current frame. */
    public BoundingBox predicted() {
        return predicted;
    }

    float[] histogram() {
        return histogram;
    }

    /** Capture time of the first frame (null when the tracker was given none). */
    public Instant firstSeen() {
        return firstSeen;
    }

    /** Capture time of the last matched frame. */
    public Instant lastSeen() {
        return lastSeen;
    }

    public long firstSequence() {
        return firstSequence;
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** Frames in which the face was matched. */
    public int frames() {
        return frames;
    }

    /** Everything a track is, for a state store: restored by {@link #of(Snapshot)} it continues where it was. */
    public record Snapshot(long id, State state, double[] filter, BoundingBox box, BoundingBox predicted, float[] histogram,
                           long firstSequence, long lastSequence, Instant firstSeen, Instant lastSeen, int hits, int frames, int lost,
                           boolean confirmed) {
    }

    Snapshot snapshot() {
        return new Snapshot(id, state, filter.state(), box, predicted, histogram, firstSequence, lastSequence, firstSeen, lastSeen, hits,
                frames, lost, confirmed);
    }

    static Track of(Snapshot s) {
        return new Track(s);
    }

    private Track(Snapshot s) {
        this.id = s.id();
        this.filter = KalmanBox.of(s.filter());
        this.firstSequence = s.firstSequence();
        this.firstSeen = s.firstSeen();
        this.lastSeen = s.lastSeen();
        this.state = s.state();
        this.box = s.box();
        this.predicted = s.predicted();
        this.histogram = s.histogram();
        this.lastSequence = s.lastSequence();
        this.hits = s.hits();
        this.frames = s.frames();
        this.lost = s.lost();
        this.confirmed = s.confirmed();
    }

    /** True once the track was confirmed (it stays true when it is lost or ends). */
    public boolean everConfirmed() {
        return confirmed;
    }
}
