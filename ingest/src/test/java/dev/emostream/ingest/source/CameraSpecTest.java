package dev.emostream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraSpecTest {
    @TempDir
    Path dir;

    @Test
    void kindsComeFromTheUri() throws Exception {
        Path video = Files.createFile(dir.resolve("clip.mp4"));
        assertThat(CameraSpec.parse("door=rtsp://10.0.0.7/stream").validated().kind()).isEqualTo(CameraSpec.Kind.RTSP);
        assertThat(CameraSpec.parse("cam=/dev/video0").validated().kind()).isEqualTo(CameraSpec.Kind.DEVICE);
        assertThat(CameraSpec.parse("demo=" + video).validated().kind()).isEqualTo(CameraSpec.Kind.FILE);
        assertThat(CameraSpec.parse("demo=" + video.toUri()).validated().location()).isEqualTo(video.toString());
    }

    @Test
    void badSettingsNameTheCameraAndWhatIsAccepted() throws Exception {
        Path video = Files.createFile(dir.resolve("clip.mp4"));
        assertThatThrownBy(() -> CameraSpec.parse("door=http://10.0.0.7/stream").validated())
                .hasMessageContaining("door").hasMessageContaining("unknown scheme 'http'").hasMessageContaining("rtsp://");
        assertThatThrownBy(() -> CameraSpec.parse("door=/no/such.mp4").validated())
                .hasMessageContaining("no such video file /no/such.mp4");
        assertThatThrownBy(() -> CameraSpec.parse("door=" + video).with(0, 1280, 85, false, true, "tcp").validated())
                .hasMessageContaining("fps 0.0").hasMessageContaining("more than 0");
        assertThatThrownBy(() -> CameraSpec.parse("door=" + video).with(5, 1280, 101, false, true, "tcp").validated())
                .hasMessageContaining("jpegQuality").hasMessageContaining("1..100");
        assertThatThrownBy(() -> CameraSpec.parse("door=rtsp://x/y").with(5, 1280, 85, false, true, "sctp").validated())
                .hasMessageContaining("transport 'sctp'").hasMessageContaining("tcp, udp");
        assertThatThrownBy(() -> CameraSpec.parse("bad id=rtsp://x/y").validated()).hasMessageContaining("camera id 'bad id'");
        assertThatThrownBy(() -> CameraSpec.parse("nouri")).hasMessageContaining("ID=URI");
    }

    @Test
    void cameraFilesTakeDefaultsAndRejectUnknownKeys() throws Exception {
        Path video = Files.createFile(dir.resolve("clip.mp4"));
        Path yaml = dir.resolve("cameras.yaml");
        Files.writeString(yaml, """
                defaults: {fps: 2, jpegQuality: 70}
                cameras:
                  - {id: door, uri: "rtsp://10.0.0.7/stream", transport: udp}
                  - {id: demo, uri: "%s", fps: 10, loop: true}
                """.formatted(video));
        var cameras = CameraFile.read(yaml);
        assertThat(cameras).extracting(CameraSpec::id).containsExactly("door", "demo");
        assertThat(cameras.get(0).fps()).isEqualTo(2.0);
        assertThat(cameras.get(0).transport()).isEqualTo("udp");
        assertThat(cameras.get(1).fps()).isEqualTo(10.0);
        assertThat(cameras.get(1).jpegQuality()).isEqualTo(70);
        assertThat(cameras.get(1).loop()).isTrue();

        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\"cameras\": [{\"id\": \"a\", \"uri\": \"rtsp://x/y\", \"fsp\": 3}]}");
        assertThatThrownBy(() -> CameraFile.read(typo)).hasMessageContaining("unknown key 'fsp'").hasMessageContaining("fps");
    }

    @Test
    void backoffGrowsWithJitterUpToItsCap() {
        Backoff b = Backoff.standard();
        for (int i = 0; i < 50; i++) {
            assertThat(b.delay(0).toMillis()).isBetween(250L, 500L);
            assertThat(b.delay(3).toMillis()).isBetween(2000L, 4000L);
            assertThat(b.delay(30).toMillis()).isBetween(15_000L, 30_000L);
        }
    }
}
