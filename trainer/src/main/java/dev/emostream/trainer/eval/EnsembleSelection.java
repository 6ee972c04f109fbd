package dev.emostream.trainer.eval;

import dev.emostream.inference.classify.ProbabilityPooling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy forward selection with replacement (Caruana et al., "Ensemble selection from libraries of models", ICML
 * 2004): start empty; each round add the member whose inclusion gives the best accuracy on the selection data (ties:
 * the lower mean cross-entropy, then the earlier member); keep the round with the best accuracy. A member picked k
 * times gets weight k. Pure arithmetic on the members' probabilities, so it runs in milliseconds once each member has
 * answered.
 *
 * <pre>{@code
 * EnsembleSelection.Result r = EnsembleSelection.select(List.of(pFast, pAccurate, pVgg), labels, 7, 10);
 * double[] weights = r.weights(); // e.g. [2, 1, 1]
 * }</pre>
 */
public final class EnsembleSelection {

    /** The chosen weights (0 for a member not picked), their accuracy and loss, and the accuracy after each round. */
    public record Result(double[] weights, double accuracy, double loss, List<Double> accuracyPerRound) {
        public int membersUsed() {
            return (int) Arrays.stream(weights).filter(w -> w > 0).count();
        }
    }

    private EnsembleSelection() {
    }

    /**
     * Selects weights for {@code members} ([n*classes] probabilities each, same rows) against {@code labels}, over at
     * most {@code rounds} rounds.
     */
    public static Result select(List<float[]> members, int[] labels, int classes, int rounds) {
        if (members.isEmpty() || rounds < 1) {
            throw new IllegalArgumentException("need at least one member and one round");
        }
        int n = labels.length;
        for (float[] p : members) {
            if (p.length != n * classes) {
                throw new IllegalArgumentException("expected " + n * classes + " probabilities per member, got " + p.length);
            }
        }
        double[] sum = new double[n * classes];
        double[] counts = new double[members.size()];
        double[] best = null;
        double bestAccuracy = -1;
        double bestLoss = Double.MAX_VALUE;
        List<Double> perRound = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            int pick = -1;
            double pickAccuracy = -1;
            double pickLoss = Double.MAX_VALUE;
            for (int m = 0; m < members.size(); m++) {
                double[] score = score(sum, members.get(m), labels, classes, round);
                if (score[0] > pickAccuracy || score[0] == pickAccuracy && score[1] < pickLoss) {
                    pick = m;
                    pickAccuracy = score[0];
                    pickLoss = score[1];
                }
            }
            float[] chosen = members.get(pick);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += chosen[i];
            }
            counts[pick]++;
            perRound.add(pickAccuracy);
            if (pickAccuracy > bestAccuracy || pickAccuracy == bestAccuracy && pickLoss < bestLoss) {
                bestAccuracy = pickAccuracy;
                bestLoss = pickLoss;
                best = counts.clone();
            }
        }
        return new Result(best, bestAccuracy, bestLoss, List.copyOf(perRound));
    }

    /** Accuracy and mean cross-entropy of ({@code sum} + {@code added}) / {@code members}. */
    private static double[] score(double[] sum, float[] added, int[] labels, int classes, int members) {
        int correct = 0;
        double loss = 0;
        for (int i = 0; i < labels.length; i++) {
            int top = 0;
            double topValue = -1;
            for (int k = 0; k < classes; k++) {
                double v = sum[i * classes + k] + added[i * classes + k];
                if (v > topValue) {
                    topValue = v;
                    top = k;
                }
            }
            correct += top == labels[i] ? 1 : 0;
            double pTrue = (sum[i * classes + labels[i]] + added[i * classes + labels[i]]) / members;
            loss -= Math.log(Math.max(pTrue, 1e-7));
        }
        return new double[] {(double) correct / labels.length, loss / labels.length};
    }

    /**
     * What each member adds: the accuracy of the weighted ensemble (pooled by {@code pooling}) with member {@code m} left
     * out, for every {@code m}
     * with a positive weight ({@code NaN} for a member already left out, or when it is the only one). Read against the
     * whole ensemble's accuracy, a member whose absence costs nothing is a candidate to drop.
     */
    public static double[] accuracyWithoutEach(List<float[]> members, double[] weights, ProbabilityPooling pooling, int[] labels,
                                               int classes) {
        double[] out = new double[members.size()];
        for (int m = 0; m < members.size(); m++) {
            double[] without = weights.clone();
            without[m] = 0;
            out[m] = weights[m] == 0 || Arrays.stream(without).sum() == 0 ? Double.NaN
                    : accuracy(pooling.pool(members, without, classes), labels, classes);
        }
        return out;
    }

    /** The share of rows whose most probable class is the label. */
    private static double accuracy(float[] probabilities, int[] labels, int classes) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += Metrics.predicted(probabilities, i, classes) == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
