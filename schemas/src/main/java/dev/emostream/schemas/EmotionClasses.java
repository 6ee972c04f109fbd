package dev.emostream.schemas;

import java.util.List;

/**
 * The class sets a model can predict: FER2013's 7 classes, or 6 with disgust merged into angry.
 *
 * <p>A model's output index {@code i} means {@code classes().get(i)}. Every emotion event carries one
 * probability per class of the model that produced it.
 */
public enum EmotionClasses {
    SEVEN(List.of(Emotion.values())),
    SIX(List.of(Emotion.ANGRY, Emotion.FEAR, Emotion.HAPPY, Emotion.SAD, Emotion.SURPRISE, Emotion.NEUTRAL));

    private final List<Emotion> classes;

    EmotionClasses(List<Emotion> classes) {
        this.classes = classes;
    }

    public List<Emotion> classes() {
        return classes;
    }

    public int size() {
        return classes.size();
    }

    /** The class index that FER2013 label {@code ferLabel} maps to in this set (disgust becomes angry for 6). */
    public int indexOfFerLabel(int ferLabel) {
        Emotion e = Emotion.fromFerLabel(ferLabel);
        if (this == SIX && e == Emotion.DISGUST) {
            e = Emotion.ANGRY;
        }
        return classes.indexOf(e);
    }

    /** The set with {@code n} classes; the error names the accepted values. */
    public static EmotionClasses ofSize(int n) {
        for (EmotionClasses c : values()) {
            if (c.size() == n) {
                return c;
            }
        }
        throw new IllegalArgumentException("number of classes must be 7 or 6, got " + n);
    }
}
