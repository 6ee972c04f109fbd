package dev.emostream.ingest.source;

import dev.emostream.ingest.encode.JpegEncoder;
import dev.emostream.ingest.kafka.BufferedFrameSink;
import dev.emostream.ingest.kafka.FrameSink;
import dev.emostream.ingest.metrics.IngestMetrics;
import dev.emostream.schemas.FrameV1;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera on its own thread: opens the source with FFmpeg (the unlocked start, so one camera stuck
 * connecting never holds up the others; socket timeouts so a dead connection cannot hang a read), samples it
 * down to the target frame rate, encodes JPEGs and hands them to the sink. On any failure it backs off
 * (exponential, with jitter) and reconnects; sequence numbers keep increasing across reconnects, and a file
 * reopened after a failure resumes where it was (it starts again from its beginning only when looping).
 */
public final class CameraWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraWorker.class);
    private static final Duration REANCHOR = Duration.ofSeconds(2);
    /** This ingest process's run, in every frame id: sequences restart with the process, ids must not. */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private final CameraSpec spec;
    private final FrameSink sink;
    private final IngestMetrics metrics;
    private final JpegEncoder encoder;
    private final Backoff backoff;
    private final Duration ioTimeout;
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean restart;
    private volatile long lastFrameNanos = System.nanoTime();
    /** A file's stream time of the last frame handed on, to resume there after a failure; -1 before the first. */
    private long filePositionMicros = -1;

    public CameraWorker(CameraSpec spec, FrameSink sink, IngestMetrics metrics, int maxMessageBytes, Backoff backoff, Duration ioTimeout) {
        this.spec = spec;
        this.sink = sink;
        this.metrics = metrics;
        this.encoder = new JpegEncoder(spec.maxWidth(), spec.jpegQuality(), maxMessageBytes);
        this.backoff = backoff;
        this.ioTimeout = ioTimeout;
    }

    public CameraSpec spec() {
        return spec;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    /** Next sequence number (how many frames have been sent or attempted). */
    public long sequence() {
        return sequence.get();
    }

    /** Nanoseconds since the last decoded frame. */
    public long sinceLastFrameNanos() {
        return System.nanoTime() - lastFrameNanos;
    }

    /** Asks the worker to recreate its grabber (the watchdog's remedy for a source that stopped delivering). */
    public void restart() {
        restart = true;
    }

    /** Asks the worker to stop; it finishes the frame in hand and returns. */
    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        int attempt = 0;
        while (running) {
            metrics.state(CameraState.CONNECTING);
            boolean ended = false;
            try (FFmpegFrameGrabber grabber = newGrabber();
                 OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
                grabber.startUnsafe();
                metrics.state(CameraState.STREAMING);
                lastFrameNanos = System.nanoTime();
                restart = false;
                if (spec.kind() == CameraSpec.Kind.FILE && filePositionMicros > 0) {
                    grabber.setTimestamp(filePositionMicros + 1);  // resume after the last frame sent, not from the beginning
                    LOG.info("Camera {}: resuming {} at {} s", spec.id(), spec.uri(), String.format("%.2f", filePositionMicros / 1e6));
                }
                int sourceWidth = grabber.getImageWidth();
                int sourceHeight = grabber.getImageHeight();
                scaleInDecoder(grabber, sourceWidth, sourceHeight);
                LOG.info("Camera {} streaming from {} ({}x{} at {} fps, sampled to {} fps, converted at {}x{})", spec.id(), spec.uri(),
                        sourceWidth, sourceHeight, String.format("%.1f", grabber.getFrameRate()), spec.fps(),
                        grabber.getImageWidth() > 0 ? grabber.getImageWidth() : sourceWidth,
                        grabber.getImageHeight() > 0 ? grabber.getImageHeight() : sourceHeight);
                long before = sequence.get();
                ended = stream(grabber, converter);
                if (sequence.get() > before) {
                    attempt = 0;
                }
                grabber.stop();
            } catch (Exception e) {
                if (running) {
                    LOG.warn("Camera {}: {}", spec.id(), e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
            if (!running) {
                break;
            }
            if (ended && !spec.loop()) {
                metrics.state(CameraState.FINISHED);
                LOG.info("Camera {}: end of {} after {} frames", spec.id(), spec.uri(), sequence.get());
                return;
            }
            if (ended) {
                filePositionMicros = -1;
                continue; // loop the file
            }
            metrics.reconnect();
            metrics.state(CameraState.BACKING_OFF);
            Duration wait = backoff.delay(attempt++);
            LOG.info("Camera {}: reconnecting in {} ms (attempt {})", spec.id(), wait.toMillis(), attempt);
            if (!sleep(wait.toNanos())) {
                break;
            }
        }
        metrics.state(CameraState.STOPPED);
    }

    /**
     * Scaling in one pass: when the source is wider than the maximum width, FFmpeg's colour conversion (swscale)
     * writes the BGR image at the target size directly, instead of a full-size BGR image resized afterwards.
     */
    private void scaleInDecoder(FFmpegFrameGrabber grabber, int sourceWidth, int sourceHeight) {
        if (spec.maxWidth() > 0 && sourceWidth > spec.maxWidth() && sourceHeight > 0) {
            int w = spec.maxWidth() & ~1;
            int h = Math.max(2, (int) Math.round((double) sourceHeight * w / sourceWidth) & ~1);
            grabber.setImageWidth(w);
            grabber.setImageHeight(h);
        }
    }

    /** Reads until the source ends (true) or fails, stalls or is asked to restart (false). */
    private boolean stream(FFmpegFrameGrabber grabber, OpenCVFrameConverter.ToMat converter) throws Exception {
        long intervalMicros = (long) (1_000_000 / spec.fps());
        double sourceFps = grabber.getFrameRate();
        long sourceIntervalMicros = sourceFps > 0 && sourceFps < 1000 ? (long) (1_000_000 / sourceFps) : 0;
        long lastTs = -1;
        long firstTs = -1;
        long nextDue = 0;
        long wallStartNanos = 0;
        Instant wallStart = null;
        boolean file = spec.kind() == CameraSpec.Kind.FILE;
        long resumeAfter = file ? filePositionMicros : -1;  // a reopened file: frames up to the last one handed on were sent
        while (running && !restart) {
            long t0 = System.nanoTime();
            // A frame that sampling will discard is decoded but not converted to BGR: the next frame's time is
            // predicted from the source rate, with half a frame of margin so a frame that is due is never left raw.
            boolean convert = lastTs < 0 || sourceIntervalMicros == 0 || lastTs + sourceIntervalMicros + sourceIntervalMicros / 2 >= nextDue;
            Frame frame = grabber.grabFrame(false, true, convert, false);
            if (frame == null) {
                return file; // a file ended; a stream that returns nothing has gone
            }
            lastFrameNanos = System.nanoTime();
            long ts = grabber.getTimestamp();
            if (ts <= resumeAfter) {
                continue;  // the seek lands on the last frame sent (or the keyframe before it): already sent
            }
            lastTs = ts;
            if (firstTs < 0 || ts < firstTs) {
                firstTs = ts;
                nextDue = ts;
                wallStart = Instant.now();
                wallStartNanos = System.nanoTime();
            }
            if (ts < nextDue) {
                metrics.sampledOut();
                continue; // sampled out: the source is faster than the target rate
            }
            if (!convert) {
                // Due earlier than predicted (a jump in the stream clock): this one was not converted, take the next.
                metrics.sampledOut();
                nextDue = ts;
                continue;
            }
            nextDue = Math.max(nextDue + intervalMicros, ts + intervalMicros / 2);
            long offsetMicros = ts - firstTs;
            if (file && spec.realtime()) {
                long dueNanos = wallStartNanos + offsetMicros * 1000;
                if (!sleep(dueNanos - System.nanoTime())) {
                    return false;
                }
            }
            Instant capture = wallStart.plus(offsetMicros, java.time.temporal.ChronoUnit.MICROS);
            Instant now = Instant.now();
            if ((file && !spec.realtime()) || Duration.between(capture, now).abs().compareTo(REANCHOR) > 0) {
                // Stream clock and wall clock parted (a pause, a jump in the stream): re-anchor on now.
                firstTs = ts;
                wallStart = now;
                wallStartNanos = System.nanoTime();
                capture = now;
            }
            Mat mat = converter.convert(frame); // owned by the converter, reused
            JpegEncoder.Encoded jpeg = encoder.encode(mat);
            metrics.decoded(System.nanoTime() - t0);
            if (jpeg == null) {
                metrics.dropped("oversized");
                LOG.warn("Camera {}: frame too large for the topic even when re-encoded small; dropped", spec.id());
                continue;
            }
            if (jpeg.reencoded()) {
                metrics.reencoded();
            }
            long seq = sequence.getAndIncrement();
            FrameV1 out = new FrameV1(spec.id(), FrameV1.idFor(spec.id(), RUN, seq), seq, capture, jpeg.width(), jpeg.height(), jpeg.jpeg());
            sink.send(out, metrics::sent, e -> {
                if (e instanceof BufferedFrameSink.BufferOverflowException) {
                    metrics.dropped("buffer-full");
                } else {
                    metrics.dropped("send-failed");
                    LOG.warn("Camera {}: frame {} not sent: {}", spec.id(), seq, e.toString());
                }
            });
            if (file) {
                filePositionMicros = ts;  // handed on: a reopen resumes after it
            }
        }
        return false;
    }

    private FFmpegFrameGrabber newGrabber() {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(spec.kind() == CameraSpec.Kind.FILE ? spec.location() : spec.uri());
        String micros = Long.toString(ioTimeout.toNanos() / 1000);
        switch (spec.kind()) {
            case RTSP -> {
                g.setOption("rtsp_transport", spec.transport());
                g.setOption("timeout", micros);    // socket I/O (and connect) timeout, microseconds
                g.setOption("rw_timeout", micros);
                g.setOption("max_delay", "500000");
            }
            case DEVICE -> g.setFormat("video4linux2");
            case FILE -> { }
        }
        return g;
    }

    private boolean sleep(long nanos) {
        if (nanos <= 0) {
            return running;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
