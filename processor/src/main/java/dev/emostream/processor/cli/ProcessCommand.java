package dev.emostream.processor.cli;

import dev.emostream.processor.EmotionProcessorApp;
import dev.emostream.processor.ProcessorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream process}: runs the processor against a Kafka cluster until Ctrl-C (or SIGTERM), then closes
 * the streams cleanly.
 */
@Command(name = "process", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the Kafka Streams processor: frames -> faces -> emotion events and per-camera statistics.",
            "Settings: EMOSTREAM_KAFKA_* variables (as the Helm chart sets), a properties file (--config), the flags",
            "below and -s key=value, in rising precedence.",
            "Any Kafka Streams setting may be given the same way (e.g. -s num.stream.threads=4)."},
        footerHeading = "%nEmoStream settings (for --config and -s):%n",
        footer = {"  emostream.frames.topic / events.topic / stats.topic / dlq.topic   topic names",
            "  emostream.model.dir           emotion model directory (default models/fast)",
            "  emostream.detector            auto | ssd | haar            emostream.detector.threshold  0.5",
            "  emostream.frame.max.age.ms    skip frames older than this (5000; 0 = never)",
            "  emostream.frame.max.bytes     dead-letter frames larger than this (4194304)",
            "  emostream.stats.window.ms     statistics window (10000)    emostream.stats.grace.ms  2000",
            "  emostream.http.port           /metrics and /health (8081; 0 = any free port; -1 = off)",
            "",
            "Example:  emostream process --bootstrap-servers kafka:9092 --model models/accurate -s num.stream.threads=2"})
public final class ProcessCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to read frames from and write events to.")
    private String bootstrapServers;

    @Option(names = "--model", paramLabel = "DIR", description = "Emotion model directory. Default: models/fast.")
    private Path model;

    @Option(names = "--detector", paramLabel = "auto|ssd|haar", description = "Face detector. Default: auto.")
    private String detector;

    @Option(names = "--threads", paramLabel = "N", description = "Stream threads. Default: the number of cores.")
    private Integer threads;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of /metrics and /health. Default: 8081.")
    private Integer httpPort;

    @Option(names = "--assets", paramLabel = "DIR", description = "Shared data folder with the SSD face detector (default: $EMOSTREAM_ASSETS or ../shared).")
    private Path assets;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings.")
    private Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "One setting; repeatable.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> settings = settings();
        if (!settings.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new ParameterException(spec.commandLine(),
                    "missing option '--bootstrap-servers' (or bootstrap.servers in --config); 'emostream kafka' runs a local broker");
        }
        EmotionProcessorApp app;
        try {
            app = EmotionProcessorApp.start(settings);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "invalid setting: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "processor-shutdown"));
        stopped.await();
        return 0;
    }

    Map<String, Object> settings() throws IOException {
        Map<String, Object> s = new LinkedHashMap<>(dev.emostream.ops.KafkaEnvironment.settings());
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new ParameterException(spec.commandLine(), "invalid value for option '--config': no such file " + configFile);
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(configFile)) {
                p.load(in);
            }
            p.forEach((k, v) -> s.put(k.toString(), v));
        }
        put(s, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        put(s, ProcessorConfig.MODEL_DIR_CONFIG, model);
        put(s, ProcessorConfig.DETECTOR_CONFIG, detector);
        put(s, StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        put(s, ProcessorConfig.HTTP_PORT_CONFIG, httpPort);
        put(s, ProcessorConfig.ASSETS_CONFIG, assets);
        s.putAll(overrides);
        try {
            new ProcessorConfig(s);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "invalid setting: " + e.getMessage());
        }
        return s;
    }

    private static void put(Map<String, Object> s, String key, Object value) {
        if (value != null) {
            s.put(key, value.toString());
        }
    }
}
