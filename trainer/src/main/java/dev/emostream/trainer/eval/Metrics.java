package dev.emostream.trainer.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification figures from true labels and predicted probabilities: accuracy, mean cross-entropy loss,
 * top-2/top-3 accuracy, the confusion matrix (rows = true class, columns = predicted) and per-class
 * precision, recall and F1.
 */
public record Metrics(List<String> classes, int count, double accuracy, double loss, double top2, double top3,
                      int[][] confusion, Map<String, PerClass> perClass, double macroF1) {

    /** One class's figures; {@code support} is how many images truly belong to it. */
    public record PerClass(double precision, double recall, double f1, int support) {
    }

    /** The most probable class of row {@code row} of {@code probabilities} ({@code classes} per row; ties: the first). */
    public static int predicted(float[] probabilities, int row, int classes) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (probabilities[row * classes + k] > probabilities[row * classes + best]) {
                best = k;
            }
        }
        return best;
    }

    /** Figures for {@code labels[i]} against {@code probabilities[i*C .. i*C+C)}. */
    public static Metrics of(List<String> classes, int[] labels, float[] probabilities) {
        int c = classes.size();
        int n = labels.length;
        if (probabilities.length != n * c) {
            throw new IllegalArgumentException("expected " + n * c + " probabilities, got " + probabilities.length);
        }
        int[][] confusion = new int[c][c];
        int top1 = 0;
        int top2 = 0;
        int top3 = 0;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int truth = labels[i];
            float pTrue = probabilities[i * c + truth];
            int rank = 0; // classes scored higher than the true one
            int best = 0;
            for (int k = 0; k < c; k++) {
                float p = probabilities[i * c + k];
                if (p > pTrue) {
                    rank++;
                }
                if (p > probabilities[i * c + best]) {
                    best = k;
                }
            }
            confusion[truth][best]++;
            top1 += best == truth ? 1 : 0;
            top2 += rank < 2 ? 1 : 0;
            top3 += rank < 3 ? 1 : 0;
            loss -= Math.log(Math.max(pTrue, 1e-7));
        }
        return fromConfusion(classes, confusion, n == 0 ? 0 : loss / n,
                n == 0 ? 0 : (double) top2 / n, n == 0 ? 0 : (double) top3 / n);
    }

    /** Figures of a known confusion matrix (loss and top-k as given). */
    public static Metrics fromConfusion(List<String> classes, int[][] confusion, double loss, double top2, double top3) {
        int c = classes.size();
        int n = 0;
        int correct = 0;
        Map<String, PerClass> perClass = new LinkedHashMap<>();
        double f1Sum = 0;
        for (int k = 0; k < c; k++) {
            int support = 0;
            int predicted = 0;
            for (int j = 0; j < c; j++) {
                support += confusion[k][j];
                predicted += confusion[j][k];
            }
            int tp = confusion[k][k];
            n += support;
            correct += tp;
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            f1Sum += f1;
            perClass.put(classes.get(k), new PerClass(precision, recall, f1, support));
        }
        return new Metrics(classes, n, n == 0 ? 0 : (double) correct / n, loss, top2, top3, confusion, perClass, f1Sum / c);
    }

    /** JSON-friendly form: the evaluation report's core. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("count", count);
        m.put("loss", loss);
        m.put("top2Accuracy", top2);
        m.put("top3Accuracy", top3);
        m.put("macroF1", macroF1);
        m.put("classes", classes);
        m.put("confusion", confusion);
        m.put("perClass", perClass);
        return m;
    }

    /** A plain-text table for the terminal. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("accuracy %.4f  top-2 %.4f  top-3 %.4f  loss %.4f  macro-F1 %.4f  (%d images)%n",
                accuracy, top2, top3, loss, macroF1, count));
        s.append(String.format("%-9s %9s %7s %6s %7s%n", "class", "precision", "recall", "F1", "support"));
        perClass.forEach((k, v) -> s.append(String.format("%-9s %9.3f %7.3f %6.3f %7d%n", k, v.precision(), v.recall(), v.f1(), v.support())));
        s.append("confusion (rows: true, columns: predicted)\n");
        s.append(String.format("%-9s", ""));
        classes.forEach(k -> s.append(String.format("%8s", k.substring(0, Math.min(7, k.length())))));
        s.append('\n');
        for (int i = 0; i < classes.size(); i++) {
            s.append(String.format("%-9s", classes.get(i)));
            for (int j = 0; j < classes.size(); j++) {
                s.append(String.format("%8d", confusion[i][j]));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
