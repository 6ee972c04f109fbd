package dev.emostream.app;

import dev.emostream.app.bench.ModelBenchmarks;
import dev.emostream.inference.classify.EmotionClassifier;
import dev.emostream.inference.classify.ProbabilityPooling;
import dev.emostream.inference.classify.TestTimeAugmentation;
import dev.emostream.schemas.Assets;
import dev.emostream.schemas.EmotionClasses;
import dev.emostream.schemas.ModelCard;
import dev.emostream.trainer.data.Dataset;
import dev.emostream.trainer.data.Fer2013Loader;
import dev.emostream.trainer.data.Usage;
import dev.emostream.trainer.eval.EnsembleSelection;
import dev.emostream.trainer.eval.Evaluator;
import dev.emostream.trainer.eval.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream ensemble}: composes exported models into an ensemble card. Each member answers PublicTest once
 * (with the card's test-time augmentation and without); the weights are given, equal, or chosen by greedy forward
 * selection ({@link EnsembleSelection}); the answers are pooled by their weighted arithmetic or geometric mean
 * ({@link ProbabilityPooling}); the card gets the ensemble's PublicTest figures with and without TTA, each
 * member's, the ensemble's without each member (what it adds), and its cost per face at batch 32. The written card is
 * loaded back as the processor would load it and checked to answer what was measured.
 *
 * <pre>{@code
 * bin/emostream ensemble --member models/fast-mini --member models/accurate-long --member models/accurate-long-s45 \
 *     --member models/accurate-long-s46 --member models/accurate-long-s47 --tta flip --combine geometric \
 *     --out models/ensemble --model-version 0.7.0
 * }</pre>
 */
@Command(name = "ensemble", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compose exported models into an ensemble card: each member answers PublicTest once, the weights are"
                + " given, equal, or selected (greedy forward selection with replacement), the answers are pooled by their weighted"
                + " arithmetic or geometric mean, and the card records the ensemble's and each member's PublicTest figures (with and"
                + " without test-time augmentation), the ensemble's without each member (what it adds) and its cost per face.",
        footerHeading = "%nExamples:%n",
        footer = {"  emostream ensemble --member models/fast --member models/accurate --out models/ensemble",
            "  emostream ensemble --member models/fast --member models/accurate --member models/vgg-nesterov --select \\",
            "                     --tta flip --out runs/ensemble-selected",
            "  emostream ensemble --member models/fast --member models/accurate --combine geometric --out runs/ensemble-geo",
            "Selecting weights on PublicTest makes its figure a little optimistic: the withheld PrivateTest tells."})
public final class EnsembleCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleCommand.class);
    private static final int CHECK_ROWS = 64;

    @Spec
    private CommandSpec spec;

    @Option(names = "--member", required = true, paramLabel = "DIR",
            description = "An exported model (repeat: at least 2). Members must predict the same classes from the same input.")
    private List<Path> members;

    @Option(names = "--weights", split = ",", paramLabel = "W",
            description = "One positive weight per member, in --member order. Default: equal weights (or --select).")
    private List<Double> weights;

    @Option(names = "--select", description = "Choose the weights by greedy forward selection on PublicTest (Caruana et al. 2004):"
            + " a member added k times weighs k; members never added are left out.")
    private boolean select;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "10", description = "Selection rounds. Default: ${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--combine", paramLabel = "mean|geometric", defaultValue = "mean",
            description = "How the members' answers are pooled: their weighted arithmetic mean, or their weighted geometric mean"
                    + " renormalised (a class must be likely to every member). Default: ${DEFAULT-VALUE}.")
    private String combine;

    @Option(names = "--tta", paramLabel = "none|flip|flip-shifts", defaultValue = "flip",
            description = "The card's test-time augmentation. Default: ${DEFAULT-VALUE}.")
    private String tta;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where model-card.json is written.")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name in the card. Default: the --out folder's name.")
    private String name;

    @Option(names = "--model-version", paramLabel = "VERSION", defaultValue = "0.1.0", description = "Default: ${DEFAULT-VALUE}.")
    private String version;

    @Option(names = "--data", paramLabel = "CSV", description = "FER2013 CSV (plain, .xz or .gz). Default: ASSETS/" + Assets.FER2013)
    private Path data;

    @Option(names = "--assets", paramLabel = "DIR", description = "Shared data folder (default: $EMOSTREAM_ASSETS or ../shared).")
    private Path assets;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", description = "Faces per call while members answer."
            + " Default: ${DEFAULT-VALUE}.")
    private int batchSize;

    @Option(names = "--no-cost", description = "Do not measure the cost per face at batch 32.")
    private boolean noCost;

    /** One member's answers on PublicTest and their accuracy, with the card's TTA and without. */
    private record Answers(Path dir, ModelCard card, float[] withTta, float[] plain, double accuracy, double accuracyWithoutTta) {
    }

    @Override
    public Integer call() throws Exception {
        TestTimeAugmentation augmentation = parseTta();
        ProbabilityPooling pooling = parseCombine();
        checkOptions(pooling);
        Path csv = data != null ? data : Assets.resolve(assets, Assets.FER2013);
        if (!Files.isRegularFile(csv)) {
            throw usage("invalid value for option '--data': no such file " + csv);
        }
        ModelCard first = readCard(members.get(0));
        for (Path m : members.subList(1, members.size())) {
            ModelCard card = readCard(m);
            if (!card.classes().equals(first.classes()) || !card.input().equals(first.input())) {
                throw usage("invalid value for option '--member': " + m + " predicts " + card.classes() + " from " + card.input()
                        + ", but " + members.get(0) + " predicts " + first.classes() + " from " + first.input());
            }
        }
        // Every valid row (no blank-image filter), as evaluate counts them.
        Fer2013Loader.Options options = Fer2013Loader.Options.defaults().withClasses(EmotionClasses.ofSize(first.classes().size()))
                .withEveryImage();
        Dataset rows = Fer2013Loader.load(csv, options).split(Usage.PUBLIC_TEST);
        int c = first.classes().size();

        List<Answers> answers = new ArrayList<>();
        for (Path m : members) {
            long started = System.nanoTime();
            try (EmotionClassifier model = EmotionClassifier.open(m)) {
                float[] plain = Evaluator.probabilities(model, rows, TestTimeAugmentation.NONE, batchSize);
                float[] withTta = augmentation == TestTimeAugmentation.NONE ? plain
                        : Evaluator.probabilities(model, rows, augmentation, batchSize);
                Answers a = new Answers(m, model.card(), withTta, plain, Metrics.of(first.classes(), rows.labels(), withTta).accuracy(),
                        Metrics.of(first.classes(), rows.labels(), plain).accuracy());
                answers.add(a);
                LOG.info("{} {}: PublicTest {} (tta {}), {} without, {} s", model.card().name(), model.card().version(),
                        percent(a.accuracy()), augmentation.cardName(), percent(a.accuracyWithoutTta()),
                        Math.round((System.nanoTime() - started) / 1e9));
            }
        }

        double[] w;
        Map<String, Object> selection = null;
        if (select) {
            EnsembleSelection.Result r = EnsembleSelection.select(answers.stream().map(Answers::withTta).toList(), rows.labels(), c, rounds);
            if (r.membersUsed() < 2) {
                int only = 0;
                while (r.weights()[only] == 0) {
                    only++;
                }
                LOG.error("Selection kept only {}: no mix of these members beat it on PublicTest ({}); no card written",
                        members.get(only), percent(r.accuracy()));
                return 1;
            }
            w = r.weights();
            selection = new LinkedHashMap<>();
            selection.put("method", "greedy forward selection with replacement (Caruana et al. 2004) on PublicTest");
            selection.put("rounds", rounds);
            selection.put("accuracyPerRound", r.accuracyPerRound());
        } else if (weights != null) {
            w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        } else {
            w = new double[members.size()];
            Arrays.fill(w, 1.0);
        }

        float[] ensembleAnswers = pooling.pool(answers.stream().map(Answers::withTta).toList(), w, c);
        Metrics withTta = Metrics.of(first.classes(), rows.labels(), ensembleAnswers);
        Metrics plain = Metrics.of(first.classes(), rows.labels(), pooling.pool(answers.stream().map(Answers::plain).toList(), w, c));
        double[] withoutEach = EnsembleSelection.accuracyWithoutEach(answers.stream().map(Answers::withTta).toList(), w, pooling,
                rows.labels(), c);
        for (int i = 0; i < answers.size(); i++) {
            if (!Double.isNaN(withoutEach[i])) {
                LOG.info("Without {} ({}): PublicTest {} with {} ({} points)", answers.get(i).card().name(), answers.get(i).dir(),
                        percent(withoutEach[i]), augmentation.cardName(),
                        String.format("%+.2f", 100 * (withoutEach[i] - withTta.accuracy())));
            }
        }
        Files.createDirectories(out);
        ModelCard card = card(first, answers, w, withoutEach, augmentation, pooling, withTta, plain, selection);
        card.write(out);
        checkWrittenCard(rows, ensembleAnswers);
        if (!noCost) {
            card = card.withCost(cost());
            card.write(out);
        }
        spec.commandLine().getOut().printf("%s %s: %d members, weights %s, %s, PublicTest %s with %s, %s without (best member %s);"
                        + " written to %s%n", card.name(), card.version(), card.ensemble().members().size(),
                card.ensemble().members().stream().map(mb -> String.valueOf(mb.weight())).toList(), pooling.description(),
                percent(withTta.accuracy()),
                augmentation.cardName(), percent(plain.accuracy()), percent(answers.stream().mapToDouble(Answers::accuracy).max().orElse(0)),
                out.resolve(ModelCard.FILE_NAME));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private ModelCard card(ModelCard first, List<Answers> answers, double[] w, double[] withoutEach, TestTimeAugmentation augmentation,
                           ProbabilityPooling pooling, Metrics withTta, Metrics plain, Map<String, Object> selection) {
        List<ModelCard.Member> used = new ArrayList<>();
        List<Map<String, Object>> memberFigures = new ArrayList<>();
        long parameters = 0;
        for (int i = 0; i < answers.size(); i++) {
            if (w[i] == 0) {
                continue;
            }
            Answers a = answers.get(i);
            Path relative = out.toAbsolutePath().normalize().relativize(a.dir().toAbsolutePath().normalize());
            used.add(new ModelCard.Member(relative.toString().replace('\\', '/'), a.card().version(), w[i]));
            parameters += a.card().parameters();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", a.card().name());
            f.put("version", a.card().version());
            f.put("weight", w[i]);
            f.put("accuracy", a.accuracy());
            f.put("accuracyWithoutTta", a.accuracyWithoutTta());
            if (!Double.isNaN(withoutEach[i])) {
                f.put("ensembleAccuracyWithoutIt", withoutEach[i]);
            }
            memberFigures.add(f);
        }
        Map<String, Object> figures = new LinkedHashMap<>(withTta.toMap());
        figures.put("tta", augmentation.cardName());
        figures.put("combine", pooling.cardName());
        figures.put("accuracyWithoutTta", plain.accuracy());
        figures.put("macroF1WithoutTta", plain.macroF1());
        figures.put("members", memberFigures);
        figures.put("command", "bin/emostream evaluate --model " + out + " --usage PublicTest --json");
        Map<String, Object> composed = new LinkedHashMap<>();
        composed.put("command", "bin/emostream " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        if (selection != null) {
            composed.put("selection", selection);
        }
        String cardName = name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
        return new ModelCard(cardName, version, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "ensemble", parameters,
                first.classes(), first.input(), null, null, composed, figures,
                new ModelCard.Ensemble(used, augmentation.cardName(), pooling.cardName()), null);
    }

    /**
     * Loads the written card as the processor would (members by relative path and version) and checks that it answers
     * the first rows as measured: the card and the figures in it agree.
     */
    private void checkWrittenCard(Dataset rows, float[] expected) {
        Dataset head = rows.head(Math.min(CHECK_ROWS, rows.size()));
        try (EmotionClassifier loaded = EmotionClassifier.open(out)) {
            float[] got = Evaluator.probabilities(loaded, head, TestTimeAugmentation.NONE, CHECK_ROWS);
            for (int i = 0; i < got.length; i++) {
                if (Math.abs(got[i] - expected[i]) > 1e-4) {
                    throw new IllegalStateException("the written card answers row " + i / loaded.classes() + " with " + got[i]
                            + " where the measurement had " + expected[i]);
                }
            }
        }
    }

    private Map<String, Object> cost() throws Exception {
        try (EmotionClassifier loaded = EmotionClassifier.open(out)) {
            double[] rates = ModelBenchmarks.facesPerSecond(loaded, 32, 3, 2.0);
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            Map<String, Object> cost = new LinkedHashMap<>();
            cost.put("batch32FacesPerSecond", Math.round(median * 10) / 10.0);
            cost.put("batch32MsPerFace", Math.round(10000 / median) / 10.0);
            cost.put("measuredAt", Instant.now().truncatedTo(ChronoUnit.MINUTES).toString());
            cost.put("command", "bin/emostream bench --quick --section classifier --model " + out);
            cost.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch")
                    + " (median of 3 rounds of 2 s, measured by the ensemble command)");
            LOG.info("Cost at batch 32: {} ms per face ({} faces/s)", cost.get("batch32MsPerFace"), cost.get("batch32FacesPerSecond"));
            return cost;
        }
    }

    private TestTimeAugmentation parseTta() {
        try {
            return TestTimeAugmentation.ofCardName(tta);
        } catch (IllegalArgumentException e) {
            throw usage("invalid value for option '--tta': " + e.getMessage());
        }
    }

    private ProbabilityPooling parseCombine() {
        try {
            return ProbabilityPooling.ofCardName(combine);
        } catch (IllegalArgumentException e) {
            throw usage("invalid value for option '--combine': " + e.getMessage());
        }
    }

    private void checkOptions(ProbabilityPooling pooling) {
        if (members.size() < 2) {
            throw usage("option '--member' must be given at least twice (an ensemble of " + members.size() + " model is that model)");
        }
        if (select && weights != null) {
            throw usage("options '--select' and '--weights' cannot be combined");
        }
        if (select && pooling != ProbabilityPooling.MEAN) {
            throw usage("options '--select' and '--combine " + pooling.cardName() + "' cannot be combined (selection weighs members by"
                    + " their arithmetic mean)");
        }
        if (weights != null && (weights.size() != members.size() || weights.stream().anyMatch(x -> !(x > 0) || x.isInfinite()))) {
            throw usage("invalid value for option '--weights': " + weights + " (accepted: one positive number per --member, "
                    + members.size() + " here)");
        }
        if (rounds < 1) {
            throw usage("invalid value for option '--rounds': " + rounds + " (accepted: 1 or more)");
        }
        if (batchSize < 1) {
            throw usage("invalid value for option '--batch-size': " + batchSize + " (accepted: 1 or more)");
        }
    }

    private ModelCard readCard(Path dir) {
        try {
            return ModelCard.read(dir);
        } catch (IllegalArgumentException e) {
            throw usage("invalid value for option '--member': " + e.getMessage());
        }
    }

    private static String percent(double accuracy) {
        return String.format("%.2f%%", 100 * accuracy);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
