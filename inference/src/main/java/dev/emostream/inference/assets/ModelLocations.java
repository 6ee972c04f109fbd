package dev.emostream.inference.assets;

import dev.emostream.schemas.Assets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Default places of the models the processor needs; every one can be overridden by a flag or a config. */
public final class ModelLocations {
    /** Set by {@code bin/emostream} to the project (installation) root. */
    public static final String HOME_ENV = "EMOSTREAM_HOME";

    private ModelLocations() {
    }

    /** The shipped emotion model {@code name} ({@code fast} or {@code accurate}) under {@code $EMOSTREAM_HOME/models}. */
    public static Path shippedModel(String name) {
        String home = System.getenv(HOME_ENV);
        Path local = Path.of("models", name);
        if (home != null && !home.isBlank() && !Files.exists(local)) {
            return Path.of(home, "models", name);
        }
        return local;
    }

    public static Path ssdPb(Path assets) {
        return Assets.resolve(assets, Assets.FACE_DETECTOR_PB);
    }

    public static Path ssdPbtxt(Path assets) {
        return Assets.resolve(assets, Assets.FACE_DETECTOR_PBTXT);
    }
}
