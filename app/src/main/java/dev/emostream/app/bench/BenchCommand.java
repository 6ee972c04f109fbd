package dev.emostream.app.bench;

import dev.emostream.inference.InferenceThreads;
import dev.emostream.inference.TensorflowKernels;
import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.assets.ModelLocations;
import dev.emostream.inference.detect.DetectorSettings;
import dev.emostream.inference.detect.FaceDetectors;
import dev.emostream.processor.ProcessorConfig;
import dev.emostream.processor.cli.DetectorOptions;
import dev.emostream.processor.track.ClassifySettings;
import dev.emostream.processor.track.TrackerSettings;
import dev.emostream.trainer.model.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream bench}: measures speed as medians of repetitions after warm-up, in one run, and writes
 * {@code bench.md} and {@code bench.json} with every figure and every target as a ratio measured in that run.
 * Run it on an idle machine: {@code bin/emostream bench --quick}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure speed, as medians of repetitions after warm-up in one run; write bench.md and bench.json.",
            "Sections: detector (YuNet at several input widths and the SSD on the same frames: frames/s and faces found),",
            "pipeline (bare decode -> detect -> classify loop with the chosen detector and with the SSD, the real Kafka",
            "pipeline with one and with the default stream threads, timed in interleaved rounds; each ratio is the median",
            "of the ratio within a round; the per-stage split), peer (python3-opencv",
            "running the SSD), latency (capture-to-event for one 15 fps camera, three 5 fps cameras, and 3x overload),",
            "classifier (faces/s at batch 1, 8, 32 per model; with --kernels both, on oneDNN and TensorFlow's own kernels), trainer (images/s)."},
        footerHeading = "%nExamples:%n",
        footer = {"  emostream bench --quick", "  emostream bench --section classifier --model models/fast --out bench-results"})
public final class BenchCommand implements Callable<Integer> {

    /** What can be measured. */
    enum Section { DETECTOR, PIPELINE, PEER, LATENCY, CLASSIFIER, TRAINER }

    /** Which TensorFlow kernels the classifier section measures. */
    enum Kernels { CURRENT, BOTH }

    /** Issue 15's budget for the fast model: at most this many milliseconds a face at batch 32. */
    static final double FAST_MS_PER_FACE_AT_32 = 1.0;

    /** YuNet input widths compared in the detector section. */
    private static final int[] YUNET_WIDTHS = {320, 480, 640, 1280};

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "Fewer, shorter repetitions (under a few minutes on 2 cores).")
    private boolean quick;

    @Option(names = "--section", paramLabel = "detector|pipeline|peer|latency|classifier|trainer", split = ",",
            description = "Sections to run (comma-separated). Default: all.")
    private List<Section> sections;

    @Option(names = "--model", paramLabel = "DIR", split = ",",
            description = "Exported models for the classifier section. Default: models/fast,models/accurate (those present).")
    private List<Path> models;

    @Option(names = "--kernels", paramLabel = "current|both", defaultValue = "current",
            description = "TensorFlow CPU kernels for the classifier section: current (as this process runs them; bin/emostream"
                    + " turns oneDNN off) or both (the section again in a child JVM with the other setting of "
                    + TensorflowKernels.ENV + ", and the ratio per model and batch). Default: ${DEFAULT-VALUE}.")
    private Kernels kernels;

    @Mixin
    private DetectorOptions detectorOptions;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where bench.md and bench.json go. Default: ${DEFAULT-VALUE}.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        List<Section> run = sections == null || sections.isEmpty() ? List.of(Section.values()) : sections;
        if (kernels == Kernels.BOTH && (!run.contains(Section.CLASSIFIER) || tensorflowUsedBefore(run, Section.CLASSIFIER))) {
            throw new ParameterException(spec.commandLine(), "option '--kernels both' compares the classifier section on both"
                    + " kernel settings, each on all cores: run it with --section classifier (or classifier,trainer), got --section "
                    + String.join(",", run.stream().map(x -> x.name().toLowerCase(java.util.Locale.ROOT)).toList()));
        }
        int reps = quick ? 3 : 7;
        BenchReport report = new BenchReport();
        var stdout = spec.commandLine().getOut();
        Path assets = detectorOptions.assets();
        DetectorSettings detector = detectorOptions.settings();
        Path clip = dev.emostream.schemas.Assets.resolve(assets, "media/people-720p15.mp4");
        Path model = models != null && !models.isEmpty() ? models.get(0) : ModelLocations.shippedModel("fast");
        boolean needClip = run.contains(Section.DETECTOR) || run.contains(Section.PIPELINE) || run.contains(Section.PEER)
                || run.contains(Section.LATENCY);
        if (needClip && !Files.isRegularFile(clip)) {
            throw new ParameterException(spec.commandLine(), "the detector, pipeline, peer and latency sections need " + clip + " (--assets DIR)");
        }
        List<byte[]> jpegs = needClip ? ClipFrames.jpegs(clip, quick ? 150 : 450) : List.of();
        // The deployment's thread settings for one stream thread per core, for every part of this run: TensorFlow's
        // intra-op pool is fixed for the whole JVM by its first session, so one setting keeps the figures comparable.
        int cores = Runtime.getRuntime().availableProcessors();
        InferenceThreads threads = InferenceThreads.forWorkers(cores);
        Map<String, Object> processorSettings = new LinkedHashMap<>(DetectorOptions.processorSettings(detector));
        processorSettings.put(ProcessorConfig.OPENCV_THREADS_CONFIG, threads.opencv());
        processorSettings.put(ProcessorConfig.TF_INTRA_THREADS_CONFIG, threads.tfIntra());
        processorSettings.put(ProcessorConfig.TF_INTER_THREADS_CONFIG, threads.tfInter());
        if (run.contains(Section.DETECTOR)) {
            threads.applyToOpenCv();
            List<DetectorBenchmarks.Candidate> candidates = new ArrayList<>();
            for (int w : YUNET_WIDTHS) {
                candidates.add(new DetectorBenchmarks.Candidate("YuNet width " + w,
                        detector.withKind(FaceDetectors.Kind.YUNET).withInputWidth(w)));
            }
            candidates.add(new DetectorBenchmarks.Candidate("SSD 300x300", detector.withKind(FaceDetectors.Kind.SSD)));
            for (Measurement m : DetectorBenchmarks.compare(jpegs, candidates, reps)) {
                report.add(m);
                print(stdout, m);
            }
            report.note("detector: each detector alone on the same " + jpegs.size() + " decoded 1280x720 frames, one thread (OpenCV"
                    + " threads = " + threads.opencv() + "); YuNet scales frames down to the given width (1280 = the frame's own) before detection; score"
                    + " threshold " + detector.scoreThreshold() + " for both.");
        }
        double kafkaFps = Double.NaN;
        if (run.contains(Section.PIPELINE) || run.contains(Section.PEER)) {
            kafkaFps = pipelineSection(detector, model, threads, processorSettings, jpegs, quick ? 5 : reps, report, stdout);
        }
        if (run.contains(Section.PEER)) {
            Measurement peer = PeerBenchmark.run(clip, ModelLocations.ssdPb(assets), ModelLocations.ssdPbtxt(assets), reps, report);
            if (peer != null) {
                report.add(peer);
                print(stdout, peer);
                double ratio = kafkaFps / peer.median();
                report.target("against the peer: our full pipeline frames/s / python3-opencv SSD detect-only frames/s", ratio, 3.0);
                stdout.printf("%-64s %10.3f (target >= 3.0)%n", "ratio full pipeline / peer detect-only", ratio);
            }
        }
        if (run.contains(Section.LATENCY)) {
            try (KafkaPipelineBenchmarks kafka = new KafkaPipelineBenchmarks(model, processorSettings)) {
                int seconds = quick ? 6 : 15;
                double sustainable = kafka.throughput(jpegs, 1, 1).get(0).median();
                List<Measurement> nominal = kafka.latency("nominal", jpegs, 1, 15, 1, seconds, reps, 1000);
                List<Measurement> three = kafka.latency("three cameras", jpegs, 3, 5, cores, seconds, reps, 1000);
                List<Measurement> overload = kafka.latency("overload, 3x sustainable", jpegs, 1, 3 * sustainable, 1, seconds, reps, 500);
                for (List<Measurement> ms : List.of(nominal, three, overload)) {
                    for (Measurement m : ms) {
                        report.add(m);
                        print(stdout, m);
                    }
                }
                report.target("latency p99, one camera at 15 fps (ms, lower is better)", nominal.get(2).median(), -150);
                report.target("latency p99, three cameras at 5 fps (ms, lower is better)", three.get(2).median(), -150);
                report.target("latency p99 under 3x overload (ms, lower is better)", overload.get(2).median(), -1000);
                report.note("latency: capture time (set when the frame is produced) to the moment a read_committed consumer of emotion-events"
                        + " receives the event; includes the exactly-once commit: at once for frames analysed within "
                        + ProcessorConfig.COMMIT_LIVE_UNDER_MS + " ms of capture, else at the commit interval (" + ProcessorConfig.COMMIT_INTERVAL_MS
                        + " ms). Sustainable rate used: " + String.format("%.1f", sustainable) + " frames/s.");
            }
        }
        if (run.contains(Section.CLASSIFIER)) {
            List<Path> dirs = models != null ? models : defaultModels();
            if (dirs.isEmpty()) {
                throw new ParameterException(spec.commandLine(),
                        "no model for the classifier section: pass --model DIR (none found under models/)");
            }
            classifierSection(dirs, reps, tensorflowUsedBefore(run, Section.CLASSIFIER), threads, report, stdout);
        }
        if (run.contains(Section.TRAINER)) {
            for (Architecture arch : Architecture.values()) {
                Measurement m = ModelBenchmarks.trainer(arch, reps, quick ? 8 : 20);
                report.add(m);
                print(stdout, m);
            }
            report.note("trainer: Adam optimiser steps at batch 64 on random data, excluding data loading and augmentation."
                    + (tensorflowUsedBefore(run, Section.TRAINER) ? " With TensorFlow's process-wide intra-op pool as fixed by this run's"
                    + " first session (" + threads.tfIntra() + " thread(s)); run --section trainer alone for all-core figures." : ""));
        }
        report.write(out);
        stdout.println("Wrote " + out.resolve("bench.md") + " and " + out.resolve("bench.json"));
        return 0;
    }

    /**
     * The classifier section: faces/s of each model at batch 1, 8 and 32 with this process's kernels and, with
     * {@code --kernels both}, with the other ones in a child JVM ({@link OtherKernelsRun}), each pair's ratio beside
     * it; each fast model's milliseconds a face at batch 32 as a target for each setting measured.
     */
    private void classifierSection(List<Path> dirs, int reps, boolean poolFixedBefore, InferenceThreads threads, BenchReport report,
                                   java.io.PrintWriter stdout) throws Exception {
        List<Measurement> here = new ArrayList<>();
        for (Path dir : dirs) {
            here.addAll(ModelBenchmarks.classifier(dir, new int[] {1, 8, 32}, reps, quick ? 1.0 : 2.0));
        }
        boolean oneDnnHere = TensorflowKernels.oneDnn(System.getenv(TensorflowKernels.ENV));
        Map<Boolean, List<Measurement>> byOneDnn = new LinkedHashMap<>();
        byOneDnn.put(oneDnnHere, here);
        if (kernels == Kernels.BOTH) {
            byOneDnn.put(!oneDnnHere, OtherKernelsRun.classifier(dirs, quick, out.resolve("other-kernels"), stdout));
        }
        byOneDnn.forEach((oneDnn, measured) -> {
            String label = TensorflowKernels.label(oneDnn);
            for (Measurement m : measured) {
                Measurement labelled = kernels == Kernels.BOTH ? m.named(m.name() + ", " + label) : m;
                report.add(labelled);
                print(stdout, labelled);
                if (ModelBenchmarks.isClassifierFigure(m, "fast", 32)) {
                    report.target(m.name() + ", ms a face, " + label + " (lower is better)", 1000 / m.median(),
                            -FAST_MS_PER_FACE_AT_32);
                }
            }
        });
        if (kernels == Kernels.BOTH) {
            Map<String, Measurement> off = new LinkedHashMap<>();
            byOneDnn.get(false).forEach(m -> off.put(m.name(), m));
            for (Measurement on : byOneDnn.get(true)) {
                Measurement withoutOneDnn = off.get(on.name());
                if (withoutOneDnn != null) {
                    Measurement ratio = Measurement.quotient(on.name() + ": oneDNN on / off", on, withoutOneDnn);
                    report.add(ratio);
                    print(stdout, ratio);
                }
            }
            report.note("kernels: the classifier section ran first in this process (" + TensorflowKernels.current() + "), then in a"
                    + " child JVM with " + TensorflowKernels.ENV + "=" + OtherKernelsRun.otherValue() + " (its own report in "
                    + out.resolve("other-kernels") + "); TensorFlow reads the variable once per process. The two ran one after the"
                    + " other, not in interleaved rounds, so a swing of this machine's speed falls on one side of each ratio.");
        }
        report.note("classifier: the SavedModel's serving_default signature on random 48x48 inputs; faces/s = batch x calls / s."
                + (poolFixedBefore ? " TensorFlow's intra-op pool is process-wide and was fixed at " + threads.tfIntra()
                + " thread(s) by this run's first session (the pipeline's); run --section classifier alone for all-core figures." : ""));
    }

    /**
     * The pipeline section: the bare loops (every face with the chosen detector and with the SSD; with tracking on one
     * camera, on the Kafka benchmark's cameras, and on one thread per core) and the Kafka pipeline with the default
     * stream threads and with one, each warmed up, then timed in {@code rounds} interleaved rounds ({@link Interleaved});
     * every target is the median of its ratio within each round. Returns the Kafka pipeline's frames/s at the default
     * threads.
     */
    private static double pipelineSection(DetectorSettings detector, Path model, InferenceThreads threads, Map<String, Object> processorSettings,
                                           List<byte[]> jpegs, int rounds, BenchReport report, java.io.PrintWriter stdout) throws Exception {
        // The bare loops: one thread with the deployment's engine pools (what one stream thread gets).
        threads.applyToOpenCv();
        int cores = Runtime.getRuntime().availableProcessors();
        // Tracking: each person classified when confirmed and every 5 frames; the detector runs down to the tracker's
        // low threshold (low-confidence faces extend tracks).
        TrackerSettings tracking = TrackerSettings.DEFAULTS.withHighScore(detector.scoreThreshold());
        DetectorSettings trackingDetector = detector.withScoreThreshold(tracking.lowScore());
        ClassifySettings classify = ClassifySettings.DEFAULTS;
        List<FrameAnalyzer> analyzers = new ArrayList<>();
        try (KafkaPipelineBenchmarks kafka = new KafkaPipelineBenchmarks(model, processorSettings)) {
            var every = new PipelineBenchmarks.BareLoop(open(analyzers, detector, model, threads), jpegs);
            var ssd = new PipelineBenchmarks.BareLoop(open(analyzers, detector.withKind(FaceDetectors.Kind.SSD), model, threads), jpegs);
            FrameAnalyzer trackingAnalyzer = open(analyzers, trackingDetector, model, threads);
            var oneCamera = new PipelineBenchmarks.TrackingLoop(trackingAnalyzer, jpegs, tracking, classify, 1);
            // The same, with the frames dealt to the cameras the Kafka benchmark uses (one per partition): its like for like.
            var asPipeline = new PipelineBenchmarks.TrackingLoop(trackingAnalyzer, jpegs, tracking, classify, KafkaPipelineBenchmarks.PARTITIONS);
            List<FrameAnalyzer> perThread = new ArrayList<>();
            for (int t = 0; t < cores; t++) {
                perThread.add(open(analyzers, trackingDetector, model, threads));
            }
            try (var parallel = new PipelineBenchmarks.ParallelTrackingLoop(perThread, jpegs, tracking, classify);
                 KafkaPipelineBenchmarks.Pipeline real = kafka.pipeline(jpegs, cores);
                 KafkaPipelineBenchmarks.Pipeline single = kafka.pipeline(jpegs, 1)) {
                every.warmUp();
                ssd.warmUp();
                oneCamera.warmUp();
                asPipeline.warmUp();
                parallel.warmUp();
                // The processor's default (one stream thread per core) is the real pipeline; one thread is the like-for-like view.
                real.warmUp();
                single.warmUp();
                Map<String, double[]> fps = Interleaved.run(rounds, List.of(new Interleaved.Lane("every", every::pass),
                        new Interleaved.Lane("ssd", ssd::pass), new Interleaved.Lane("one camera", oneCamera::pass),
                        new Interleaved.Lane("as pipeline", asPipeline::pass), new Interleaved.Lane("parallel", parallel::pass),
                        new Interleaved.Lane("kafka", real::pass), new Interleaved.Lane("kafka 1", single::pass)));
                List<Measurement> all = new ArrayList<>(every.measurements());
                all.addAll(ssd.measurements());
                all.addAll(oneCamera.measurements());
                all.addAll(asPipeline.measurements());
                all.add(parallel.measurement());
                all.addAll(real.measurements());
                all.addAll(single.measurements());
                for (Measurement m : all) {
                    report.add(m);
                    print(stdout, m);
                }
                String sameCameras = " (1 thread, the same frames to the same " + KafkaPipelineBenchmarks.PARTITIONS + " cameras), frames/s";
                ratio(report, "bare loop with the default detector / bare loop with the SSD, frames/s", fps.get("every"), fps.get("ssd"), 3.0);
                ratio(report, "scaling ceiling without Kafka: bare loop with tracking on " + cores + " threads at once (one camera each)"
                        + " / on 1 thread (the same cameras), frames/s", fps.get("parallel"), fps.get("as pipeline"), 1.6);
                ratio(report, "bare loop with tracking / without, frames/s (same detector)", fps.get("one camera"), fps.get("every"), 1.0);
                ratio(report, "bare loop with YuNet and tracking (the default processor's work) / bare loop with the SSD, frames/s",
                        fps.get("one camera"), fps.get("ssd"), 3.0);
                ratio(report, "scaling: Kafka pipeline with " + cores + " stream threads / with 1, frames/s", fps.get("kafka"),
                        fps.get("kafka 1"), 1.6);
                ratio(report, "pipeline efficiency at the default threads: Kafka pipeline with " + cores + " stream threads / bare loop with"
                        + " tracking on " + cores + " threads at once (the same cameras), frames/s", fps.get("kafka"), fps.get("parallel"), 0.90);
                double likeForLike = ratio(report, "pipeline efficiency, like for like: Kafka pipeline with 1 stream thread (tracking, the"
                        + " default) / bare loop with tracking" + sameCameras, fps.get("kafka 1"), fps.get("as pipeline"), 0.90);
                double atDefault = ratio(report, "Kafka pipeline with the default " + cores + " stream threads / bare loop with tracking"
                        + sameCameras, fps.get("kafka"), fps.get("as pipeline"), 0.90);
                stdout.printf("%-64s %10.3f (target >= 0.90; default threads: %.3f)%n", "ratio Kafka pipeline (1 thread) / bare loop (tracking)",
                        likeForLike, atDefault);
                report.note("tracking: the bare loop with the tracker and per-person classification; classifier calls per frame "
                        + String.format("%.2f", oneCamera.callsPerFrame()) + " against "
                        + String.format("%.2f", every.facesPerFrame())
                        + " without tracking (every face of every frame); with the frames dealt to " + KafkaPipelineBenchmarks.PARTITIONS
                        + " cameras in turn, as the Kafka benchmark sends them, " + String.format("%.2f", asPipeline.callsPerFrame()) + ".");
                report.note("rounds: after its warm-up each loop and pipeline ran one timed pass per round, " + rounds + " rounds, each"
                        + " round starting one benchmark later; every ratio is the median over the rounds of the ratio within a round,"
                        + " so that this machine's swings of speed (a fifth, for seconds at a time) fall on both of its sides.");
                report.note("warm-up: every loop and pipeline runs unmeasured passes over the frames until the JIT compilers"
                        + " worked under " + Math.round(Repeat.SETTLED_JIT_SHARE * 100) + "% of each of " + Repeat.SETTLED_PASSES
                        + " passes in a row (loops: at most " + PipelineBenchmarks.WARM_UP_MAX_PASSES + " passes; the"
                        + " Kafka pipeline, whose in-JVM broker, clients and Kafka Streams are far more code: at most "
                        + KafkaPipelineBenchmarks.WARM_UP_MAX_PASSES + " passes or " + KafkaPipelineBenchmarks.WARM_UP_BUDGET.toSeconds()
                        + " s). The Kafka pipeline's warm-up by stream threads: " + kafka.warmUps() + ".");
                report.note("pipeline: " + jpegs.size() + " frames of people-720p15.mp4 (1280x720) as JPEG quality 85; the bare loop decodes,"
                        + " detects and classifies in one thread (OpenCV and TensorFlow intra-op pools of " + threads.opencv() + " thread(s), as"
                        + " each of the processor's " + cores + " default stream threads gets); the Kafka pipeline produces them to an"
                        + " in-JVM broker (" + KafkaPipelineBenchmarks.PARTITIONS + " partitions, " + KafkaPipelineBenchmarks.PARTITIONS
                        + " cameras) and runs the processor (exactly-once) with its default stream threads (one per core, engine pools"
                        + " split between them) and with one, each on a frames topic of its own. A pipeline's timed pass starts with "
                        + KafkaPipelineBenchmarks.RAMP_FRAMES + " frames and half a pass queued, times a pass worth of frames analysed"
                        + " while the producer sends a pass more (as ingest streams beside the processor), so the processor never waits"
                        + " for frames while timed, then lets the queue drain untimed. Broker, producer and processor share the machine's"
                        + " cores with the models.");
                return real.framesPerSecond();
            }
        } finally {
            for (FrameAnalyzer a : analyzers) {
                a.close();
            }
        }
    }

    /**
     * A target that is a ratio of two interleaved benchmarks: the median over the rounds of the ratio within each round,
     * reported as a target and, with its spread over the rounds, as a figure. Returns the median.
     */
    private static double ratio(BenchReport report, String name, double[] a, double[] b, double goal) {
        Measurement m = Interleaved.ratio("ratio within a round: " + name, a, b);
        report.add(m);
        report.target(name, m.median(), goal);
        return m.median();
    }

    /** Opens an analyzer and adds it to {@code opened}, for the caller to close. */
    private static FrameAnalyzer open(List<FrameAnalyzer> opened, DetectorSettings detector, Path model, InferenceThreads threads) {
        FrameAnalyzer analyzer = FrameAnalyzer.open(detector, model, threads, 0.1);
        opened.add(analyzer);
        return analyzer;
    }

    private static void print(java.io.PrintWriter out, Measurement m) {
        String f = m.unit().equals(BenchReport.RATIO_UNIT) ? "%,10.3f %s (min %,.3f, max %,.3f)%n" : "%,10.1f %s (min %,.1f, max %,.1f)%n";
        out.printf("%-64s " + f, m.name(), m.median(), m.unit(), m.min(), m.max());
        out.flush();
    }

    /** Whether a section before {@code section} in this run created a TensorFlow session (fixing the intra-op pool). */
    private static boolean tensorflowUsedBefore(List<Section> run, Section section) {
        for (Section s : List.of(Section.PIPELINE, Section.PEER, Section.LATENCY, Section.CLASSIFIER)) {
            if (s.ordinal() < section.ordinal() && run.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> defaultModels() {
        List<Path> found = new ArrayList<>();
        for (String name : List.of("fast", "accurate", "ensemble")) {
            Path dir = Path.of("models", name);
            if (Files.isRegularFile(dir.resolve("saved_model.pb")) || Files.isRegularFile(dir.resolve("model-card.json"))) {
                found.add(dir);
            }
        }
        return found;
    }
}
