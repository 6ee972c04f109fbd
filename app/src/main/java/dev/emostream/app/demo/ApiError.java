package dev.emostream.app.demo;

/** A request the API refuses: the HTTP status and a message for the JSON body {@code {"error": ...}}. */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
