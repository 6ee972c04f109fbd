package dev.emostream.trainer.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * One network in a TensorFlow graph, ready to train: a training head (batch statistics, dropout) and an
 * inference head (moving statistics) sharing variables, a weighted soft-max cross-entropy loss with L2 weight
 * decay, and Adam or Nesterov SGD applied with a learning rate fed at every step (so schedules need no rebuild).
 *
 * <pre>{@code
 * try (TrainingGraph g = TrainingGraph.build(Architecture.FAST, 7, OptimizerKind.ADAM, 1e-4f, 42)) {
 *     g.initialize();
 *     TrainingGraph.Step s = g.train(images, targets, weights, batch, 1e-3f);
 *     float[] probabilities = g.predict(images, batch);
 *     g.save(Path.of("run/checkpoints/last"));
 * }
 * }</pre>
 */
public final class TrainingGraph implements AutoCloseable {
    public static final int SIDE = 48;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-7f;
    private static final float MOMENTUM = 0.9f;

    private final Graph graph;
    private final Session session;
    private final int classes;
    private final long parameters;
    private final Placeholder<TFloat32> images;
    private final Placeholder<TFloat32> targets;
    private final Placeholder<TFloat32> weights;
    private final Placeholder<TFloat32> learningRate;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final Operand<TFloat32> loss;
    private final Operand<TFloat32> trainLogits;
    private final Operand<TFloat32> probabilities;
    private final Op trainStep;
    private final java.util.Map<String, Variable<TFloat32>> modelVariables;
    private final List<Variable<TFloat32>> optimizerSlots;
    private long step;

    /**
     * How {@link #saveVariables} stores a tensor. bfloat16 keeps float32's range with a 0.4% step (enough for optimiser
     * moments, whose tiny Adam second moments float16 would flush to zero); float16 keeps a 0.05% step over a range
     * that holds weights and batch-norm statistics.
     */
    public enum Precision {
        FLOAT32(TFloat32.class), FLOAT16(TFloat16.class), BFLOAT16(TBfloat16.class);

        private final Class<? extends TType> type;

        Precision(Class<? extends TType> type) {
            this.type = type;
        }
    }

    /** The loss and the number of correctly classified images of one training batch. */
    public record Step(float loss, int correct) {
    }

    private TrainingGraph(Graph graph, int classes, long parameters, Placeholder<TFloat32> images,
                          Placeholder<TFloat32> targets, Placeholder<TFloat32> weights, Placeholder<TFloat32> learningRate,
                          Placeholder<TFloat32> beta1Power, Placeholder<TFloat32> beta2Power, Operand<TFloat32> loss,
                          Operand<TFloat32> trainLogits, Operand<TFloat32> probabilities, Op trainStep,
                          java.util.Map<String, Variable<TFloat32>> modelVariables, List<Variable<TFloat32>> optimizerSlots) {
        this.graph = graph;
        this.session = new Session(graph);
        this.classes = classes;
        this.parameters = parameters;
        this.images = images;
        this.targets = targets;
        this.weights = weights;
        this.learningRate = learningRate;
        this.beta1Power = beta1Power;
        this.beta2Power = beta2Power;
        this.loss = loss;
        this.trainLogits = trainLogits;
        this.probabilities = probabilities;
        this.trainStep = trainStep;
        this.modelVariables = modelVariables;
        this.optimizerSlots = optimizerSlots;
    }

    public static TrainingGraph build(Architecture arch, int classes, OptimizerKind optimizer, float weightDecay, long seed) {
        return build(arch, classes, optimizer, weightDecay, seed, ComputePrecision.FLOAT32);
    }

    /** With the training head's convolutions in {@code precision}; the inference head and the variables stay float32. */
    public static TrainingGraph build(Architecture arch, int classes, OptimizerKind optimizer, float weightDecay, long seed,
                                      ComputePrecision precision) {
        Graph graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> images = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, SIDE, SIDE, 1)));
            Placeholder<TFloat32> targets = tf.withName("targets").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, classes)));
            Placeholder<TFloat32> weights = tf.withName("weights").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1)));
            Placeholder<TFloat32> lr = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> b1p = tf.withName("beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> b2p = tf.withName("beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

            Layers layers = new Layers(tf, seed, precision);
            Operand<TFloat32> trainLogits = arch.logits(layers.mode(true), images, classes);
            Operand<TFloat32> probabilities = tf.withName("probabilities").nn.softmax(arch.logits(layers.mode(false), images, classes));

            Operand<TFloat32> xent = tf.nn.softmaxCrossEntropyWithLogits(trainLogits, targets).loss();
            Operand<TFloat32> dataLoss = tf.math.div(tf.sum(tf.math.mul(xent, weights), tf.constant(0)),
                    tf.math.maximum(tf.sum(weights, tf.constant(0)), tf.constant(1e-6f)));
            Operand<TFloat32> total = dataLoss;
            if (weightDecay > 0) {
                List<Operand<TFloat32>> l2 = new ArrayList<>();
                for (Variable<TFloat32> k : layers.kernels()) {
                    l2.add(tf.nn.l2Loss(k));
                }
                total = tf.math.add(dataLoss, tf.math.mul(tf.math.addN(l2), tf.constant(weightDecay)));
            }
            Operand<TFloat32> lossOp = tf.withName("loss").identity(total);

            List<Variable<TFloat32>> vars = layers.trainable();
            Gradients grads = tf.gradients(lossOp, vars);
            List<Op> updates = new ArrayList<>(layers.updates());
            List<Variable<TFloat32>> slots = new ArrayList<>();
            for (int i = 0; i < vars.size(); i++) {
                Variable<TFloat32> v = vars.get(i);
                @SuppressWarnings("unchecked")
                Operand<TFloat32> g = (Operand<TFloat32>) (Operand<?>) grads.dy(i);
                String name = v.op().name();
                Operand<TFloat32> zeros = tf.zeros(tf.constant(v.shape().asArray()), TFloat32.class);
                if (optimizer == OptimizerKind.ADAM) {
                    Variable<TFloat32> m = Layers.named(tf, name + "/adam_m").variable(zeros);
                    Variable<TFloat32> s = Layers.named(tf, name + "/adam_v").variable(zeros);
                    slots.add(m);
                    slots.add(s);
                    updates.add(tf.train.applyAdam(v, m, s, b1p, b2p, lr, tf.constant(BETA1), tf.constant(BETA2),
                            tf.constant(EPSILON), g));
                } else {
                    Variable<TFloat32> accum = Layers.named(tf, name + "/momentum").variable(zeros);
                    slots.add(accum);
                    updates.add(tf.train.applyMomentum(v, accum, lr, g, tf.constant(MOMENTUM), ApplyMomentum.useNesterov(true)));
                }
            }
            Op trainStep = tf.withName("train_step").withControlDependencies(updates).noOp();
            return new TrainingGraph(graph, classes, layers.parameterCount(), images, targets, weights, lr, b1p, b2p,
                    lossOp, trainLogits, probabilities, trainStep, layers.variables(), List.copyOf(slots));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** Initialises every variable from its initializer (a fresh start). */
    public void initialize() {
        session.initialize();
    }

    public int classes() {
        return classes;
    }

    public long parameterCount() {
        return parameters;
    }

    /** Optimiser steps taken so far (restored with checkpoints by the caller). */
    public long stepCount() {
        return step;
    }

    public void stepCount(long steps) {
        this.step = steps;
    }

    /**
     * One optimiser step on a batch of {@code n} images ([n,48,48,1] normalised), targets ([n,C], one-hot or soft)
     * and per-image loss weights.
     */
    public Step train(float[] batchImages, float[] batchTargets, float[] batchWeights, int n, float lr) {
        step++;
        float b1 = (float) Math.pow(BETA1, step);
        float b2 = (float) Math.pow(BETA2, step);
        try (TFloat32 x = Tensors.of(Shape.of(n, SIDE, SIDE, 1), batchImages);
             TFloat32 y = Tensors.of(Shape.of(n, classes), batchTargets);
             TFloat32 w = Tensors.of(Shape.of(n), batchWeights);
             TFloat32 rate = TFloat32.scalarOf(lr);
             TFloat32 p1 = TFloat32.scalarOf(b1);
             TFloat32 p2 = TFloat32.scalarOf(b2);
             Result r = session.runner()
                     .feed(images, x).feed(targets, y).feed(weights, w).feed(learningRate, rate)
                     .feed(beta1Power, p1).feed(beta2Power, p2)
                     .addTarget(trainStep).fetch(loss).fetch(trainLogits).run()) {
            float lossValue = ((TFloat32) r.get(0)).getFloat();
            float[] logits = Tensors.values(r.get(1));
            int correct = 0;
            for (int i = 0; i < n; i++) {
                if (argmax(logits, i * classes, classes) == argmax(batchTargets, i * classes, classes)) {
                    correct++;
                }
            }
            return new Step(lossValue, correct);
        }
    }

    /** Class probabilities of {@code n} images from the inference head, [n*C]. */
    public float[] predict(float[] batchImages, int n) {
        try (TFloat32 x = Tensors.of(Shape.of(n, SIDE, SIDE, 1), batchImages);
             Result r = session.runner().feed(images, x).fetch(probabilities).run()) {
            return Tensors.values(r.get(0));
        }
    }

    /** Saves every variable (weights, moving statistics, optimiser slots) under {@code prefix}. */
    public void save(Path prefix) {
        try {
            Files.createDirectories(prefix.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        session.save(prefix.toString());
    }

    /** Restores every variable saved by {@link #save}. */
    public void restore(Path prefix) {
        session.restore(prefix.toString());
    }

    /**
     * Restores only the network's weights and moving statistics (not optimiser state) from a checkpoint, e.g.
     * to fine-tune a trained model with a new learning rate or another optimiser. Call after {@link #initialize}.
     */
    public void restoreWeights(Path prefix) {
        restoreVariables(prefix, Precision.FLOAT32, null);
    }

    /**
     * Saves the weights and moving statistics as {@code weights}, and the optimiser state as {@code slots} (null: left
     * out), under {@code prefix}, with the names {@link #save} uses: a commit-sized checkpoint.
     */
    public void saveVariables(Path prefix, Precision weights, Precision slots) {
        try {
            Files.createDirectories(prefix.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Ops tf = Ops.create(graph);
        List<String> names = new ArrayList<>();
        List<Operand<?>> tensors = new ArrayList<>();
        for (Stored v : stored(weights, slots)) {
            names.add(v.variable().op().name());
            tensors.add(v.precision() == Precision.FLOAT32 ? v.variable() : tf.dtypes.cast(v.variable(), v.precision().type));
        }
        Op save = tf.train.save(tf.constant(prefix.toString()), strings(tf, names), strings(tf, emptySlices(names.size())), tensors);
        session.runner().addTarget(save).run().close();
    }

    /**
     * Restores what {@link #saveVariables} (or {@link #save}, with float32 for both) wrote: the weights stored as
     * {@code weights}, and the optimiser state stored as {@code slots} (null: optimiser state left as it is).
     */
    public void restoreVariables(Path prefix, Precision weights, Precision slots) {
        Ops tf = Ops.create(graph);
        List<Stored> vars = stored(weights, slots);
        List<String> names = vars.stream().map(v -> v.variable().op().name()).toList();
        List<Class<? extends TType>> types = vars.stream().<Class<? extends TType>>map(v -> v.precision().type).toList();
        var restored = tf.train.restore(tf.constant(prefix.toString()), strings(tf, names), strings(tf, emptySlices(names.size())), types);
        Session.Runner runner = session.runner();
        for (int i = 0; i < vars.size(); i++) {
            Operand<?> value = restored.tensors().get(i);
            Operand<TFloat32> asFloat = vars.get(i).precision() == Precision.FLOAT32
                    ? castedFloat(value) : tf.dtypes.cast(value, TFloat32.class);
            runner.addTarget(tf.assign(vars.get(i).variable(), asFloat));
        }
        runner.run().close();
    }

    private record Stored(Variable<TFloat32> variable, Precision precision) {
    }

    private List<Stored> stored(Precision weights, Precision slots) {
        List<Stored> vars = new ArrayList<>();
        // The graph's own op names (TF Java makes sub-scope names unique, e.g. stem1_1/bn/gamma): the checkpoint's keys.
        modelVariables.values().forEach(v -> vars.add(new Stored(v, weights)));
        if (slots != null) {
            optimizerSlots.forEach(v -> vars.add(new Stored(v, slots)));
        }
        return vars;
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> castedFloat(Operand<?> value) {
        return (Operand<TFloat32>) value;
    }

    private static Operand<TString> strings(Ops tf, List<String> values) {
        return tf.constant(java.nio.charset.StandardCharsets.UTF_8, values.toArray(String[]::new));
    }

    private static List<String> emptySlices(int n) {
        return java.util.Collections.nCopies(n, "");
    }

    static int argmax(float[] values, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
