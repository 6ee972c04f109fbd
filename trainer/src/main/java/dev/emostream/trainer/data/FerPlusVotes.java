package dev.emostream.trainer.data;

import dev.emostream.schemas.Emotion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft FER+ votes ({@code fer2013new.csv}): per FER2013 row, in the same order within each usage, ten
 * annotators' votes over neutral, happiness, surprise, sadness, anger, disgust, fear, contempt, unknown and
 * not-a-face. Votes for contempt, unknown and not-a-face are not FER2013 emotions and are left out.
 */
public final class FerPlusVotes {
    /** FER+ columns 2..8 as FER2013 emotions. */
    private static final Emotion[] COLUMNS = {
        Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SURPRISE, Emotion.SAD, Emotion.ANGRY, Emotion.DISGUST, Emotion.FEAR};
    private static final int NON_EMOTION_COLUMNS = 3; // contempt, unknown, not-a-face

    private final Map<Usage, List<int[]>> votes;

    private FerPlusVotes(Map<Usage, List<int[]>> votes) {
        this.votes = votes;
    }

    /**
     * Votes of the {@code ordinal}-th row of {@code usage}, indexed by FER2013 label (0..6) plus index 7 for
     * the non-emotion votes; null when the FER+ file has no such row.
     */
    public int[] votes(Usage usage, int ordinal) {
        List<int[]> rows = votes.get(usage);
        return rows == null || ordinal >= rows.size() ? null : rows.get(ordinal);
    }

    public static FerPlusVotes read(Path csv) throws IOException {
        Map<Usage, List<int[]>> votes = new EnumMap<>(Usage.class);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(CompressedFiles.open(csv), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || !header.startsWith("Usage,")) {
                throw new IOException(csv + " is not a FER+ votes file: expected a header starting 'Usage,'");
            }
            String line;
            long lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String[] f = line.split(",", -1);
                Usage usage = f.length == 12 ? Usage.fromCsv(f[0]) : null;
                if (usage == null) {
                    throw new IOException(csv + " line " + lineNo + ": expected 12 fields with a known Usage");
                }
                int[] v = new int[8];
                try {
                    for (int c = 0; c < COLUMNS.length; c++) {
                        v[COLUMNS[c].ferLabel()] = Integer.parseInt(f[2 + c].trim());
                    }
                    for (int c = 0; c < NON_EMOTION_COLUMNS; c++) {
                        v[7] += Integer.parseInt(f[2 + COLUMNS.length + c].trim());
                    }
                } catch (NumberFormatException e) {
                    throw new IOException(csv + " line " + lineNo + ": votes must be integers", e);
                }
                votes.computeIfAbsent(usage, u -> new ArrayList<>()).add(v);
            }
        }
        return new FerPlusVotes(votes);
    }

    /**
     * The majority FER2013 label, or -1 when the most-voted category is not an emotion, there is a tie for the
     * top, or nobody voted for an emotion.
     */
    public static int majority(int[] votes) {
        int best = -1;
        int bestVotes = 0;
        boolean tie = false;
        for (int label = 0; label < 7; label++) {
            if (votes[label] > bestVotes) {
                best = label;
                bestVotes = votes[label];
                tie = false;
            } else if (votes[label] == bestVotes && bestVotes > 0) {
                tie = true;
            }
        }
        if (best < 0 || tie || votes[7] >= bestVotes) {
            return -1;
        }
        return best;
    }
}
