package dev.emostream.app;

import dev.emostream.kafka.embedded.EmbeddedKafkaBroker;
import dev.emostream.schemas.Topics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code emostream kafka}: a real single-node Kafka (KRaft) inside this JVM on 127.0.0.1, with EmoStream's
 * topics created, until Ctrl-C. Point other commands at the address it prints with
 * {@code --bootstrap-servers}.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = {"Run an in-JVM Kafka broker (KRaft) on 127.0.0.1 with EmoStream's topics, until Ctrl-C.",
            "Prints the bootstrap address to pass to other commands."})
final class KafkaCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the broker's data here across runs (default: a temporary directory, deleted on exit).")
    private Path dataDir;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
            description = "Partitions of each EmoStream topic; caps how many processors share the work (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Override
    public Integer call() throws InterruptedException {
        if (partitions < 1 || partitions > 1000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "invalid value for option '--partitions': " + partitions + " (accepted: 1..1000)");
        }
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder();
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedKafkaBroker kafka = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "kafka-shutdown"));
        kafka.createEmoStreamTopics(partitions);
        spec.commandLine().getOut().printf("Kafka is running. bootstrap.servers=%s  topics=%s%nPress Ctrl-C to stop.%n",
                kafka.bootstrapServers(), Topics.ALL);
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
