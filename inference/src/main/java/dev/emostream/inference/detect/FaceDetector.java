package dev.emostream.inference.detect;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds faces in a BGR frame. Implementations hold native objects and scratch buffers: create one per thread,
 * reuse it for every frame, and close it.
 */
public interface FaceDetector extends AutoCloseable {

    /** Faces in {@code bgr} (8-bit, 3 channels), most confident first. */
    List<Detection> detect(Mat bgr);

    /** A short name for logs and metrics, e.g. {@code yunet-320}, {@code ssd-resnet10} or {@code haar-frontalface}. */
    String name();

    /** Which detector this is (never {@code AUTO}). */
    FaceDetectors.Kind kind();

    @Override
    void close();
}
