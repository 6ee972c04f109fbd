package dev.emostream.schemas;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests in every module (shipped in this module's test-jar): a file in the shared data folder
 * ({@link Assets#root}), or a clear skip when it is missing, which becomes a failure under CI ({@code CI=true}).
 */
public final class SharedAssets {
    private SharedAssets() {
    }

    /** {@code relative} under the shared folder; skips (or fails under CI) when it is not there. */
    public static Path require(String relative) {
        Path p = Assets.resolve(null, relative);
        if (!Files.exists(p)) {
            unavailable("shared asset missing: " + p.toAbsolutePath() + " (set EMOSTREAM_ASSETS to the shared folder)");
        }
        return p;
    }

    /** Skips the test with {@code why}, or fails it under CI where nothing may be skipped. */
    public static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI: " + why);
        }
        Assumptions.abort(why);
    }
}
