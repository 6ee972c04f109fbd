package dev.emostream.processor.cli;

import dev.emostream.processor.EmotionProcessorApp;
import dev.emostream.processor.ProcessorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
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
        footerHeading = "%nEmoStream settings (for --config and -s), from ProcessorConfig:%n",
        modelTransformer = ProcessCommand.SettingsFooter.class)
public final class ProcessCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to read frames from and write events to.")
    private String bootstrapServers;

    @Option(names = "--model", paramLabel = "DIR", description = "Emotion model directory. Default: models/fast.")
    private Path model;

    @Option(names = "--detector", paramLabel = "auto|yunet|ssd|haar", description = "Face detector. Default: auto (YuNet, else the SSD, else Haar).")
    private String detector;

    @Option(names = "--threads", paramLabel = "N", description = "Stream threads. Default: the number of cores.")
    private Integer threads;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of /metrics and /health. Default: 8081.")
    private Integer httpPort;

    @Option(names = "--assets", paramLabel = "DIR", description = "Folder with the face detectors' files (default: $EMOSTREAM_ASSETS or ../shared; missing ones are fetched and cached).")
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

    /** Appends every {@link ProcessorConfig} setting, its default and its documentation to {@code --help}: written once, in ProcessorConfig. */
    public static final class SettingsFooter implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<String> lines = new ArrayList<>(dev.emostream.ops.SettingsHelp.lines(ProcessorConfig.definition()));
            lines.add("");
            lines.add("Example:  emostream process --bootstrap-servers kafka:9092 --model models/accurate -s num.stream.threads=2");
            spec.usageMessage().footer(lines.toArray(String[]::new));
            return spec;
        }
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
