package dev.emostream.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emostream.inference.TensorflowKernels;
import dev.emostream.schemas.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classifier section again in a child JVM with TensorFlow's other CPU kernels: TensorFlow reads
 * {@value TensorflowKernels#ENV} once, when its library loads, so one process cannot measure both. The child runs
 * {@code emostream bench --section classifier} with the same models, repetitions and JVM options, and this class reads
 * its {@code bench.json} back.
 */
final class OtherKernelsRun {
    private OtherKernelsRun() {
    }

    /** The value of {@value TensorflowKernels#ENV} that selects the kernels this process does not run on. */
    static String otherValue() {
        return TensorflowKernels.oneDnn(System.getenv(TensorflowKernels.ENV)) ? "0" : "1";
    }

    /**
     * Runs the classifier section for {@code models} in a child JVM with {@link #otherValue()}, writing into
     * {@code dir}; echoes the child's output to {@code echo}, prefixed. Returns its measurements, named as it named them.
     *
     * @throws IOException when the child cannot start, fails (its last lines in the message) or writes no report
     */
    static List<Measurement> classifier(List<Path> models, boolean quick, Path dir, PrintWriter echo) throws IOException, InterruptedException {
        String value = otherValue();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The same heap and system properties; not a debugger or agent, which would clash on its port or double its output.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:") && !a.startsWith("-javaagent:") && !a.startsWith("-Xrunjdwp"))
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), dev.emostream.app.EmoStreamCli.class.getName(),
                "bench", "--section", "classifier", "--out", dir.toString(), "--model",
                String.join(",", models.stream().map(Path::toString).toList())));
        if (quick) {
            command.add("--quick");
        }
        Path json = dir.resolve("bench.json");
        Files.deleteIfExists(json); // an earlier run's report must not stand in for this one's
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(TensorflowKernels.ENV, value);
        Process child = builder.start();
        List<String> tail = new ArrayList<>();
        String prefix = "  [" + TensorflowKernels.label(TensorflowKernels.oneDnn(value)) + "] ";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                echo.println(prefix + line);
                echo.flush();
                tail.add(line);
                if (tail.size() > 20) {
                    tail.remove(0);
                }
            }
        }
        int code = child.waitFor();
        if (code != 0 || !Files.isRegularFile(json)) {
            throw new IOException("the classifier section with " + TensorflowKernels.ENV + "=" + value + " (a child JVM) exited " + code
                    + (Files.isRegularFile(json) ? "" : " without " + json) + "; its last lines:\n  " + String.join("\n  ", tail));
        }
        List<Measurement> measured = new ArrayList<>();
        for (JsonNode m : Json.MAPPER.readTree(json.toFile()).path("measurements")) {
            measured.add(Json.MAPPER.treeToValue(m, Measurement.class));
        }
        return measured;
    }
}
