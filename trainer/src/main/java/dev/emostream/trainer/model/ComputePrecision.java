package dev.emostream.trainer.model;

/**
 * The number format of the training head's convolutions. The variables, the optimiser, batch norm, the loss and the
 * inference head (validation, export) stay float32 either way; with {@link #BFLOAT16} each convolution of the
 * training head casts its input and kernel to bfloat16 and its output back, which oneDNN runs on AVX512-BF16 (or AMX)
 * units. On this project's 2-core machine (AVX512-BF16) that trained {@code accurate} at 301 against 220 images/s.
 * A CPU without such units emulates bfloat16 and may be slower than float32.
 */
public enum ComputePrecision {
    /** Every operation in float32 (the default; what the shipped models were trained with). */
    FLOAT32,
    /** Training-head convolutions in bfloat16 with float32 weights, gradients accumulated in float32. */
    BFLOAT16;

    /** The name {@code --precision} takes and a training command shows: float32, bfloat16. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
