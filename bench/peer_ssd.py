#!/usr/bin/env python3
"""The peer for EmoStream's benchmark: Debian's python3-opencv running the same SSD face detector
(same model files, same 300x300 input, mean (104, 177, 123), same 0.5 threshold) alone on the same clip.

Usage: peer_ssd.py CLIP PB PBTXT REPETITIONS   (apt-get install python3-opencv)
Prints one JSON line: frames/s of each repetition (detection only, frames decoded beforehand), faces found.
"""
import json
import sys
import time

import cv2

clip, pb, pbtxt, reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
net = cv2.dnn.readNetFromTensorflow(pb, pbtxt)
capture = cv2.VideoCapture(clip)
frames = []
while True:
    ok, frame = capture.read()
    if not ok:
        break
    frames.append(frame)
capture.release()


def detect(frame):
    h, w = frame.shape[:2]
    blob = cv2.dnn.blobFromImage(frame, 1.0, (300, 300), (104.0, 177.0, 123.0), False, False)
    net.setInput(blob)
    out = net.forward()
    return sum(1 for i in range(out.shape[2]) if out[0, 0, i, 2] >= 0.5)


for f in frames[:10]:
    detect(f)  # warm-up
rates, faces = [], 0
for _ in range(reps):
    start = time.perf_counter()
    faces = sum(detect(f) for f in frames)
    rates.append(len(frames) / (time.perf_counter() - start))
print(json.dumps({"frames": len(frames), "faces": faces, "framesPerSecond": rates,
                  "opencv": cv2.__version__, "threads": cv2.getNumThreads()}))
