package dev.emostream.app.demo;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Makes the demo's sample clip from a still image: a slow pan and zoom ("Ken Burns") over it, 640x480,
 * 15 fps, MPEG-4. The shipped {@code samples/astronaut-pan.mp4} was made from NASA's public-domain astronaut
 * portrait with {@code bin/emostream demo --make-sample samples/astronaut-pan.mp4 --from ../shared/media/astronaut.png}.
 */
public final class SampleClip {
    private static final int W = 640;
    private static final int H = 480;
    private static final int FPS = 15;

    private SampleClip() {
    }

    public static void make(Path image, Path out, int seconds) throws Exception {
        try (Mat src = imread(image.toString());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
             FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), W, H, 0)) {
            if (src.empty()) {
                throw new IllegalArgumentException("cannot read image " + image);
            }
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setFrameRate(FPS);
            recorder.setVideoQuality(4);
            recorder.setGopSize(FPS);
            recorder.start();
            int frames = seconds * FPS;
            double aspect = (double) W / H;
            try (Mat frame = new Mat(); Size size = new Size(W, H)) {
                for (int i = 0; i < frames; i++) {
                    double t = (double) i / (frames - 1);
                    // Zoom from the whole picture to 70% of it, drifting across; a sine makes it ease in and out.
                    double ease = 0.5 - 0.5 * Math.cos(Math.PI * t);
                    double cropH = src.rows() * (1.0 - 0.3 * ease);
                    double cropW = Math.min(src.cols(), cropH * aspect);
                    cropH = cropW / aspect;
                    double x = (src.cols() - cropW) * (0.2 + 0.6 * ease);
                    double y = (src.rows() - cropH) * (0.3 * ease);
                    try (Rect r = new Rect((int) x, (int) y, (int) cropW, (int) cropH); Mat roi = new Mat(src, r)) {
                        resize(roi, frame, size, 0, 0, INTER_LINEAR);
                        recorder.record(converter.convert(frame));
                    }
                }
            }
            recorder.stop();
        }
    }
}
