package dev.emostream.processor.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emostream.schemas.BoundingBox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracker on synthetic box sequences (pure logic: no model, no image). */
class FaceTrackerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final float[] RED = histogram(0);
    private static final float[] BLUE = histogram(5);

    private final FaceTracker tracker = new FaceTracker(TrackerSettings.DEFAULTS);
    private long frame;

    private static float[] histogram(int bin) {
        float[] h = new float[8];
        h[bin] = 0.8f;
        h[(bin + 1) % 8] = 0.2f;
        return h;
    }

    private static FaceObservation face(int x, int y, double score, float[] colour) {
        return new FaceObservation(new BoundingBox(x, y, 60, 70), score, colour);
    }

    private FaceTracker.Step step(FaceObservation... faces) {
        long f = frame++;
        return tracker.update(List.of(faces), f, T0.plusMillis(200 * f));
    }

    private static long id(FaceTracker.Step s, int i) {
        return s.assignments().get(i).id();
    }

    @Test
    void anIdentitySurvivesSeveralMissedDetections() {
        // Given a face moving right, confirmed after three frames
        for (int i = 0; i < 3; i++) {
            step(face(100 + 10 * i, 100, 0.9, RED));
        }
        long id = tracker.live().get(0).id();
        assertThat(tracker.live().get(0).state()).isEqualTo(Track.State.CONFIRMED);

        // When the detector misses it for five frames while it keeps moving
        for (int i = 0; i < 5; i++) {
            assertThat(step().ended()).isEmpty();
        }
        assertThat(tracker.live().get(0).state()).isEqualTo(Track.State.LOST);

        // Then it is found again where the filter predicted it, under the same id
        FaceTracker.Step back = step(face(100 + 10 * 8, 100, 0.9, RED));
        assertThat(id(back, 0)).isEqualTo(id);
        assertThat(back.assignments().get(0).state()).isEqualTo(Track.State.CONFIRMED);
    }

    @Test
    void twoFacesThatCrossKeepTheirIds() {
        // Given two people walking towards each other along the same line, one in red, one in blue
        FaceTracker.Step first = null;
        List<long[]> ids = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            FaceTracker.Step s = step(face(100 + 20 * i, 200, 0.9, RED), face(500 - 20 * i, 205, 0.9, BLUE));
            if (first == null) {
                first = s;
            }
            ids.add(new long[] {id(s, 0), id(s, 1)});
        }

        // Then red keeps red's id and blue keeps blue's, before, while and after their boxes overlap
        long red = ids.get(0)[0];
        long blue = ids.get(0)[1];
        assertThat(red).isNotEqualTo(blue);
        for (long[] pair : ids) {
            assertThat(pair).containsExactly(red, blue);
        }
    }

    @Test
    void aFaceThatLeavesEndsItsTrackAfterTheLostLimitAndReturnsUnderANewId() {
        // Given a confirmed face
        for (int i = 0; i < 4; i++) {
            step(face(300, 100, 0.9, RED));
        }
        long id = tracker.live().get(0).id();

        // When it leaves: the track is lost for maxLostFrames frames and ends on the next one, once
        int limit = TrackerSettings.DEFAULTS.maxLostFrames();
        for (int i = 0; i < limit; i++) {
            assertThat(step().ended()).isEmpty();
        }
        List<Track> ended = step().ended();
        assertThat(ended).extracting(Track::id).containsExactly(id);
        assertThat(ended.get(0).frames()).isEqualTo(4);
        assertThat(tracker.live()).isEmpty();

        // Then the same face coming back later is a new visit with a new id
        FaceTracker.Step back = step(face(300, 100, 0.9, RED));
        assertThat(id(back, 0)).isNotEqualTo(id);
        assertThat(back.assignments().get(0).state()).isEqualTo(Track.State.TENTATIVE);
    }

    @Test
    void lowConfidenceBoxesExtendTracksButNeverStartThem() {
        // Given only low-confidence boxes (a face turned away), frame after frame
        for (int i = 0; i < 5; i++) {
            FaceTracker.Step s = step(face(100, 100, 0.45, RED));
            // Then no track is started
            assertThat(s.assignments()).containsOnlyNulls();
        }
        assertThat(tracker.live()).isEmpty();

        // Given a confirmed track, when its face turns away (low confidence) for longer than the lost limit
        for (int i = 0; i < 3; i++) {
            step(face(400, 100, 0.9, BLUE));
        }
        long id = tracker.live().get(0).id();
        for (int i = 0; i < TrackerSettings.DEFAULTS.maxLostFrames() + 5; i++) {
            FaceTracker.Step s = step(face(400, 100, 0.45, BLUE));
            // Then the low-confidence boxes keep it alive under its id
            assertThat(id(s, 0)).isEqualTo(id);
            assertThat(s.ended()).isEmpty();
        }
        // And boxes below the low threshold are ignored
        assertThat(step(face(100, 300, 0.2, RED)).assignments()).containsOnlyNulls();
    }

    @Test
    void aCutToAnotherPersonInTheSamePlaceStartsANewTrack() {
        // Given a confirmed red face
        for (int i = 0; i < 3; i++) {
            step(face(200, 200, 0.9, RED));
        }
        long red = tracker.live().get(0).id();

        // When the picture cuts to a blue face at the same place
        FaceTracker.Step cut = step(face(202, 201, 0.9, BLUE));

        // Then the blue face is not given the red track's id
        assertThat(id(cut, 0)).isNotEqualTo(red);
    }

    @Test
    void aGapInTheStreamEndsEveryTrack() {
        // Given a confirmed face
        for (int i = 0; i < 3; i++) {
            step(face(200, 200, 0.9, RED));
        }
        long id = tracker.live().get(0).id();

        // When the next frame comes 10 s later (a reconnect)
        frame += 50;
        FaceTracker.Step after = step(face(200, 200, 0.9, RED));

        // Then the old track ended and the face starts a new one
        assertThat(after.ended()).extracting(Track::id).containsExactly(id);
        assertThat(id(after, 0)).isNotEqualTo(id);
    }

    @Test
    void overlapAndHistogramDistance() {
        assertThat(FaceTracker.iou(new BoundingBox(0, 0, 10, 10), new BoundingBox(5, 0, 10, 10))).isEqualTo(50.0 / 150.0);
        assertThat(FaceTracker.iou(new BoundingBox(0, 0, 10, 10), new BoundingBox(20, 0, 10, 10))).isZero();
        assertThat(FaceTracker.bhattacharyya(RED, RED)).isLessThan(1e-3);
        assertThat(FaceTracker.bhattacharyya(RED, BLUE)).isEqualTo(1.0);
    }
}
