package dev.emostream.app.bench;

import dev.emostream.trainer.model.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream bench}: measures speed as medians of repetitions after warm-up, in one run, and writes
 * {@code bench.md} and {@code bench.json}. Sections so far: the classifier (faces/s at batch 1, 8, 32 for each
 * model) and the trainer (images/s per architecture).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure speed, as medians of repetitions after warm-up in one run; write bench.md and bench.json.",
            "Sections: pipeline (bare decode -> detect -> classify loop vs the real Kafka pipeline on the people clip, the",
            "ratio, the per-stage split), peer (python3-opencv running the same SSD), latency (capture-to-event at 15 fps",
            "and at 3x the sustainable rate), classifier (faces/s at batch 1, 8, 32 per model), trainer (images/s)."},
        footerHeading = "%nExamples:%n",
        footer = {"  emostream bench --quick", "  emostream bench --section classifier --model models/fast --out bench-results"})
public final class BenchCommand implements Callable<Integer> {

    /** What can be measured. */
    enum Section { PIPELINE, PEER, LATENCY, CLASSIFIER, TRAINER }

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "Fewer, shorter repetitions (under a few minutes on 2 cores).")
    private boolean quick;

    @Option(names = "--section", paramLabel = "pipeline|peer|latency|classifier|trainer", split = ",",
            description = "Sections to run (comma-separated). Default: all.")
    private List<Section> sections;

    @Option(names = "--model", paramLabel = "DIR", split = ",",
            description = "Exported models for the classifier section. Default: models/fast,models/accurate (those present).")
    private List<Path> models;

    @Option(names = "--assets", paramLabel = "DIR", description = "Shared data folder (clip, face detector). Default: $EMOSTREAM_ASSETS or ../shared.")
    private Path assets;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where bench.md and bench.json go. Default: ${DEFAULT-VALUE}.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        List<Section> run = sections == null || sections.isEmpty() ? List.of(Section.values()) : sections;
        int reps = quick ? 3 : 7;
        BenchReport report = new BenchReport();
        var stdout = spec.commandLine().getOut();
        Path clip = dev.emostream.schemas.Assets.resolve(assets, "media/people-720p15.mp4");
        Path model = models != null && !models.isEmpty() ? models.get(0) : dev.emostream.processor.ModelLocations.shippedModel("fast");
        boolean needClip = run.contains(Section.PIPELINE) || run.contains(Section.PEER) || run.contains(Section.LATENCY);
        if (needClip && !Files.isRegularFile(clip)) {
            throw new ParameterException(spec.commandLine(), "the pipeline, peer and latency sections need " + clip + " (--assets DIR)");
        }
        java.util.List<byte[]> jpegs = needClip ? ClipFrames.jpegs(clip, quick ? 150 : 450) : java.util.List.of();
        double bareFps = Double.NaN;
        double kafkaFps = Double.NaN;
        if (run.contains(Section.PIPELINE) || run.contains(Section.PEER)) {
            try (var analyzer = new dev.emostream.processor.analyze.FrameAnalyzer(
                    dev.emostream.processor.detect.FaceDetectors.create(dev.emostream.processor.detect.FaceDetectors.Kind.AUTO,
                            dev.emostream.processor.ModelLocations.ssdPb(assets), dev.emostream.processor.ModelLocations.ssdPbtxt(assets), 0.5),
                    dev.emostream.processor.classify.EmotionClassifier.open(model), 0.1)) {
                java.util.List<Measurement> ms = new ArrayList<>(PipelineBenchmarks.bareLoop(analyzer, jpegs, reps));
                ms.add(PipelineBenchmarks.detectorOnly(analyzer, jpegs, reps));
                bareFps = ms.get(0).median();
                for (Measurement m : ms) {
                    report.add(m);
                    print(stdout, m);
                }
            }
            double oneThreadFps;
            try (KafkaPipelineBenchmarks kafka = new KafkaPipelineBenchmarks(model, assets)) {
                // The processor's default (one stream thread per core) is the real pipeline; one thread is the like-for-like view.
                int cores = Runtime.getRuntime().availableProcessors();
                java.util.List<Measurement> real = kafka.throughput(jpegs, reps, cores);
                java.util.List<Measurement> single = kafka.throughput(jpegs, reps, 1);
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
            }
            double ratio = kafkaFps / bareFps;
            report.target("pipeline efficiency: Kafka pipeline (default threads) frames/s / bare loop frames/s", ratio, 0.90);
            report.target("pipeline efficiency with one stream thread (like for like)", oneThreadFps / bareFps, 0.90);
            stdout.printf("%-64s %10.3f (target >= 0.90; one thread: %.3f)%n", "ratio Kafka pipeline / bare loop", ratio, oneThreadFps / bareFps);
            report.note("pipeline: " + jpegs.size() + " frames of people-720p15.mp4 (1280x720) as JPEG quality 85; the bare loop decodes,"
                    + " detects and classifies in one thread; the Kafka pipeline produces them to an in-JVM broker (2 partitions, 2 cameras)"
                    + " and runs the processor (exactly-once) with its default stream threads (one per core) and with one, until all are"
                    + " processed. Broker, producer and processor share the machine's cores with the model.");
        }
        if (run.contains(Section.PEER)) {
            Measurement peer = PeerBenchmark.run(clip, dev.emostream.processor.ModelLocations.ssdPb(assets),
                    dev.emostream.processor.ModelLocations.ssdPbtxt(assets), reps, report);
            if (peer != null) {
                report.add(peer);
                print(stdout, peer);
                double ratio = kafkaFps / peer.median();
                report.target("against the peer: our full pipeline frames/s / python3-opencv SSD detect-only frames/s", ratio, 1.0);
                stdout.printf("%-64s %10.3f (target >= 1.0)%n", "ratio full pipeline / peer detect-only", ratio);
            }
        }
        if (run.contains(Section.LATENCY)) {
            try (KafkaPipelineBenchmarks kafka = new KafkaPipelineBenchmarks(model, assets)) {
                int seconds = quick ? 6 : 15;
                double sustainable = kafka.throughput(jpegs, 1, 1).get(0).median();
                java.util.List<Measurement> nominal = kafka.latency("nominal, 1 camera", jpegs, 15, seconds, reps, 1000);
                java.util.List<Measurement> overload = kafka.latency("overload, 3x sustainable", jpegs, 3 * sustainable, seconds, reps, 500);
                for (Measurement m : nominal) {
                    report.add(m);
                    print(stdout, m);
                }
                for (Measurement m : overload) {
                    report.add(m);
                    print(stdout, m);
                }
                report.target("latency p99 at 15 fps nominal (ms, lower is better)", nominal.get(2).median(), -150);
                report.target("latency p99 under 3x overload (ms, lower is better)", overload.get(2).median(), -1000);
                report.note("latency: capture time (set when the frame is produced) to the moment a read_committed consumer of emotion-events"
                        + " receives the event; includes the exactly-once commit interval (100 ms). Sustainable rate used: "
                        + String.format("%.1f", sustainable) + " frames/s.");
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
            report.note("classifier: the SavedModel's serving_default signature on random 48x48 inputs; faces/s = batch x calls / s.");
        }
        if (run.contains(Section.TRAINER)) {
            for (Architecture arch : Architecture.values()) {
                Measurement m = ModelBenchmarks.trainer(arch, reps, quick ? 8 : 20);
                report.add(m);
                print(stdout, m);
            }
            report.note("trainer: Adam optimiser steps at batch 64 on random data, excluding data loading and augmentation.");
        }
        report.write(out);
        stdout.println("Wrote " + out.resolve("bench.md") + " and " + out.resolve("bench.json"));
        return 0;
    }

    private static void print(java.io.PrintWriter out, Measurement m) {
        out.printf("%-64s %,10.1f %s (min %,.1f, max %,.1f)%n", m.name(), m.median(), m.unit(), m.min(), m.max());
        out.flush();
    }

    private static List<Path> defaultModels() {
        List<Path> found = new ArrayList<>();
        for (String name : List.of("fast", "accurate")) {
            Path dir = Path.of("models", name);
            if (Files.isRegularFile(dir.resolve("saved_model.pb"))) {
                found.add(dir);
            }
        }
        return found;
    }
}
