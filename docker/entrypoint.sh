#!/bin/sh
# Container entrypoint: runs an EmoStream command, e.g. `ingest --cameras /etc/emostream/cameras.yaml`.
# JavaCPP unpacks native libraries under /tmp, so the root filesystem can stay read-only.
set -e
exec java ${EMOSTREAM_JAVA_OPTS:-} -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp \
  -cp "/opt/emostream/emostream-app.jar:/opt/emostream/lib/*" dev.emostream.app.EmoStreamCli "$@"
