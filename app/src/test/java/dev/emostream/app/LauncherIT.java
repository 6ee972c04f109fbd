package dev.emostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the real {@code bin/emostream} script against the packaged jar, as a user would. */
class LauncherIT {
    private static final Path SCRIPT = Path.of("..", "bin", "emostream").toAbsolutePath().normalize();

    record Result(int code, String out, String err) {
    }

    static Result launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommands() throws Exception {
        // When a user runs bin/emostream --help
        Result r = launch("--help");

        // Then it exits 0 and lists the commands
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: emostream").contains("ingest", "process", "train", "demo", "bench");
    }

    @Test
    void anUnknownCommandExits2WithAClearMessage() throws Exception {
        // When a user runs bin/emostream nosuch
        Result r = launch("nosuch");

        // Then it exits 2 with one clear line on stderr
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("emostream: unknown command 'nosuch'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void trainThenEvaluateJsonFollowsTheContract(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path data = dev.emostream.schemas.SharedAssets.require(dev.emostream.schemas.Assets.FER2013).toAbsolutePath();
        // Given a model trained for one epoch on a few hundred rows through the launcher
        Result train = launch("train", "--data", data.toString(), "--limit", "256", "--epochs", "1",
                "--out", dir.resolve("run").toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("Best PublicTest accuracy");
        // ... on TensorFlow's oneDNN kernels (faster for training), as TensorFlow itself reports when it loads
        assertThat(train.err()).contains("oneDNN custom operations are on");

        // When it is evaluated with --json
        Result eval = launch("evaluate", "--model", dir.resolve("run/model").toString(), "--data", data.toString(),
                "--usage", "PublicTest", "--json");

        // Then stdout is one JSON document with accuracy in 0..1, the count, the confusion matrix and per-class figures
        assertThat(eval.code()).as(eval.err()).isZero();
        // ... on TensorFlow's own kernels (the launcher turns oneDNN off for inference, where it measured slower)
        assertThat(eval.err()).doesNotContain("oneDNN custom operations are on").contains("oneDNN off (TF_ENABLE_ONEDNN_OPTS=0)");
        JsonNode json = dev.emostream.schemas.Json.MAPPER.readTree(eval.out());
        assertThat(json.get("accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("count").asInt()).isEqualTo(3589);
        assertThat(json.get("confusion")).hasSize(7);
        assertThat(json.get("perClass").has("happy")).isTrue();
    }

    @Test
    void benchMeasuresTheClassifierOnBothKernelSettingsInOneRun(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // When the classifier section is benchmarked on both TensorFlow kernel settings through the launcher
        Path model = Path.of("..", "models", "fast").toAbsolutePath().normalize();
        String fast = "classifier fast " + dev.emostream.schemas.ModelCard.read(model).version();
        Result r = launch("bench", "--quick", "--section", "classifier", "--kernels", "both", "--model", model.toString(),
                "--out", dir.toString());

        // Then it exits 0, having run the section with oneDNN off here (the launcher's setting) and on in a child JVM
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("[oneDNN on] " + fast + " batch 32");
        JsonNode json = dev.emostream.schemas.Json.MAPPER.readTree(dir.resolve("bench.json").toFile());
        List<String> names = new ArrayList<>();
        json.get("measurements").forEach(m -> names.add(m.get("name").asText()));
        List<String> expected = new ArrayList<>();
        for (String kernels : List.of("oneDNN off", "oneDNN on")) {
            for (int batch : new int[] {1, 8, 32}) {
                expected.add(fast + " batch " + batch + ", " + kernels);
            }
        }
        for (int batch : new int[] {1, 8, 32}) {
            expected.add(fast + " batch " + batch + ": oneDNN on / off");
        }
        assertThat(names).containsExactlyElementsOf(expected);
        // ... each ratio the quotient of the two medians beside it
        JsonNode m = json.get("measurements");
        assertThat(m.get(8).get("median").asDouble()).isCloseTo(m.get(5).get("median").asDouble() / m.get(2).get("median").asDouble(),
                within(1e-9));
        // ... the fast model's cost a face at batch 32 as a target for each setting, and the child's own report kept
        List<String> targets = new ArrayList<>();
        json.get("targets").forEach(t -> targets.add(t.get("name").asText()));
        assertThat(targets).containsExactly(fast + " batch 32, ms a face, oneDNN off (lower is better)",
                fast + " batch 32, ms a face, oneDNN on (lower is better)");
        assertThat(json.get("targets").get(1).get("value").asDouble()).isCloseTo(1000 / m.get(5).get("median").asDouble(),
                within(1e-9));
        assertThat(dir.resolve("other-kernels/bench.json")).isRegularFile();
        assertThat(json.get("machine").get("tensorflow").asText()).contains("oneDNN off (TF_ENABLE_ONEDNN_OPTS=0)");
    }

    @Test
    void versionNamesTheBuild() throws Exception {
        Result r = launch("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("emostream 0.1.0-SNAPSHOT");
    }
}
