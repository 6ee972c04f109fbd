package dev.emostream.processor.track;

import dev.emostream.schemas.BoundingBox;

/**
 * A face box under a constant-velocity Kalman filter, as SORT and ByteTrack keep one per track: centre x, centre y,
 * width and height each with its own velocity, filtered independently (their noise is modelled as uncorrelated,
 * so the 8x8 filter splits into four 2x2 ones). Noise scales with the box's height, so a small face far away and
 * a large one close by are trusted alike.
 */
final class KalmanBox {
    private static final double POSITION_NOISE = 1.0 / 20;
    private static final double VELOCITY_NOISE = 1.0 / 160;
    private final Axis[] axes = new Axis[4];

    KalmanBox(BoundingBox box) {
        double[] z = measure(box);
        double h = Math.max(1, box.height());
        for (int i = 0; i < 4; i++) {
            axes[i] = new Axis(z[i], sq(2 * POSITION_NOISE * h), sq(10 * VELOCITY_NOISE * h));
        }
    }

    /** Advances one frame and returns the predicted box. */
    BoundingBox predict() {
        double h = Math.max(1, axes[3].x);
        for (Axis a : axes) {
            a.predict(sq(POSITION_NOISE * h), sq(VELOCITY_NOISE * h));
        }
        return box();
    }

    /** Corrects the state with a measured box. */
    void update(BoundingBox measured) {
        double[] z = measure(measured);
        double r = sq(POSITION_NOISE * Math.max(1, measured.height()));
        for (int i = 0; i < 4; i++) {
            axes[i].update(z[i], r);
        }
    }

    /** The current estimate as a box (at least 1 x 1). */
    BoundingBox box() {
        double w = Math.max(1, axes[2].x);
        double h = Math.max(1, axes[3].x);
        return new BoundingBox((int) Math.round(axes[0].x - w / 2), (int) Math.round(axes[1].x - h / 2),
                (int) Math.round(w), (int) Math.round(h));
    }

    /** The filter's state: per axis (centre x, centre y, width, height) x, v, pxx, pxv, pvv. */
    double[] state() {
        double[] out = new double[20];
        for (int i = 0; i < 4; i++) {
            Axis a = axes[i];
            System.arraycopy(new double[] {a.x, a.v, a.pxx, a.pxv, a.pvv}, 0, out, 5 * i, 5);
        }
        return out;
    }

    /** A filter in the given {@link #state()}. */
    static KalmanBox of(double[] state) {
        KalmanBox k = new KalmanBox(new BoundingBox(0, 0, 1, 1));
        for (int i = 0; i < 4; i++) {
            Axis a = k.axes[i];
            a.x = state[5 * i];
            a.v = state[5 * i + 1];
            a.pxx = state[5 * i + 2];
            a.pxv = state[5 * i + 3];
            a.pvv = state[5 * i + 4];
        }
        return k;
    }

    private static double[] measure(BoundingBox b) {
        return new double[] {b.x() + b.width() / 2.0, b.y() + b.height() / 2.0, b.width(), b.height()};
    }

    private static double sq(double v) {
        return v * v;
    }

    /** One coordinate and its velocity: state (x, v), covariance [[pxx, pxv], [pxv, pvv]]. */
    private static final class Axis {
        double x;
        double v;
        double pxx;
        double pxv;
        double pvv;

        Axis(double x, double px, double pv) {
            this.x = x;
            this.pxx = px;
            this.pvv = pv;
        }

        void predict(double qx, double qv) {
            x += v;
            // P = F P F' + Q with F = [[1, 1], [0, 1]]
            pxx = pxx + 2 * pxv + pvv + qx;
            pxv = pxv + pvv;
            pvv = pvv + qv;
        }

        void update(double z, double r) {
            double s = pxx + r;
            double kx = pxx / s;
            double kv = pxv / s;
            double innovation = z - x;
            x += kx * innovation;
            v += kv * innovation;
            double pxx0 = pxx;
            double pxv0 = pxv;
            pxx = (1 - kx) * pxx0;
            pxv = (1 - kx) * pxv0;
            pvv = pvv - kv * pxv0;
        }
    }
}
