package dev.emostream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.emostream.schemas.BoundingBox;
import dev.emostream.schemas.EmotionEventV1;
import dev.emostream.schemas.EmotionStatsV1;
import dev.emostream.schemas.Latency;
import dev.emostream.schemas.ModelInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsAccumulatorTest {
    private static final Instant T = Instant.parse("2026-11-23T12:00:03Z");

    private static EmotionEventV1 event(long frame, int face, String top, double pTop) {
        Map<String, Double> p = new LinkedHashMap<>();
        for (String e : new String[] {"angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"}) {
            p.put(e, e.equals(top) ? pTop : (1 - pTop) / 6);
        }
        BoundingBox b = new BoundingBox(1, 1, 10, 10);
        return new EmotionEventV1("e" + frame + face, "cam", frame, T, T, face, b, b.normalize(100, 100), 0.9, top, p,
                new ModelInfo("fast", "1"), new Latency(1, 1));
    }

    @Test
    void countsFramesFacesTopEmotionsAndMeanProbabilities() {
        // Given two faces in frame 1 (happy, happy) and one in frame 2 (sad)
        StatsAccumulator acc = StatsAccumulator.empty()
                .add(event(1, 0, "happy", 0.9)).add(event(1, 1, "happy", 0.7)).add(event(2, 0, "sad", 0.6));

        // When the window's statistics are taken
        EmotionStatsV1 s = acc.toStats("cam", Instant.parse("2026-11-23T12:00:00Z"), Instant.parse("2026-11-23T12:00:10Z"));

        // Then 2 frames, 3 faces, happy dominant, and the means are the averages over the 3 faces
        assertThat(s.frames()).isEqualTo(2);
        assertThat(s.faces()).isEqualTo(3);
        assertThat(s.counts()).containsEntry("happy", 2L).containsEntry("sad", 1L);
        assertThat(s.dominantEmotion()).isEqualTo("happy");
        assertThat(s.meanProbabilities().get("happy")).isCloseTo((0.9 + 0.7 + 0.4 / 6) / 3, within(1e-9));
        assertThat(s.meanProbabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void anEmptyWindowHasNoDominantEmotion() {
        EmotionStatsV1 s = StatsAccumulator.empty().toStats("cam", T, T.plusSeconds(10));
        assertThat(s.faces()).isZero();
        assertThat(s.dominantEmotion()).isNull();
    }
}
