package dev.emostream.ingest.source;

/** Where a camera is in its life; exported as a gauge (the ordinal) and on /health. */
public enum CameraState {
    /** Opening the source. */
    CONNECTING,
    /** Delivering frames. */
    STREAMING,
    /** Waiting before the next reconnect attempt. */
    BACKING_OFF,
    /** A file that reached its end (not looping). */
    FINISHED,
    /** Stopped by shutdown. */
    STOPPED
}
