package dev.emostream.console.http;

import dev.emostream.schemas.Emotion;
import dev.emostream.schemas.EmotionStatsV1;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Statistics windows as CSV for spreadsheets (RFC 4180): one row per camera and window; emotion columns in FER2013
 * order. Text from Kafka (the camera id) is quoted, and a leading {@code = + - @} is defused so a spreadsheet never
 * runs it as a formula.
 */
final class StatsCsv {
    private static final List<String> EMOTIONS = Arrays.stream(Emotion.values()).map(Emotion::label).toList();

    private StatsCsv() {
    }

    static String write(List<EmotionStatsV1> windows) {
        StringBuilder out = new StringBuilder("cameraId,windowStart,windowEnd,frames,faces,people,tracksStarted,tracksEnded,meanDwellSeconds,"
                + "dominantEmotion");
        EMOTIONS.forEach(e -> out.append(",share_").append(e));
        EMOTIONS.forEach(e -> out.append(",mean_").append(e));
        out.append(",framesSkipped\r\n");
        for (EmotionStatsV1 s : windows) {
            out.append(text(s.cameraId())).append(',').append(s.windowStart()).append(',').append(s.windowEnd()).append(',')
                    .append(s.frames()).append(',').append(s.faces()).append(',').append(n(s.people())).append(',')
                    .append(n(s.tracksStarted())).append(',').append(n(s.tracksEnded())).append(',').append(n(s.meanDwellSeconds())).append(',')
                    .append(s.dominantEmotion() == null ? "" : s.dominantEmotion());
            for (String e : EMOTIONS) {
                out.append(',').append(s.emotionShare() == null ? "" : n(s.emotionShare().get(e)));
            }
            for (String e : EMOTIONS) {
                out.append(',').append(n(s.meanProbabilities().get(e)));
            }
            long skipped = s.framesSkipped() == null ? 0 : s.framesSkipped().values().stream().mapToLong(Long::longValue).sum();
            out.append(',').append(skipped).append("\r\n");
        }
        return out.toString();
    }

    private static String n(Number v) {
        if (v == null) {
            return "";
        }
        return v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v.toString();
    }

    /** A quoted CSV field, its quotes doubled, a formula start defused with a leading apostrophe. */
    static String text(String v) {
        String s = v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
