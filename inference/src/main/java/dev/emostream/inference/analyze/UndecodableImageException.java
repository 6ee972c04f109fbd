package dev.emostream.inference.analyze;

/** Bytes that OpenCV cannot decode as an image; the frame goes to the dead-letter topic with this reason. */
public class UndecodableImageException extends RuntimeException {
    public UndecodableImageException(String message) {
        super(message);
    }
}
