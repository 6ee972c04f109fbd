package dev.emostream.app;

import dev.emostream.ops.KafkaEnvironment;
import dev.emostream.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream topics}: creates EmoStream's topics, with the settings of the typed registry {@link Topics}
 * (size limits, retention), on any Kafka; existing topics are left as they are. The Helm chart runs it as a
 * Job before the services start.
 *
 * <pre>
 * emostream topics --bootstrap-servers kafka:9092 --partitions 12 --replication-factor 3
 * emostream topics --bootstrap-servers kafka:9092 --name frames=shop-frames --topic-partitions frames=24
 * </pre>
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Create EmoStream's topics (with their size limits and retention) where they are missing; existing ones are "
            + "left as they are.", "Kafka client settings also come from EMOSTREAM_KAFKA_* variables (as in the Helm chart)."},
        footerHeading = "%nTopics (default name and settings, from the registry):%n")
public final class TopicsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to create the topics on (or EMOSTREAM_KAFKA_BOOTSTRAP_SERVERS).")
    private String bootstrapServers;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of each topic; 0 takes the broker's default. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "0",
            description = "Replicas of each topic; 0 takes the broker's default. Default: ${DEFAULT-VALUE}.")
    private short replicas;

    @Option(names = "--topic-partitions", paramLabel = "TOPIC=N", description = "Partitions of one topic (by its default name), e.g. frames=24.")
    private Map<String, Integer> topicPartitions = new LinkedHashMap<>();

    @Option(names = "--name", paramLabel = "TOPIC=NAME", description = "Another name for a topic (by its default name), e.g. frames=shop-frames.")
    private Map<String, String> names = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        List<String> known = Topics.ALL.stream().map(Topics.Topic::name).toList();
        check("--name", names.keySet(), known);
        check("--topic-partitions", topicPartitions.keySet(), known);
        if (partitions < 0 || replicas < 0 || topicPartitions.values().stream().anyMatch(n -> n < 1)) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--partitions', '--replication-factor' or "
                    + "'--topic-partitions': " + partitions + ", " + replicas + ", " + topicPartitions + " (accepted: 0 or more; 1 or more per topic)");
        }
        Map<String, Object> kafka = new LinkedHashMap<>(KafkaEnvironment.settings());
        if (bootstrapServers != null) {
            kafka.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (!kafka.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new ParameterException(spec.commandLine(), "missing option '--bootstrap-servers' (or EMOSTREAM_KAFKA_BOOTSTRAP_SERVERS)");
        }
        List<NewTopic> topics = new ArrayList<>();
        for (Topics.Topic<?, ?> t : Topics.ALL) {
            topics.add(t.withName(names.getOrDefault(t.name(), t.name())).newTopic(topicPartitions.getOrDefault(t.name(), partitions), replicas));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = Admin.create(kafka)) {
            List<String> created = Topics.createAll(admin, topics, Duration.ofSeconds(60));
            for (NewTopic t : topics) {
                out.printf("%-18s %s%n", t.name(), created.contains(t.name()) ? "created " + t.configs() : "exists (left as it is)");
            }
        }
        out.flush();
        return 0;
    }

    private void check(String option, Iterable<String> given, List<String> known) {
        for (String name : given) {
            if (!known.contains(name)) {
                throw new ParameterException(spec.commandLine(), "invalid value for option '" + option + "': unknown topic '" + name
                        + "' (accepted: " + String.join(", ", known) + ")");
            }
        }
    }

    /** The footer: each topic's default name and settings, from the registry. */
    static String[] describeTopics() {
        return Topics.ALL.stream().map(t -> String.format("  %-18s %s", t.name(), new java.util.TreeMap<>(t.configs()))).toArray(String[]::new);
    }
}
