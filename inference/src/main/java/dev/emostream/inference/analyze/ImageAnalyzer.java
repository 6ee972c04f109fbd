package dev.emostream.inference.analyze;

import dev.emostream.schemas.ModelCard;

/**
 * Encoded image in, faces with emotion probabilities out: what the processor's topology needs from inference.
 * {@link FrameAnalyzer} is the real one; topology tests use a fake, so routing is tested without models.
 */
public interface ImageAnalyzer extends AutoCloseable {

    /** The faces in JPEG/PNG bytes; {@link UndecodableImageException} when they are not an image. */
    FrameAnalyzer.Analysis analyze(byte[] encoded);

    /** The emotion model's card: its name, version and classes in output order. */
    ModelCard model();

    @Override
    void close();
}
