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
            "Sections: pipeline (bare decode -> detect -> classify loop on the people clip, per-stage split),",
            "classifier (faces/s at batch 1, 8, 32 per model), trainer (images/s per architecture)."},
        footerHeading = "%nExamples:%n",
        footer = {"  emostream bench --quick", "  emostream bench --section classifier --model models/fast --out bench-results"})
public final class BenchCommand implements Callable<Integer> {

    /** What can be measured. */
    enum Section { PIPELINE, CLASSIFIER, TRAINER }

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "Fewer, shorter repetitions (under a few minutes on 2 cores).")
    private boolean quick;

    @Option(names = "--section", paramLabel = "pipeline|classifier|trainer", split = ",",
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
        if (run.contains(Section.PIPELINE)) {
            Path clip = dev.emostream.schemas.Assets.resolve(assets, "media/people-720p15.mp4");
            if (!Files.isRegularFile(clip)) {
                throw new ParameterException(spec.commandLine(), "the pipeline section needs " + clip + " (--assets DIR)");
            }
            java.util.List<byte[]> jpegs = ClipFrames.jpegs(clip, quick ? 150 : 450);
            Path model = models != null && !models.isEmpty() ? models.get(0) : dev.emostream.processor.ModelLocations.shippedModel("fast");
            try (var analyzer = new dev.emostream.processor.analyze.FrameAnalyzer(
                    dev.emostream.processor.detect.FaceDetectors.create(dev.emostream.processor.detect.FaceDetectors.Kind.AUTO,
                            dev.emostream.processor.ModelLocations.ssdPb(assets), dev.emostream.processor.ModelLocations.ssdPbtxt(assets), 0.5),
                    dev.emostream.processor.classify.EmotionClassifier.open(model), 0.1)) {
                java.util.List<Measurement> ms = new ArrayList<>(PipelineBenchmarks.bareLoop(analyzer, jpegs, reps));
                ms.add(PipelineBenchmarks.detectorOnly(analyzer, jpegs, reps));
                for (Measurement m : ms) {
                    report.add(m);
                    print(stdout, m);
                }
            }
            report.note("pipeline: " + jpegs.size() + " frames of people-720p15.mp4 (1280x720) as JPEG quality 85, decoded, detected and classified in one thread.");
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
