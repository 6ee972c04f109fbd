package dev.emostream.trainer.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The networks the trainer can build. Input: [N, 48, 48, 1] normalised grey faces. Output: logits [N, C].
 */
public enum Architecture {
    /**
     * Fast: a mini-Xception (depthwise-separable residual blocks), about 0.19 M parameters, for the 1 ms/face
     * budget (shipped as {@code models/fast-mini}, {@code fast} 2.0.0). A stem of two 3x3 convolutions (32 channels) at the full 48x48 resolution, then max pooling and
     * three residual blocks (64, 128, 256 channels) halving resolution each, global average pooling, one dense
     * layer. The full-resolution stem costs about 0.17 ms/face (0.67 against 0.50 at batch 32) and keeps the fine detail
     * (eyelids, mouth corners) that a strided first layer throws away.
     */
    FAST("mini-xception") {
        @Override
        Operand<TFloat32> logits(Layers l, Operand<TFloat32> x, int classes) {
            Operand<TFloat32> y = l.convBnRelu("stem1", x, 3, 32, 1);
            y = l.convBnRelu("stem2", y, 3, 32, 1);             // 48x48: fine detail before any downsampling
            return xceptionBlocks(l, y, classes, 64, 128, 256);
        }
    },
    /**
     * Wide: a student of the ensemble at fast's cost with twice its parameters (about 0.41 M). Traced per node
     * (1 intra-op thread), fast's second full 3x3 convolution at 48x48 is half its time; here that layer is
     * depthwise-separable (32 to 64 channels, a quarter of the multiply-adds), and what it saves pays for residual
     * blocks of 96, 192 and 384 channels: 1.01 ms/face at batch 32 on one thread with oneDNN against fast's 1.04;
     * with TensorFlow's own kernels (how {@code bin/emostream} serves), all cores, 0.83 against 0.58.
     */
    WIDE("mini-xception-wide") {
        @Override
        Operand<TFloat32> logits(Layers l, Operand<TFloat32> x, int classes) {
            Operand<TFloat32> y = l.convBnRelu("stem1", x, 3, 32, 1);
            y = l.tf().nn.relu(l.batchNorm("stem2/bn", l.separable("stem2", y, 64)));   // 48x48, separable: a quarter of a full 3x3
            return xceptionBlocks(l, y, classes, 96, 192, 384);
        }
    },
    /** Accurate: VGG-style with batch norm ({@link #vgg}), about 2.5 M parameters, at 32, 64, 128 and 256 channels. */
    ACCURATE("vgg-bn") {
        @Override
        Operand<TFloat32> logits(Layers l, Operand<TFloat32> x, int classes) {
            return vgg(l, x, classes, 32, 64, 128, 256);
        }
    },
    /**
     * Slim: the accurate network's VGG trunk at 24, 48, 96 and 192 channels (0.56 of its multiply-adds), about
     * 1.68 M parameters, for fast's 1 ms/face budget (shipped as {@code models/fast}, {@code fast} 3.0.0): the plain 3x3 stack and dense head that make {@link #ACCURATE}
     * the strongest single net here. Untrained exports, two {@code bench --quick --section classifier} runs
     * (2026-12-03, oneDNN off, all cores, batch 32): 0.62-0.69 ms/face, against 0.42-0.56 for fast and 0.94-0.95 for
     * accurate; at widths 16 and 20 (1.02 and 1.33 M parameters) 0.34-0.38 and 0.54-0.55
     * ({@code docs/bench/bench-2026-12-03-slim-widths.md}).
     */
    SLIM("vgg-bn-slim") {
        @Override
        Operand<TFloat32> logits(Layers l, Operand<TFloat32> x, int classes) {
            return vgg(l, x, classes, 24, 48, 96, 192);
        }
    },
    /**
     * ResNet: a residual net with a global-average-pool head, about 2.8 M parameters, as an ensemble member unlike
     * the other two (identity shortcuts instead of VGG's plain stack, no large dense layers, a different inductive
     * bias): a 3x3 stem (32 channels) at 48x48, max pooling, then three stages of two basic blocks (two 3x3
     * conv-BN, a shortcut added before the second ReLU) of 64, 128 and 256 channels at 24, 12 and 6 pixels, global
     * average pooling, dropout, one dense layer.
     */
    RESNET("resnet-gap") {
        @Override
        Operand<TFloat32> logits(Layers l, Operand<TFloat32> x, int classes) {
            Operand<TFloat32> y = l.convBnRelu("stem", x, 3, 32, 1);
            y = l.maxPool(y, 2, 2);                                  // 24x24
            int[] widths = {64, 128, 256};
            for (int s = 0; s < widths.length; s++) {
                int stride = s == 0 ? 1 : 2;                         // 24, 12, 6
                y = basicBlock(l, "stage" + (s + 1) + "/block1", y, widths[s], stride);
                y = basicBlock(l, "stage" + (s + 1) + "/block2", y, widths[s], 1);
            }
            y = l.globalAveragePool(y);
            y = l.dropout(y, 0.4f);
            return l.dense("logits", y, classes);
        }
    };

    private final String family;

    Architecture(String family) {
        this.family = family;
    }

    /** A descriptive name for the model card, e.g. {@code mini-xception}. */
    public String family() {
        return family;
    }

    /** Adds this network to the graph of {@code layers}; returns its logits. */
    abstract Operand<TFloat32> logits(Layers layers, Operand<TFloat32> images, int classes);

    /**
     * A VGG-style trunk with batch norm: four stages of two 3x3 conv-BN-ReLU at {@code widths} channels, each
     * followed by max pooling (48 to 24, 12, 6, 3), then two dense layers (512, 256) with batch norm and dropout.
     */
    static Operand<TFloat32> vgg(Layers l, Operand<TFloat32> x, int classes, int... widths) {
        Operand<TFloat32> y = x;
        for (int s = 0; s < widths.length; s++) {
            y = l.convBnRelu("stage" + (s + 1) + "/conv1", y, 3, widths[s], 1);
            y = l.convBnRelu("stage" + (s + 1) + "/conv2", y, 3, widths[s], 1);
            y = l.maxPool(y, 2, 2);                          // 24, 12, 6, 3
        }
        y = l.flatten(y);
        y = l.dropout(y, 0.4f);
        y = l.tf().nn.relu(l.batchNorm("fc1/bn", l.dense("fc1", y, 512)));
        y = l.dropout(y, 0.4f);
        y = l.tf().nn.relu(l.batchNorm("fc2/bn", l.dense("fc2", y, 256)));
        y = l.dropout(y, 0.3f);
        return l.dense("logits", y, classes);
    }

    /** Two 3x3 conv-BN with a shortcut (identity, or a strided 1x1 conv-BN where the shape changes) added before the last ReLU. */
    static Operand<TFloat32> basicBlock(Layers l, String name, Operand<TFloat32> x, int filters, int stride) {
        var tf = l.tf();
        Operand<TFloat32> shortcut = x;
        if (stride != 1 || x.shape().get(3) != filters) {
            shortcut = l.batchNorm(name + "/shortcut/bn", l.conv(name + "/shortcut", x, 1, filters, stride));
        }
        Operand<TFloat32> y = l.convBnRelu(name + "/conv1", x, 3, filters, stride);
        y = l.batchNorm(name + "/conv2/bn", l.conv(name + "/conv2", y, 3, filters, 1));
        return tf.nn.relu(tf.math.add(y, shortcut));
    }

    /**
     * The mini-Xception networks after their 48x48 stem: max pooling to 24x24, one residual block per entry of
     * {@code blocks} (channels; each halves the resolution: 12, 6, 3), global average pooling, dropout, one dense layer.
     */
    static Operand<TFloat32> xceptionBlocks(Layers l, Operand<TFloat32> stem, int classes, int... blocks) {
        Operand<TFloat32> y = l.maxPool(stem, 2, 2);
        for (int b = 0; b < blocks.length; b++) {
            y = residualBlock(l, "block" + (b + 1), y, blocks[b]);
        }
        y = l.globalAveragePool(y);
        y = l.dropout(y, 0.3f);
        return l.dense("logits", y, classes);
    }

    /** Two separable convs with batch norm, max-pool by 2, plus a strided 1x1 shortcut. */
    static Operand<TFloat32> residualBlock(Layers l, String name, Operand<TFloat32> x, int filters) {
        var tf = l.tf();
        Operand<TFloat32> shortcut = l.batchNorm(name + "/shortcut/bn", l.conv(name + "/shortcut", x, 1, filters, 2));
        Operand<TFloat32> y = tf.nn.relu(l.batchNorm(name + "/sep1/bn", l.separable(name + "/sep1", x, filters)));
        y = l.batchNorm(name + "/sep2/bn", l.separable(name + "/sep2", y, filters));
        y = l.maxPool(y, 3, 2);
        return tf.nn.relu(tf.math.add(y, shortcut));
    }
}
