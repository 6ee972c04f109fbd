package dev.emostream.schemas;

/**
 * Five facial landmarks in pixels of the frame, as YuNet finds them (the subject's right eye is on the image's
 * left). Optional in events: detectors without landmarks (SSD, Haar) leave them out.
 */
public record FaceLandmarks(Point rightEye, Point leftEye, Point nose, Point mouthRight, Point mouthLeft) {

    /** A point in pixels. */
    public record Point(int x, int y) {
    }

    public FaceLandmarks {
        Require.present(rightEye, "rightEye");
        Require.present(leftEye, "leftEye");
        Require.present(nose, "nose");
        Require.present(mouthRight, "mouthRight");
        Require.present(mouthLeft, "mouthLeft");
    }

    /** From ten coordinates in YuNet's order: right eye, left eye, nose tip, right and left mouth corners (x, y each). */
    public static FaceLandmarks of(int[] xy) {
        if (xy.length != 10) {
            throw new IllegalArgumentException("landmarks need 10 coordinates, got " + xy.length);
        }
        return new FaceLandmarks(new Point(xy[0], xy[1]), new Point(xy[2], xy[3]), new Point(xy[4], xy[5]),
                new Point(xy[6], xy[7]), new Point(xy[8], xy[9]));
    }
}
