package dev.emostream.processor.cli;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import dev.emostream.inference.assets.ModelLocations;
import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.analyze.Predictions;
import dev.emostream.inference.analyze.UndecodableImageException;
import dev.emostream.inference.InferenceThreads;
import dev.emostream.inference.detect.DetectorSettings;
import dev.emostream.schemas.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream predict}: faces and emotions in one image. Prints
 * {@code {"faces": [{"box": {...}, "score", "emotion", "probabilities": {...}}]}} with {@code --json} and writes
 * the image with boxes and labels with {@code --out}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Detect faces and classify their emotions in one image; print the result, draw boxes and labels."},
        footerHeading = "%nExamples:%n",
        footer = {"  emostream predict --image ../shared/media/fr_obama.jpg --out obama.jpg",
            "  emostream predict --image photo.png --json --model models/accurate --detector ssd"})
public final class PredictCommand implements Callable<Integer> {
    private static final double MARGIN = 0.1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "Image to analyse (JPEG, PNG, BMP, ...).")
    private Path image;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the image with face boxes and emotion labels here (.jpg or .png).")
    private Path out;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    private boolean json;

    @Option(names = "--model", paramLabel = "DIR", description = "Emotion model directory. Default: models/fast.")
    private Path model;

    @Mixin
    private DetectorOptions detector;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(image)) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--image': no such file " + image);
        }
        DetectorSettings detectorSettings = detector.settings();
        if (out != null && !out.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp)$")) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--out': " + out + " (accepted: a .jpg, .png or .bmp file name)");
        }
        Path modelDir = model != null ? model : ModelLocations.shippedModel("fast");
        byte[] bytes = Files.readAllBytes(image);
        try (FrameAnalyzer analyzer = FrameAnalyzer.open(detectorSettings, modelDir, InferenceThreads.forWorkers(1), MARGIN);
             Mat bgr = FrameAnalyzer.decode(bytes)) {
            FrameAnalyzer.Analysis a = analyzer.analyze(bgr, 0);
            List<String> classes = analyzer.classifier().card().classes();
            List<Map<String, Object>> faces = Predictions.faces(a, classes);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("faces", faces);
            doc.put("image", Map.of("file", image.toString(), "width", a.width(), "height", a.height()));
            doc.put("model", Map.of("name", analyzer.classifier().card().name(), "version", analyzer.classifier().card().version()));
            doc.put("detector", analyzer.detector().name());
            if (out != null) {
                Predictions.annotate(bgr, a, classes);
                if (!imwrite(out.toString(), bgr)) {
                    throw new IllegalStateException("could not write " + out);
                }
                doc.put("annotated", out.toString());
            }
            var stdout = spec.commandLine().getOut();
            if (json) {
                stdout.println(Json.MAPPER.writeValueAsString(doc));
            } else {
                stdout.printf("%s: %d face(s), %dx%d, detector %s, model %s%n", image, faces.size(), a.width(), a.height(),
                        analyzer.detector().name(), analyzer.classifier().card().name());
                for (int i = 0; i < a.faces().size(); i++) {
                    FrameAnalyzer.Face f = a.faces().get(i);
                    stdout.printf("  face %d at %s: %s %.0f%% (detector %.2f)%n", i, f.detection().box(), classes.get(f.top()),
                            100 * f.probabilities()[f.top()], f.detection().score());
                }
                if (out != null) {
                    stdout.println("annotated image: " + out);
                }
            }
            stdout.flush();
        } catch (UndecodableImageException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--image': " + image + " is " + e.getMessage());
        }
        return 0;
    }
}
