package dev.emostream.inference.classify;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/** Which device TensorFlow runs inference on: a GPU when the CUDA native and a GPU are present, else the CPU. */
public final class Devices {
    private static volatile String cached;

    private Devices() {
    }

    /** {@code "GPU"} or {@code "CPU"}, probed once by pinning a tiny op to the first GPU without soft placement. */
    public static String inferenceDevice() {
        String d = cached;
        if (d == null) {
            d = probeGpu() ? "GPU" : "CPU";
            cached = d;
        }
        return d;
    }

    private static boolean probeGpu() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
            var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
            ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
            try (Session s = new Session(g, strict); var r = s.runner().fetch(sum).run()) {
                return ((TFloat32) r.get(0)).getFloat() == 3f;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }
}
