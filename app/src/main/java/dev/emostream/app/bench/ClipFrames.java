package dev.emostream.app.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.emostream.ingest.encode.JpegEncoder;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/** A clip's frames as JPEGs, as ingest would put them on Kafka (quality 85). */
final class ClipFrames {
    private ClipFrames() {
    }

    static List<byte[]> jpegs(Path video, int max) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            Frame frame;
            while (out.size() < max && (frame = grabber.grabImage()) != null) {
                Mat mat = converter.convert(frame);
                out.add(JpegEncoder.encode(mat, 85));
            }
            grabber.stop();
        }
        return out;
    }
}
