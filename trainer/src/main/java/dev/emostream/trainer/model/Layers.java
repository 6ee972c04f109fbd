package dev.emostream.trainer.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.op.random.TruncatedNormal;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * Builds network layers in a TensorFlow graph, with every variable named after its layer so that checkpoints,
 * the inference graph and SavedModels line up by name.
 *
 * <p>A network is built twice in one training graph: once with {@code training = true} (batch norm on batch
 * statistics, which it folds into moving averages; dropout on) and once with {@code training = false} (batch norm
 * on the moving averages; dropout off). Both share variables: a second request for a name returns the first
 * variable. Call {@link #mode(boolean)} before each build.
 */
public final class Layers {
    private static final float BN_EPSILON = 1e-3f;
    private static final float BN_MOMENTUM = 0.99f;

    private final Ops tf;
    private final long seed;
    private final ComputePrecision trainingConvolutions;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final List<Variable<TFloat32>> trainable = new ArrayList<>();
    private final List<Variable<TFloat32>> kernels = new ArrayList<>();
    private final List<Op> updates = new ArrayList<>();
    private boolean training;
    private int dropoutCount;

    public Layers(Ops tf, long seed) {
        this(tf, seed, ComputePrecision.FLOAT32);
    }

    /** With the training head's convolutions in {@code trainingConvolutions} (the inference head is float32 always). */
    public Layers(Ops tf, long seed, ComputePrecision trainingConvolutions) {
        this.tf = tf;
        this.seed = seed;
        this.trainingConvolutions = trainingConvolutions;
    }

    /** Switches between the training and the inference form of batch norm and dropout. */
    public Layers mode(boolean isTraining) {
        this.training = isTraining;
        this.dropoutCount = 0;
        return this;
    }

    public Ops tf() {
        return tf;
    }

    /** Variables the optimiser updates. */
    public List<Variable<TFloat32>> trainable() {
        return trainable;
    }

    /** Convolution and dense kernels, for weight decay. */
    public List<Variable<TFloat32>> kernels() {
        return kernels;
    }

    /** Moving-average updates of batch norm; run them with every training step. */
    public List<Op> updates() {
        return updates;
    }

    /** Every variable by name (trainable and moving statistics). */
    public Map<String, Variable<TFloat32>> variables() {
        return variables;
    }

    /** Trainable parameter count. */
    public long parameterCount() {
        long n = 0;
        for (Variable<TFloat32> v : trainable) {
            n += v.shape().size();
        }
        return n;
    }

    /**
     * 2-D convolution, no bias (batch norm follows), He-initialised; in bfloat16 in the training head when asked
     * ({@link ComputePrecision}), its result back in float32.
     */
    public Operand<TFloat32> conv(String name, Operand<TFloat32> x, int kernel, int filters, int stride) {
        long in = x.shape().get(3);
        Variable<TFloat32> w = weight(name + "/kernel", Shape.of(kernel, kernel, in, filters), kernel * kernel * in, true);
        List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
        if (training && trainingConvolutions == ComputePrecision.BFLOAT16) {
            Operand<TBfloat16> y = tf.nn.conv2d(tf.dtypes.cast(x, TBfloat16.class), tf.dtypes.cast(w, TBfloat16.class), strides, "SAME");
            return tf.dtypes.cast(y, TFloat32.class);
        }
        return tf.nn.conv2d(x, w, strides, "SAME");
    }

    /** Depthwise-separable convolution: 3x3 depthwise then 1x1 pointwise, no bias. */
    public Operand<TFloat32> separable(String name, Operand<TFloat32> x, int filters) {
        long in = x.shape().get(3);
        Variable<TFloat32> dw = weight(name + "/depthwise", Shape.of(3, 3, in, 1), 9, true);
        Operand<TFloat32> y = tf.nn.depthwiseConv2dNative(x, dw, List.of(1L, 1L, 1L, 1L), "SAME");
        return conv(name + "/pointwise", y, 1, filters, 1);
    }

    /** Fully connected layer with bias. */
    public Operand<TFloat32> dense(String name, Operand<TFloat32> x, int units) {
        long in = x.shape().get(1);
        Variable<TFloat32> w = weight(name + "/kernel", Shape.of(in, units), in, true);
        Variable<TFloat32> b = variable(name + "/bias", tf.zeros(tf.constant(new long[] {units}), TFloat32.class), true);
        return tf.math.add(tf.linalg.matMul(x, w), b);
    }

    /** Batch normalisation over channels (NHWC or NC). */
    public Operand<TFloat32> batchNorm(String name, Operand<TFloat32> x) {
        boolean flat = x.shape().numDimensions() == 2;
        long channels = x.shape().size(flat ? 1 : 3);
        Operand<TFloat32> in = flat ? tf.reshape(x, tf.constant(new long[] {-1, 1, 1, channels})) : x;
        var dims = tf.constant(new long[] {channels});
        Variable<TFloat32> gamma = variable(name + "/gamma", tf.ones(dims, TFloat32.class), true);
        Variable<TFloat32> beta = variable(name + "/beta", tf.zeros(dims, TFloat32.class), true);
        Variable<TFloat32> mean = variable(name + "/moving_mean", tf.zeros(dims, TFloat32.class), false);
        Variable<TFloat32> var = variable(name + "/moving_variance", tf.ones(dims, TFloat32.class), false);
        Operand<TFloat32> y;
        if (training) {
            FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(in, gamma, beta,
                    tf.constant(new float[0]), tf.constant(new float[0]),
                    FusedBatchNorm.epsilon(BN_EPSILON), FusedBatchNorm.isTraining(true));
            updates.add(movingAverage(mean, bn.batchMean()));
            updates.add(movingAverage(var, bn.batchVariance()));
            y = bn.y();
        } else {
            y = tf.nn.fusedBatchNorm(in, gamma, beta, mean, var,
                    FusedBatchNorm.epsilon(BN_EPSILON), FusedBatchNorm.isTraining(false)).y();
        }
        return flat ? tf.reshape(y, tf.constant(new long[] {-1, channels})) : y;
    }

    /** Conv, batch norm, ReLU. */
    public Operand<TFloat32> convBnRelu(String name, Operand<TFloat32> x, int kernel, int filters, int stride) {
        return tf.nn.relu(batchNorm(name + "/bn", conv(name, x, kernel, filters, stride)));
    }

    public Operand<TFloat32> maxPool(Operand<TFloat32> x, int size, int stride) {
        return tf.nn.maxPool(x, tf.constant(new int[] {1, size, size, 1}), tf.constant(new int[] {1, stride, stride, 1}), "SAME");
    }

    /** Mean over height and width: [N,H,W,C] to [N,C]. */
    public Operand<TFloat32> globalAveragePool(Operand<TFloat32> x) {
        return tf.math.mean(x, tf.constant(new int[] {1, 2}));
    }

    public Operand<TFloat32> flatten(Operand<TFloat32> x) {
        long features = x.shape().get(1) * x.shape().get(2) * x.shape().get(3);
        return tf.reshape(x, tf.constant(new long[] {-1, features}));
    }

    /** Inverted dropout while training; the identity at inference. */
    public Operand<TFloat32> dropout(Operand<TFloat32> x, float rate) {
        if (!training || rate <= 0f) {
            return x;
        }
        float keep = 1f - rate;
        Operand<TFloat32> noise = tf.random.randomUniform(tf.shape(x), TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2(1000L + dropoutCount++));
        Operand<TFloat32> mask = tf.math.floor(tf.math.add(noise, tf.constant(keep)));
        return tf.math.mul(x, tf.math.mul(mask, tf.constant(1f / keep)));
    }

    /** Ops that name the next op by a slash-separated path, e.g. {@code block1/sep1/depthwise}. */
    static Ops named(Ops ops, String path) {
        String[] parts = path.split("/");
        Ops scoped = ops;
        for (int i = 0; i < parts.length - 1; i++) {
            scoped = scoped.withSubScope(parts[i]);
        }
        return scoped.withName(parts[parts.length - 1]);
    }

    private Op movingAverage(Variable<TFloat32> average, Operand<TFloat32> value) {
        // average <- average * m + value * (1 - m)
        return tf.assign(average, tf.math.add(tf.math.mul(average, tf.constant(BN_MOMENTUM)),
                tf.math.mul(value, tf.constant(1f - BN_MOMENTUM))));
    }

    private Variable<TFloat32> weight(String name, Shape shape, long fanIn, boolean isKernel) {
        Variable<TFloat32> existing = variables.get(name);
        if (existing != null) {
            return existing;
        }
        // He normal, truncated at 2 sigma (truncated normal has std ~0.88 of the untruncated).
        float std = (float) (Math.sqrt(2.0 / fanIn) / 0.87962566103423978);
        Operand<TFloat32> init = tf.math.mul(tf.random.truncatedNormal(tf.constant(shape.asArray()), TFloat32.class,
                TruncatedNormal.seed(seed), TruncatedNormal.seed2(variables.size() + 1L)), tf.constant(std));
        Variable<TFloat32> v = variable(name, init, true);
        if (isKernel) {
            kernels.add(v);
        }
        return v;
    }

    private Variable<TFloat32> variable(String name, Operand<TFloat32> init, boolean isTrainable) {
        Variable<TFloat32> existing = variables.get(name);
        if (existing != null) {
            return existing;
        }
        Variable<TFloat32> v = named(tf, name).variable(init);
        variables.put(name, v);
        if (isTrainable) {
            trainable.add(v);
        }
        return v;
    }
}
