package dev.emostream.trainer.train;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import dev.emostream.ops.ProgressBars;
import dev.emostream.schemas.Json;
import dev.emostream.schemas.ModelCard;
import dev.emostream.trainer.data.Dataset;
import dev.emostream.trainer.eval.Metrics;
import dev.emostream.trainer.model.Architecture;
import dev.emostream.trainer.model.TrainingGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: shuffled, augmented mini-batches (a share of them CutMixed when the config asks,
 * {@link CutMix}); validation on PublicTest after every epoch; learning rate reduced on plateau; early stopping; a
 * checkpoint every epoch ({@code checkpoints/last}) and of the best epoch ({@code checkpoints/best}); one CSV log row
 * per epoch. Deterministic for a given seed.
 *
 * <pre>{@code
 * Trainer.Result r = new Trainer(config).run(train, publicTest, Path.of("runs/fast"), Trainer.Start.fresh());
 * }</pre>
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    public static final String CHECKPOINTS = "checkpoints";
    public static final String STATE = "state.json";
    private static final int EVAL_BATCH = 256;

    private final TrainConfig config;
    private final Distillation distillation;

    /** How a run begins: fresh, resumed from its own last checkpoint, or fine-tuned from another model's weights. */
    public record Start(boolean resume, Path finetuneFrom, Float learningRate) {
        public static Start fresh() {
            return new Start(false, null, null);
        }

        public static Start resumeLast() {
            return new Start(true, null, null);
        }

        /** Resumed from its own last checkpoint, the schedule's current rate set to {@code learningRate}. */
        public static Start resumeAt(float learningRate) {
            return new Start(true, null, learningRate);
        }

        /** Weights from {@code checkpointPrefix}; fresh optimiser and schedule at {@code learningRate}. */
        public static Start finetune(Path checkpointPrefix, float learningRate) {
            return new Start(false, checkpointPrefix, learningRate);
        }
    }

    /** What a finished run reached. */
    public record Result(double bestAccuracy, int bestEpoch, int epochsRun, double imagesPerSecond, long parameters,
                         Path bestCheckpoint, boolean stoppedEarly) {
    }

    /**
     * Written beside each checkpoint; {@code --resume} reads it back. {@code distillation} is null without teachers;
     * {@code checkpoints} says how the checkpoints beside it are stored (absent in older runs: {@code FULL}).
     */
    public record State(TrainConfig config, int epoch, long step, int bestEpoch, PlateauSchedule.State schedule,
                        Distillation distillation,
                        @JacksonInject(value = Json.ABSENT + "checkpoints", useInput = OptBoolean.TRUE) CheckpointFormat checkpoints) {
        public State {
            checkpoints = checkpoints == null ? CheckpointFormat.FULL : checkpoints;
        }
    }

    /** How a run's checkpoints are stored. */
    public enum CheckpointFormat {
        /** Every variable as float32, in {@code last} and in {@code best}: what a running run writes. */
        FULL,
        /**
         * Commit-sized ({@link #compact}): {@code last} holds the weights as float32 and the optimiser state as
         * bfloat16; {@code best} holds the best epoch's weights as float16, and is absent when the best epoch is the last.
         */
        COMPACT
    }

    public Trainer(TrainConfig config) {
        this(config, null);
    }

    /** A trainer whose targets blend the labels with {@code distillation}'s teachers (null: labels only). */
    public Trainer(TrainConfig config, Distillation distillation) {
        this.config = config;
        this.distillation = distillation;
    }

    public static Path lastCheckpoint(Path runDir) {
        return runDir.resolve(CHECKPOINTS).resolve("last").resolve("ckpt");
    }

    public static Path bestCheckpoint(Path runDir) {
        return runDir.resolve(CHECKPOINTS).resolve("best").resolve("ckpt");
    }

    /**
     * The weights {@code --finetune DIR} starts from: a run directory's best checkpoint, or an exported model's
     * variables (a SavedModel written by this trainer keeps the training graph's variable names). The error says what
     * is missing, or which network the model is when it is not {@code architecture}.
     */
    public static Path finetuneWeights(Path dir, Architecture architecture) {
        if (Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            ModelCard card = ModelCard.read(dir);
            if (!card.architecture().equals(architecture.family())) {
                throw new IllegalArgumentException(dir + " is a " + card.architecture() + " model; --model "
                        + architecture.name().toLowerCase(java.util.Locale.ROOT) + " trains " + architecture.family());
            }
            return dir.resolve("variables").resolve("variables");
        }
        Path best = bestCheckpoint(dir);
        if (!Files.isRegularFile(best.resolveSibling("ckpt.index"))) {
            throw new IllegalArgumentException("nothing to fine-tune in " + dir + ": neither an exported model (saved_model.pb) nor a run"
                    + " with a best checkpoint (" + best.resolveSibling("ckpt.index") + ")");
        }
        return best;
    }

    /** Reads the state of a run's last checkpoint; the error says what is missing. */
    public static State readState(Path runDir) {
        Path file = runDir.resolve(CHECKPOINTS).resolve(STATE);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no checkpoint to resume in " + runDir + " (missing " + file + ")");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), State.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Result run(Dataset train, Dataset val, Path runDir, Start start) {
        int classes = config.classes().size();
        float[] classWeights = config.weighting().weights(train.classCounts());
        PlateauSchedule schedule = new PlateauSchedule(config.learningRate(), config.plateauFactor(),
                config.minLearningRate(), config.plateauPatience(), config.stopPatience());
        int firstEpoch = 1;
        int bestEpoch = 0;
        java.util.List<String> classLabels = config.classes().classes().stream().map(e -> e.label()).toList();
        try (TeacherEnsemble teachers = distillation == null ? null : TeacherEnsemble.open(distillation.teachers(), classLabels);
             TrainingGraph graph = TrainingGraph.build(config.architecture(), classes, config.optimizer(),
                config.weightDecay(), config.seed(), config.convolutionPrecision())) {
            graph.initialize();
            if (start.resume()) {
                State state = readState(runDir);
                if (state.checkpoints() == CheckpointFormat.COMPACT) {
                    expandCompact(graph, runDir, state);
                }
                graph.restore(lastCheckpoint(runDir));
                graph.stepCount(state.step());
                schedule.restore(state.schedule());
                if (start.learningRate() != null) {
                    schedule.rate(start.learningRate());
                }
                firstEpoch = state.epoch() + 1;
                bestEpoch = state.bestEpoch();
                LOG.info("Resuming {} after epoch {} (step {}, learning rate {}, best PublicTest accuracy {})", runDir,
                        state.epoch(), state.step(), schedule.rate(), String.format("%.4f", schedule.bestAccuracy()));
            } else if (start.finetuneFrom() != null) {
                graph.restoreWeights(start.finetuneFrom());
                schedule.rate(start.learningRate());
                LOG.info("Fine-tuning from {} at learning rate {}", start.finetuneFrom(), start.learningRate());
            }
            LOG.info("{} ({}): {} trainable parameters; {} training and {} validation images; class weights {}",
                    config.architecture(), config.architecture().family(), graph.parameterCount(), train.size(), val.size(),
                    java.util.Arrays.toString(classWeights));
            float[] teacherAnswers = null;
            if (distillation != null) {
                LOG.info("Distilling from {} (teacher weight {}, temperature {}, {})", distillation.teachers(),
                        distillation.weight(), distillation.temperature(), distillation.mode().name().toLowerCase(java.util.Locale.ROOT));
                if (distillation.mode() == Distillation.Mode.OFFLINE && firstEpoch <= config.epochs()) { // none left: just export
                    teacherAnswers = TeacherAnswers.keptOrAsked(runDir, distillation.teachers(), train, classes,
                            () -> teachers.probabilitiesOf(train, classes));
                }
            }

            int b = config.batchSize();
            float[] images = new float[b * Dataset.PIXELS];
            float[] targets = new float[b * classes];
            float[] weights = new float[b];
            Augmenter augmenter = Augmenter.standard();
            CutMix cutMix = config.batchMixing();
            double totalImages = 0;
            double totalSeconds = 0;
            int epoch = firstEpoch;
            boolean stoppedEarly = false;
            for (; epoch <= config.epochs(); epoch++) {
                int[] order = shuffled(train.size(), config.seed() * 1_000_003L + epoch);
                SplittableRandom random = new SplittableRandom(config.seed() * 7_919L + epoch);
                SplittableRandom mixing = new SplittableRandom(config.seed() * 104_729L + epoch); // its own: runs without CutMix stay as they were
                long steps = (order.length + b - 1) / b;
                double lossSum = 0;
                long correct = 0;
                long seen = 0;
                float rate = schedule.rate();
                long started = System.nanoTime();
                try (ProgressBar bar = ProgressBars.bar(String.format("epoch %d/%d", epoch, config.epochs()), steps, " batches")) {
                    for (int from = 0; from < order.length; from += b) {
                        int n = Math.min(b, order.length - from);
                        java.util.Arrays.fill(targets, 0f);
                        for (int i = 0; i < n; i++) {
                            int index = order[from + i];
                            if (config.augment()) {
                                augmenter.apply(train, index, random, TrainConfig.SCALE, TrainConfig.OFFSET, images, i * Dataset.PIXELS,
                                        config.eraseProbability());
                            } else {
                                Augmenter.plain(train, index, false, TrainConfig.SCALE, TrainConfig.OFFSET, images, i * Dataset.PIXELS);
                            }
                            if (train.targets() != null) {
                                System.arraycopy(train.targets(), index * classes, targets, i * classes, classes);
                            } else {
                                targets[i * classes + train.labels()[index]] = 1f;
                            }
                            weights[i] = classWeights[train.labels()[index]];
                        }
                        if (teacherAnswers != null) {
                            int batchFrom = from;
                            distillation.blend(targets, teacherAnswers, i -> order[batchFrom + i], n, classes);
                        } else if (teachers != null) {
                            distillation.blend(targets, teachers.probabilities(images, n), n, classes);
                        }
                        cutMix.apply(images, targets, weights, n, classes, mixing);
                        TrainingGraph.Step s = graph.train(images, targets, weights, n, rate);
                        if (!Float.isFinite(s.loss())) {
                            throw new IllegalStateException("training diverged at epoch " + epoch + " (loss " + s.loss()
                                    + "); try a lower --lr");
                        }
                        lossSum += (double) s.loss() * n;
                        correct += s.correct();
                        seen += n;
                        bar.step();
                        bar.setExtraMessage(String.format(" loss %.4f acc %.4f", lossSum / seen, (double) correct / seen));
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                totalImages += seen;
                totalSeconds += seconds;
                Metrics valMetrics = evaluate(graph, val, classLabels);
                boolean best = schedule.record(valMetrics.loss(), valMetrics.accuracy());
                EpochLog.append(runDir, new EpochLog.Row(epoch, rate, lossSum / seen, (double) correct / seen,
                        valMetrics.loss(), valMetrics.accuracy(), seconds, seen / seconds));
                if (best) {
                    bestEpoch = epoch;
                    graph.save(bestCheckpoint(runDir));
                }
                graph.save(lastCheckpoint(runDir));
                writeState(runDir, new State(config, epoch, graph.stepCount(), bestEpoch, schedule.state(), distillation,
                        CheckpointFormat.FULL));
                LOG.info(String.format("epoch %d: train loss %.4f acc %.4f | PublicTest loss %.4f acc %.4f%s | lr %.2g | %.0f s, %.0f img/s",
                        epoch, lossSum / seen, (double) correct / seen, valMetrics.loss(), valMetrics.accuracy(),
                        best ? " (best)" : "", rate, seconds, seen / seconds));
                if (schedule.shouldStop()) {
                    LOG.info("Stopping early: no better PublicTest accuracy for {} epochs", config.stopPatience());
                    stoppedEarly = true;
                    epoch++;
                    break;
                }
            }
            return new Result(schedule.bestAccuracy(), bestEpoch, epoch - 1, totalSeconds == 0 ? 0 : totalImages / totalSeconds,
                    graph.parameterCount(), bestCheckpoint(runDir), stoppedEarly);
        }
    }

    /** Metrics of the inference head on a dataset (no augmentation). */
    static Metrics evaluate(TrainingGraph graph, Dataset data, java.util.List<String> classLabels) {
        int c = classLabels.size();
        float[] probabilities = new float[data.size() * c];
        float[] batch = new float[EVAL_BATCH * Dataset.PIXELS];
        for (int from = 0; from < data.size(); from += EVAL_BATCH) {
            int n = Math.min(EVAL_BATCH, data.size() - from);
            for (int i = 0; i < n; i++) {
                Augmenter.plain(data, from + i, false, TrainConfig.SCALE, TrainConfig.OFFSET, batch, i * Dataset.PIXELS);
            }
            System.arraycopy(graph.predict(batch, n), 0, probabilities, from * c, n * c);
        }
        return Metrics.of(classLabels, data.labels(), probabilities);
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * Writes a commit-sized copy of {@code runDir}'s checkpoints into {@code outDir} (see {@link CheckpointFormat#COMPACT})
     * with its state, training log and offline teacher answers ({@link TeacherAnswers}, when it has them);
     * {@code --resume outDir} continues from it. Returns the bytes written.
     */
    public static long compact(Path runDir, Path outDir) throws IOException {
        State state = readState(runDir);
        if (state.checkpoints() != CheckpointFormat.FULL) {
            throw new IllegalArgumentException(runDir + " is already compact");
        }
        if (Files.exists(outDir.resolve(CHECKPOINTS))) {
            throw new IllegalArgumentException(outDir + " already holds checkpoints");
        }
        TrainConfig config = state.config();
        try (TrainingGraph graph = TrainingGraph.build(config.architecture(), config.classes().size(), config.optimizer(),
                config.weightDecay(), config.seed())) {
            graph.initialize();
            if (state.bestEpoch() != state.epoch()) {
                graph.restore(bestCheckpoint(runDir));
                graph.saveVariables(bestCheckpoint(outDir), TrainingGraph.Precision.FLOAT16, null);
            }
            graph.restore(lastCheckpoint(runDir));
            graph.saveVariables(lastCheckpoint(outDir), TrainingGraph.Precision.FLOAT32, TrainingGraph.Precision.BFLOAT16);
        }
        Path log = runDir.resolve(EpochLog.FILE);
        if (Files.exists(log)) {
            Files.copy(log, outDir.resolve(EpochLog.FILE));
        }
        TeacherAnswers.copy(runDir, outDir);
        writeState(outDir, new State(config, state.epoch(), state.step(), state.bestEpoch(), state.schedule(),
                state.distillation(), CheckpointFormat.COMPACT));
        try (var files = Files.walk(outDir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Turns a compact run back into full checkpoints in place, so that the run continues as any other. */
    private static void expandCompact(TrainingGraph graph, Path runDir, State state) {
        if (Files.exists(bestCheckpoint(runDir).resolveSibling("ckpt.index"))) {
            graph.restoreVariables(bestCheckpoint(runDir), TrainingGraph.Precision.FLOAT16, null);
        } else {
            graph.restoreVariables(lastCheckpoint(runDir), TrainingGraph.Precision.FLOAT32, null);
        }
        graph.save(bestCheckpoint(runDir));
        graph.restoreVariables(lastCheckpoint(runDir), TrainingGraph.Precision.FLOAT32, TrainingGraph.Precision.BFLOAT16);
        graph.save(lastCheckpoint(runDir));
        writeState(runDir, new State(state.config(), state.epoch(), state.step(), state.bestEpoch(), state.schedule(),
                state.distillation(), CheckpointFormat.FULL));
        LOG.info("Expanded the compact checkpoints of {} (optimiser state from bfloat16{})", runDir,
                state.bestEpoch() != state.epoch() ? ", best epoch's weights from float16" : "");
    }

    private static void writeState(Path runDir, State state) {
        Path file = runDir.resolve(CHECKPOINTS).resolve(STATE);
        try {
            Path tmp = file.resolveSibling(STATE + ".tmp");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
