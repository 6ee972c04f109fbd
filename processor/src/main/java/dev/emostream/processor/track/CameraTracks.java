package dev.emostream.processor.track;

import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.analyze.ImageAnalyzer;
import dev.emostream.inference.detect.Detection;
import dev.emostream.schemas.BoundingBox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Faces to people for one camera: a frame's detections go through the {@link FaceTracker}; each confirmed track is
 * classified when it is confirmed and then as {@link ClassifySettings} says (all faces due in a frame in one call)
 * and carries its {@link TrackEmotions}; a cut (the whole frame's colours change at once) ends every track. Each
 * frame also says which lifecycle changes happened: a track {@code started} (confirmed and classified),
 * {@code updated} (its smoothed dominant emotion changed, or {@code updatePeriod} of capture time passed) or
 * {@code ended}. The whole state can be snapshotted into a Kafka Streams store and restored after a restart.
 *
 * <pre>{@code
 * CameraTracks people = new CameraTracks(TrackerSettings.DEFAULTS, ClassifySettings.DEFAULTS, Duration.ofSeconds(10), 7);
 * CameraTracks.Frame f = people.step(analyzer, analyzer.detect(jpeg), sequence, captureTime);
 * }</pre>
 * One instance per camera, used by one thread at a time.
 */
public final class CameraTracks {
    /** Lifecycle changes. */
    public enum Change { STARTED, UPDATED, ENDED }

    private final TrackerSettings tracking;
    private final ClassifySettings classify;
    private final Duration updatePeriod;
    private final int classes;
    private final FaceTracker tracker;
    private final Map<Long, TrackEmotions> emotions = new HashMap<>();
    private final Map<Long, Lifecycle> lifecycles = new HashMap<>();
    private float[] lastScene;
    private long classifications;
    private long facesSeen;

    /** What the lifecycle of one track has emitted so far. */
    public record Lifecycle(boolean started, int dominant, Instant lastEmitted) {
    }

    /** A face of a confirmed track in this frame, with its track's last classification and smoothed distribution. */
    public record TrackedFace(Track track, Detection detection, float[] probabilities, float[] smoothed, boolean classifiedNow) {
    }

    /** A lifecycle change of a track in this frame, with what the track felt. */
    public record Transition(Track track, TrackEmotions emotions, Change change) {
    }

    /** One frame's outcome. */
    public record Frame(List<TrackedFace> faces, List<Transition> transitions, int classifiedNow) {
        /** The visits that ended in this frame. */
        public List<Transition> ended() {
            return transitions.stream().filter(t -> t.change() == Change.ENDED).toList();
        }
    }

    public CameraTracks(TrackerSettings tracking, ClassifySettings classify, Duration updatePeriod, int classes) {
        this(tracking, classify, updatePeriod, classes, new FaceTracker(tracking));
    }

    private CameraTracks(TrackerSettings tracking, ClassifySettings classify, Duration updatePeriod, int classes, FaceTracker tracker) {
        this.tracking = tracking;
        this.classify = classify;
        this.updatePeriod = updatePeriod;
        this.classes = classes;
        this.tracker = tracker;
    }

    public Frame step(ImageAnalyzer analyzer, FrameAnalyzer.Detected detected, long sequence, Instant capture) {
        List<Detection> detections = detected.detections();
        List<FaceObservation> observations = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            observations.add(new FaceObservation(d.box(), d.score(), analyzer.histogram(d.box())));
        }
        float[] scene = analyzer.histogram(new BoundingBox(0, 0, detected.width(), detected.height()));
        boolean cut = lastScene != null && FaceTracker.bhattacharyya(lastScene, scene) > tracking.sceneCut();
        lastScene = scene;
        FaceTracker.Step step = tracker.update(observations, sequence, capture, cut);
        List<Transition> transitions = new ArrayList<>();
        for (Track t : step.ended()) {
            ended(t, transitions);
        }
        List<Integer> due = new ArrayList<>();
        List<BoundingBox> dueBoxes = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            Track t = step.assignments().get(i);
            if (t != null && t.state() == Track.State.CONFIRMED
                    && emotions.computeIfAbsent(t.id(), id -> new TrackEmotions(classify, classes)).due(sequence, detections.get(i).box())) {
                due.add(i);
                dueBoxes.add(detections.get(i).box());
            }
        }
        List<float[]> probabilities = analyzer.classify(dueBoxes);
        for (int j = 0; j < due.size(); j++) {
            Detection d = detections.get(due.get(j));
            emotions.get(step.assignments().get(due.get(j)).id()).classified(sequence, d.box(), d.score(), probabilities.get(j));
        }
        classifications += due.size();
        List<TrackedFace> faces = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            Track t = step.assignments().get(i);
            if (t == null || t.state() != Track.State.CONFIRMED) {
                continue;
            }
            TrackEmotions e = emotions.get(t.id());
            e.seen(detections.get(i).box());
            faces.add(new TrackedFace(t, detections.get(i), e.last(), e.smoothed(), due.contains(i)));
            lifecycle(t, e, capture, transitions);
        }
        facesSeen += faces.size();
        return new Frame(faces, transitions, due.size());
    }

    private void lifecycle(Track t, TrackEmotions e, Instant capture, List<Transition> transitions) {
        Lifecycle l = lifecycles.get(t.id());
        int dominant = e.dominant();
        if (l == null) {
            transitions.add(new Transition(t, e, Change.STARTED));
            lifecycles.put(t.id(), new Lifecycle(true, dominant, capture));
        } else if (dominant != l.dominant() || (capture != null && l.lastEmitted() != null
                && Duration.between(l.lastEmitted(), capture).compareTo(updatePeriod) >= 0)) {
            transitions.add(new Transition(t, e, Change.UPDATED));
            lifecycles.put(t.id(), new Lifecycle(true, dominant, capture));
        }
    }

    private void ended(Track t, List<Transition> transitions) {
        TrackEmotions e = emotions.remove(t.id());
        if (lifecycles.remove(t.id()) != null && e != null) {
            transitions.add(new Transition(t, e, Change.ENDED));
        }
    }

    /** Ends every track (end of a video) and returns the visits that had started. */
    public List<Transition> finish() {
        List<Transition> out = new ArrayList<>();
        for (Track t : tracker.endAll()) {
            ended(t, out);
        }
        return out;
    }

    /** Classifier calls so far. */
    public long classifications() {
        return classifications;
    }

    /** Faces of confirmed tracks reported so far (one per track per frame). */
    public long facesSeen() {
        return facesSeen;
    }

    /** Everything this camera's tracking is, for a state store. */
    public record Snapshot(FaceTracker.Snapshot tracker, Map<Long, TrackEmotions.Snapshot> emotions, Map<Long, Lifecycle> lifecycles,
                           float[] lastScene) {
    }

    public Snapshot snapshot() {
        Map<Long, TrackEmotions.Snapshot> e = new HashMap<>();
        emotions.forEach((id, te) -> e.put(id, te.snapshot()));
        return new Snapshot(tracker.snapshot(), e, new HashMap<>(lifecycles), lastScene);
    }

    /** Tracking that continues from {@code s} (same tracks, ids, emotions and lifecycles). */
    public static CameraTracks of(TrackerSettings tracking, ClassifySettings classify, Duration updatePeriod, int classes, Snapshot s) {
        CameraTracks c = new CameraTracks(tracking, classify, updatePeriod, classes, FaceTracker.of(tracking, s.tracker()));
        s.emotions().forEach((id, te) -> c.emotions.put(id, TrackEmotions.of(classify, te)));
        c.lifecycles.putAll(s.lifecycles());
        c.lastScene = s.lastScene();
        return c;
    }
}
