package dev.emostream.trainer.train;

/**
 * Learning rate reduced on plateau, and early stopping: after {@code patience} epochs without a better
 * validation loss the rate is multiplied by {@code factor} (not below {@code minRate}); after
 * {@code stopPatience} epochs without a better validation accuracy, training stops.
 */
public final class PlateauSchedule {
    private final float factor;
    private final float minRate;
    private final int patience;
    private final int stopPatience;
    private float rate;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private double bestAccuracy = -1;
    private int sinceBetterLoss;
    private int sinceBetterAccuracy;

    public PlateauSchedule(float rate, float factor, float minRate, int patience, int stopPatience) {
        this.rate = rate;
        this.factor = factor;
        this.minRate = minRate;
        this.patience = patience;
        this.stopPatience = stopPatience;
    }

    /** Records an epoch's validation figures; returns true when this epoch has the best accuracy so far. */
    public boolean record(double valLoss, double valAccuracy) {
        if (valLoss < bestLoss - 1e-4) {
            bestLoss = valLoss;
            sinceBetterLoss = 0;
        } else if (++sinceBetterLoss >= patience) {
            rate = Math.max(minRate, rate * factor);
            sinceBetterLoss = 0;
        }
        if (valAccuracy > bestAccuracy) {
            bestAccuracy = valAccuracy;
            sinceBetterAccuracy = 0;
            return true;
        }
        sinceBetterAccuracy++;
        return false;
    }

    public boolean shouldStop() {
        return sinceBetterAccuracy >= stopPatience;
    }

    public float rate() {
        return rate;
    }

    public double bestAccuracy() {
        return bestAccuracy;
    }

    /** State to write with a checkpoint. */
    public State state() {
        return new State(rate, bestLoss, bestAccuracy, sinceBetterLoss, sinceBetterAccuracy);
    }

    /** Continues from a checkpoint's state. */
    public void restore(State s) {
        rate = s.rate();
        bestLoss = s.bestLoss();
        bestAccuracy = s.bestAccuracy();
        sinceBetterLoss = s.sinceBetterLoss();
        sinceBetterAccuracy = s.sinceBetterAccuracy();
    }

    /** Overrides the learning rate (fine-tuning with a new rate). */
    public void rate(float newRate) {
        rate = newRate;
    }

    public record State(float rate, double bestLoss, double bestAccuracy, int sinceBetterLoss, int sinceBetterAccuracy) {
    }
}
