package dev.emostream.trainer.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A model's answer for every row of an evaluation, one CSV line each, in the split's order: {@code
 * row,label,predicted,p_<class>...}, the labels and predictions as class names, the probabilities with six decimals.
 * Written by {@code emostream evaluate --out DIR}; two models' files line up row by row, so errors can be compared and
 * ways of combining models tried without running them again.
 */
public final class PredictionsCsv {
    /** The file name {@code evaluate} writes. */
    public static final String FILE_NAME = "predictions.csv";

    private PredictionsCsv() {
    }

    /** Writes {@code labels.length} lines of {@code probabilities} ({@code classes.size()} per row) under a header. */
    public static void write(Path file, List<String> classes, int[] labels, float[] probabilities) {
        int c = classes.size();
        if (probabilities.length != labels.length * c) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + labels.length + " rows of " + c + " classes");
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder("row,label,predicted");
            for (String name : classes) {
                line.append(",p_").append(name);
            }
            w.write(line.append('\n').toString());
            for (int i = 0; i < labels.length; i++) {
                line.setLength(0);
                line.append(i).append(',').append(classes.get(labels[i])).append(',')
                        .append(classes.get(Metrics.predicted(probabilities, i, c)));
                for (int j = 0; j < c; j++) {
                    line.append(',').append(String.format(Locale.ROOT, "%.6f", probabilities[i * c + j]));
                }
                w.write(line.append('\n').toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
