package dev.emostream.ops;

import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of long work (a training epoch, a video's analysis) with ETA, speed and a running message on
 * stderr. On a terminal it redraws in place; in a log file (nohup, CI) it writes a line every 15 seconds instead.
 */
public final class ProgressBars {
    private ProgressBars() {
    }

    /** A bar for {@code steps} steps counted in {@code unit} (e.g. " batches", " frames"). */
    public static ProgressBar bar(String task, long steps, String unit) {
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(unit, 1)
                .showSpeed()
                .continuousUpdate();
        if (System.console() == null) {
            Consumer<String> line = s -> System.err.println(s.strip());
            b.setConsumer(new DelegatingProgressBarConsumer(line, 160)).setUpdateIntervalMillis(15_000);
        } else {
            b.setUpdateIntervalMillis(500);
        }
        return b.build();
    }
}
