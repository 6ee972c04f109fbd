package dev.emostream.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaEnvironmentTest {

    @Test
    void chartVariablesBecomeKafkaClientSettings() {
        // Given the variables the Helm chart sets for TLS + SCRAM
        Map<String, String> env = Map.of(
                "EMOSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
                "EMOSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "EMOSTREAM_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "EMOSTREAM_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/emostream/kafka-tls/ca.crt",
                "EMOSTREAM_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "EMOSTREAM_KAFKA_SASL_USERNAME", "shop",
                "EMOSTREAM_KAFKA_SASL_PASSWORD", "p\"w",
                "PATH", "/usr/bin");

        // When read
        Map<String, Object> s = KafkaEnvironment.settings(env);

        // Then they are Kafka's settings, with the JAAS line for SCRAM and nothing else from the environment
        assertThat(s).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/emostream/kafka-tls/ca.crt")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"shop\" password=\"p\\\"w\";")
                .hasSize(6);
    }

    @Test
    void plainSaslUsesThePlainLoginModuleAndAnEmptyEnvironmentGivesNothing() {
        assertThat(KafkaEnvironment.settings(Map.of("EMOSTREAM_KAFKA_SASL_MECHANISM", "PLAIN",
                "EMOSTREAM_KAFKA_SASL_USERNAME", "u", "EMOSTREAM_KAFKA_SASL_PASSWORD", "p")).get("sasl.jaas.config"))
                .asString().startsWith("org.apache.kafka.common.security.plain.PlainLoginModule");
        assertThat(KafkaEnvironment.settings(Map.of())).isEmpty();
    }
}
