#!/usr/bin/env python3
"""Every screenshot that the AppStream metainfo or the README names must
exist in docs/screenshots/ as a 1366x768 PNG.
Usage: check-screenshots.py SOURCE_ROOT"""
import os
import re
import struct
import sys

root = sys.argv[1]
sources = ["data/io.github.consortapp.Consort.metainfo.xml.in", "README.md"]
names = set()
for src in sources:
    text = open(os.path.join(root, src), encoding="utf-8").read()
    found = re.findall(r"docs/screenshots/([\w.-]+\.png)", text)
    if not found:
        sys.exit(f"{src}: names no screenshot in docs/screenshots/")
    names.update(found)

bad = []
for name in sorted(names):
    path = os.path.join(root, "docs", "screenshots", name)
    try:
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError as e:
        bad.append(f"docs/screenshots/{name}: {e.strerror}")
        continue
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        bad.append(f"docs/screenshots/{name}: not a PNG")
        continue
    width, height = struct.unpack(">II", head[16:24])
    if (width, height) != (1366, 768):
        bad.append(f"docs/screenshots/{name}: {width}x{height}, expected 1366x768")
for line in bad:
    print(line, file=sys.stderr)
if bad:
    sys.exit(1)
print(f"ok: {len(names)} screenshots, all 1366x768 PNGs")
