package dev.emostream.inference.analyze;

import dev.emostream.schemas.BoundingBox;
import dev.emostream.schemas.ModelCard;
import java.util.List;

/**
 * Encoded image in, faces with emotion probabilities out: what the processor's topology needs from inference.
 * {@link FrameAnalyzer} is the real one; topology tests use a fake, so routing is tested without models.
 */
public interface ImageAnalyzer extends AutoCloseable {

    /** The faces in JPEG/PNG bytes; {@link UndecodableImageException} when they are not an image. */
    FrameAnalyzer.Analysis analyze(byte[] encoded);

    /** The emotion model's card: its name, version and classes in output order. */
    ModelCard model();

    /**
     * Decodes and detects without classifying (for tracking): the frame stays current for {@link #histogram} and
     * {@link #classify} until the next call.
     */
    FrameAnalyzer.Detected detect(byte[] encoded);

    /** The colour histogram of a box of the current frame (the tracker's appearance signature). */
    float[] histogram(BoundingBox box);

    /** Class probabilities of boxes of the current frame, in one call. */
    List<float[]> classify(List<BoundingBox> boxes);

    @Override
    void close();
}
