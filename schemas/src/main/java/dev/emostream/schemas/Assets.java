package dev.emostream.schemas;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared data lives (FER2013, the face detector, sample media): {@code --assets DIR}, else the
 * {@code emostream.assets} system property, else {@code $EMOSTREAM_ASSETS}, else {@code ../shared}. Nothing
 * in it is part of the project; code reaches it only through here.
 *
 * <pre>
 * datasets/fer2013/fer2013-training-publictest.csv.xz   datasets/fer2013/ferplus-fer2013new.csv
 * models/face-detector/opencv_face_detector_uint8.pb    models/face-detector/opencv_face_detector.pbtxt
 * models/face-detector-yunet/face_detection_yunet_2023mar.onnx
 * media/people-720p15.mp4  media/astronaut.png  ...
 * </pre>
 */
public final class Assets {
    public static final String ENV = "EMOSTREAM_ASSETS";
    public static final String PROPERTY = "emostream.assets";
    public static final String FER2013 = "datasets/fer2013/fer2013-training-publictest.csv.xz";
    public static final String FERPLUS = "datasets/fer2013/ferplus-fer2013new.csv";
    public static final String FACE_DETECTOR_PB = "models/face-detector/opencv_face_detector_uint8.pb";
    public static final String FACE_DETECTOR_PBTXT = "models/face-detector/opencv_face_detector.pbtxt";
    public static final String FACE_DETECTOR_YUNET = "models/face-detector-yunet/face_detection_yunet_2023mar.onnx";
    public static final String MEDIA = "media";

    private Assets() {
    }

    /** The assets folder: the explicit one if given, else property, environment, {@code ../shared}. */
    public static Path root(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of("..", "shared");
    }

    /** A file under the assets folder, e.g. {@code resolve(null, Assets.FER2013)}. */
    public static Path resolve(Path explicitRoot, String relative) {
        return root(explicitRoot).resolve(relative);
    }

    /** True when the assets folder holds {@code relative}. */
    public static boolean has(String relative) {
        return Files.exists(resolve(null, relative));
    }
}
