package dev.emostream.console.cli;

import dev.emostream.console.ConsoleConfig;
import dev.emostream.console.ConsoleService;
import dev.emostream.inference.InferenceThreads;
import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.assets.ModelLocations;
import dev.emostream.inference.detect.DetectorSettings;
import dev.emostream.ops.ApiTokens;
import dev.emostream.ops.KafkaEnvironment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream console}: the operator console against any Kafka: dashboard, REST API, /metrics, /health.
 * Every setting is in {@link ConsoleConfig}; {@code --help} lists them from there.
 *
 * <pre>
 * EMOSTREAM_API_TOKENS=$(openssl rand -hex 16) emostream console --bootstrap-servers kafka:9092 --bind 0.0.0.0
 * </pre>
 */
@Command(name = "console", mixinStandardHelpOptions = true, modelTransformer = ConsoleCommand.SettingsFooter.class,
        description = {"The operator console: a dashboard of every camera (people, dwell, emotion share over time, visits), the REST API",
            "(/v1/cameras, /v1/stats as JSON or CSV, /v1/tracks, /v1/predict, /v1/feedback; /openapi.json) and /metrics, /health,",
            "reading emotion-events, face-tracks, emotion-stats (and frames) from any Kafka with its own consumer, read_committed."})
public final class ConsoleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to read from (or EMOSTREAM_KAFKA_BOOTSTRAP_SERVERS).")
    private String bootstrapServers;

    @Option(names = "--api-token", paramLabel = "TOKEN",
            description = "A token that may use the console (repeatable; also $EMOSTREAM_API_TOKENS, comma-separated; 16 characters at least). "
                    + "Default: a random one, printed in the console's link at start.")
    private List<String> apiTokens = new ArrayList<>();

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "One setting (below) or Kafka client setting; repeatable.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>(KafkaEnvironment.settings());
        if (bootstrapServers != null) {
            settings.put("bootstrap.servers", bootstrapServers);
        }
        settings.putAll(overrides);
        if (!settings.containsKey("bootstrap.servers")) {
            throw new ParameterException(spec.commandLine(), "missing option '--bootstrap-servers' (or EMOSTREAM_KAFKA_BOOTSTRAP_SERVERS)");
        }
        ConsoleConfig config;
        try {
            config = new ConsoleConfig(settings);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "invalid setting: " + e.getMessage());
        }
        Tokens tokens = tokens(spec, apiTokens);
        FrameAnalyzer analyzer = analyzer(config);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        ConsoleService console = ConsoleService.start(config, ConsoleConfig.kafkaSettings(settings), tokens.tokens(), analyzer, null, () -> "",
                Map::of);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }, "console-shutdown"));
        out.printf("EmoStream console: http://localhost:%d/%s   (Ctrl-C to stop)%n", console.port(), tokens.link());
        out.flush();
        stopped.await();
        return 0;
    }

    /** The tokens a console or demo accepts: given ones, or one generated and shown in the printed link. */
    public record Tokens(ApiTokens tokens, String link) {
    }

    /** Tokens from {@code --api-token} and {@code $EMOSTREAM_API_TOKENS}, or a random one; a bad one names the option. */
    public static Tokens tokens(CommandSpec spec, List<String> fromFlags) {
        List<String> given = new ArrayList<>(fromFlags);
        given.addAll(ApiTokens.fromEnvironment());
        given.removeIf(String::isBlank);
        String generated = given.isEmpty() ? ApiTokens.generate() : null;
        try {
            return new Tokens(ApiTokens.of(generated != null ? List.of(generated) : given),
                    generated != null ? "?token=" + generated : "?token=<your --api-token>");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--api-token': " + e.getMessage());
        }
    }

    /** The analyzer for /v1/predict: the configured model, else the shipped fast one when present, else none. */
    private static FrameAnalyzer analyzer(ConsoleConfig config) {
        String dir = config.getString(ConsoleConfig.MODEL_DIR_CONFIG);
        Path model = dir.isBlank() ? ModelLocations.shippedModel("fast") : Path.of(dir);
        if (dir.isBlank() && !Files.isRegularFile(model.resolve("model-card.json"))) {
            return null;
        }
        return FrameAnalyzer.open(DetectorSettings.DEFAULTS, model, InferenceThreads.forWorkers(2), 0.1);
    }

    /** Appends every {@link ConsoleConfig} setting, its default and its documentation to {@code --help}. */
    public static final class SettingsFooter implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<String> lines = new ArrayList<>(List.of("Settings (-s KEY=VALUE):"));
            lines.addAll(dev.emostream.ops.SettingsHelp.lines(ConsoleConfig.definition()));
            lines.add("");
            lines.add("Example:  EMOSTREAM_API_TOKENS=$(openssl rand -hex 16) emostream console --bootstrap-servers kafka:9092 "
                    + "-s emostream.console.bind=0.0.0.0");
            spec.usageMessage().footer(lines.toArray(String[]::new));
            return spec;
        }
    }
}
