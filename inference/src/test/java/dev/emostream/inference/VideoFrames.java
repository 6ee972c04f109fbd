package dev.emostream.inference;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/** Decodes a video file into JPEG frames for tests (every {@code step}-th frame, at most {@code max}). */
public final class VideoFrames {
    private VideoFrames() {
    }

    public static List<byte[]> jpegs(Path video, int step, int max) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            int index = 0;
            Frame frame;
            while (out.size() < max && (frame = grabber.grabImage()) != null) {
                if (index++ % step != 0) {
                    continue;
                }
                Mat mat = converter.convert(frame);
                try (BytePointer buf = new BytePointer()) {
                    imencode(".jpg", mat, buf);
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
