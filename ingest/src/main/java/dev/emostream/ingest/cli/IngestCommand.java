package dev.emostream.ingest.cli;

import dev.emostream.ingest.IngestService;
import dev.emostream.ingest.kafka.KafkaFrameSink;
import dev.emostream.ingest.source.Backoff;
import dev.emostream.ingest.source.CameraFile;
import dev.emostream.ingest.source.CameraSpec;
import dev.emostream.ops.OpsHttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream ingest}: cameras to the {@code frames} topic until Ctrl-C / SIGTERM, then stops the grabbers
 * and flushes the producer.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode RTSP streams, video files and local cameras into JPEG frames on Kafka (topic 'frames'),",
            "keyed by camera, with capture time and sequence number. One thread per camera; reconnects with backoff."},
        footerHeading = "%nExamples:%n",
        footer = {"  emostream ingest --bootstrap-servers kafka:9092 --camera door=rtsp://10.0.0.7/stream1 --camera till=rtsp://10.0.0.8/live",
            "  emostream ingest --bootstrap-servers 127.0.0.1:9092 --camera demo=../shared/media/people-720p15.mp4 --loop",
            "  emostream ingest --bootstrap-servers kafka:9092 --cameras cameras.yaml",
            "",
            "Camera file (YAML or JSON):",
            "  defaults: {fps: 5, maxWidth: 1280, jpegQuality: 85}",
            "  cameras:",
            "    - {id: door, uri: \"rtsp://10.0.0.7:554/stream1\", transport: tcp}",
            "    - {id: demo, uri: \"media/people.mp4\", loop: true}"})
public final class IngestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--camera", paramLabel = "ID=URI", description = "A camera: rtsp://..., a video file, or /dev/videoN. Repeatable.")
    private List<String> cameras = new ArrayList<>();

    @Option(names = "--cameras", paramLabel = "FILE", description = "Cameras from a YAML or JSON file.")
    private Path cameraFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka to send frames to. Default: $EMOSTREAM_KAFKA_BOOTSTRAP_SERVERS (other EMOSTREAM_KAFKA_* variables set TLS and SASL).")
    private String bootstrapServers;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = "frames", description = "Frames topic. Default: ${DEFAULT-VALUE}.")
    private String topic;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "5", description = "Target frames per second for --camera cameras. Default: ${DEFAULT-VALUE}.")
    private double fps;

    @Option(names = "--max-width", paramLabel = "PX", defaultValue = "1280", description = "Scale wider frames down (0 = never). Default: ${DEFAULT-VALUE}.")
    private int maxWidth;

    @Option(names = "--jpeg-quality", paramLabel = "Q", defaultValue = "85", description = "JPEG quality 1..100. Default: ${DEFAULT-VALUE}.")
    private int quality;

    @Option(names = "--loop", description = "Loop video files (demos).")
    private boolean loop;

    @Option(names = "--no-realtime", description = "Read video files as fast as they decode instead of at their own pace.")
    private boolean noRealtime;

    @Option(names = "--transport", paramLabel = "tcp|udp", defaultValue = "tcp", description = "RTSP transport. Default: ${DEFAULT-VALUE}.")
    private String transport;

    @Option(names = "--max-message-bytes", paramLabel = "N", defaultValue = "1000000",
            description = "The frames topic's max.message.bytes: larger JPEGs are re-encoded smaller. Default: ${DEFAULT-VALUE}.")
    private int maxMessageBytes;

    @Option(names = "--no-frame-timeout-ms", paramLabel = "MS", defaultValue = "10000",
            description = "Reconnect a camera that delivers no frame for this long (also FFmpeg's I/O timeout). Default: ${DEFAULT-VALUE}.")
    private long noFrameTimeoutMs;

    @Option(names = "--buffer-seconds", paramLabel = "S", defaultValue = "30",
            description = "While Kafka is away each camera keeps capturing into memory, this many seconds of frames at its rate; "
                    + "older ones are then dropped and counted (frames.dropped{reason=buffer-full}). Default: ${DEFAULT-VALUE}.")
    private int bufferSeconds;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8082",
            description = "/metrics, /health (readiness: every camera streaming) and /live (liveness: threads alive); -1 = off. Default: ${DEFAULT-VALUE}.")
    private int httpPort;

    @Override
    public Integer call() throws Exception {
        List<CameraSpec> specs = cameraSpecs();
        Map<String, Object> kafka = new java.util.LinkedHashMap<>(dev.emostream.ops.KafkaEnvironment.settings());
        if (bootstrapServers != null) {
            kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (!kafka.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new ParameterException(spec.commandLine(), "missing option '--bootstrap-servers' (or EMOSTREAM_KAFKA_BOOTSTRAP_SERVERS)");
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaFrameSink sink = new KafkaFrameSink(kafka, topic, maxMessageBytes);
        if (bufferSeconds < 1 || bufferSeconds > 3600) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--buffer-seconds': " + bufferSeconds + " (accepted: 1..3600)");
        }
        IngestService service = new IngestService(specs, sink, registry, maxMessageBytes, Backoff.standard(), Duration.ofMillis(noFrameTimeoutMs),
                Duration.ofSeconds(bufferSeconds));
        OpsHttpServer http = httpPort >= 0 ? OpsHttpServer.start(httpPort, registry, service::health, service::liveness) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            if (http != null) {
                http.close();
            }
            stopped.countDown();
        }, "ingest-shutdown"));
        service.start();
        if (http != null) {
            spec.commandLine().getErr().println("ingest: metrics on http://localhost:" + http.port() + "/metrics, health on /health");
        }
        stopped.await();
        return 0;
    }

    /** All cameras from flags and the file, validated; the error names the camera and the setting. */
    List<CameraSpec> cameraSpecs() throws java.io.IOException {
        List<CameraSpec> specs = new ArrayList<>();
        try {
            for (String c : cameras) {
                specs.add(CameraSpec.parse(c).with(fps, maxWidth, quality, loop, !noRealtime, transport).validated());
            }
            if (cameraFile != null) {
                if (!Files.isRegularFile(cameraFile)) {
                    throw new IllegalArgumentException("no such camera file " + cameraFile);
                }
                specs.addAll(CameraFile.read(cameraFile));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid camera: " + e.getMessage());
        }
        if (specs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no camera: give --camera ID=URI or --cameras FILE");
        }
        if (specs.stream().map(CameraSpec::id).distinct().count() != specs.size()) {
            throw new ParameterException(spec.commandLine(), "invalid camera: camera ids must be unique");
        }
        if (maxMessageBytes < 10_000) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--max-message-bytes': " + maxMessageBytes + " (accepted: 10000 or more)");
        }
        return specs;
    }
}
