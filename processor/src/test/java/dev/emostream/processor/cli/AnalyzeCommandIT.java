package dev.emostream.processor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emostream.inference.TestAssets;
import dev.emostream.schemas.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code emostream analyze} on the shared people clip: six photos, panned and zoomed, cut one after another. */
class AnalyzeCommandIT {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new AnalyzeCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void thePeopleClipAt5FpsGivesOneTrackPerFaceAndNoneAcrossACut() throws Exception {
        // Given the 30 s clip, analysed at 5 frames/s (150 frames: six photos of 25 frames each)
        Path clip = TestAssets.media("people-720p15.mp4");
        Path annotated = dir.resolve("tracks.mp4");
        StringWriter out = new StringWriter();

        // When it is analysed with --json and --out
        int code = run(out, new StringWriter(), "--video", clip.toString(), "--fps", "5", "--json", "--out", annotated.toString(),
                "--model", TestAssets.fastModel().toString(), "--assets", TestAssets.assetsRoot().toString());

        // Then one JSON document describes 150 frames at 5 fps
        assertThat(code).isZero();
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertThat(doc.get("frames").asLong()).isEqualTo(150);
        assertThat(doc.get("fps").asDouble()).isEqualTo(5.0);
        JsonNode tracks = doc.get("tracks");
        // 21 faces counted by eye over the six photos (3, 3, 3, 3, 5, 4); a few short extra tracks are background
        // patches or half-hidden heads
        assertThat(tracks.size()).isBetween(19, 27);
        int longTracks = 0;
        long facesInTracks = 0;
        for (JsonNode t : tracks) {
            long first = t.get("firstFrame").asLong();
            long last = t.get("lastFrame").asLong();
            // no track runs across a cut between two photos
            assertThat(first / 25).as("track %s", t.get("trackId")).isEqualTo(last / 25);
            assertThat(t.get("frames").asLong()).isBetween(1L, last - first + 1);
            assertThat(t.get("dwellSeconds").asDouble()).isCloseTo((last - first + 1) / 5.0, within(0.01));
            double sum = 0;
            for (JsonNode p : t.get("probabilities")) {
                sum += p.asDouble();
            }
            assertThat(sum).isCloseTo(1.0, within(1e-3));
            assertThat(t.get("probabilities").has(t.get("emotion").asText())).isTrue();
            longTracks += last - first + 1 >= 20 ? 1 : 0;
            facesInTracks += t.get("frames").asLong();
        }
        // most faces are followed through their whole photo (25 frames)
        assertThat(longTracks).isGreaterThanOrEqualTo(18);
        // and the classifier ran for about one face in five, not for every face in every frame
        assertThat(doc.get("classifications").asLong()).isBetween(tracks.size() * 1L, facesInTracks / 3);

        // And the annotated video has the analysed frames
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(annotated.toFile())) {
            g.start();
            assertThat(g.getImageWidth()).isEqualTo(1280);
            assertThat(g.getLengthInVideoFrames()).isBetween(148, 152);
            g.stop();
        }
        assertThat(Files.size(annotated)).isGreaterThan(100_000);
    }

    @Test
    void badFlagsNameTheFlagAndTheAcceptedValues() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "--video", "no-such.mp4")).isEqualTo(2);
        assertThat(err.toString()).contains("'--video': no such file no-such.mp4");

        err = new StringWriter();
        assertThat(run(new StringWriter(), err, "--video", "pom.xml", "--fps", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("'--fps': 0.0 (accepted: more than 0, at most 240)");

        err = new StringWriter();
        assertThat(run(new StringWriter(), err, "--video", "pom.xml", "--out", "x.gif")).isEqualTo(2);
        assertThat(err.toString()).contains("'--out': x.gif (accepted: a .mp4, .mkv, .avi or .mov file name)");
    }
}
