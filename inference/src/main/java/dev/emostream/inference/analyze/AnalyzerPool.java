package dev.emostream.inference.analyze;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One analyzer per stream thread: native objects (the DNN net, the TensorFlow session) are created
 * the first time a thread asks and reused for every frame it processes; the analyzers of threads that ended
 * (replaced after a failure) are freed when the next one is created; {@link #close()} closes them all after the
 * streams have stopped.
 */
public final class AnalyzerPool implements Supplier<ImageAnalyzer>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyzerPool.class);

    private final Supplier<? extends ImageAnalyzer> factory;
    private final ThreadLocal<ImageAnalyzer> perThread = new ThreadLocal<>();
    private final Map<Thread, ImageAnalyzer> all = new ConcurrentHashMap<>();
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
            reapDeadThreads();
            a = factory.get();
            perThread.set(a);
            all.put(Thread.currentThread(), a);
            LOG.info("Created a frame analyzer for thread {} ({} in all)", Thread.currentThread().getName(), all.size());
        }
        return a;
    }

    /**
     * Frees the analyzers of threads that have ended (a stream thread that failed and was replaced): nobody can use
     * them any more, and each holds native memory (a detector, a TensorFlow session).
     */
    private void reapDeadThreads() {
        for (Map.Entry<Thread, ImageAnalyzer> e : all.entrySet()) {
            if (!e.getKey().isAlive() && all.remove(e.getKey(), e.getValue())) {
                e.getValue().close();
                LOG.info("Freed the frame analyzer of ended thread {}", e.getKey().getName());
            }
        }
    }

    /** How many analyzers (threads) exist. */
    public int size() {
        return all.size();
    }

    @Override
    public void close() {
        closed = true;
        for (ImageAnalyzer a : all.values()) {
            a.close();
        }
        all.clear();
    }
}
