package dev.emostream.trainer.model;

/** How weights are updated. */
public enum OptimizerKind {
    /** Adam (beta1 0.9, beta2 0.999, epsilon 1e-7). */
    ADAM,
    /** SGD with Nesterov momentum 0.9. */
    NESTEROV
}
