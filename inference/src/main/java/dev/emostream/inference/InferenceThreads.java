package dev.emostream.inference;

import org.bytedeco.opencv.global.opencv_core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.ConfigProto;

/**
 * Every thread setting of the native engines in one place. Each of the processor's N stream threads runs its
 * own detector and classifier, so by default each engine gets {@code cores / N} threads (at least 1): N stream
 * threads then use N cores instead of 2N or more threads fighting over them. What each engine does with them,
 * as measured by counting the process's native threads (InferenceThreadsTest):
 * <ul>
 *   <li>OpenCV: one pool for the process ({@code cv::setNumThreads}), used by resize and the DNN detectors;
 *   <li>TensorFlow intra-op (threads inside one op, e.g. a convolution): one pool for the process, sized by the
 *       first session that is created; later sessions share it whatever they ask, so the processor creates its
 *       first session with these settings before any other;
 *   <li>TensorFlow inter-op (ops side by side): one pool per session ({@code use_per_session_threads}), so one
 *       stream thread's session never waits on another's.
 * </ul>
 * With intra-op 1, TensorFlow runs each op on the calling thread: the classifier then costs exactly the stream
 * thread that calls it.
 *
 * @param opencv  OpenCV threads (process-wide)
 * @param tfIntra TensorFlow threads inside one op (process-wide, fixed by the first session)
 * @param tfInter TensorFlow ops run side by side, per session
 */
public record InferenceThreads(int opencv, int tfIntra, int tfInter) {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceThreads.class);

    public InferenceThreads {
        if (opencv < 1 || tfIntra < 1 || tfInter < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1, got opencv=" + opencv + " tf.intra=" + tfIntra
                    + " tf.inter=" + tfInter);
        }
    }

    /** The default for {@code workers} threads that each run inference on {@code cores} cores. */
    public static InferenceThreads forWorkers(int workers, int cores) {
        int each = Math.max(1, cores / Math.max(1, workers));
        return new InferenceThreads(each, each, 1);
    }

    /** The default for {@code workers} threads on this machine's cores. */
    public static InferenceThreads forWorkers(int workers) {
        return forWorkers(workers, Runtime.getRuntime().availableProcessors());
    }

    /** Sets OpenCV's thread count (process-wide) and returns what OpenCV then reports. */
    public int applyToOpenCv() {
        opencv_core.setNumThreads(opencv);
        int reported = opencv_core.getNumThreads();
        LOG.info("OpenCV threads: {} (asked {}); TensorFlow threads per session: intra-op {}, inter-op {}", reported, opencv,
                tfIntra, tfInter);
        return reported;
    }

    /** The session configuration for TensorFlow with these pools (inter-op per session). */
    public ConfigProto tensorflowConfig() {
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(tfIntra)
                .setInterOpParallelismThreads(tfInter)
                .setUsePerSessionThreads(true)
                .setAllowSoftPlacement(true)
                .build();
    }
}
