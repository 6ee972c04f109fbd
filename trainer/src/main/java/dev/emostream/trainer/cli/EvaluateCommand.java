package dev.emostream.trainer.cli;

import dev.emostream.schemas.Assets;
import dev.emostream.schemas.EmotionClasses;
import dev.emostream.schemas.Json;
import dev.emostream.trainer.data.Dataset;
import dev.emostream.trainer.data.Fer2013Loader;
import dev.emostream.trainer.data.LabelSource;
import dev.emostream.trainer.data.Usage;
import dev.emostream.trainer.eval.Evaluator;
import dev.emostream.trainer.eval.Metrics;
import dev.emostream.trainer.eval.Plots;
import dev.emostream.trainer.eval.PredictionsCsv;
import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.inference.classify.TestTimeAugmentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream evaluate}: accuracy, loss, top-2/3, per-class precision/recall/F1 and the confusion matrix of
 * an exported model on one usage of a FER2013 CSV. With {@code --json}, stdout is one JSON document; with {@code --out},
 * also a report, a confusion-matrix plot and every row's probabilities ({@link PredictionsCsv}), for error analysis
 * and for trying ways to combine models without running them again.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate an exported model on FER2013 rows: accuracy, loss, top-2/3, per-class precision/recall/F1,",
            "confusion matrix; optional test-time augmentation; PNG plots and a JSON report with --out."},
        footerHeading = "%nExamples:%n",
        footer = {"  emostream evaluate --model models/fast --usage PublicTest",
            "  emostream evaluate --model models/fast --data fer2013.csv --usage PrivateTest --json",
            "  emostream evaluate --model models/accurate --tta flip-shifts --out reports/accurate"})
public final class EvaluateCommand implements Callable<Integer> {
    /** {@code --tta}'s value for the model card's own test-time augmentation. */
    static final String CARD_TTA = "card";

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "SavedModel directory with model-card.json.")
    private Path model;

    @Option(names = "--data", paramLabel = "CSV", description = "FER2013 CSV (plain, .xz or .gz). Default: ASSETS/" + Assets.FER2013)
    private Path data;

    @Option(names = "--assets", paramLabel = "DIR", description = "Shared data folder (default: $EMOSTREAM_ASSETS or ../shared).")
    private Path assets;

    @Option(names = "--usage", paramLabel = "USAGE", defaultValue = "PublicTest",
            description = "Rows to evaluate: Training, PublicTest or PrivateTest. Default: ${DEFAULT-VALUE}.")
    private String usage;

    @Option(names = "--labels", paramLabel = "fer2013|ferplus", defaultValue = "fer2013",
            description = "Score against FER2013's labels or the FER+ majority vote. Default: ${DEFAULT-VALUE}.")
    private LabelSource labels;

    @Option(names = "--ferplus", paramLabel = "CSV", description = "FER+ votes file. Default: ASSETS/" + Assets.FERPLUS)
    private Path ferPlus;

    @Option(names = "--tta", paramLabel = "card|none|flip|flip-shifts", defaultValue = CARD_TTA, converter = TtaConverter.class,
            description = "Test-time augmentation: the model card's own (card: none for a single model), none, the mirror image"
                    + " averaged in (flip), or 2-px shifts of both as well (flip-shifts: 10 views); replaces an ensemble card's own."
                    + " Default: ${DEFAULT-VALUE}.")
    private TestTimeAugmentation tta; // null: the card's own

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", description = "Images per inference call. Default: ${DEFAULT-VALUE}.")
    private int batchSize;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of tables.")
    private boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write report.json, confusion-matrix.png and predictions.csv"
            + " (each row's label, prediction and class probabilities, in the split's order) here.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Usage split;
        try {
            split = Usage.parse(usage);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--usage': " + e.getMessage());
        }
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--batch-size': " + batchSize + " (accepted: 1 or more)");
        }
        Path csv = data != null ? data : Assets.resolve(assets, Assets.FER2013);
        if (!Files.isRegularFile(csv)) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--data': no such file " + csv);
        }
        if (!Files.isDirectory(model)) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--model': no such directory " + model);
        }
        try (EmotionClassifier classifier = EmotionClassifier.open(model, null, tta)) {
            // Evaluation keeps every valid row (no blank-image filter): the figures cover the whole split.
            Fer2013Loader.Options options = Fer2013Loader.Options.defaults().withClasses(EmotionClasses.ofSize(classifier.classes()))
                    .withFerPlus(labels, labels == LabelSource.FERPLUS ? (ferPlus != null ? ferPlus : Assets.resolve(assets, Assets.FERPLUS)) : null,
                            false)
                    .withEveryImage();
            Fer2013Loader.Result loaded = Fer2013Loader.load(csv, options);
            Dataset rows = loaded.split(split);
            long started = System.nanoTime();
            float[] probabilities = Evaluator.probabilities(classifier, rows, TestTimeAugmentation.NONE, batchSize);
            Metrics m = Metrics.of(classifier.card().classes(), rows.labels(), probabilities);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", Map.of("name", classifier.card().name(), "version", classifier.card().version(), "dir", model.toString()));
            report.put("data", csv.getFileName().toString());
            report.put("usage", split.csvName());
            report.put("labels", labels.name().toLowerCase(Locale.ROOT));
            report.put("tta", classifier.testTimeAugmentation().cardName());
            report.putAll(m.toMap());
            report.put("rejectedRows", loaded.report().rejectedTotal());
            report.put("seconds", seconds);
            if (out != null) {
                Files.createDirectories(out);
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out.resolve("report.json").toFile(), report);
                Plots.confusion(m, classifier.card().name() + " on " + split.csvName(), out.resolve("confusion-matrix.png"));
                PredictionsCsv.write(out.resolve(PredictionsCsv.FILE_NAME), classifier.card().classes(), rows.labels(), probabilities);
            }
            if (json) {
                spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(report));
            } else {
                spec.commandLine().getOut().printf("%s %s on %s (%s), tta %s, %.1f s%n%s", classifier.card().name(),
                        classifier.card().version(), split.csvName(), csv.getFileName(), report.get("tta"), seconds, m.table());
                if (loaded.report().rejectedTotal() > 0) {
                    spec.commandLine().getOut().println("rejected rows: " + loaded.report().rejected());
                }
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** Reads a card name (none, flip, flip-shifts), or {@value #CARD_TTA} as null (the card's own); the error lists them. */
    static final class TtaConverter implements picocli.CommandLine.ITypeConverter<TestTimeAugmentation> {
        @Override
        public TestTimeAugmentation convert(String value) {
            if (CARD_TTA.equalsIgnoreCase(value)) {
                return null;
            }
            try {
                return TestTimeAugmentation.ofCardName(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("unknown test-time augmentation '" + value + "' (accepted: "
                        + CARD_TTA + ", " + String.join(", ", TestTimeAugmentation.cardNames()) + ")");
            }
        }
    }
}
