package dev.emostream.inference.analyze;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One analyzer per stream thread: native objects (the DNN net, the TensorFlow session) are created
 * the first time a thread asks and reused for every frame it processes; {@link #close()} closes them all after
 * the streams have stopped.
 */
public final class AnalyzerPool implements Supplier<ImageAnalyzer>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzerPool.class);

    private final Supplier<? extends ImageAnalyzer> factory;
    private final ThreadLocal<ImageAnalyzer> perThread = new ThreadLocal<>();
    private final List<ImageAnalyzer> all = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public AnalyzerPool(Supplier<? extends ImageAnalyzer> factory) {
        this.factory = factory;
    }

    @Override
    public ImageAnalyzer get() {
        if (closed) {
            throw new IllegalStateException("analyzer pool is closed");
        }
        ImageAnalyzer a = perThread.get();
        if (a == null) {
            a = factory.get();
            perThread.set(a);
            all.add(a);
            LOG.info("Created a frame analyzer for thread {} ({} in all)", Thread.currentThread().getName(), all.size());
        }
        return a;
    }

    /** How many analyzers (threads) exist. */
    public int size() {
        return all.size();
    }

    @Override
    public void close() {
        closed = true;
        for (ImageAnalyzer a : all) {
            a.close();
        }
        all.clear();
    }
}
