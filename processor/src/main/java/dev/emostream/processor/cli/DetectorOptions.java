package dev.emostream.processor.cli;

import dev.emostream.inference.detect.DetectorSettings;
import dev.emostream.inference.detect.DnnBackend;
import dev.emostream.inference.detect.FaceDetectors;
import dev.emostream.processor.ProcessorConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The face detector flags shared by {@code predict}, {@code demo} and {@code bench} (a picocli mixin); the
 * defaults are {@link DetectorSettings#DEFAULTS}, the same as the processor's {@code emostream.detector.*}.
 */
public final class DetectorOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--detector", paramLabel = "auto|yunet|ssd|haar", defaultValue = "auto",
            description = "Face detector: YuNet, the OpenCV DNN SSD, the bundled Haar cascade, or auto (YuNet when its file is found "
                    + "or can be fetched, then the SSD, then Haar). Default: ${DEFAULT-VALUE}.")
    private String detector;

    @Option(names = "--threshold", paramLabel = "P", description = "Minimum face confidence, 0..1. Default: "
            + DetectorSettings.DEFAULT_SCORE_THRESHOLD + ".")
    private Double threshold;

    @Option(names = "--input-width", paramLabel = "PX", description = "YuNet: scale wider frames down to this width before detection. "
            + "Default: " + DetectorSettings.DEFAULT_INPUT_WIDTH + ".")
    private Integer inputWidth;

    @Option(names = "--detector-backend", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            description = "OpenCV DNN backend of the detector. Default: ${DEFAULT-VALUE} (CUDA when OpenCV sees a CUDA device).")
    private String backend;

    @Option(names = "--assets", paramLabel = "DIR", description = "Shared data folder with models/face-detector-yunet and "
            + "models/face-detector (default: $EMOSTREAM_ASSETS or ../shared); missing files are fetched, checked and cached.")
    private Path assets;

    /** The settings the flags describe; a bad value is a {@link ParameterException} naming the flag and the accepted values. */
    public DetectorSettings settings() {
        FaceDetectors.Kind kind;
        try {
            kind = FaceDetectors.Kind.parse(detector);
        } catch (IllegalArgumentException e) {
            throw bad("--detector", detector, String.join(", ", FaceDetectors.Kind.names()));
        }
        DnnBackend dnn;
        try {
            dnn = DnnBackend.valueOf(backend.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("--detector-backend", backend, "auto, cpu, cuda");
        }
        double t = threshold != null ? threshold : DetectorSettings.DEFAULT_SCORE_THRESHOLD;
        if (!(t > 0 && t < 1)) {
            throw bad("--threshold", String.valueOf(t), "between 0 and 1");
        }
        int w = inputWidth != null ? inputWidth : DetectorSettings.DEFAULT_INPUT_WIDTH;
        if (w < 32 || w > 4096) {
            throw bad("--input-width", String.valueOf(w), "32 to 4096 pixels");
        }
        return new DetectorSettings(kind, assets, w, t, DetectorSettings.DEFAULT_NMS_THRESHOLD, dnn);
    }

    public Path assets() {
        return assets;
    }

    /** The same settings as the processor's {@code emostream.detector.*} and {@code emostream.assets}. */
    public Map<String, Object> processorSettings() {
        return processorSettings(settings());
    }

    /** {@code d} as the processor's settings. */
    public static Map<String, Object> processorSettings(DetectorSettings d) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(ProcessorConfig.DETECTOR_CONFIG, d.kind().name().toLowerCase(Locale.ROOT));
        s.put(ProcessorConfig.DETECTOR_INPUT_WIDTH_CONFIG, d.inputWidth());
        s.put(ProcessorConfig.DETECTOR_THRESHOLD_CONFIG, d.scoreThreshold());
        s.put(ProcessorConfig.DETECTOR_NMS_CONFIG, d.nmsThreshold());
        s.put(ProcessorConfig.DETECTOR_BACKEND_CONFIG, d.backend().name().toLowerCase(Locale.ROOT));
        if (d.assets() != null) {
            s.put(ProcessorConfig.ASSETS_CONFIG, d.assets().toString());
        }
        return s;
    }

    private ParameterException bad(String flag, String value, String accepted) {
        return new ParameterException(spec.commandLine(), "invalid value for option '" + flag + "': " + value + " (accepted: " + accepted + ")");
    }
}
