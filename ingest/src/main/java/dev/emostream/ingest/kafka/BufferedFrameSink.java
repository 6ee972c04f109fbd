package dev.emostream.ingest.kafka;

import dev.emostream.schemas.FrameV1;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps cameras capturing while Kafka is away: {@link #send} never blocks; frames wait in a bounded queue per camera
 * (e.g. 30 s of frames at the camera's rate) and one sender thread hands them to the real sink in order. When the
 * broker is down the real producer's {@code send} may block (metadata, full buffer) — the sender waits, the cameras
 * do not. A full queue drops its oldest frame, reported to that frame's {@code failed} callback as
 * {@link BufferOverflowException} so it is counted; the frames behind it keep their sequence numbers, so the gap is
 * visible downstream too.
 */
public final class BufferedFrameSink implements FrameSink {
    private static final Logger LOG = LoggerFactory.getLogger(BufferedFrameSink.class);

    /** A frame dropped because its camera's queue was full. */
    public static final class BufferOverflowException extends RuntimeException {
        BufferOverflowException(String camera, int capacity) {
            super("camera " + camera + ": " + capacity + " frames already waiting for Kafka; the oldest was dropped");
        }
    }

    private record Pending(FrameV1 frame, LongConsumer acked, Consumer<Exception> failed) {
    }

    private final FrameSink delegate;
    private final ToIntFunction<String> capacity;
    private final Map<String, ArrayDeque<Pending>> queues = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread sender;
    private volatile boolean closing;
    private int waiting;
    private boolean sending;

    /**
     * @param capacity frames a camera may have waiting (by camera id), at least 1
     */
    public BufferedFrameSink(FrameSink delegate, ToIntFunction<String> capacity) {
        this.delegate = delegate;
        this.capacity = capacity;
        this.sender = new Thread(this::sendLoop, "ingest-sender");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void send(FrameV1 frame, LongConsumer acked, Consumer<Exception> failed) {
        Pending dropped = null;
        int cap = Math.max(1, capacity.applyAsInt(frame.cameraId()));
        lock.lock();
        try {
            ArrayDeque<Pending> q = queues.computeIfAbsent(frame.cameraId(), c -> new ArrayDeque<>());
            if (q.size() >= cap) {
                dropped = q.pollFirst();
                waiting--;
            }
            q.addLast(new Pending(frame, acked, failed));
            waiting++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (dropped != null) {
            dropped.failed().accept(new BufferOverflowException(frame.cameraId(), cap));
        }
    }

    /** Frames waiting for camera {@code camera}. */
    public int waiting(String camera) {
        lock.lock();
        try {
            ArrayDeque<Pending> q = queues.get(camera);
            return q == null ? 0 : q.size();
        } finally {
            lock.unlock();
        }
    }

    private void sendLoop() {
        while (true) {
            Pending next;
            lock.lock();
            try {
                while (waiting == 0 && !closing) {
                    changed.await();
                }
                if (waiting == 0) {
                    return;
                }
                next = takeOldest();
                sending = true;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                delegate.send(next.frame(), next.acked(), next.failed());  // may block while Kafka is away
            } catch (RuntimeException e) {
                next.failed().accept(e);
            } finally {
                lock.lock();
                try {
                    sending = false;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** The frame captured first among every camera's queue heads (fair across cameras, in order within one). */
    private Pending takeOldest() {
        ArrayDeque<Pending> oldest = null;
        for (ArrayDeque<Pending> q : queues.values()) {
            if (!q.isEmpty() && (oldest == null || q.peekFirst().frame().captureTime().isBefore(oldest.peekFirst().frame().captureTime()))) {
                oldest = q;
            }
        }
        waiting--;
        return oldest.pollFirst();
    }

    /** Waits until every frame handed over so far has been passed on and acknowledged (or has failed). */
    @Override
    public void flush() {
        lock.lock();
        try {
            while ((waiting > 0 || sending) && sender.isAlive()) {
                changed.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        delegate.flush();
    }

    /** Sends what is waiting (for at most {@code drain}), then closes the real sink; frames still waiting then fail. */
    public void close(Duration drain) {
        closing = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            sender.join(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            sender.interrupt();
            LOG.warn("Closed with {} frame(s) still waiting for Kafka", waitingTotal());
        }
        delegate.close();
    }

    private int waitingTotal() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the sender thread runs (a liveness check). */
    public boolean alive() {
        return sender.isAlive() || closing;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(20));
    }
}
