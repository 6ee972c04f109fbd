package dev.emostream.trainer.train;

import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A per-epoch progress bar with ETA and a running message (loss, accuracy) on stderr. On a terminal it
 * redraws in place; in a log file (nohup, CI) it writes a line every 15 seconds instead.
 */
final class Progress {
    private Progress() {
    }

    static ProgressBar bar(String task, long steps) {
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" batches", 1)
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
