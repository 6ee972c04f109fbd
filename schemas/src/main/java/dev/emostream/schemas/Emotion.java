package dev.emostream.schemas;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The seven FER2013 emotions, in FER2013's label order (label 0 is {@link #ANGRY}, 6 is {@link #NEUTRAL}).
 *
 * <p>The JSON and CLI spelling is the lower-case {@link #label()}. A 6-class model merges {@link #DISGUST}
 * into {@link #ANGRY}; see {@link EmotionClasses}.
 */
public enum Emotion {
    ANGRY, DISGUST, FEAR, HAPPY, SAD, SURPRISE, NEUTRAL;

    private static final List<Emotion> ALL = List.of(values());

    /** The label as written in JSON and on the command line, e.g. {@code "happy"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** FER2013's integer label (0..6). */
    public int ferLabel() {
        return ordinal();
    }

    /** The emotion for FER2013's integer label 0..6. */
    public static Emotion fromFerLabel(int label) {
        if (label < 0 || label >= ALL.size()) {
            throw new IllegalArgumentException("FER2013 label must be 0..6, got " + label);
        }
        return ALL.get(label);
    }

    /** Parses a label such as {@code "happy"} (case-insensitive); the error lists the accepted values. */
    public static Emotion fromLabel(String label) {
        for (Emotion e : ALL) {
            if (e.label().equalsIgnoreCase(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown emotion '" + label + "'; accepted: " + labels());
    }

    /** All labels joined with ", " in FER2013 order, for error messages and help texts. */
    public static String labels() {
        return Arrays.stream(values()).map(Emotion::label).collect(Collectors.joining(", "));
    }
}
