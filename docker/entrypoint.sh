#!/bin/sh
# Container entrypoint: runs an EmoStream command, e.g. `ingest --cameras /etc/emostream/cameras.yaml`.
# JavaCPP unpacks native libraries under /tmp, so the root filesystem can stay read-only.
set -e
# TensorFlow's oneDNN kernels: off for every command but train (faster for inference, slower for training:
# see TensorflowKernels); a value set in the pod's environment wins.
if [ -z "${TF_ENABLE_ONEDNN_OPTS+set}" ] && [ "${1:-}" != "train" ]; then
  export TF_ENABLE_ONEDNN_OPTS=0
fi
exec java ${EMOSTREAM_JAVA_OPTS:-} -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp \
  -cp "/opt/emostream/emostream-app.jar:/opt/emostream/lib/*" dev.emostream.app.EmoStreamCli "$@"
