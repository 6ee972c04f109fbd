package dev.emostream.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cameras from a YAML or JSON file:
 *
 * <pre>
 * defaults: {fps: 5, maxWidth: 1280, jpegQuality: 85}
 * cameras:
 *   - {id: door, uri: "rtsp://10.0.0.7:554/stream1"}
 *   - {id: till, uri: "rtsp://10.0.0.8/live", fps: 2, transport: udp}
 *   - {id: demo, uri: "media/people.mp4", loop: true}
 * </pre>
 * Unknown keys are errors naming the key and the accepted ones.
 */
public final class CameraFile {
    private static final Set<String> KEYS = Set.of("id", "uri", "fps", "maxWidth", "jpegQuality", "loop", "realtime", "transport");

    private CameraFile() {
    }

    public static List<CameraSpec> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read camera file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("cameras").isArray() || root.path("cameras").isEmpty()) {
            throw new IllegalArgumentException("camera file " + file + " has no 'cameras' list");
        }
        JsonNode defaults = root.path("defaults");
        check(defaults, file, "defaults");
        List<CameraSpec> cameras = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.path("cameras")) {
            check(c, file, "cameras[" + i++ + "]");
            cameras.add(new CameraSpec(
                    c.path("id").asText(null), c.path("uri").asText(null),
                    value(c, defaults, "fps").asDouble(CameraSpec.DEFAULT_FPS),
                    value(c, defaults, "maxWidth").asInt(CameraSpec.DEFAULT_MAX_WIDTH),
                    value(c, defaults, "jpegQuality").asInt(CameraSpec.DEFAULT_QUALITY),
                    value(c, defaults, "loop").asBoolean(false),
                    value(c, defaults, "realtime").asBoolean(true),
                    value(c, defaults, "transport").asText("tcp")).validated());
        }
        return cameras;
    }

    private static JsonNode value(JsonNode camera, JsonNode defaults, String key) {
        return camera.has(key) ? camera.get(key) : defaults.path(key);
    }

    private static void check(JsonNode node, Path file, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("camera file " + file + ", " + where + ": unknown key '" + key
                        + "' (accepted: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
    }
}
