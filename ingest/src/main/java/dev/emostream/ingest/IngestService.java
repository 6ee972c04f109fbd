package dev.emostream.ingest;

import dev.emostream.ingest.kafka.BufferedFrameSink;
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
 * Ingest for many cameras in one process: one {@link CameraWorker} thread per camera, capturing into a bounded
 * buffer per camera ({@link BufferedFrameSink}: a Kafka outage never stops capture), a watchdog that recreates a
 * stream's grabber that stopped delivering (files are not restarted), and a clean stop (workers interrupted, the
 * buffer drained, the producer flushed). {@link #health()} is readiness (every camera streaming);
 * {@link #liveness()} says whether the threads are alive.
 * Run it with {@code bin/emostream ingest --camera door=rtsp://... --bootstrap-servers HOST:PORT}.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final List<CameraWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final BufferedFrameSink sink;
    private final ScheduledExecutorService watchdog;
    private final Duration noFrameTimeout;
    private boolean closed;

    /** How long cameras keep capturing into memory while Kafka is away, by default. */
    public static final Duration DEFAULT_BUFFER = Duration.ofSeconds(30);

    /** As below, with a {@link #DEFAULT_BUFFER} buffer. */
    public IngestService(List<CameraSpec> cameras, FrameSink sink, MeterRegistry registry, int maxMessageBytes,
                         Backoff backoff, Duration noFrameTimeout) {
        this(cameras, sink, registry, maxMessageBytes, backoff, noFrameTimeout, DEFAULT_BUFFER);
    }

    /**
     * @param noFrameTimeout a streaming camera without a frame for this long is reconnected; also FFmpeg's I/O timeout
     * @param buffer         how much of each camera (at its frame rate) waits in memory while Kafka is away; older frames
     *                       are dropped and counted ({@code frames.dropped{reason=buffer-full}})
     */
    public IngestService(List<CameraSpec> cameras, FrameSink sink, MeterRegistry registry, int maxMessageBytes,
                         Backoff backoff, Duration noFrameTimeout, Duration buffer) {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        Map<String, Integer> capacity = new LinkedHashMap<>();
        for (CameraSpec c : cameras) {
            capacity.put(c.id(), (int) Math.max(1, Math.ceil(c.fps() * buffer.toMillis() / 1000.0)));
        }
        this.sink = new BufferedFrameSink(sink, camera -> capacity.getOrDefault(camera, 1));
        this.noFrameTimeout = noFrameTimeout;
        for (CameraSpec c : cameras) {
            workers.add(new CameraWorker(c.validated(), this.sink, new IngestMetrics(registry, c.id()), maxMessageBytes, backoff, noFrameTimeout));
            io.micrometer.core.instrument.Gauge.builder("emostream.ingest.buffer.frames", this.sink, s -> s.waiting(c.id()))
                    .description("Frames captured and waiting for Kafka").tag("camera", c.id()).register(registry);
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
            // A file does not stall by itself, and recreating its grabber would only cost a seek
            if (w.spec().kind() != CameraSpec.Kind.FILE && w.metrics().state() == CameraState.STREAMING
                    && w.sinceLastFrameNanos() > noFrameTimeout.toNanos()) {
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

    /**
     * Liveness: the process can still do its work, i.e. every camera thread runs (or its file finished) and the
     * sender runs. A camera that cannot connect is not a liveness failure: restarting the pod would not fix it and
     * would stop the healthy cameras too; it shows on {@link #health()} (readiness) instead.
     */
    public OpsHttpServer.Health liveness() {
        Map<String, Object> status = new LinkedHashMap<>();
        boolean ok = sink.alive();
        for (int i = 0; i < workers.size(); i++) {
            CameraState s = workers.get(i).metrics().state();
            boolean alive = this.threads.get(i).isAlive() || s == CameraState.FINISHED || s == CameraState.STOPPED;
            status.put(workers.get(i).spec().id(), alive ? "alive" : "dead");
            ok &= alive;
        }
        status.put("sender", sink.alive() ? "alive" : "dead");
        return new OpsHttpServer.Health(ok, Map.of("threads", status));
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
        threads.forEach(Thread::interrupt);  // ends a backoff sleep at once, so the grace period goes to flushing
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
        sink.close(Duration.ofSeconds(20));
        LOG.info("Ingest stopped; frames sent: {}", workers.stream().mapToLong(w -> (long) w.metrics().sentCount()).sum());
    }
}
