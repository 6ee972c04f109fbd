package dev.emostream.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class KafkaMetricNamesTest {

    @Test
    void kafkaClientMetricsInOtherUnitsThanSecondsAreLeftOutGaugesLoseTheirCountSuffixAndAllGetHelpText() {
        // Given a registry with the filter and meters named as Kafka's binders name them
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new KafkaMetricNames());
        Gauge.builder("kafka.consumer.io.time.ns.avg", () -> 1).register(registry);
        Gauge.builder("kafka.consumer.connection.count", () -> 2).description("open connections").register(registry);
        Gauge.builder("kafka.app.info.start.time.ms", () -> 3).register(registry);
        Gauge.builder("emostream.ingest.state", () -> 4).description("camera state").register(registry);

        Gauge.builder("kafka.consumer.io.ratio", () -> 5).register(registry);

        // Then the nanosecond and millisecond meters are left out, the count gauge renamed, help text everywhere, ours unchanged
        String text = registry.scrape();
        assertThat(text).doesNotContain("io_time").doesNotContain("start_time").doesNotContain("connection_count")
                .contains("kafka_consumer_connection_number 2.0").contains("# HELP kafka_consumer_connection_number open connections")
                .contains("kafka_consumer_io_ratio 5.0").contains("# HELP kafka_consumer_io_ratio Kafka client metric kafka.consumer.io.ratio")
                .contains("emostream_ingest_state 4.0");
    }
}
