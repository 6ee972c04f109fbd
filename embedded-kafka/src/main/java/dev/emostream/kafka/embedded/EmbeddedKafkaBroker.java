package dev.emostream.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.emostream.schemas.Topics;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) inside this JVM, on 127.0.0.1 with
 * random free ports. It is EmoStream's embedded default for {@code bin/emostream demo} and the broker of every
 * integration test: no mocks of Kafka.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().start()) {
 *     kafka.createTopic("frames", 4, Map.of("max.message.bytes", "4194304"));
 *     String bootstrap = kafka.bootstrapServers(); // e.g. 127.0.0.1:40123
 * }
 * }</pre>
 *
 * <p>Storage is formatted in a fresh temporary directory (deleted on close) unless {@link Builder#dataDir}
 * names one. Internal topics use replication factor 1, so transactions and exactly-once processing work.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final int START_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final int controllerPort;
    private final Path dataDir;
    private final boolean deleteDataDir;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, int controllerPort, Path dataDir, boolean deleteDataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.deleteDataDir = deleteDataDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The client port (of {@link #bootstrapServers()}). */
    public int brokerPort() {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }

    /** The KRaft controller's port. */
    public int controllerPort() {
        return controllerPort;
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Where the broker keeps its log and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /** Client properties with {@code bootstrap.servers} set, to add more to. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /** Creates a topic (replication factor 1) unless one of that name exists; waits until it is created. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)));
    }

    /** Creates topics that do not exist yet ({@link Topics#createAll}); waits until they are created. */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(clientProperties())) {
            List<String> created = Topics.createAll(admin, topics, Duration.ofSeconds(30));
            if (!created.isEmpty()) {
                LOG.info("Created topics {}", created);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics on " + bootstrapServers, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics on " + bootstrapServers, e);
        }
    }

    /** Creates every EmoStream topic ({@link Topics#ALL}, with its settings) that does not exist yet, {@code partitions} each. */
    public void createEmoStreamTopics(int partitions) {
        createTopics(Topics.newTopics(partitions, (short) 1));
    }

    /** Stops the broker and, if it made its own temporary directory, deletes it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long start = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        if (deleteDataDir) {
            deleteRecursively(dataDir);
        }
        LOG.info("Embedded Kafka on {} stopped in {} ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Options for the broker; {@link #start()} formats storage and starts it. */
    public static final class Builder {
        private Path dataDir;
        private int brokerPort;
        private int controllerPort;
        private final Properties overrides = new Properties();

        private Builder() {
        }

        /** Keep the broker's data in {@code dir} (created if missing, kept on close). Default: a temp dir. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /**
         * Listen on these ports instead of free ones: with {@link #dataDir} the way to restart a stopped broker as
         * the same broker (same address, same data), e.g. for an outage test.
         */
        public Builder ports(int broker, int controller) {
            this.brokerPort = broker;
            this.controllerPort = controller;
            return this;
        }

        /** Any broker setting, e.g. {@code message.max.bytes}; wins over the defaults. */
        public Builder brokerConfig(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** Formats the storage and starts the broker; returns once it answers clients. */
        public EmbeddedKafkaBroker start() {
            boolean temp = dataDir == null;
            Path dir;
            try {
                dir = temp ? Files.createTempDirectory("emostream-kafka-") : Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the broker's data directory", e);
            }
            RuntimeException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                try {
                    return startOnce(dir, temp);
                } catch (RuntimeException e) {
                    // A free port can be taken between probing and binding; try fresh ports.
                    last = e;
                    LOG.warn("Embedded Kafka start attempt {} failed: {}", attempt, e.toString());
                }
            }
            if (temp) {
                deleteRecursively(dir);
            }
            throw new IllegalStateException("embedded Kafka did not start after " + START_ATTEMPTS + " attempts", last);
        }

        private EmbeddedKafkaBroker startOnce(Path dir, boolean temp) {
            long started = System.nanoTime();
            int brokerPort = this.brokerPort > 0 ? this.brokerPort : freePort();
            int controllerPort = this.controllerPort > 0 ? this.controllerPort : freePort();
            Path logDir = dir.resolve("log");
            Properties props = defaults(brokerPort, controllerPort, logDir);
            props.putAll(overrides);
            KafkaConfig config = new KafkaConfig(props, false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                server.awaitShutdown();
                throw e;
            }
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, HOST + ":" + brokerPort, controllerPort, dir, temp);
            broker.awaitReady(Duration.ofSeconds(60));
            LOG.info("Embedded Kafka ready on {} in {} ms (data in {})", broker.bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir);
            return broker;
        }

        private static Properties defaults(int brokerPort, int controllerPort, Path logDir) {
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", Integer.toString(NODE_ID));
            p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
            p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("log.dirs", logDir.toString());
            // One node: every internal topic has a single replica.
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "4");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            // Consumers join at once instead of waiting 3 s for more members.
            p.put("group.initial.rebalance.delay.ms", "0");
            // Topics are created on purpose, with their partitions and configs; a typo should not make one.
            p.put("auto.create.topics.enable", "false");
            // Frames are JPEGs of up to a few MB.
            p.put("message.max.bytes", Integer.toString(8 * 1024 * 1024));
            p.put("replica.fetch.max.bytes", Integer.toString(8 * 1024 * 1024));
            // A dead producer's open transaction blocks read_committed readers until the coordinator aborts it: it looks
            // for timed-out transactions this often (Kafka's default 10 s would add up to 10 s to every failover).
            p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
            return p;
        }

        /** Writes a new cluster id and the bootstrap metadata, as {@code kafka-storage.sh format} does. */
        private static void format(Path logDir) {
            try {
                new Formatter()
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                        .setNodeId(NODE_ID)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setDirectories(List.of(logDir.toString()))
                        .setMetadataLogDirectory(Optional.of(logDir.toString()))
                        .setControllerListenerName("CONTROLLER")
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .run();
            } catch (Exception e) {
                throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
            }
        }

        private static int freePort() {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                s.setReuseAddress(true);
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + HOST, e);
            }
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties p = clientProperties();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("embedded Kafka on " + bootstrapServers
                                + " did not answer within " + timeout.toSeconds() + " s", e);
                    }
                }
                sleep(100);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for embedded Kafka", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.toString());
        }
    }
}
