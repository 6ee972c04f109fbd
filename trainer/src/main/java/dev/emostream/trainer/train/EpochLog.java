package dev.emostream.trainer.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The per-epoch CSV log ({@code training-log.csv}): one row per epoch, appended, so resumed runs continue it. */
public final class EpochLog {
    public static final String FILE = "training-log.csv";
    static final String HEADER = "epoch,learning_rate,train_loss,train_accuracy,val_loss,val_accuracy,seconds,images_per_second";

    /** One epoch's figures. */
    public record Row(int epoch, double learningRate, double trainLoss, double trainAccuracy, double valLoss,
                      double valAccuracy, double seconds, double imagesPerSecond) {
        String csv() {
            return String.format(Locale.ROOT, "%d,%.6g,%.5f,%.5f,%.5f,%.5f,%.1f,%.1f", epoch, learningRate, trainLoss,
                    trainAccuracy, valLoss, valAccuracy, seconds, imagesPerSecond);
        }
    }

    private EpochLog() {
    }

    public static void append(Path runDir, Row row) {
        Path file = runDir.resolve(FILE);
        try {
            boolean fresh = !Files.exists(file);
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                if (fresh) {
                    w.write(HEADER);
                    w.newLine();
                }
                w.write(row.csv());
                w.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Every row of a run's log, or none when it has no log. */
    public static List<Row> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("epoch")) {
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new Row(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                        Double.parseDouble(f[6]), Double.parseDouble(f[7])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }
}
