package dev.emostream.app.faults;

import dev.emostream.app.EmoStreamCli;
import dev.emostream.inference.TestAssets;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A processor in a JVM of its own ({@code emostream process}, with this test's classpath), so a test can SIGKILL it
 * and read its peak resident memory, as an operator's pod would see it. Its output goes to {@code log}.
 */
final class ProcessorProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final Process process;
    final int httpPort;
    final Path log;
    final long startedNanos;

    private ProcessorProcess(Process process, int httpPort, Path log, long startedNanos) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code emostream process} against {@code bootstrap} with one stream thread and the given settings. */
    static ProcessorProcess start(String bootstrap, Path log, Map<String, String> settings) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-cp", System.getProperty("java.class.path"), EmoStreamCli.class.getName(), "process",
                "--bootstrap-servers", bootstrap, "--http-port", Integer.toString(port), "--threads", "1",
                "--model", TestAssets.fastModel().toAbsolutePath().toString(), "--assets", TestAssets.assetsRoot().toAbsolutePath().toString()));
        settings.forEach((k, v) -> cmd.addAll(List.of("-s", k + "=" + v)));
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long started = System.nanoTime();
        return new ProcessorProcess(pb.start(), port, log, started);
    }

    /** Waits until {@code /health} answers UP with the streams RUNNING. */
    ProcessorProcess awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the processor exited with " + process.exitValue() + "; its log:\n" + Files.readString(log));
            }
            String health = get("/health");
            if (health != null && health.contains("\"RUNNING\"")) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the processor did not reach RUNNING in " + timeout + "; its log:\n" + Files.readString(log));
    }

    /** The body of GET {@code path}, or null when it does not answer. */
    String get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The sum of every series of Prometheus metric {@code name} (e.g. {@code emostream_processor_frames_total}). */
    double metric(String name) {
        String body = get("/metrics");
        if (body == null) {
            throw new AssertionError("no /metrics from the processor on port " + httpPort);
        }
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(body);
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    /** Peak resident memory of the process so far (VmHWM), in MiB. */
    double peakRssMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    /** SIGKILL: no shutdown hook, no commit, no leave-group, as when a node dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();  // SIGTERM: the shutdown hook closes the streams
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
