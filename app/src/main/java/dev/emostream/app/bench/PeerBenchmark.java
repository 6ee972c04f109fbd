package dev.emostream.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emostream.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs {@code bench/peer_ssd.py} (Debian's python3-opencv, the same SSD) and reads its frames/s. */
final class PeerBenchmark {
    private PeerBenchmark() {
    }

    /** The peer's detect-only frames/s, or null (with a note in the report) when python3-opencv is missing. */
    static Measurement run(Path clip, Path pb, Path pbtxt, int repetitions, BenchReport report) throws Exception {
        Path script = locate();
        if (script == null) {
            report.note("peer: bench/peer_ssd.py not found; run from the project root");
            return null;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), clip.toString(), pb.toString(), pbtxt.toString(),
                Integer.toString(repetitions)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            report.note("peer: not measured (" + out.lines().reduce((a, b) -> b).orElse("no output")
                    + "); install it with apt-get install python3-opencv");
            return null;
        }
        JsonNode r = Json.MAPPER.readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        double[] fps = new double[r.get("framesPerSecond").size()];
        for (int i = 0; i < fps.length; i++) {
            fps[i] = r.get("framesPerSecond").get(i).asDouble();
        }
        report.note("peer: python3-opencv " + r.get("opencv").asText() + " (" + r.get("threads").asInt() + " threads), the same SSD files, 300x300,"
                + " threshold 0.5, on all " + r.get("frames").asInt() + " frames decoded beforehand; " + r.get("faces").asInt() + " faces found.");
        return Measurement.of("peer: python3-opencv SSD detect-only", "frames/s", fps);
    }

    private static Path locate() {
        for (String base : new String[] {".", System.getenv().getOrDefault("EMOSTREAM_HOME", ".")}) {
            Path p = Path.of(base, "bench", "peer_ssd.py");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
