package dev.emostream.trainer.model;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Copies between Java float arrays and TensorFlow tensors. */
public final class Tensors {
    private Tensors() {
    }

    /** A new tensor of {@code shape} holding the first {@code shape.size()} values of {@code data}. */
    public static TFloat32 of(Shape shape, float[] data) {
        return TFloat32.tensorOf(shape, DataBuffers.of(data, true, false).narrow(shape.size()));
    }

    /** All values of a float tensor, row-major. */
    public static float[] values(Tensor tensor) {
        TFloat32 t = (TFloat32) tensor;
        float[] out = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }
}
