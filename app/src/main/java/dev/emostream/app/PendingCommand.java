package dev.emostream.app;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A command the launcher knows but this build does not implement yet: its help says what it is for, and
 * running it fails with exit code 1 and a message saying so, never pretending to work.
 */
final class PendingCommand implements Runnable {
    private final String name;

    private PendingCommand(String name) {
        this.name = name;
    }

    static CommandSpec spec(String name, String[] description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(new PendingCommand(name));
        spec.name(name);
        spec.mixinStandardHelpOptions(true);
        String[] lines = new String[description.length + 1];
        System.arraycopy(description, 0, lines, 0, description.length);
        lines[description.length] = "(Not available in this build yet.)";
        spec.usageMessage().description(lines);
        return spec;
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException(
                "'" + name + "' is not available in this build yet; see 'emostream --help' for what is");
    }
}
