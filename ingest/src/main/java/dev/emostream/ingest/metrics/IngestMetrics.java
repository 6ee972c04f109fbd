package dev.emostream.ingest.metrics;

import dev.emostream.ingest.source.CameraState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-camera ingest meters (Prometheus {@code emostream_ingest_*}, label {@code camera}): frames decoded, sent,
 * dropped by reason, re-encoded smaller, reconnects, decode and send latency, and the camera's state.
 */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final String camera;
    private final Counter decoded;
    private final Counter sent;
    private final Counter reencoded;
    private final Counter reconnects;
    private final Counter sampledOut;
    private final Timer decode;
    private final Timer send;
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
    private final AtomicReference<CameraState> state = new AtomicReference<>(CameraState.CONNECTING);

    public IngestMetrics(MeterRegistry registry, String camera) {
        this.registry = registry;
        this.camera = camera;
        this.decoded = Counter.builder("emostream.ingest.frames.decoded").tag("camera", camera)
                .description("Frames decoded and encoded as JPEG, per camera").register(registry);
        this.sent = Counter.builder("emostream.ingest.frames.sent").tag("camera", camera)
                .description("Frames Kafka acknowledged, per camera").register(registry);
        this.reencoded = Counter.builder("emostream.ingest.frames.reencoded").tag("camera", camera)
                .description("Frames encoded again smaller to fit the topic's message size").register(registry);
        this.reconnects = Counter.builder("emostream.ingest.reconnects").tag("camera", camera)
                .description("Times the camera's source was reopened after a failure or a stall").register(registry);
        this.sampledOut = Counter.builder("emostream.ingest.frames.sampled.out").tag("camera", camera)
                .description("Source frames skipped to keep to the target frame rate (decoded, never converted or sent)").register(registry);
        this.decode = Timer.builder("emostream.ingest.decode").tag("camera", camera)
                .description("Grab, convert and JPEG-encode time per frame sent").publishPercentiles(0.5, 0.99).register(registry);
        this.send = Timer.builder("emostream.ingest.send").tag("camera", camera)
                .description("From send to the broker's acknowledgement").publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("emostream.ingest.state", state, s -> s.get().ordinal()).tag("camera", camera)
                .description("0 connecting, 1 streaming, 2 backing off, 3 finished, 4 stopped").register(registry);
        // Counters exist from zero, so a rate() over them has a series before the first drop
        for (String reason : java.util.List.of("oversized", "send-failed", "buffer-full")) {
            droppedCounter(reason);
        }
    }

    public void decoded(long nanos) {
        decoded.increment();
        decode.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void sent(long nanos) {
        sent.increment();
        send.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void reencoded() {
        reencoded.increment();
    }

    public void sampledOut() {
        sampledOut.increment();
    }

    public double sampledOutCount() {
        return sampledOut.count();
    }

    public void reconnect() {
        reconnects.increment();
    }

    public void dropped(String reason) {
        droppedCounter(reason).increment();
    }

    private Counter droppedCounter(String reason) {
        return dropped.computeIfAbsent(reason, r -> Counter.builder("emostream.ingest.frames.dropped").tag("camera", camera)
                .tag("reason", r).description("Frames captured but not sent, by reason (buffer-full: Kafka away longer than the buffer)")
                .register(registry));
    }

    public void state(CameraState s) {
        state.set(s);
    }

    public CameraState state() {
        return state.get();
    }

    public double sentCount() {
        return sent.count();
    }

    public double reconnectCount() {
        return reconnects.count();
    }

    public double droppedCount(String reason) {
        Counter c = dropped.get(reason);
        return c == null ? 0 : c.count();
    }
}
