package dev.emostream.ops;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A service's settings as {@code --help} lines, from its {@link ConfigDef}: name, default and documentation of each,
 * so the help is never typed twice.
 */
public final class SettingsHelp {
    private SettingsHelp() {
    }

    /** Two lines per setting: {@code "  name  (default: value)"} and the documentation, indented. */
    public static List<String> lines(ConfigDef definition) {
        List<String> lines = new ArrayList<>();
        for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
            Object def = key.defaultValue;
            lines.add("  " + key.name + "  (default: " + (def == null || def.toString().isEmpty() ? "none" : def) + ")");
            lines.add("      " + key.documentation);
        }
        return lines;
    }
}
