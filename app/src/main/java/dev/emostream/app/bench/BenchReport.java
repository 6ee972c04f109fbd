package dev.emostream.app.bench;

import dev.emostream.schemas.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's output: {@code bench.md} for people and {@code bench.json} for tools, from one run. */
final class BenchReport {
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Map<String, Object>> targets = new ArrayList<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();

    /** The unit of figures that are ratios of two others. */
    static final String RATIO_UNIT = "x";

    BenchReport() {
        machine.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("tensorflow", org.tensorflow.TensorFlow.version() + ", " + dev.emostream.inference.TensorflowKernels.current());
    }

    void add(Measurement m) {
        measurements.add(m);
    }

    /**
     * A ratio or figure against its target: a positive target means "at least", a negative one "at most" its
     * absolute value. The report says met or missed and by how much.
     */
    void target(String name, double value, double target) {
        boolean atLeast = target >= 0;
        double goal = Math.abs(target);
        boolean met = atLeast ? value >= goal : value <= goal;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("value", value);
        t.put("target", (atLeast ? ">= " : "<= ") + goal);
        t.put("met", met);
        t.put("gap", met ? 0 : (atLeast ? goal - value : value - goal));
        targets.add(t);
    }

    void note(String text) {
        notes.add(text);
    }

    List<Measurement> measurements() {
        return measurements;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("measurements", measurements);
        json.put("targets", targets);
        json.put("notes", notes);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("bench.json").toFile(), json);
        StringBuilder md = new StringBuilder("# EmoStream benchmark\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\nEach figure: median of the repetitions after warm-up, with min and max.\n\n");
        md.append("| figure | median | min | max | unit | reps |\n| --- | ---: | ---: | ---: | --- | ---: |\n");
        for (Measurement m : measurements) {
            String f = m.unit().equals(RATIO_UNIT) ? "%.3f" : "%,.1f"; // ratios sit near their targets: three decimals
            md.append(String.format("| %s | " + f + " | " + f + " | " + f + " | %s | %d |%n", m.name(), m.median(), m.min(), m.max(), m.unit(),
                    m.repetitions()));
        }
        if (!targets.isEmpty()) {
            md.append("\n| target | value | goal | met |\n| --- | ---: | --- | --- |\n");
            for (Map<String, Object> t : targets) {
                md.append(String.format("| %s | %.3f | %s | %s |%n", t.get("name"), (Double) t.get("value"), t.get("target"),
                        (Boolean) t.get("met") ? "yes" : String.format("no, short by %.3f", (Double) t.get("gap"))));
            }
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        Files.writeString(dir.resolve("bench.md"), md);
    }
}
