package dev.emostream.ingest.source;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One camera to ingest: an id (the Kafka key) and where its video comes from, with per-camera output settings.
 *
 * @param id          camera id: letters, digits, '.', '_' or '-'
 * @param uri         {@code rtsp://...} / {@code rtsps://...}, a video file path, or {@code /dev/videoN}
 * @param fps         target frames per second; the source is sampled down to this
 * @param maxWidth    frames wider than this are scaled down (0 = keep the source size)
 * @param jpegQuality JPEG quality 1..100
 * @param loop        for files: start again at the end (for demos)
 * @param realtime    for files: deliver at the video's own pace (false: as fast as it decodes)
 * @param transport   for RTSP: {@code tcp} (default) or {@code udp}
 */
public record CameraSpec(String id, String uri, double fps, int maxWidth, int jpegQuality, boolean loop, boolean realtime,
                         String transport) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern DEVICE = Pattern.compile("/dev/video\\d+");

    /** Where the frames come from. */
    public enum Kind { RTSP, FILE, DEVICE }

    public static final double DEFAULT_FPS = 5;
    public static final int DEFAULT_MAX_WIDTH = 1280;
    public static final int DEFAULT_QUALITY = 85;

    /** Parses {@code ID=URI} from a {@code --camera} flag, with default settings. */
    public static CameraSpec parse(String flag) {
        int eq = flag.indexOf('=');
        if (eq <= 0 || eq == flag.length() - 1) {
            throw new IllegalArgumentException("camera '" + flag + "' must be ID=URI, e.g. door=rtsp://10.0.0.7/stream");
        }
        return new CameraSpec(flag.substring(0, eq), flag.substring(eq + 1), DEFAULT_FPS, DEFAULT_MAX_WIDTH, DEFAULT_QUALITY,
                false, true, "tcp");
    }

    /** Checks every field; the message names the camera and the bad setting and says what is accepted. */
    public CameraSpec validated() {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("camera id '" + id + "' is invalid (accepted: 1-64 letters, digits, '.', '_' or '-')");
        }
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("camera '" + id + "': no URI");
        }
        Kind kind = kind();
        if (kind == Kind.FILE && !Files.isRegularFile(Path.of(location()))) {
            throw new IllegalArgumentException("camera '" + id + "': no such video file " + uri);
        }
        if (!(fps > 0 && fps <= 120)) {
            throw new IllegalArgumentException("camera '" + id + "': fps " + fps + " is invalid (accepted: more than 0, at most 120)");
        }
        if (maxWidth != 0 && maxWidth < 16) {
            throw new IllegalArgumentException("camera '" + id + "': maxWidth " + maxWidth + " is invalid (accepted: 0 for no limit, or 16 and more)");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("camera '" + id + "': jpegQuality " + jpegQuality + " is invalid (accepted: 1..100)");
        }
        if (!"tcp".equals(transport) && !"udp".equals(transport)) {
            throw new IllegalArgumentException("camera '" + id + "': transport '" + transport + "' is invalid (accepted: tcp, udp)");
        }
        return this;
    }

    /** The kind of source, from the URI; an unknown scheme is an error that lists the accepted ones. */
    public Kind kind() {
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
            return Kind.RTSP;
        }
        if (DEVICE.matcher(uri).matches()) {
            return Kind.DEVICE;
        }
        int colon = uri.indexOf(':');
        if (colon > 1 && uri.indexOf('/') > colon) {
            String scheme = uri.substring(0, colon);
            if (!scheme.equalsIgnoreCase("file")) {
                throw new IllegalArgumentException("camera '" + id + "': unknown scheme '" + scheme
                        + "' (accepted: rtsp://, rtsps://, a video file path, /dev/videoN)");
            }
        }
        return Kind.FILE;
    }

    /** The file path of a FILE source ({@code file:} URIs accepted). */
    public String location() {
        return uri.regionMatches(true, 0, "file:", 0, 5) ? Path.of(URI.create(uri)).toString() : uri;
    }

    public CameraSpec with(double newFps, int newMaxWidth, int newQuality, boolean newLoop, boolean newRealtime, String newTransport) {
        return new CameraSpec(id, uri, newFps, newMaxWidth, newQuality, newLoop, newRealtime, newTransport);
    }
}
