package dev.emostream.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.regex.Pattern;

/**
 * Makes Kafka's client metrics (bound by Micrometer's Kafka binders) follow Prometheus' rules, so every /metrics
 * passes {@code promtool check metrics}: no {@code _count} suffix on gauges ({@code connection.count} becomes
 * {@code connection.number}), help text where Kafka gives none, and the meters Kafka keeps in nanoseconds or
 * milliseconds ({@code io.time.ns.total}, {@code txn.commit.time.ns.total}, {@code start.time.ms}) left out:
 * Prometheus wants seconds, a filter cannot rescale a value, and their ratio counterparts ({@code io.ratio},
 * {@code io.wait.ratio}) stay. Other meters pass unchanged.
 */
public final class KafkaMetricNames implements MeterFilter {
    private static final Pattern ABBREVIATED_UNIT = Pattern.compile("\\.(ns|ms|us)(\\.|$)");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return id.getName().startsWith("kafka.") && ABBREVIATED_UNIT.matcher(id.getName()).find() ? MeterFilterReply.DENY
                : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("kafka.")) {
            return id;
        }
        String name = id.getName();
        if (name.endsWith(".count") && id.getType() == Meter.Type.GAUGE) {
            name = name.substring(0, name.length() - ".count".length()) + ".number";
        }
        String description = id.getDescription() == null || id.getDescription().isBlank()
                ? "Kafka client metric " + id.getName() : id.getDescription();
        if (name.equals(id.getName()) && description.equals(id.getDescription())) {
            return id;
        }
        return new Meter.Id(name, io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }
}
