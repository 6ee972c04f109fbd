package dev.emostream.inference.assets;

import dev.emostream.schemas.Assets;
import java.net.URI;

/**
 * The face detector files the project does not ship: where they sit under the assets folder, the canonical
 * place real users get them from, their sha256 and size. {@link AssetStore} finds, fetches and verifies them.
 */
public enum DetectorFile {
    YUNET(Assets.FACE_DETECTOR_YUNET,
            "https://github.com/opencv/opencv_zoo/raw/main/models/face_detection_yunet/face_detection_yunet_2023mar.onnx",
            "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4", 232_589),
    SSD_PB(Assets.FACE_DETECTOR_PB,
            "https://github.com/opencv/opencv_3rdparty/raw/dnn_samples_face_detector_20180220_uint8/opencv_face_detector_uint8.pb",
            "5c71d752ef2cbf2f457ac82fdd580fcb2522fd04c5efdaed18eb6d9e2843fbed", 2_727_750),
    SSD_PBTXT(Assets.FACE_DETECTOR_PBTXT,
            "https://raw.githubusercontent.com/opencv/opencv/4.x/samples/dnn/face_detector/opencv_face_detector.pbtxt",
            "5397808362fc6fb7c4044484848e297b22449d913a267fa7f8bd9d86dce29144", 34_912);

    private final String relativePath;
    private final URI url;
    private final String sha256;
    private final long approximateBytes;

    DetectorFile(String relativePath, String url, String sha256, long approximateBytes) {
        this.relativePath = relativePath;
        this.url = URI.create(url);
        this.sha256 = sha256;
        this.approximateBytes = approximateBytes;
    }

    /** Path under the assets folder, e.g. {@code models/face-detector-yunet/face_detection_yunet_2023mar.onnx}. */
    public String relativePath() {
        return relativePath;
    }

    public URI url() {
        return url;
    }

    public String sha256() {
        return sha256;
    }

    /** A bound on what a download may be: eight times the file's size (a server sending more is refused). */
    public long maxDownloadBytes() {
        return approximateBytes * 8;
    }

    public String fileName() {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }
}
