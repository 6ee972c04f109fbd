package dev.emostream.processor.topology;

import dev.emostream.processor.track.CameraTracks;
import dev.emostream.processor.track.Track;
import dev.emostream.processor.track.TrackEmotions;
import dev.emostream.schemas.FaceTrackV1;
import dev.emostream.schemas.FrameV1;
import dev.emostream.schemas.ModelInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds {@link FaceTrackV1} lifecycle events from the tracker's transitions. */
final class FaceTracks {
    private FaceTracks() {
    }

    static FaceTrackV1 event(FrameV1 frame, CameraTracks.Transition tr, List<String> classes, ModelInfo model) {
        Track t = tr.track();
        TrackEmotions e = tr.emotions();
        String type = tr.change().name().toLowerCase(Locale.ROOT);
        float[] smoothed = e.smoothed();
        double dwell = t.firstSeen() == null || t.lastSeen() == null ? 0
                : Math.max(0, Duration.between(t.firstSeen(), t.lastSeen()).toMillis() / 1000.0);
        boolean ended = tr.change() == CameraTracks.Change.ENDED;
        return new FaceTrackV1(frame.cameraId() + "/" + t.id() + "/" + type + "/" + frame.sequence(), frame.cameraId(), t.id(), type,
                frame.captureTime(), t.firstSeen(), t.lastSeen(), dwell, t.frames(), classes.get(e.dominant()), labelled(smoothed, classes),
                t.box(), model, ended ? labelled(e.mean(), classes) : null, ended ? share(e.framesByEmotion(), classes) : null,
                ended ? e.largest() : null);
    }

    private static Map<String, Double> labelled(float[] p, List<String> classes) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            m.put(classes.get(k), Math.max(0.0, Math.min(1.0, (double) p[k])));
        }
        return m;
    }

    private static Map<String, Double> share(long[] frames, List<String> classes) {
        long total = 0;
        for (long f : frames) {
            total += f;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            m.put(classes.get(k), total == 0 ? 0.0 : (double) frames[k] / total);
        }
        return m;
    }
}
