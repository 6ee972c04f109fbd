package dev.emostream.ingest;

import dev.emostream.ingest.kafka.FrameSink;
import dev.emostream.ingest.metrics.IngestMetrics;
import dev.emostream.ingest.source.Backoff;
import dev.emostream.ingest.source.CameraSpec;
import dev.emostream.ingest.source.CameraState;
import dev.emostream.ingest.source.CameraWorker;
import dev.emostream.ops.OpsHttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest for many cameras in one process: one {@link CameraWorker} thread per camera, a watchdog that recreates
 * a grabber that stopped delivering, and a clean stop (workers first, then the producer is flushed).
 * Run it with {@code bin/emostream ingest --camera door=rtsp://... --bootstrap-servers HOST:PORT}.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final List<CameraWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final FrameSink sink;
    private final ScheduledExecutorService watchdog;
    private final Duration noFrameTimeout;
    private boolean closed;

    /**
     * @param noFrameTimeout a streaming camera without a frame for this long is reconnected; also FFmpeg's I/O timeout
     */
    public IngestService(List<CameraSpec> cameras, FrameSink sink, MeterRegistry registry, int maxMessageBytes,
                         Backoff backoff, Duration noFrameTimeout) {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        this.sink = sink;
        this.noFrameTimeout = noFrameTimeout;
        for (CameraSpec c : cameras) {
            workers.add(new CameraWorker(c.validated(), sink, new IngestMetrics(registry, c.id()), maxMessageBytes, backoff, noFrameTimeout));
        }
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    public IngestService start() {
        for (CameraWorker w : workers) {
            Thread t = new Thread(w, "camera-" + w.spec().id());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long period = Math.max(200, noFrameTimeout.toMillis() / 4);
        watchdog.scheduleAtFixedRate(this::checkStalls, period, period, TimeUnit.MILLISECONDS);
        LOG.info("Ingesting {} camera(s): {}", workers.size(), workers.stream().map(w -> w.spec().id() + "=" + w.spec().uri()).toList());
        return this;
    }

    private void checkStalls() {
        for (CameraWorker w : workers) {
            if (w.metrics().state() == CameraState.STREAMING && w.sinceLastFrameNanos() > noFrameTimeout.toNanos()) {
                LOG.warn("Camera {}: no frame for {} ms; recreating its grabber", w.spec().id(),
                        TimeUnit.NANOSECONDS.toMillis(w.sinceLastFrameNanos()));
                w.restart();
            }
        }
    }

    public List<CameraWorker> workers() {
        return workers;
    }

    /** Healthy when no camera is backing off or connecting for long; details list every camera's state. */
    public OpsHttpServer.Health health() {
        Map<String, Object> cameras = new LinkedHashMap<>();
        boolean ok = true;
        for (CameraWorker w : workers) {
            CameraState s = w.metrics().state();
            cameras.put(w.spec().id(), Map.of("state", s.name(), "framesSent", (long) w.metrics().sentCount(),
                    "reconnects", (long) w.metrics().reconnectCount()));
            ok &= s == CameraState.STREAMING || s == CameraState.FINISHED;
        }
        return new OpsHttpServer.Health(ok, Map.of("cameras", cameras));
    }

    /** True when every camera thread has ended (files finished, or stopped). */
    public boolean finished() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        watchdog.shutdownNow();
        workers.forEach(CameraWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(noFrameTimeout.toMillis() + 5_000);
                if (t.isAlive()) {
                    LOG.warn("Camera thread {} did not stop in time", t.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sink.flush();
        sink.close();
        LOG.info("Ingest stopped; frames sent: {}", workers.stream().mapToLong(w -> (long) w.metrics().sentCount()).sum());
    }
}
