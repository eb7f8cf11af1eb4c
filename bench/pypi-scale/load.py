#!/usr/bin/env python3
"""Loads the generated data set into a running Sluice through its upload API (the way twine does, one
keep-alive connection), then prints how long it took.

Usage: load.py BASE_URL TOKEN DIST_DIR
"""
import http.client
import os
import sys
import time
import urllib.parse
import uuid


def upload(conn, path, token, filename, content):
    name, version = filename.split("-")[0].replace("_", "-"), filename.split("-")[1]
    boundary = uuid.uuid4().hex
    fields = [(":action", "file_upload"), ("protocol_version", "1"), ("name", name), ("version", version),
              ("filetype", "bdist_wheel"), ("pyversion", "py3"), ("metadata_version", "2.1")]
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="content"; filename="{filename}"\r\n'
                 f'Content-Type: application/octet-stream\r\n\r\n'.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    body = b"".join(parts)
    import base64
    auth = base64.b64encode(f"__token__:{token}".encode()).decode()
    conn.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}",
                                      "Authorization": f"Basic {auth}"})
    r = conn.getresponse()
    text = r.read()
    if r.status != 200:
        raise SystemExit(f"upload of {filename} failed: {r.status} {text[:300]!r}")


def main(base, token, dist):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    files = sorted(os.listdir(dist))
    started = time.monotonic()
    for i, f in enumerate(files, 1):
        with open(os.path.join(dist, f), "rb") as fh:
            upload(conn, "/legacy/", token, f, fh.read())
        if i % 1000 == 0:
            print(f"  uploaded {i}/{len(files)}", flush=True)
    print(f"uploaded {len(files)} files in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main(*sys.argv[1:])
