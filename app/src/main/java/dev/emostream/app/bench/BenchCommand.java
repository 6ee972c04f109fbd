package dev.emostream.app.bench;

import dev.emostream.inference.InferenceThreads;
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
            "pipeline with one and with the default stream threads, the ratios, the per-stage split), peer (python3-opencv",
            "running the SSD), latency (capture-to-event for one 15 fps camera, three 5 fps cameras, and 3x overload),",
            "classifier (faces/s at batch 1, 8, 32 per model), trainer (images/s)."},
        footerHeading = "%nExamples:%n",
        footer = {"  emostream bench --quick", "  emostream bench --section classifier --model models/fast --out bench-results"})
public final class BenchCommand implements Callable<Integer> {

    /** What can be measured. */
    enum Section { DETECTOR, PIPELINE, PEER, LATENCY, CLASSIFIER, TRAINER }

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

    @Mixin
    private DetectorOptions detectorOptions;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where bench.md and bench.json go. Default: ${DEFAULT-VALUE}.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        List<Section> run = sections == null || sections.isEmpty() ? List.of(Section.values()) : sections;
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
        double bareFps = Double.NaN;
        double kafkaFps = Double.NaN;
        if (run.contains(Section.PIPELINE) || run.contains(Section.PEER)) {
            // The bare loop: one thread with the deployment's engine pools (what one stream thread gets).
            threads.applyToOpenCv();
            double ssdFps = Double.NaN;
            double facesPerFrame = Double.NaN;
            double trackingFps = Double.NaN;
            for (DetectorSettings d : List.of(detector, detector.withKind(FaceDetectors.Kind.SSD))) {
                try (FrameAnalyzer analyzer = FrameAnalyzer.open(d, model, threads, 0.1)) {
                    List<Measurement> ms = PipelineBenchmarks.bareLoop(analyzer, jpegs, reps);
                    if (d == detector) {
                        bareFps = ms.get(0).median();
                        facesPerFrame = ms.get(5).median();
                    } else {
                        ssdFps = ms.get(0).median();
                    }
                    for (Measurement m : ms) {
                        report.add(m);
                        print(stdout, m);
                    }
                }
            }
            report.target("bare loop with the default detector / bare loop with the SSD, frames/s", bareFps / ssdFps, 3.0);
            // Tracking: the same loop, each person classified when confirmed and every 5 frames; the detector runs down
            // to the tracker's low threshold (low-confidence faces extend tracks).
            TrackerSettings tracking = TrackerSettings.DEFAULTS.withHighScore(detector.scoreThreshold());
            DetectorSettings trackingDetector = detector.withScoreThreshold(tracking.lowScore());
            double asPipelineFps;
            double parallelFps;
            try (FrameAnalyzer analyzer = FrameAnalyzer.open(trackingDetector, model, threads, 0.1)) {
                List<Measurement> ms = PipelineBenchmarks.trackingLoop(analyzer, jpegs, reps, tracking, ClassifySettings.DEFAULTS, 1);
                // The same, with the frames dealt to the cameras the Kafka benchmark uses (one per partition): its like for like.
                List<Measurement> asPipeline = PipelineBenchmarks.trackingLoop(analyzer, jpegs, reps, tracking, ClassifySettings.DEFAULTS,
                        KafkaPipelineBenchmarks.PARTITIONS);
                for (Measurement m : concat(ms, asPipeline)) {
                    report.add(m);
                    print(stdout, m);
                }
                trackingFps = ms.get(0).median();
                asPipelineFps = asPipeline.get(0).median();
                parallelFps = parallelTrackingLoop(trackingDetector, model, threads, jpegs, reps, tracking, cores, report, stdout);
                report.target("scaling ceiling without Kafka: bare loop with tracking on " + cores + " threads at once (one camera each)"
                        + " / on 1 thread (the same cameras), frames/s", parallelFps / asPipelineFps, 1.6);
                report.target("bare loop with tracking / without, frames/s (same detector)", trackingFps / bareFps, 1.0);
                report.target("bare loop with YuNet and tracking (the default processor's work) / bare loop with the SSD, frames/s",
                        trackingFps / ssdFps, 3.0);
                report.note("tracking: the bare loop with the tracker and per-person classification; classifier calls per frame "
                        + String.format("%.2f", ms.get(1).median()) + " against " + String.format("%.2f", facesPerFrame)
                        + " without tracking (every face of every frame); with the frames dealt to " + KafkaPipelineBenchmarks.PARTITIONS
                        + " cameras in turn, as the Kafka benchmark sends them, " + String.format("%.2f", asPipeline.get(1).median()) + ".");
            }
            double oneThreadFps;
            try (KafkaPipelineBenchmarks kafka = new KafkaPipelineBenchmarks(model, processorSettings)) {
                // The processor's default (one stream thread per core) is the real pipeline; one thread is the like-for-like view.
                List<Measurement> real = kafka.throughput(jpegs, reps, cores);
                List<Measurement> single = kafka.throughput(jpegs, reps, 1);
                kafkaFps = real.get(0).median();
                oneThreadFps = single.get(0).median();
                for (Measurement m : real) {
                    report.add(m);
                    print(stdout, m);
                }
                for (Measurement m : single) {
                    report.add(m);
                    print(stdout, m);
                }
                report.target("scaling: Kafka pipeline with " + cores + " stream threads / with 1, frames/s", kafkaFps / oneThreadFps, 1.6);
                report.note("warm-up: every loop and pipeline runs unmeasured passes over the frames until the JIT compilers"
                        + " worked under 5% of each of " + Repeat.SETTLED_PASSES + " passes in a row (loops: at most 5 passes; the"
                        + " Kafka pipeline, whose in-JVM broker, clients and Kafka Streams are far more code: at most "
                        + KafkaPipelineBenchmarks.WARM_UP_MAX_PASSES + " passes or " + KafkaPipelineBenchmarks.WARM_UP_BUDGET.toSeconds()
                        + " s). The Kafka pipeline's warm-up by stream threads: "
                        + kafka.warmUps() + ".");
            }
            double ratio = kafkaFps / asPipelineFps;
            report.target("pipeline efficiency at the default threads: Kafka pipeline with " + cores + " stream threads / bare loop with"
                    + " tracking on " + cores + " threads at once (the same cameras), frames/s", kafkaFps / parallelFps, 0.90);
            report.target("pipeline efficiency, like for like: Kafka pipeline with 1 stream thread (tracking, the default) / bare loop"
                    + " with tracking (1 thread, the same frames to the same " + KafkaPipelineBenchmarks.PARTITIONS + " cameras), frames/s",
                    oneThreadFps / asPipelineFps, 0.90);
            report.target("Kafka pipeline with the default " + cores + " stream threads / that bare loop, frames/s", ratio, 0.90);
            stdout.printf("%-64s %10.3f (target >= 0.90; default threads: %.3f)%n", "ratio Kafka pipeline (1 thread) / bare loop (tracking)",
                    oneThreadFps / asPipelineFps, ratio);
            report.note("pipeline: " + jpegs.size() + " frames of people-720p15.mp4 (1280x720) as JPEG quality 85; the bare loop decodes,"
                    + " detects and classifies in one thread (OpenCV and TensorFlow intra-op pools of " + threads.opencv() + " thread(s), as"
                    + " each of the processor's " + cores + " default stream threads gets); the Kafka"
                    + " pipeline produces them to an in-JVM broker (2 partitions, 2 cameras) and runs the processor (exactly-once)"
                    + " with its default stream threads (one per core, engine pools split between them) and with one; the producer keeps"
                    + " a pass of frames queued ahead of the processor throughout, as cameras that stream without pause do, and each"
                    + " repetition times one pass worth of frames analysed. Broker, producer and processor share the machine's cores with"
                    + " the models.");
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
            for (Path dir : dirs) {
                for (Measurement m : ModelBenchmarks.classifier(dir, new int[] {1, 8, 32}, reps, quick ? 1.0 : 2.0)) {
                    report.add(m);
                    print(stdout, m);
                }
            }
            report.note("classifier: the SavedModel's serving_default signature on random 48x48 inputs; faces/s = batch x calls / s."
                    + (tensorflowUsedBefore(run, Section.CLASSIFIER) ? " TensorFlow's intra-op pool is process-wide and was fixed at "
                    + threads.tfIntra() + " thread(s) by this run's first session (the pipeline's); run --section classifier alone"
                    + " for all-core figures." : ""));
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

    /** The tracking loop on {@code threads} threads at once, one analyzer each; reports and returns its frames/s. */
    private static double parallelTrackingLoop(DetectorSettings detector, Path model, InferenceThreads engines, List<byte[]> jpegs,
                                               int reps, TrackerSettings tracking, int threads, BenchReport report,
                                               java.io.PrintWriter stdout) throws Exception {
        List<FrameAnalyzer> analyzers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                analyzers.add(FrameAnalyzer.open(detector, model, engines, 0.1));
            }
            Measurement m = PipelineBenchmarks.parallelTrackingLoop(analyzers, jpegs, reps, tracking, ClassifySettings.DEFAULTS);
            report.add(m);
            print(stdout, m);
            return m.median();
        } finally {
            for (FrameAnalyzer a : analyzers) {
                a.close();
            }
        }
    }

    private static List<Measurement> concat(List<Measurement> a, List<Measurement> b) {
        List<Measurement> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void print(java.io.PrintWriter out, Measurement m) {
        out.printf("%-64s %,10.1f %s (min %,.1f, max %,.1f)%n", m.name(), m.median(), m.unit(), m.min(), m.max());
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
