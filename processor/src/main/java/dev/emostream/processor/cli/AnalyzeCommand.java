package dev.emostream.processor.cli;

import dev.emostream.inference.InferenceThreads;
import dev.emostream.inference.analyze.FrameAnalyzer;
import dev.emostream.inference.analyze.Predictions;
import dev.emostream.inference.assets.ModelLocations;
import dev.emostream.inference.detect.DetectorSettings;
import dev.emostream.ops.ProgressBars;
import dev.emostream.processor.track.ClassifySettings;
import dev.emostream.processor.track.TrackerSettings;
import dev.emostream.processor.track.CameraTracks;
import dev.emostream.schemas.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code emostream analyze}: people in a recorded video, without Kafka: the same detector, tracker and per-track
 * classification as the processor. Prints a summary per visit (or one JSON document with {@code --json}) and
 * writes the video with boxes, track ids and smoothed emotions with {@code --out}. A progress bar on stderr.
 *
 * <pre>
 * bin/emostream analyze --video ../shared/media/people-720p15.mp4 --fps 5 --json --out people-tracks.mp4
 * </pre>
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Follow the people in a recorded video: faces are tracked from frame to frame, each person's emotion is",
            "classified when their track is confirmed and then every --interval frames (or when their face grows), and",
            "smoothed over the visit. Prints one line per visit, or a JSON document with --json."},
        footerHeading = "%nJSON (--json):%n",
        footer = {"  {\"video\", \"frames\", \"fps\", \"classifications\", \"tracks\": [{\"trackId\", \"firstFrame\", \"lastFrame\", \"frames\",",
            "   \"dwellSeconds\", \"emotion\", \"probabilities\"}]}   frames count the analysed (sampled) stream; probabilities",
            "   are the mean of the track's classifications.",
            "",
            "Example:  emostream analyze --video ../shared/media/people-720p15.mp4 --fps 5 --out tracks.mp4"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--video", required = true, paramLabel = "FILE", description = "Video file to analyse (anything FFmpeg reads).")
    private Path video;

    @Option(names = "--fps", paramLabel = "N", description = "Analyse this many frames per second of video. Default: every frame.")
    private Double fps;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    private boolean json;

    @Option(names = "--out", paramLabel = "FILE.mp4", description = "Write the analysed frames with boxes, track ids and smoothed emotions.")
    private Path out;

    @Option(names = "--model", paramLabel = "DIR", description = "Emotion model directory. Default: models/fast.")
    private Path model;

    @Option(names = "--interval", paramLabel = "FRAMES", description = "Frames between two classifications of one person. Default: "
            + "${DEFAULT-VALUE}.", defaultValue = "" + 5)
    private int interval;

    @Mixin
    private DetectorOptions detector;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(video)) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--video': no such file " + video);
        }
        if (fps != null && !(fps > 0 && fps <= 240)) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--fps': " + fps + " (accepted: more than 0, at most 240)");
        }
        if (interval < 1) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--interval': " + interval + " (accepted: 1 or more)");
        }
        if (out != null && !out.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(mp4|mkv|avi|mov)$")) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--out': " + out + " (accepted: a .mp4, .mkv, .avi or .mov file name)");
        }
        DetectorSettings asked = detector.settings();
        TrackerSettings tracking = TrackerSettings.DEFAULTS.withHighScore(asked.scoreThreshold());
        // The detector reports faces down to the tracker's low threshold: those only extend tracks (ByteTrack).
        DetectorSettings detect = asked.withScoreThreshold(tracking.lowScore());
        Path modelDir = model != null ? model : ModelLocations.shippedModel("fast");
        InferenceThreads threads = InferenceThreads.forWorkers(1);
        threads.applyToOpenCv();

        List<CameraTracks.Transition> visits = new ArrayList<>();
        long analysed = 0;
        double rate;
        long classifications;
        try (FrameAnalyzer analyzer = FrameAnalyzer.open(detect, modelDir, threads, 0.1);
             FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            double sourceFps = grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 25;
            rate = fps == null ? sourceFps : Math.min(fps, sourceFps);
            long intervalMicros = (long) (1_000_000 / rate);
            long expected = Math.max(1, Math.round(grabber.getLengthInTime() / 1e6 * rate));
            List<String> classes = analyzer.model().classes();
            CameraTracks people = new CameraTracks(tracking, ClassifySettings.DEFAULTS.withIntervalFrames(interval), Duration.ofSeconds(10),
                    classes.size());
            FFmpegFrameRecorder recorder = null;
            Instant start = Instant.EPOCH;
            long nextDue = 0;
            try (ProgressBar bar = ProgressBars.bar("analyze " + video.getFileName(), expected, " frames")) {
                Frame frame;
                while ((frame = grabber.grabImage()) != null) {
                    long ts = grabber.getTimestamp();
                    if (ts < nextDue) {
                        continue;
                    }
                    nextDue = Math.max(nextDue + intervalMicros, ts + intervalMicros / 2);
                    Mat bgr = converter.convert(frame);
                    CameraTracks.Frame f = people.step(analyzer, analyzer.detect(bgr), analysed, start.plusNanos(ts * 1000));
                    visits.addAll(f.ended());
                    if (out != null) {
                        if (recorder == null) {
                            recorder = recorder(out, bgr.cols(), bgr.rows(), rate);
                        }
                        annotate(bgr, f, classes);
                        recorder.record(converter.convert(bgr));
                    }
                    analysed++;
                    bar.step();
                    bar.setExtraMessage(" people now " + f.faces().size() + ", visits " + visits.size());
                }
                bar.maxHint(analysed);
            } finally {
                if (recorder != null) {
                    recorder.close();
                }
            }
            visits.addAll(people.finish());
            classifications = people.classifications();
            grabber.stop();
            visits.sort(Comparator.comparingLong(v -> v.track().id()));
            print(visits, classes, analysed, rate, classifications);
        }
        return 0;
    }

    private void print(List<CameraTracks.Transition> visits, List<String> classes, long analysed, double rate, long classifications) throws Exception {
        var stdout = spec.commandLine().getOut();
        List<Map<String, Object>> tracks = new ArrayList<>();
        for (CameraTracks.Transition v : visits) {
            float[] mean = v.emotions() == null ? null : v.emotions().mean();
            if (mean == null) {
                continue; // confirmed but never classified: cannot happen with the defaults, and says nothing
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("trackId", v.track().id());
            t.put("firstFrame", v.track().firstSequence());
            t.put("lastFrame", v.track().lastSequence());
            t.put("frames", v.track().frames());
            t.put("dwellSeconds", Math.round((v.track().lastSequence() - v.track().firstSequence() + 1) / rate * 100) / 100.0);
            t.put("emotion", classes.get(FrameAnalyzer.argmax(mean)));
            Map<String, Double> p = new LinkedHashMap<>();
            for (int k = 0; k < classes.size(); k++) {
                p.put(classes.get(k), Math.round(mean[k] * 1e4) / 1e4);
            }
            t.put("probabilities", p);
            tracks.add(t);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("video", video.toString());
            doc.put("frames", analysed);
            doc.put("fps", Math.round(rate * 1000) / 1000.0);
            doc.put("classifications", classifications);
            doc.put("tracks", tracks);
            stdout.println(Json.MAPPER.writeValueAsString(doc));
        } else {
            stdout.printf("%s: %d frames analysed at %.1f fps, %d people (tracks), %d classifier calls%n", video, analysed, rate, tracks.size(),
                    classifications);
            for (Map<String, Object> t : tracks) {
                stdout.printf("  person #%s  frames %s-%s  %.1f s  %s%n", t.get("trackId"), t.get("firstFrame"), t.get("lastFrame"),
                        (Double) t.get("dwellSeconds"), t.get("emotion"));
            }
            if (out != null) {
                stdout.println("annotated video: " + out);
            }
        }
        stdout.flush();
    }

    private static FFmpegFrameRecorder recorder(Path out, int width, int height, double rate) throws Exception {
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), width, height);
        r.setFrameRate(rate);
        r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        r.setVideoQuality(3);
        r.start();
        return r;
    }

    private static void annotate(Mat bgr, CameraTracks.Frame f, List<String> classes) {
        for (CameraTracks.TrackedFace face : f.faces()) {
            String label = "#" + face.track().id();
            if (face.smoothed() != null) {
                int top = FrameAnalyzer.argmax(face.smoothed());
                label += String.format(" %s %.0f%%", classes.get(top), 100 * face.smoothed()[top]);
            }
            Predictions.drawFace(bgr, face.detection(), label);
        }
    }
}
