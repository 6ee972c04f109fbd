package dev.emostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.emostream.schemas.Assets;
import dev.emostream.schemas.ModelCard;
import dev.emostream.schemas.SharedAssets;
import dev.emostream.trainer.model.ComputePrecision;
import dev.emostream.trainer.train.CutMix;
import dev.emostream.trainer.train.EpochLog;
import dev.emostream.trainer.train.TrainConfig;
import dev.emostream.trainer.train.Trainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --resume} through the command line: what may change on the way (schedule, rate, epochs) and what may not. */
class TrainResumeIT {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return EmoStreamCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aResumedRunTakesANewScheduleAndRateAndKeepsEverythingElse(@TempDir Path dir) throws Exception {
        String data = smallCsv(dir).toString();
        Path run = dir.resolve("run");
        // Given a one-epoch Nesterov run with CutMix on half its batches, on 128 Training rows (validated on 64 PublicTest rows)
        assertThat(run("train", "--data", data, "--epochs", "1", "--optimizer", "nesterov", "--seed", "5", "--cutmix", "0.5",
                "--out", run.toString())).as(err.toString()).isZero();
        TrainConfig before = Trainer.readState(run).config();

        // When it is resumed for a second epoch with a faster decay, a lower rate and its convolutions in bfloat16
        int code = run("train", "--resume", run.toString(), "--data", data, "--epochs", "2", "--plateau-factor", "0.25", "--plateau-patience", "1",
                "--lr", "0.002", "--precision", "bfloat16");

        // Then epoch 2 ran at the new rate, and the state keeps the new schedule and precision with every other setting
        // as it was
        assertThat(code).as(err.toString()).isZero();
        assertThat(EpochLog.read(run)).hasSize(2);
        assertThat(EpochLog.read(run).get(1).learningRate()).isCloseTo(0.002, within(1e-7));
        TrainConfig after = Trainer.readState(run).config();
        assertThat(before.convolutionPrecision()).isEqualTo(ComputePrecision.FLOAT32);
        assertThat(after).isEqualTo(before.withEpochs(2).withSchedule(1, 0.25f, before.minLearningRate(), before.stopPatience())
                .withPrecision(ComputePrecision.BFLOAT16));
        assertThat(after.batchMixing()).isEqualTo(new CutMix(0.5));
        assertThat(after.toCommand()).endsWith(" --precision bfloat16 --cutmix 0.5");

        // And a bad schedule on resume is refused naming the option and what is accepted
        assertThat(run("train", "--resume", run.toString(), "--plateau-factor", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid value for option '--plateau-factor': 1.5 (accepted: between 0 and 1)");
        // And the recipe may be given again as it was, but not changed: the refusal names the option and what the run keeps
        assertThat(run("train", "--resume", run.toString(), "--data", data, "--epochs", "2", "--seed", "5", "--cutmix", "0.5"))
                .as(err.toString()).isZero();
        assertThat(run("train", "--resume", run.toString(), "--cutmix", "0.25")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid value for option '--cutmix': 0.25 (a resumed run keeps the recipe it was started"
                + " with: --cutmix 0.5)");
        assertThat(run("train", "--resume", run.toString(), "--model", "accurate")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid value for option '--model': accurate (a resumed run keeps the recipe it was started"
                + " with: --model fast)");
        assertThat(run("train", "--data", data, "--cutmix", "2", "--out", dir.resolve("other").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("invalid value for option '--cutmix': 2.0 (accepted: 0 to 1)");
    }

    @Test
    void aResumedRunKeepsItsExamplesAndItsCardsNameAndVersion(@TempDir Path dir) throws Exception {
        String data = smallCsv(dir).toString();
        Path run = dir.resolve("run");
        // Given a one-epoch run on the first 32 rows of each split, its targets half FER+ votes, named and versioned for
        // its card
        assertThat(run("train", "--data", data, "--epochs", "1", "--limit", "32", "--soft-labels", "--vote-share", "0.5",
                "--name", "tiny", "--model-version", "0.9.0", "--out", run.toString())).as(err.toString()).isZero();

        // When it is resumed for a second epoch without giving those options again
        int code = run("train", "--resume", run.toString(), "--data", data, "--epochs", "2");

        // Then the second epoch trained and validated on the same 32 rows and targets, and the card keeps the name and
        // version
        assertThat(code).as(err.toString()).isZero();
        assertThat(EpochLog.read(run)).hasSize(2);
        ModelCard card = ModelCard.read(run.resolve("model"));
        assertThat(card.name()).isEqualTo("tiny");
        assertThat(card.version()).isEqualTo("0.9.0");
        assertThat(((Number) card.publicTest().get("count")).intValue()).isEqualTo(32);
        assertThat((String) card.training().get("command")).endsWith(" --soft-labels --vote-share 0.5 --limit 32");

        // And a resume that asks for other examples is refused, naming the option and what the run keeps
        assertThat(run("train", "--resume", run.toString(), "--data", data, "--labels", "ferplus")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid value for option '--labels': ferplus (a resumed run keeps the examples it was"
                + " started with: --labels fer2013)");
        assertThat(run("train", "--resume", run.toString(), "--data", data, "--soft-labels", "--vote-share", "0.25")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid value for option '--vote-share': 0.25 (a resumed run keeps the examples it was"
                + " started with: --vote-share 0.5)");

        // And a compact copy of it, resumed for a third epoch, keeps them too
        Path compact = dir.resolve("compact");
        assertThat(run("train", "--resume", run.toString(), "--save-compact", compact.toString())).as(err.toString()).isZero();
        assertThat(run("train", "--resume", compact.toString(), "--data", data, "--epochs", "3")).as(err.toString()).isZero();
        ModelCard resumedCopy = ModelCard.read(compact.resolve("model"));
        assertThat(List.of(resumedCopy.name(), resumedCopy.version(), ((Number) resumedCopy.publicTest().get("count")).intValue()))
                .containsExactly("tiny", "0.9.0", 32);
        assertThat((String) resumedCopy.training().get("command")).endsWith(" --soft-labels --vote-share 0.5 --limit 32");
    }

    /** The header, the first 128 Training rows and the first 64 PublicTest rows of the shared FER2013 file. */
    private static Path smallCsv(Path dir) throws Exception {
        java.util.List<String> lines = new java.util.ArrayList<>();
        int training = 0;
        int publicTest = 0;
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                dev.emostream.trainer.data.CompressedFiles.open(SharedAssets.require(Assets.FER2013)), java.nio.charset.StandardCharsets.US_ASCII))) {
            lines.add(r.readLine());
            for (String line = r.readLine(); line != null && (training < 128 || publicTest < 64); line = r.readLine()) {
                if (line.endsWith(",Training") && training < 128) {
                    lines.add(line);
                    training++;
                } else if (line.endsWith(",PublicTest") && publicTest < 64) {
                    lines.add(line);
                    publicTest++;
                }
            }
        }
        Path csv = dir.resolve("fer2013-small.csv");
        java.nio.file.Files.write(csv, lines, java.nio.charset.StandardCharsets.US_ASCII);
        return csv;
    }
}
