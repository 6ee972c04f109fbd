#!/usr/bin/env python3
"""A real RTSP server on loopback for EmoStream's ingest tests (Debian: python3-gi gir1.2-gst-rtsp-server-1.0).

Usage: rtsp_server.py PORT VIDEO.mp4   -> serves rtsp://127.0.0.1:PORT/stream (H.264, looping), prints READY.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

Gst.init(None)
port, video = sys.argv[1], sys.argv[2]
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
# Each client gets its own pipeline from the start of the file; SPS/PPS with every key frame.
factory.set_launch(
    f"( filesrc location={video} ! qtdemux ! h264parse config-interval=-1 ! rtph264pay name=pay0 pt=96 config-interval=-1 )"
)
factory.set_shared(False)
server.get_mount_points().add_factory("/stream", factory)
if server.attach(None) == 0:
    print("FAILED to bind", port, flush=True)
    sys.exit(1)
print("READY", flush=True)
GLib.MainLoop().run()
