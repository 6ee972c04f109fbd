package dev.emostream.trainer.eval;

import dev.emostream.trainer.train.EpochLog;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots people would rather look at than read: learning curves and the confusion matrix. */
public final class Plots {
    private static final int W = 640;
    private static final int H = 440;

    private Plots() {
    }

    /** Loss and accuracy per epoch, training and PublicTest, side by side. */
    public static void learningCurves(List<EpochLog.Row> rows, String title, Path png) throws IOException {
        double[] epochs = rows.stream().mapToDouble(EpochLog.Row::epoch).toArray();
        XYChart loss = new XYChartBuilder().width(W).height(H).title(title + ": loss").xAxisTitle("epoch").yAxisTitle("cross-entropy").build();
        loss.addSeries("training", epochs, rows.stream().mapToDouble(EpochLog.Row::trainLoss).toArray()).setMarker(SeriesMarkers.NONE);
        loss.addSeries("PublicTest", epochs, rows.stream().mapToDouble(EpochLog.Row::valLoss).toArray()).setMarker(SeriesMarkers.NONE);
        XYChart accuracy = new XYChartBuilder().width(W).height(H).title(title + ": accuracy").xAxisTitle("epoch").yAxisTitle("accuracy").build();
        accuracy.addSeries("training", epochs, rows.stream().mapToDouble(EpochLog.Row::trainAccuracy).toArray()).setMarker(SeriesMarkers.NONE);
        accuracy.addSeries("PublicTest", epochs, rows.stream().mapToDouble(EpochLog.Row::valAccuracy).toArray()).setMarker(SeriesMarkers.NONE);
        BufferedImage out = new BufferedImage(2 * W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(BitmapEncoder.getBufferedImage(loss), 0, 0, null);
        g.drawImage(BitmapEncoder.getBufferedImage(accuracy), W, 0, null);
        g.dispose();
        ImageIO.write(out, "png", png.toFile());
    }

    /** The confusion matrix as a heat map of row-normalised recall, with counts in the cells. */
    public static void confusion(Metrics m, String title, Path png) throws IOException {
        int c = m.classes().size();
        List<String> labels = m.classes();
        int[] xs = new int[c];
        int[] ys = new int[c];
        for (int i = 0; i < c; i++) {
            xs[i] = i;
            ys[i] = i;
        }
        Number[][] heat = new Number[c * c][];
        int k = 0;
        for (int t = 0; t < c; t++) {
            int support = java.util.Arrays.stream(m.confusion()[t]).sum();
            for (int p = 0; p < c; p++) {
                double share = support == 0 ? 0 : (double) m.confusion()[t][p] / support;
                // y runs bottom-up in the chart: put the first class on top.
                heat[k++] = new Number[] {p, c - 1 - t, Math.round(share * 100)};
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(100 + 90 * c).height(80 + 80 * c)
                .title(String.format("%s: accuracy %.1f%% (%d images), %% of each true class", title, 100 * m.accuracy(), m.count()))
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214), new Color(8, 48, 107)});
        chart.getStyler().setMin(0).setMax(100);
        List<String> reversed = new java.util.ArrayList<>(labels);
        java.util.Collections.reverse(reversed);
        chart.addSeries("recall %", labels, reversed, java.util.Arrays.asList(heat));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
