package dev.emostream.schemas;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One camera frame: the record on topic {@code frames}. Key: the camera id. Value: the JPEG bytes.
 * Everything else travels in headers, CloudEvents Kafka binary mode (see {@link FrameSerde}), described by
 * {@code schemas/v1/frame-headers.schema.json}.
 *
 * @param cameraId     the camera (CloudEvents {@code ce_source}, and the record key)
 * @param id           unique id of this frame (CloudEvents {@code ce_id})
 * @param sequence     per-camera sequence number, increasing, surviving reconnects
 * @param captureTime  when the frame was captured, on the wall clock (CloudEvents {@code ce_time})
 * @param width        width in pixels of the encoded image
 * @param height       height in pixels of the encoded image
 * @param jpeg         the encoded image
 */
public record FrameV1(String cameraId, String id, long sequence, Instant captureTime, int width, int height,
                      byte[] jpeg) {

    public static final String CONTRACT = "frame/v1";

    public FrameV1 {
        Require.text(cameraId, "cameraId");
        Require.text(id, "id");
        Require.atLeast(sequence, 0, "sequence");
        Require.present(captureTime, "captureTime");
        Require.atLeast(width, 1, "width");
        Require.atLeast(height, 1, "height");
        Require.present(jpeg, "jpeg");
    }

    /**
     * The frame id ingest gives: camera, the ingest run (its start time in base 36) and sequence, so ids stay unique
     * per source across ingest restarts, whose sequences start again at 0 (CloudEvents: source + id is unique).
     */
    public static String idFor(String cameraId, String run, long sequence) {
        return cameraId + "-" + run + "-" + sequence;
    }

    /** A frame id of camera and sequence only (tests and tools whose sequences never restart). */
    public static String idFor(String cameraId, long sequence) {
        return cameraId + "-" + sequence;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameV1 f && cameraId.equals(f.cameraId) && id.equals(f.id) && sequence == f.sequence
                && captureTime.equals(f.captureTime) && width == f.width && height == f.height
                && Arrays.equals(jpeg, f.jpeg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cameraId, id, sequence, captureTime, width, height) * 31 + Arrays.hashCode(jpeg);
    }

    @Override
    public String toString() {
        return "FrameV1[camera=" + cameraId + ", id=" + id + ", sequence=" + sequence + ", captureTime="
                + captureTime + ", " + width + "x" + height + ", jpegBytes=" + jpeg.length + "]";
    }
}
