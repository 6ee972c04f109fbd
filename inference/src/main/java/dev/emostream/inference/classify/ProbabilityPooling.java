package dev.emostream.inference.classify;

import java.util.Arrays;
import java.util.List;

/**
 * How an ensemble turns its members' probabilities into one answer (the card's {@code ensemble.combine}).
 * {@link #MEAN}: the weighted arithmetic mean (linear pooling), what every card before {@code combine} existed meant.
 * {@link #GEOMETRIC}: the weighted geometric mean, renormalised to sum to 1 (log-linear pooling, a product of experts):
 * a class must be likely to every member, so one confident member no longer outvotes the rest's doubt. Pure arithmetic
 * on [n * classes] rows, shared by the classifier and the {@code ensemble} command, so the card answers what was measured.
 *
 * <pre>{@code
 * float[] p = ProbabilityPooling.GEOMETRIC.pool(List.of(pFast, pAccurate), new double[] {1, 1}, 7);
 * }</pre>
 */
public enum ProbabilityPooling {
    /** The weighted arithmetic mean of the members' probabilities. */
    MEAN("mean", "arithmetic mean"),
    /**
     * The weighted geometric mean, renormalised per row; each probability is floored at {@link #FLOOR} first, so a
     * member that rules a class out cannot veto it beyond that.
     */
    GEOMETRIC("geometric", "geometric mean");

    /** The least probability the geometric mean takes from a member: log(1e-7) bounds one member's veto. */
    public static final double FLOOR = 1e-7;

    private final String cardName;
    private final String description;

    ProbabilityPooling(String cardName, String description) {
        this.cardName = cardName;
        this.description = description;
    }

    /** For logs and reports: {@code arithmetic mean} or {@code geometric mean}. */
    public String description() {
        return description;
    }

    /** The name in a model card's {@code ensemble.combine} and in {@code --combine}. */
    public String cardName() {
        return cardName;
    }

    /** The pooling a card names (null: {@link #MEAN}, as cards written before the field meant); the error lists the names. */
    public static ProbabilityPooling ofCardName(String name) {
        if (name == null) {
            return MEAN;
        }
        for (ProbabilityPooling p : values()) {
            if (p.cardName.equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown way to combine members '" + name + "' (accepted: " + String.join(", ", cardNames()) + ")");
    }

    public static List<String> cardNames() {
        return Arrays.stream(values()).map(ProbabilityPooling::cardName).toList();
    }

    /**
     * Pools {@code members} ([n * classes] probabilities each, same rows) with {@code weights} (non-negative, not all 0;
     * need not sum to 1; a member of weight 0 is left out).
     */
    public float[] pool(List<float[]> members, double[] weights, int classes) {
        if (members.isEmpty() || members.size() != weights.length) {
            throw new IllegalArgumentException(members.size() + " members for " + weights.length + " weights");
        }
        int length = members.get(0).length;
        double total = 0;
        for (int m = 0; m < members.size(); m++) {
            if (members.get(m).length != length) {
                throw new IllegalArgumentException("member " + m + " has " + members.get(m).length + " probabilities, member 0 " + length);
            }
            total += weights[m];
        }
        if (!(total > 0) || length % classes != 0) {
            throw new IllegalArgumentException("weights summing to " + total + " over rows of " + classes + " classes (" + length + " values)");
        }
        double[] sum = new double[length];
        for (int m = 0; m < members.size(); m++) {
            if (weights[m] == 0) {
                continue;
            }
            float[] p = members.get(m);
            for (int j = 0; j < length; j++) {
                sum[j] += weights[m] * (this == MEAN ? p[j] : Math.log(Math.max(p[j], FLOOR)));
            }
        }
        float[] out = new float[length];
        if (this == MEAN) {
            for (int j = 0; j < length; j++) {
                out[j] = (float) (sum[j] / total);
            }
            return out;
        }
        for (int row = 0; row < length; row += classes) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, sum[row + k] / total);
            }
            double norm = 0;
            for (int k = 0; k < classes; k++) {
                sum[row + k] = Math.exp(sum[row + k] / total - max);
                norm += sum[row + k];
            }
            for (int k = 0; k < classes; k++) {
                out[row + k] = (float) (sum[row + k] / norm);
            }
        }
        return out;
    }
}
