package dev.emostream.trainer.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.emostream.schemas.Assets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds a file in ../shared for a test: skips with a clear message when absent, fails under CI. */
final class SharedAssets {
    private SharedAssets() {
    }

    static Path require(String relative) {
        Path p = Assets.resolve(null, relative);
        if (!Files.exists(p)) {
            String message = "shared asset missing: " + p.toAbsolutePath() + " (set EMOSTREAM_ASSETS to the shared folder)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return p;
    }
}
