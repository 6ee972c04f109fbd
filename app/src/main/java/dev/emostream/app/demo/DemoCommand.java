package dev.emostream.app.demo;

import dev.emostream.ingest.IngestService;
import dev.emostream.ingest.kafka.KafkaFrameSink;
import dev.emostream.ingest.source.Backoff;
import dev.emostream.ingest.source.CameraSpec;
import dev.emostream.console.ConsoleConfig;
import dev.emostream.console.ConsoleService;
import dev.emostream.console.cli.ConsoleCommand;
import dev.emostream.kafka.embedded.EmbeddedKafkaBroker;
import dev.emostream.processor.EmotionProcessorApp;
import dev.emostream.inference.assets.ModelLocations;
import dev.emostream.processor.ProcessorConfig;
import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.InferenceThreads;
import dev.emostream.processor.cli.DetectorOptions;
import dev.emostream.processor.metrics.ProcessorMetrics;
import dev.emostream.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream demo}: the whole pipeline in one process. An in-JVM Kafka broker (or {@code --bootstrap-servers}),
 * ingest on a source (default: the shipped sample clip, looping), the processor with the shipped model, and a
 * dashboard + JSON API on localhost. Prints one status line a second; stops cleanly on Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole pipeline on an embedded Kafka: ingest -> process -> events, with a live dashboard",
            "and the HTTP API (POST /v1/predict, POST /v1/feedback) on http://localhost:PORT/."},
        footerHeading = "%nExamples:%n",
        footer = {"  emostream demo                                   # sample clip; open the printed http://localhost:8080/?token=... link",
            "  emostream demo --source rtsp://10.0.0.7/stream1 --port 9000",
            "  emostream demo --source camera                   # /dev/video0",
            "  emostream demo --camera door=../shared/media/people-720p15.mp4 --camera lobby=samples/astronaut-pan.mp4",
            "  emostream demo --bootstrap-servers kafka:9092     # an external Kafka instead of the embedded one",
            "  EMOSTREAM_API_TOKENS=$(openssl rand -hex 16) emostream demo --bind 0.0.0.0   # on the network, with your own token",
            "  curl -H \"Authorization: Bearer $TOKEN\" -F image=@face.jpg 'http://localhost:8080/v1/predict?annotated=true'",
            "Every endpoint but /health needs the token: 'Authorization: Bearer TOKEN', or the cookie the dashboard link sets."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--source", paramLabel = "FILE|RTSP_URL|camera",
            description = "What to ingest: a video file, an RTSP URL, or 'camera' (/dev/video0). Default: samples/astronaut-pan.mp4.")
    private String source;

    @Option(names = "--camera", paramLabel = "ID=FILE|RTSP_URL",
            description = "A camera of its own id (repeatable), instead of --source: e.g. --camera door=clip.mp4 --camera till=rtsp://...; files loop.")
    private List<String> cameras = new ArrayList<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Use this Kafka for every part instead of the embedded broker.")
    private String bootstrapServers;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the dashboard and API listen on; 0.0.0.0 opens them to the network (tokens still required). Default: ${DEFAULT-VALUE}.")
    private String bind;

    @Option(names = "--api-token", paramLabel = "TOKEN",
            description = "A token that may use the dashboard and API (repeatable; also $EMOSTREAM_API_TOKENS, comma-separated; at least 16 "
                    + "characters). Default: a random one per run, in the dashboard link printed at start.")
    private List<String> apiTokens = new ArrayList<>();

    @Option(names = "--allow-url-fetch", description = "Let POST /v1/predict fetch {\"url\": ...} images (public addresses only, no redirects). Off by default.")
    private boolean allowUrlFetch;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Dashboard and API port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--model", paramLabel = "DIR", description = "Emotion model. Default: models/fast.")
    private Path model;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "5", description = "Frames per second ingested. Default: ${DEFAULT-VALUE}.")
    private double fps;

    @Mixin
    private DetectorOptions detector;

    @Option(names = "--keep-crops", paramLabel = "DIR", description = "Write the face crops of /v1/predict here. Off by default: no face image is written anywhere.")
    private Path keepCrops;

    @Option(names = "--max-upload-bytes", paramLabel = "N", defaultValue = "10485760", description = "Largest upload to /v1/predict. Default: ${DEFAULT-VALUE}.")
    private int maxUploadBytes;

    @Option(names = "--max-image-side", paramLabel = "PX", defaultValue = "8192", description = "Largest image width or height for /v1/predict. Default: ${DEFAULT-VALUE}.")
    private int maxImageSide;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this long (default: run until Ctrl-C).")
    private Integer duration;

    @Option(names = "--make-sample", paramLabel = "OUT.mp4", description = "Instead of running: make the sample clip from --from IMAGE and exit.")
    private Path makeSample;

    @Option(names = "--from", paramLabel = "IMAGE", description = "Still image for --make-sample.")
    private Path from;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (makeSample != null) {
            if (from == null || !Files.isRegularFile(from)) {
                throw new ParameterException(spec.commandLine(), "option '--make-sample' needs '--from IMAGE' (an existing image)");
            }
            SampleClip.make(from, makeSample, 8);
            out.println("Wrote " + makeSample);
            return 0;
        }
        List<CameraSpec> cameraSpecs = cameras();
        ConsoleCommand.Tokens tokens = ConsoleCommand.tokens(spec, apiTokens);
        Path modelDir = model != null ? model : ModelLocations.shippedModel("fast");
        if (keepCrops != null) {
            Files.createDirectories(keepCrops);
        }
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C / SIGTERM: ask the main thread to stop, and hold the JVM until it has closed everything.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String bootstrap = bootstrapServers;
            if (bootstrap == null) {
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
                parts.push(broker);
                broker.createEmoStreamTopics(2);
                bootstrap = broker.bootstrapServers();
            } else {
                ensureTopics(bootstrap, out);
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "emostream-demo");
            settings.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("emostream-demo-streams").toString());
            settings.put(ProcessorConfig.MODEL_DIR_CONFIG, modelDir.toString());
            settings.put(ProcessorConfig.HTTP_PORT_CONFIG, -1);
            settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
            settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            settings.putAll(detector.processorSettings());
            EmotionProcessorApp processor = EmotionProcessorApp.start(settings);
            parts.push(processor);

            PrometheusMeterRegistry ingestRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            KafkaFrameSink sink = new KafkaFrameSink(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), Topics.FRAMES.name(), 4 << 20);
            IngestService ingest = new IngestService(cameraSpecs, sink, ingestRegistry, 4 << 20, Backoff.standard(), Duration.ofSeconds(10)).start();
            parts.push(ingest);

            Map<String, Object> consoleSettings = new LinkedHashMap<>();
            consoleSettings.put(ConsoleConfig.BIND_CONFIG, bind);
            consoleSettings.put(ConsoleConfig.PORT_CONFIG, port);
            consoleSettings.put(ConsoleConfig.URL_FETCH_CONFIG, allowUrlFetch);
            consoleSettings.put(ConsoleConfig.MAX_UPLOAD_BYTES_CONFIG, maxUploadBytes);
            consoleSettings.put(ConsoleConfig.MAX_IMAGE_SIDE_CONFIG, maxImageSide);
            consoleSettings.put(ConsoleConfig.GROUP_ID_CONFIG, "emostream-demo-console");
            FrameAnalyzer analyzer = FrameAnalyzer.open(detector.settings(), modelDir, InferenceThreads.forWorkers(2), 0.1);
            // The demo's /metrics and /health show every part it runs
            ConsoleService console = ConsoleService.start(new ConsoleConfig(consoleSettings), Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    tokens.tokens(), analyzer, keepCrops, () -> ingestRegistry.scrape() + processor.scrape(),
                    () -> Map.of("processor", processor.health().details(), "ingest", ingest.health().details()));
            parts.push(console);
            out.printf("EmoStream demo: %s -> Kafka %s%nDashboard: http://localhost:%d/%s   (Ctrl-C to stop)%n",
                    cameraSpecs.stream().map(c -> "camera '" + c.id() + "' from " + c.uri()).collect(java.util.stream.Collectors.joining(", ")),
                    bootstrap, console.port(), tokens.link());
            out.flush();
            statusLoop(out, processor.metrics(), console, stop);
        } finally {
            while (!parts.isEmpty()) {
                try {
                    parts.pop().close();
                } catch (Exception e) {
                    spec.commandLine().getErr().println("demo: while stopping: " + e);
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            out.println("EmoStream demo stopped.");
            out.flush();
            stopped.countDown();
        }
        return 0;
    }

    /** One line a second: frames/s, faces, capture-to-event p50/p99, drops, dashboard clients. */
    private void statusLoop(PrintWriter out, ProcessorMetrics m, ConsoleService console, CountDownLatch stop) throws InterruptedException {
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
        double lastFrames = m.framesCount();
        double lastFaces = m.facesCount();
        while (!stop.await(1, TimeUnit.SECONDS) && System.nanoTime() < end) {
            double frames = m.framesCount();
            double faces = m.facesCount();
            double[] p = m.captureToEventMillis(0.5, 0.99);
            out.printf("frames/s %4.1f | faces/s %4.1f | events %6.0f | capture-to-event p50 %4.0f ms p99 %4.0f ms | dropped %3.0f | dashboards %d%n",
                    frames - lastFrames, faces - lastFaces, faces, p[0], p[1], m.droppedTotal(), console.dashboards());
            out.flush();
            lastFrames = frames;
            lastFaces = faces;
        }
    }

    /** On an external Kafka, creates the topics that are missing (and says so); existing ones are left alone. */
    private static void ensureTopics(String bootstrap, PrintWriter out) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            List<String> created = Topics.createAll(admin, Topics.newTopics(0, (short) 0), java.time.Duration.ofSeconds(30));
            if (!created.isEmpty()) {
                out.println("Created topics " + created + " on " + bootstrap);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach or prepare Kafka at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    /** The cameras of --camera, else the one of --source (or the sample clip). */
    private List<CameraSpec> cameras() {
        if (cameras.isEmpty()) {
            return List.of(camera());
        }
        if (source != null) {
            throw new ParameterException(spec.commandLine(), "options '--source' and '--camera' exclude each other: give cameras with --camera ID=URI");
        }
        List<CameraSpec> out = new ArrayList<>();
        for (String flag : cameras) {
            try {
                out.add(CameraSpec.parse(flag).with(fps, 1280, 85, true, true, "tcp").validated());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "invalid value for option '--camera': " + e.getMessage());
            }
        }
        if (out.stream().map(CameraSpec::id).distinct().count() < out.size()) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--camera': two cameras have the same id");
        }
        return out;
    }

    private CameraSpec camera() {
        String s = source;
        if (s == null) {
            Path sample = samplePath();
            if (!Files.isRegularFile(sample)) {
                throw new ParameterException(spec.commandLine(), "the sample clip " + sample + " is missing; pass --source");
            }
            s = sample.toString();
        } else if (s.equals("camera")) {
            s = "/dev/video0";
        }
        try {
            CameraSpec c = CameraSpec.parse("demo=" + s).with(fps, 1280, 85, true, true, "tcp");
            return c.validated();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--source': " + e.getMessage());
        }
    }

    private static Path samplePath() {
        Path local = Path.of("samples", "astronaut-pan.mp4");
        String home = System.getenv(ModelLocations.HOME_ENV);
        return Files.exists(local) || home == null ? local : Path.of(home, "samples", "astronaut-pan.mp4");
    }
}
