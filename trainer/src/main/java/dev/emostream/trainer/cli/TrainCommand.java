package dev.emostream.trainer.cli;

import dev.emostream.schemas.Assets;
import dev.emostream.schemas.EmotionClasses;
import dev.emostream.schemas.ModelCard;
import dev.emostream.trainer.data.Dataset;
import dev.emostream.trainer.data.Fer2013Loader;
import dev.emostream.trainer.data.LabelSource;
import dev.emostream.trainer.data.Usage;
import dev.emostream.trainer.export.ModelPackager;
import dev.emostream.trainer.model.Architecture;
import dev.emostream.trainer.model.ComputePrecision;
import dev.emostream.trainer.model.OptimizerKind;
import dev.emostream.trainer.train.ClassWeighting;
import dev.emostream.trainer.train.Distillation;
import dev.emostream.trainer.train.TrainConfig;
import dev.emostream.trainer.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream train}: fits the emotion CNN on FER2013's Training rows, selects on PublicTest, and exports
 * the best epoch as a SavedModel with its model card, report and plots under {@code RUN_DIR/model}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the emotion CNN on FER2013 (fit on Training, select on PublicTest) and export a SavedModel.",
            "Writes RUN_DIR/training-log.csv, RUN_DIR/checkpoints/{last,best} every epoch, and RUN_DIR/model/",
            "(SavedModel + model-card.json + publictest-report.json + learning-curves.png + confusion-matrix.png)."},
        footerHeading = "%nExamples:%n",
        footer = {"  emostream train --model fast --epochs 60 --out runs/fast",
            "  emostream train --resume runs/fast --epochs 80          # continue a run",
            "  emostream train --resume runs/resnet --plateau-factor 0.5 --plateau-patience 3   # ... decaying faster",
            "  emostream train --resume runs/resnet --save-compact checkpoints/resnet   # a copy small enough to commit",
            "  emostream train --finetune runs/fast --lr 1e-4 --out runs/fast-ft",
            "  emostream train --finetune runs/fast --teacher models/accurate --lr 5e-4 --out runs/fast-kd",
            "  emostream train --finetune models/fast-mini --teacher models/ensemble --distill-mode offline --lr 3e-4 --epochs 20",
            "  emostream train --classes 6 --labels ferplus --class-weights sqrt",
            "  emostream train --model accurate --soft-labels --vote-share 0.5   # half FER2013's label, half the FER+ votes"})
public final class TrainCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "CSV", description = "FER2013 CSV (plain, .xz or .gz). Default: ASSETS/" + Assets.FER2013)
    private Path data;

    @Option(names = "--assets", paramLabel = "DIR", description = "Shared data folder (default: $EMOSTREAM_ASSETS or ../shared).")
    private Path assets;

    @Option(names = "--model", paramLabel = "fast|wide|slim|accurate|resnet", defaultValue = "fast",
            description = "Network: fast (mini-Xception, ~0.19 M parameters), wide (mini-Xception at the same cost with a separable stem and 1.5x wider blocks, ~0.41 M; a student of the ensemble), "
                    + "slim (accurate's VGG trunk at 0.75 of its widths, ~1.68 M, within fast's 1 ms budget), accurate (VGG-style with batch norm, ~2.5 M) or resnet "
                    + "(residual, global-average-pool head, ~2.8 M; an ensemble member). Default: ${DEFAULT-VALUE}.")
    private Architecture architecture;

    @Option(names = "--classes", paramLabel = "7|6", defaultValue = "7",
            description = "7 FER2013 classes, or 6 with disgust merged into angry. Default: ${DEFAULT-VALUE}.")
    private int classes;

    @Option(names = "--labels", paramLabel = "fer2013|ferplus", defaultValue = "fer2013",
            description = "Label source: FER2013's labels or the FER+ majority vote. Default: ${DEFAULT-VALUE}.")
    private LabelSource labels;

    @Option(names = "--ferplus", paramLabel = "CSV", description = "FER+ votes file. Default: ASSETS/" + Assets.FERPLUS)
    private Path ferPlus;

    @Option(names = "--soft-labels", description = "Train on the FER+ vote distribution instead of one-hot labels.")
    private boolean softLabels;

    @Option(names = "--vote-share", paramLabel = "S",
            description = "With --soft-labels: the FER+ votes' share of each target, in (0, 1]; the rest is the --labels one-hot label, "
                    + "and rows whose votes name no emotion keep that label instead of being dropped. Default: 1 (the votes alone).")
    private Double voteShare;

    @Option(names = "--class-weights", paramLabel = "none|balanced|sqrt", defaultValue = "none",
            description = "Loss weight per class, to help rare classes. Default: ${DEFAULT-VALUE}.")
    private ClassWeighting weighting;

    @Option(names = "--optimizer", paramLabel = "adam|nesterov", defaultValue = "adam",
            description = "Adam, or SGD with Nesterov momentum 0.9. Default: ${DEFAULT-VALUE}.")
    private OptimizerKind optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Starting learning rate. Default: 1e-3 for adam, 1e-2 for nesterov.")
    private Float learningRate;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Images per step. Default: ${DEFAULT-VALUE}.")
    private int batchSize;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "60", description = "Most epochs. Default: ${DEFAULT-VALUE}.")
    private int epochs;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "12",
            description = "Stop after N epochs without a better PublicTest accuracy. Default: ${DEFAULT-VALUE}.")
    private int stopPatience;

    @Option(names = "--plateau-patience", paramLabel = "N", defaultValue = "4",
            description = "Reduce the rate after N epochs without a better PublicTest loss. Default: ${DEFAULT-VALUE}.")
    private int plateauPatience;

    @Option(names = "--plateau-factor", paramLabel = "F", defaultValue = "0.5", description = "Rate multiplier on a plateau. Default: ${DEFAULT-VALUE}.")
    private float plateauFactor;

    @Option(names = "--min-lr", paramLabel = "RATE", defaultValue = "1e-5", description = "Lowest learning rate. Default: ${DEFAULT-VALUE}.")
    private float minLearningRate;

    @Option(names = "--weight-decay", paramLabel = "L2", defaultValue = "1e-4", description = "L2 penalty on kernels. Default: ${DEFAULT-VALUE}.")
    private float weightDecay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for weights, shuffling, augmentation. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--erase", paramLabel = "P", defaultValue = "0",
            description = "Random erasing: with probability P a rectangle of 2-25%% of the face is filled with noise (Khaireddin & Chen's "
                    + "recipe uses it). Default: ${DEFAULT-VALUE} (off).")
    private double erase;

    @Option(names = "--cutmix", paramLabel = "P", defaultValue = "0",
            description = "CutMix: a share P of batches get, on each face, a rectangle of its neighbour's face (0-100%% of it), the targets "
                    + "mixed by the pixels each shows; trains an ensemble member that errs differently. Default: ${DEFAULT-VALUE} (off).")
    private double cutmix;

    @Option(names = "--precision", paramLabel = "float32|bfloat16", defaultValue = "float32",
            description = "Number format of the training convolutions: bfloat16 runs them on AVX512-BF16/AMX units with float32 weights "
                    + "(accurate trained 1.37x faster on this project's machine; validation and the exported model stay float32). "
                    + "May be changed on --resume. Default: ${DEFAULT-VALUE}.")
    private ComputePrecision precision;

    @Option(names = "--no-augment", description = "Train on the images as they are (no flips, shifts, rotations, zoom, brightness).")
    private boolean noAugment;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N rows of each split (quick runs).")
    private Integer limit;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run directory. Default: runs/<model>-<date-time>.")
    private Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue RUN_DIR from its last checkpoint with its settings;"
            + " --epochs, the schedule (--plateau-patience, --plateau-factor, --min-lr, --patience), the current --lr, --precision,"
            + " --name and --model-version may be given anew; --labels, --soft-labels, --vote-share and --limit are kept (run-options.json).")
    private Path resume;

    @Option(names = "--save-compact", paramLabel = "DIR",
            description = "With --resume RUN_DIR: write a commit-sized copy of RUN_DIR's checkpoints into DIR and stop (weights as"
                    + " they are, optimiser state as bfloat16, the best epoch's weights as float16 when it is not the last;"
                    + " about half the size for Nesterov, a third less for Adam). Continue with --resume on a copy of DIR.")
    private Path saveCompact;

    @Option(names = "--finetune", paramLabel = "RUN_DIR|MODEL_DIR",
            description = "Start from the best weights of RUN_DIR, or from an exported model (e.g. models/fast, same --model), with a"
                    + " fresh optimiser at --lr.")
    private Path finetune;

    @Option(names = "--teacher", paramLabel = "MODEL_DIR",
            description = "Distil from this exported model (repeat to average several): targets blend the label with the"
                    + " teacher's probabilities on the same augmented image, e.g. --teacher models/accurate.")
    private java.util.List<Path> teachers = new java.util.ArrayList<>();

    @Option(names = "--distill-weight", paramLabel = "W", defaultValue = "" + Distillation.DEFAULT_WEIGHT,
            description = "Teacher's share of each target, in (0, 1]. Default: ${DEFAULT-VALUE}.")
    private float distillWeight;

    @Option(names = "--distill-temperature", paramLabel = "T", defaultValue = "" + Distillation.DEFAULT_TEMPERATURE,
            description = "Soften the teacher's probabilities as p^(1/T); 1 keeps them. Default: ${DEFAULT-VALUE}.")
    private float distillTemperature;

    @Option(names = "--distill-mode", paramLabel = "online|offline", defaultValue = "online",
            description = "online: the teacher answers on every augmented batch; offline: once per training image before the first"
                    + " epoch (an ensemble teacher then costs one pass, not one per epoch). Default: ${DEFAULT-VALUE}.")
    private Distillation.Mode distillMode;

    @Option(names = "--feedback", paramLabel = "HOST:PORT",
            description = "Also train on people's corrections from the emotion-feedback topic of this Kafka (with --feedback-crops).")
    private String feedbackKafka;

    @Option(names = "--feedback-crops", paramLabel = "DIR",
            description = "Face crops kept by 'demo --keep-crops DIR' (<imageId>-<faceIndex>.jpg), joined with the feedback.")
    private Path feedbackCrops;

    @Option(names = "--feedback-topic", paramLabel = "NAME", defaultValue = "emotion-feedback", description = "Default: ${DEFAULT-VALUE}.")
    private String feedbackTopic;

    @Option(names = "--feedback-repeat", paramLabel = "N", defaultValue = "5",
            description = "Each correction counts N times in an epoch. Default: ${DEFAULT-VALUE}.")
    private int feedbackRepeat;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name in the card. Default: the --model value.")
    private String name;

    @Option(names = "--model-version", paramLabel = "VERSION", defaultValue = "1.0.0", description = "Model version in the card. Default: ${DEFAULT-VALUE}.")
    private String version;

    /**
     * A resumed run keeps its settings, except those given again: --epochs, and the schedule (--plateau-patience,
     * --plateau-factor, --min-lr, --patience), e.g. to decay faster than planned; --lr sets the current rate. Its recipe
     * (--model, --classes, --class-weights, --optimizer, --batch-size, --weight-decay, --seed, --erase, --cutmix) may
     * not change: given again, it must match.
     */
    private TrainConfig resumedConfig(TrainConfig saved) {
        var parsed = spec.commandLine().getParseResult();
        keptOnResume("--model", "recipe", architecture, saved.architecture());
        keptOnResume("--classes", "recipe", classes, saved.classes().size());
        keptOnResume("--class-weights", "recipe", weighting, saved.weighting());
        keptOnResume("--optimizer", "recipe", optimizer, saved.optimizer());
        keptOnResume("--batch-size", "recipe", batchSize, saved.batchSize());
        keptOnResume("--weight-decay", "recipe", weightDecay, saved.weightDecay());
        keptOnResume("--seed", "recipe", seed, saved.seed());
        keptOnResume("--erase", "recipe", erase, saved.eraseProbability());
        keptOnResume("--cutmix", "recipe", cutmix, saved.batchMixing().probability());
        TrainConfig config = parsed.hasMatchedOption("--epochs") ? saved.withEpochs(epochs) : saved;
        if (parsed.hasMatchedOption("--precision") && precision != saved.convolutionPrecision()) {
            LOG.info("Resuming with the training convolutions in {} (were {})", precision.cliName(), saved.convolutionPrecision().cliName());
            config = config.withPrecision(precision);
        }
        int newPlateauPatience = parsed.hasMatchedOption("--plateau-patience") ? plateauPatience : saved.plateauPatience();
        float newPlateauFactor = parsed.hasMatchedOption("--plateau-factor") ? plateauFactor : saved.plateauFactor();
        float newMinLearningRate = parsed.hasMatchedOption("--min-lr") ? minLearningRate : saved.minLearningRate();
        int newStopPatience = parsed.hasMatchedOption("--patience") ? stopPatience : saved.stopPatience();
        checkSchedule(newPlateauPatience, newPlateauFactor, newStopPatience);
        config = config.withSchedule(newPlateauPatience, newPlateauFactor, newMinLearningRate, newStopPatience);
        if (!config.equals(saved.withEpochs(config.epochs()).withPrecision(config.convolutionPrecision()))) {
            LOG.info("Resuming with a new schedule: plateau patience {} -> {}, factor {} -> {}, lowest rate {} -> {}, stop patience {} -> {}",
                    saved.plateauPatience(), newPlateauPatience, saved.plateauFactor(), newPlateauFactor, saved.minLearningRate(),
                    newMinLearningRate, saved.stopPatience(), newStopPatience);
        }
        return config;
    }

    /**
     * What a resumed run keeps of how it was started: its card's name and version unless given again, and its
     * examples (--labels, --soft-labels, --vote-share, --limit), which may not change halfway: given again, they must match.
     */
    private RunOptions resumedRunOptions(TrainConfig config) {
        var parsed = spec.commandLine().getParseResult();
        RunOptions saved = RunOptions.read(resume).orElse(null);
        if (saved == null) {
            LOG.warn("{} has no {} (started before runs kept it): resuming with the name, version, labels and limit given now",
                    resume, RunOptions.FILE);
            return givenRunOptions(config);
        }
        keptOnResume("--labels", "examples", labels, saved.labels());
        keptOnResume("--soft-labels", "examples", softLabels, saved.softLabels());
        keptOnResume("--limit", "examples", limit, saved.limit());
        keptOnResume("--vote-share", "examples", voteShare, saved.voteShare());
        return new RunOptions(name != null ? name : saved.name(), parsed.hasMatchedOption("--model-version") ? version : saved.version(),
                saved.labels(), saved.softLabels(), saved.limit(), saved.voteShare());
    }

    /** Refuses {@code option} given again with another value than the run was started with ({@code what}: examples, recipe). */
    private void keptOnResume(String option, String what, Object value, Object saved) {
        if (spec.commandLine().getParseResult().hasMatchedOption(option) && !Objects.equals(value, saved)) {
            throw usage("invalid value for option '" + option + "': " + String.valueOf(value).toLowerCase(Locale.ROOT)
                    + " (a resumed run keeps the " + what + " it was started with: " + option + " "
                    + (saved == null ? "not given" : saved.toString().toLowerCase(Locale.ROOT)) + ")");
        }
    }

    /** The run options as this command line gives them (the name defaulting to the network's). */
    private RunOptions givenRunOptions(TrainConfig config) {
        return new RunOptions(name != null ? name : defaultName(config), version, labels, softLabels, limit, voteShare);
    }

    private static String defaultName(TrainConfig config) {
        return config.architecture().name().toLowerCase(Locale.ROOT);
    }

    private void checkSchedule(int plateauPatienceValue, float plateauFactorValue, int stopPatienceValue) {
        positive("--patience", stopPatienceValue);
        positive("--plateau-patience", plateauPatienceValue);
        if (!(plateauFactorValue > 0 && plateauFactorValue < 1)) {
            throw usage("invalid value for option '--plateau-factor': " + plateauFactorValue + " (accepted: between 0 and 1)");
        }
    }

    private int saveCompact() throws java.io.IOException {
        if (resume == null) {
            throw usage("option '--save-compact' needs '--resume RUN_DIR' (the run to copy)");
        }
        try {
            long bytes = Trainer.compact(resume, saveCompact);
            RunOptions.read(resume).ifPresent(options -> options.write(saveCompact));
            Trainer.State state = Trainer.readState(saveCompact);
            LOG.info("Wrote {} ({} MB; epoch {}, best epoch {}): continue with cp -r {} RUN_DIR && emostream train --resume RUN_DIR",
                    saveCompact, String.format("%.1f", bytes / 1e6), state.epoch(), state.bestEpoch(), saveCompact);
            return 0;
        } catch (IllegalArgumentException e) {
            throw usage("invalid value for option '--save-compact': " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        TrainConfig config;
        Path runDir;
        Trainer.Start start;
        Distillation distillation;
        RunOptions run;
        if (saveCompact != null) {
            return saveCompact();
        }
        if (resume != null) {
            if (finetune != null) {
                throw usage("--resume and --finetune cannot be combined");
            }
            Trainer.State state = Trainer.readState(resume);
            config = resumedConfig(state.config());
            runDir = resume;
            if (learningRate != null && !(learningRate > 0 && learningRate < 10)) {
                throw usage("invalid value for option '--lr': " + learningRate + " (accepted: greater than 0, below 10)");
            }
            start = learningRate == null ? Trainer.Start.resumeLast() : Trainer.Start.resumeAt(learningRate);
            distillation = state.distillation();
            run = resumedRunOptions(config);
        } else {
            config = configFromOptions();
            distillation = distillationFromOptions();
            run = givenRunOptions(config);
            runDir = out != null ? out : Path.of("runs", defaultName(config) + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            if (Files.exists(Trainer.lastCheckpoint(runDir).resolveSibling("ckpt.index"))) {
                throw usage("invalid value for option '--out': " + runDir + " already holds a run (use --resume " + runDir + ")");
            }
            if (finetune == null) {
                start = Trainer.Start.fresh();
            } else {
                try {
                    start = Trainer.Start.finetune(Trainer.finetuneWeights(finetune, config.architecture()), config.learningRate());
                } catch (IllegalArgumentException e) {
                    throw usage("invalid value for option '--finetune': " + e.getMessage());
                }
            }
        }
        Files.createDirectories(runDir);
        run.write(runDir);
        Path csv = data != null ? data : Assets.resolve(assets, Assets.FER2013);
        if (!Files.isRegularFile(csv)) {
            throw usage("invalid value for option '--data': no such file " + csv);
        }
        Fer2013Loader.Options options = Fer2013Loader.Options.defaults().withClasses(config.classes());
        if (run.labels() == LabelSource.FERPLUS || run.softLabels()) {
            options = options.withFerPlus(run.labels(), ferPlus != null ? ferPlus : Assets.resolve(assets, Assets.FERPLUS), run.softLabels());
        }
        if (run.voteShare() != null) {
            options = options.withVoteShare(run.voteShare());
        }
        LOG.info("Loading {}", csv);
        Fer2013Loader.Result loaded = Fer2013Loader.load(csv, options);
        LOG.info("Data: {}", loaded.report().summary());
        Dataset train = loaded.split(Usage.TRAINING);
        Dataset val = loaded.split(Usage.PUBLIC_TEST);
        if (run.limit() != null) {
            train = train.head(run.limit());
            val = val.head(run.limit());
        }
        java.util.Map<String, Object> dataReport = new java.util.LinkedHashMap<>(loaded.report().toMap());
        if (feedbackKafka != null) {
            if (feedbackCrops == null || !Files.isDirectory(feedbackCrops)) {
                throw usage("option '--feedback' needs '--feedback-crops DIR' (the directory given to demo --keep-crops)");
            }
            var records = dev.emostream.trainer.data.FeedbackExamples.read(java.util.Map.of("bootstrap.servers", feedbackKafka),
                    feedbackTopic, java.time.Duration.ofSeconds(30));
            var fb = dev.emostream.trainer.data.FeedbackExamples.examples(records, feedbackCrops, config.classes());
            LOG.info("Feedback: {} corrections read, {} with a kept crop used ({} times each), {} without a crop, {} unreadable",
                    fb.report().records(), fb.report().used(), feedbackRepeat, fb.report().missingCrop(), fb.report().unreadableCrop());
            train = dev.emostream.trainer.data.FeedbackExamples.append(train, fb.examples(), feedbackRepeat);
            dataReport.put("feedback", fb.report().toMap());
        }
        Trainer.Result result = new Trainer(config, distillation).run(train, val, runDir, start);
        // The card records the command that reproduces this configuration; how this process was invoked goes beside it.
        String invoked = "emostream " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        String command = config.toCommand() + (run.labels() == LabelSource.FERPLUS ? " --labels ferplus" : "")
                + (run.softLabels() ? " --soft-labels" : "") + (run.voteShare() != null ? " --vote-share " + run.voteShare() : "")
                + (run.limit() != null ? " --limit " + run.limit() : "")
                + (distillation != null ? distillation.toOptions() : "");
        dataReport.put("invokedAs", invoked);
        ModelCard card = ModelPackager.packageRun(runDir, config, result, val, new ModelPackager.Provenance(
                run.name(), run.version(), csv, dataReport, run.labels().name().toLowerCase(Locale.ROOT), command));
        spec.commandLine().getOut().printf("Best PublicTest accuracy %.4f at epoch %d of %d; model in %s%n",
                ((Number) card.publicTest().get("accuracy")).doubleValue(), result.bestEpoch(), result.epochsRun(),
                runDir.resolve("model"));
        return 0;
    }

    private TrainConfig configFromOptions() {
        if (classes != 7 && classes != 6) {
            throw usage("invalid value for option '--classes': " + classes + " (accepted: 7, 6)");
        }
        positive("--batch-size", batchSize);
        positive("--epochs", epochs);
        checkSchedule(plateauPatience, plateauFactor, stopPatience);
        float lr = learningRate != null ? learningRate : optimizer == OptimizerKind.ADAM ? 1e-3f : 1e-2f;
        if (!(lr > 0 && lr < 10)) {
            throw usage("invalid value for option '--lr': " + lr + " (accepted: greater than 0, below 10)");
        }
        if (weightDecay < 0) {
            throw usage("invalid value for option '--weight-decay': " + weightDecay + " (accepted: 0 or more)");
        }
        if (limit != null && limit < 1) {
            throw usage("invalid value for option '--limit': " + limit + " (accepted: 1 or more)");
        }
        if (!(erase >= 0 && erase <= 1)) {
            throw usage("invalid value for option '--erase': " + erase + " (accepted: 0 to 1)");
        }
        if (!(cutmix >= 0 && cutmix <= 1)) {
            throw usage("invalid value for option '--cutmix': " + cutmix + " (accepted: 0 to 1)");
        }
        if (voteShare != null && !(voteShare > 0 && voteShare <= 1)) {
            throw usage("invalid value for option '--vote-share': " + voteShare + " (accepted: greater than 0, at most 1)");
        }
        if (voteShare != null && !softLabels) {
            throw usage("option '--vote-share' needs '--soft-labels' (it sets the votes' share of each soft target)");
        }
        if (softLabels && labels != LabelSource.FERPLUS && ferPlus == null && assets == null && !Files.exists(Assets.resolve(null, Assets.FERPLUS))) {
            throw usage("option '--soft-labels' needs the FER+ votes file (--ferplus CSV)");
        }
        return new TrainConfig(architecture, EmotionClasses.ofSize(classes), optimizer, lr, batchSize, epochs, plateauPatience,
                plateauFactor, minLearningRate, stopPatience, weightDecay, seed, !noAugment, weighting, erase > 0 ? erase : null, precision,
                cutmix > 0 ? cutmix : null);
    }

    private Distillation distillationFromOptions() {
        if (teachers.isEmpty()) {
            return null;
        }
        for (Path teacher : teachers) {
            if (!Files.isRegularFile(teacher.resolve("saved_model.pb")) && !Files.isRegularFile(teacher.resolve("model-card.json"))) {
                throw usage("invalid value for option '--teacher': " + teacher + " is not an exported model or ensemble (no saved_model.pb)");
            }
        }
        if (!(distillWeight > 0 && distillWeight <= 1)) {
            throw usage("invalid value for option '--distill-weight': " + distillWeight + " (accepted: greater than 0, at most 1)");
        }
        if (!(distillTemperature > 0)) {
            throw usage("invalid value for option '--distill-temperature': " + distillTemperature + " (accepted: greater than 0)");
        }
        return new Distillation(teachers, distillWeight, distillTemperature, distillMode);
    }

    private void positive(String option, int value) {
        if (value < 1) {
            throw usage("invalid value for option '" + option + "': " + value + " (accepted: 1 or more)");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
