package dev.emostream.processor.track;

import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.detect.Detection;
import dev.emostream.schemas.BoundingBox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Faces to people for one camera: the frame's detections go through the {@link FaceTracker}; each confirmed
 * track is classified when it is confirmed and then as {@link ClassifySettings} says (all faces due in a frame
 * in one call), and carries its {@link TrackEmotions}. A cut (the whole frame's colours change at once) ends every
 * track. Used by {@code emostream analyze} on a recorded video.
 *
 * <pre>{@code
 * TrackingAnalyzer people = new TrackingAnalyzer(analyzer, TrackerSettings.DEFAULTS, ClassifySettings.DEFAULTS);
 * TrackingAnalyzer.Frame f = people.next(analyzer.detect(bgr), frameIndex, captureTime);
 * }</pre>
 */
public final class TrackingAnalyzer {
    private final FrameAnalyzer analyzer;
    private final FaceTracker tracker;
    private final ClassifySettings classify;
    private final int classes;
    private final Map<Long, TrackEmotions> emotions = new HashMap<>();
    private final TrackerSettings tracking;
    private float[] lastScene;
    private long classifications;
    private long facesSeen;

    /** A face of a confirmed track in this frame: the detection, its track's smoothed distribution, and whether it was classified now. */
    public record TrackedFace(Track track, Detection detection, float[] smoothed, boolean classifiedNow) {
    }

    /** A visit that ended: the track and what it felt. */
    public record Visit(Track track, TrackEmotions emotions) {
    }

    /** One frame's outcome. */
    public record Frame(List<TrackedFace> faces, List<Visit> ended, int classifiedNow) {
    }

    public TrackingAnalyzer(FrameAnalyzer analyzer, TrackerSettings tracking, ClassifySettings classify) {
        this.analyzer = analyzer;
        this.tracker = new FaceTracker(tracking);
        this.tracking = tracking;
        this.classify = classify;
        this.classes = analyzer.model().classes().size();
    }

    public Frame next(FrameAnalyzer.Detected detected, long sequence, Instant capture) {
        List<Detection> detections = detected.detections();
        List<FaceObservation> observations = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            observations.add(new FaceObservation(d.box(), d.score(), analyzer.histogram(d.box())));
        }
        float[] scene = analyzer.histogram(new BoundingBox(0, 0, detected.width(), detected.height()));
        boolean cut = lastScene != null && FaceTracker.bhattacharyya(lastScene, scene) > tracking.sceneCut();
        lastScene = scene;
        FaceTracker.Step step = tracker.update(observations, sequence, capture, cut);
        List<Visit> ended = new ArrayList<>();
        for (Track t : step.ended()) {
            ended.add(new Visit(t, emotions.remove(t.id())));
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
            if (t != null && t.state() == Track.State.CONFIRMED) {
                TrackEmotions e = emotions.get(t.id());
                e.seen(detections.get(i).box());
                faces.add(new TrackedFace(t, detections.get(i), e.smoothed(), due.contains(i)));
            }
        }
        facesSeen += faces.size();
        return new Frame(faces, ended, due.size());
    }

    /** Ends every track (end of the video) and returns the visits that were confirmed. */
    public List<Visit> finish() {
        List<Visit> ended = new ArrayList<>();
        for (Track t : tracker.endAll()) {
            ended.add(new Visit(t, emotions.remove(t.id())));
        }
        return ended;
    }

    /** Classifier calls per face of a confirmed track so far: 1.0 would be classifying every face in every frame. */
    public double classificationsPerFace() {
        return facesSeen == 0 ? 0 : (double) classifications / facesSeen;
    }

    public long classifications() {
        return classifications;
    }
}
