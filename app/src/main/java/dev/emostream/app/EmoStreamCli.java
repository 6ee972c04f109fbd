package dev.emostream.app;

import dev.emostream.app.bench.BenchCommand;
import dev.emostream.app.demo.DemoCommand;
import dev.emostream.ingest.cli.IngestCommand;
import dev.emostream.processor.cli.AnalyzeCommand;
import dev.emostream.processor.cli.PredictCommand;
import dev.emostream.processor.cli.ProcessCommand;
import dev.emostream.trainer.cli.EvaluateCommand;
import dev.emostream.trainer.cli.TrainCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The one entry point for users: {@code bin/emostream <command> [options]}.
 *
 * <p>Run {@code bin/emostream --help} for the commands and {@code bin/emostream <command> --help} for each
 * command's options. Exit codes: 0 success, 1 failure at run time, 2 bad command line (the message names the
 * flag or command and what is accepted).
 */
@Command(name = "emostream",
        mixinStandardHelpOptions = true,
        versionProvider = EmoStreamCli.Version.class,
        description = {
            "Streaming facial emotion analytics on Kafka.",
            "Cameras -> ingest -> topic 'frames' -> process (detect faces, classify emotions)",
            "-> topics 'emotion-events' and 'emotion-stats'."},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {"Run 'emostream <command> --help' for a command's options.",
            "Shared data (FER2013, face detector, media) is read from --assets or $EMOSTREAM_ASSETS (default ../shared)."})
public final class EmoStreamCli implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        // 'emostream' alone: show what there is to run.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line and returns its exit code; used by {@link #main} and by tests. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new EmoStreamCli());
        // In the order a newcomer meets them: the whole pipeline, its services, the model, then tools.
        cli.addSubcommand("demo", new DemoCommand());
        cli.addSubcommand("ingest", new IngestCommand());
        // As a CommandLine: picocli applies ProcessCommand's model transformer (its --help settings list) only then.
        cli.addSubcommand("process", new CommandLine(new ProcessCommand()));
        cli.addSubcommand("predict", new PredictCommand());
        cli.addSubcommand("analyze", new AnalyzeCommand());
        cli.addSubcommand("train", new TrainCommand());
        cli.addSubcommand("evaluate", new EvaluateCommand());
        cli.addSubcommand("ensemble", new EnsembleCommand());
        cli.addSubcommand("bench", new BenchCommand());
        cli.addSubcommand("kafka", new KafkaCommand());
        cli.addSubcommand("console", new CommandLine(new dev.emostream.console.cli.ConsoleCommand()));
        CommandLine topics = new CommandLine(new TopicsCommand());
        topics.getCommandSpec().usageMessage().footer(TopicsCommand.describeTopics());
        cli.addSubcommand("topics", topics);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(new OneLineErrors());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        return cli;
    }

    /** Reports the build's version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = EmoStreamCli.class.getPackage().getImplementationVersion();
            return new String[] {"emostream " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch")};
        }
    }
}
