package dev.emostream.ops;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka client settings from the environment, as the Helm chart passes them: {@code EMOSTREAM_KAFKA_X_Y=v}
 * becomes {@code x.y=v} (e.g. {@code EMOSTREAM_KAFKA_SECURITY_PROTOCOL=SASL_SSL}), and
 * {@code EMOSTREAM_KAFKA_SASL_USERNAME} / {@code _PASSWORD} become the {@code sasl.jaas.config} for the
 * mechanism in {@code EMOSTREAM_KAFKA_SASL_MECHANISM} (PLAIN or SCRAM-SHA-256/512). Flags given on the command
 * line win over these.
 */
public final class KafkaEnvironment {
    static final String PREFIX = "EMOSTREAM_KAFKA_";

    private KafkaEnvironment() {
    }

    /** Settings from this process's environment. */
    public static Map<String, Object> settings() {
        return settings(System.getenv());
    }

    /** Settings from the given environment. */
    public static Map<String, Object> settings(Map<String, String> env) {
        Map<String, Object> out = new LinkedHashMap<>();
        String user = null;
        String password = null;
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(PREFIX) || e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            String name = e.getKey().substring(PREFIX.length());
            switch (name) {
                case "SASL_USERNAME" -> user = e.getValue();
                case "SASL_PASSWORD" -> password = e.getValue();
                default -> out.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), e.getValue());
            }
        }
        if (user != null && password != null) {
            String mechanism = String.valueOf(out.getOrDefault("sasl.mechanism", "PLAIN"));
            String module = mechanism.startsWith("SCRAM")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            out.put("sasl.jaas.config", module + " required username=\"" + escape(user) + "\" password=\"" + escape(password) + "\";");
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
