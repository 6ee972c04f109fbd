package dev.emostream.schemas;

/** Which classifier produced an event: the model card's name and version. */
public record ModelInfo(String name, String version) {
    public ModelInfo {
        Require.text(name, "name");
        Require.text(version, "version");
    }
}
