package dev.emostream.app.bench;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
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
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
             IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 85)) {
            grabber.start();
            Frame frame;
            while (out.size() < max && (frame = grabber.grabImage()) != null) {
                Mat mat = converter.convert(frame);
                try (BytePointer buf = new BytePointer()) {
                    imencode(".jpg", mat, buf, params);
                    byte[] bytes = new byte[(int) buf.limit()];
                    buf.get(bytes);
                    out.add(bytes);
                }
            }
            grabber.stop();
        }
        return out;
    }
}
