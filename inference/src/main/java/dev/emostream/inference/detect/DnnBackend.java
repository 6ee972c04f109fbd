package dev.emostream.inference.detect;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where OpenCV DNN runs the detectors: {@code AUTO} picks CUDA when OpenCV was built with it (the GPU image's
 * {@code opencv-platform-gpu}) and sees a device, else the CPU. The choice is logged once.
 */
public enum DnnBackend {
    AUTO, CPU, CUDA;

    private static final Logger LOG = LoggerFactory.getLogger(DnnBackend.class);
    private static volatile Boolean cudaAvailable;

    /** CPU or CUDA; {@code CUDA} asked for without a CUDA build or device is an error naming both. */
    public DnnBackend resolve() {
        boolean cuda = cudaAvailable();
        return switch (this) {
            case CPU -> CPU;
            case CUDA -> {
                if (!cuda) {
                    throw new IllegalArgumentException("detector backend 'cuda' asked for, but this OpenCV has no CUDA device "
                            + "(a CUDA build and a visible GPU are needed; accepted: auto, cpu, cuda)");
                }
                yield CUDA;
            }
            case AUTO -> cuda ? CUDA : CPU;
        };
    }

    /** OpenCV DNN's backend id for this (resolved) choice. */
    public int backendId() {
        return this == CUDA ? opencv_dnn.DNN_BACKEND_CUDA : opencv_dnn.DNN_BACKEND_OPENCV;
    }

    /** OpenCV DNN's target id for this (resolved) choice. */
    public int targetId() {
        return this == CUDA ? opencv_dnn.DNN_TARGET_CUDA : opencv_dnn.DNN_TARGET_CPU;
    }

    static boolean cudaAvailable() {
        Boolean known = cudaAvailable;
        if (known == null) {
            int devices;
            try {
                devices = opencv_core.getCudaEnabledDeviceCount();
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                devices = 0;
            }
            known = devices > 0;
            cudaAvailable = known;
            LOG.info("OpenCV DNN backend: {} (CUDA devices visible to OpenCV: {})", known ? "CUDA" : "CPU", Math.max(0, devices));
        }
        return known;
    }
}
