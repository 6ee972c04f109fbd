package dev.emostream.app;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns command-line mistakes into one line on stderr naming the flag or command and what is accepted
 * (exit code 2), and failures at run time into one line with the cause (exit code 1). Stack traces only with
 * {@code EMOSTREAM_DEBUG=1}.
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILURE = 1;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String path = qualifiedName(cmd);
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException unmatched && cmd.getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + unmatched.getUnmatched().get(0) + "'; commands: "
                    + String.join(", ", cmd.getSubcommands().keySet());
        } else if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> unknown = unmatched.getUnmatched();
            message = (unknown.size() == 1 ? "unknown option or argument '" : "unknown options or arguments '")
                    + String.join(" ", unknown) + "'";
        }
        cmd.getErr().println(path + ": " + message + " (see '" + path + " --help')");
        if (debug()) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        Throwable shown = ex;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        if (ex instanceof ParameterException pe) {
            return handleParseException(pe, parseResult.originalArgs().toArray(new String[0]));
        }
        cmd.getErr().println(qualifiedName(cmd) + ": error: " + (shown.getMessage() == null ? shown : shown.getMessage()));
        if (debug()) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return EXIT_FAILURE;
    }

    private static String qualifiedName(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }

    private static boolean debug() {
        return "1".equals(System.getenv("EMOSTREAM_DEBUG"));
    }
}
