package dev.emostream.ingest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's GStreamer RTSP server on 127.0.0.1, serving an H.264 MP4 at rtsp://127.0.0.1:PORT/stream. */
final class RtspServer implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";
    private final int port;
    private final Path video;
    private Process process;

    RtspServer(int port, Path video) {
        this.port = port;
        this.video = video;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String url() {
        return "rtsp://127.0.0.1:" + port + "/stream";
    }

    RtspServer start() throws Exception {
        Path script = Path.of("src", "test", "resources", "rtsp_server.py").toAbsolutePath();
        if (!Files.isExecutable(Path.of(PYTHON))) {
            unavailable("no " + PYTHON);
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            process = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(port), video.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
            String line = out.readLine();
            if ("READY".equals(line)) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe from filling
                        }
                    } catch (IOException ignored) {
                        // process ended
                    }
                }, "rtsp-server-out");
                drain.setDaemon(true);
                drain.start();
                return this;
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            if (line != null && line.contains("ModuleNotFoundError") || line != null && line.contains("ValueError")) {
                unavailable("GStreamer RTSP server missing: " + line + " (apt-get install python3-gi gir1.2-gst-rtsp-server-1.0)");
            }
            Thread.sleep(250); // the port may still be held by the previous server
        }
        fail("RTSP server did not start on port " + port);
        return this;
    }

    /** Kills the server as a crash would (SIGKILL). */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private static void unavailable(String why) {
        dev.emostream.schemas.SharedAssets.unavailable(why);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }
}
