package dev.emostream.console.http;

/** A request the API refuses: the HTTP status and a message for the JSON body {@code {"error": ...}}. */
public final class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
