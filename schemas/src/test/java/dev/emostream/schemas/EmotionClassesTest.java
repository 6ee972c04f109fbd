package dev.emostream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmotionClassesTest {

    @Test
    void sixClassesMergeDisgustIntoAngry() {
        // Given FER2013 labels 0 (angry), 1 (disgust) and 6 (neutral)
        // Then the 6-class set maps both angry and disgust to angry's index, and keeps neutral last
        assertThat(EmotionClasses.SIX.indexOfFerLabel(0)).isEqualTo(0);
        assertThat(EmotionClasses.SIX.indexOfFerLabel(1)).isEqualTo(0);
        assertThat(EmotionClasses.SIX.indexOfFerLabel(6)).isEqualTo(5);
        assertThat(EmotionClasses.SEVEN.indexOfFerLabel(1)).isEqualTo(1);
    }

    @Test
    void badLabelsNameTheAcceptedValues() {
        assertThatThrownBy(() -> Emotion.fromLabel("bored"))
                .hasMessageContaining("bored").hasMessageContaining("angry, disgust, fear, happy, sad, surprise, neutral");
        assertThatThrownBy(() -> Emotion.fromFerLabel(7)).hasMessageContaining("0..6");
        assertThatThrownBy(() -> EmotionClasses.ofSize(5)).hasMessageContaining("7 or 6");
    }
}
