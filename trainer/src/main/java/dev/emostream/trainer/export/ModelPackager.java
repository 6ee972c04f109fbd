package dev.emostream.trainer.export;

import dev.emostream.schemas.Emotion;
import dev.emostream.schemas.Json;
import dev.emostream.schemas.ModelCard;
import dev.emostream.trainer.data.Dataset;
import dev.emostream.trainer.eval.Evaluator;
import dev.emostream.trainer.eval.Metrics;
import dev.emostream.trainer.eval.Plots;
import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.inference.classify.TestTimeAugmentation;
import dev.emostream.trainer.model.ServingExport;
import dev.emostream.trainer.train.Distillation;
import dev.emostream.trainer.train.EpochLog;
import dev.emostream.trainer.train.TrainConfig;
import dev.emostream.trainer.train.Trainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a finished training run into a shippable model directory: the best checkpoint exported as a
 * SavedModel, evaluated on PublicTest from the exported files, with {@code model-card.json},
 * {@code publictest-report.json}, {@code learning-curves.png} and {@code confusion-matrix.png} beside it.
 */
public final class ModelPackager {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPackager.class);
    public static final String REPORT = "publictest-report.json";
    public static final String CURVES = "learning-curves.png";
    public static final String CONFUSION = "confusion-matrix.png";

    private ModelPackager() {
    }

    /** What the card records about the data and the run. */
    public record Provenance(String name, String version, Path dataFile, Map<String, Object> dataReport,
                             String labelSource, String command) {
    }

    public static ModelCard packageRun(Path runDir, TrainConfig config, Trainer.Result result, Dataset publicTest,
                                       Provenance p) throws IOException {
        Path modelDir = runDir.resolve("model");
        if (Files.exists(modelDir)) {
            deleteTree(modelDir);
        }
        ServingExport.export(config.architecture(), config.classes().size(), result.bestCheckpoint(), modelDir);
        List<String> classes = config.classes().classes().stream().map(Emotion::label).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("file", p.dataFile().getFileName().toString());
        data.put("sha256", sha256(p.dataFile()));
        data.put("labels", p.labelSource());
        data.put("fit", "Training");
        data.put("select", "PublicTest");
        data.put("load", p.dataReport());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("command", p.command());
        training.put("config", config);
        training.put("epochsRun", result.epochsRun());
        training.put("bestEpoch", result.bestEpoch());
        training.put("stoppedEarly", result.stoppedEarly());
        Path state = runDir.resolve(Trainer.CHECKPOINTS).resolve(Trainer.STATE);
        Distillation distillation = Files.exists(state) ? Trainer.readState(runDir).distillation() : null;
        if (distillation != null) {
            training.put("distillation", distillationFigures(distillation));
        }
        // Median over the run's epochs (a resumed run that only packages has trained none itself).
        List<EpochLog.Row> rows = EpochLog.read(runDir);
        double[] rates = rows.stream().mapToDouble(EpochLog.Row::imagesPerSecond).sorted().toArray();
        training.put("trainingImagesPerSecond", Math.round(rates.length == 0 ? result.imagesPerSecond() : rates[rates.length / 2]));
        training.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch"));
        ModelCard.Input input = new ModelCard.Input(Dataset.SIDE, Dataset.SIDE, 1, "grey", TrainConfig.SCALE, TrainConfig.OFFSET);
        ModelCard.Signature signature = new ModelCard.Signature(ServingExport.SIGNATURE, ServingExport.INPUT, ServingExport.OUTPUT);
        ModelCard draft = new ModelCard(p.name(), p.version(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                config.architecture().family(), result.parameters(), classes, input, signature, data, training, null);
        draft.write(modelDir);

        Metrics plain;
        Metrics flip;
        try (EmotionClassifier model = EmotionClassifier.open(modelDir)) {
            plain = Evaluator.evaluate(model, publicTest, TestTimeAugmentation.NONE, 256);
            flip = Evaluator.evaluate(model, publicTest, TestTimeAugmentation.FLIP, 256);
        }
        Map<String, Object> figures = plain.toMap();
        figures.put("accuracyWithFlipTta", flip.accuracy());
        ModelCard card = new ModelCard(draft.name(), draft.version(), draft.createdAt(), draft.architecture(),
                draft.parameters(), classes, input, signature, data, training, figures);
        card.write(modelDir);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(modelDir.resolve(REPORT).toFile(), figures);
        if (!rows.isEmpty()) {
            Plots.learningCurves(rows, p.name(), modelDir.resolve(CURVES));
        }
        Plots.confusion(plain, p.name() + " on PublicTest", modelDir.resolve(CONFUSION));
        LOG.info("Exported {} to {}\n{}", p.name(), modelDir, plain.table());
        return card;
    }

    /** Teachers by name, version and PublicTest accuracy (from their cards), with the blend's settings. */
    private static Map<String, Object> distillationFigures(Distillation d) {
        List<Map<String, Object>> teachers = d.teachers().stream().map(dir -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("path", dir.toString());
            if (Files.exists(dir.resolve(ModelCard.FILE_NAME))) {
                ModelCard card = ModelCard.read(dir);
                t.put("name", card.name());
                t.put("version", card.version());
                t.put("architecture", card.architecture());
                t.put("publicTestAccuracy", card.publicTest() == null ? null : card.publicTest().get("accuracy"));
            }
            return t;
        }).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("teachers", teachers);
        m.put("weight", d.weight());
        m.put("temperature", d.temperature());
        return m;
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
