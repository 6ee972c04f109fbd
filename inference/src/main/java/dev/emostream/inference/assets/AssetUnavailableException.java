package dev.emostream.inference.assets;

/** A model file that is neither local nor fetchable, or whose checksum is wrong; the message says how to fix it. */
public class AssetUnavailableException extends RuntimeException {
    public AssetUnavailableException(String message) {
        super(message);
    }

    public AssetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
