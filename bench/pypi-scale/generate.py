#!/usr/bin/env python3
"""Generates the PyPI-scale benchmark data set (issue 8) into OUT:

  OUT/dist/        the distribution files to upload: bigproj (2,000 wheels over 500 versions), 5,000 small
                   projects (one wheel each), blob-1m and blob-100m (a 1 MiB and a 100 MiB wheel), and a
                   chain of 20 projects each requiring the next (chain-01 -> chain-02 -> ... -> chain-20)
  OUT/upstream/    projects only the upstream (nginx) has, for the proxy scenarios: mirrored-big (2,000 wheels) and
                   mirrored-blob-1m (a 1 MiB wheel); Sluice's default graph never proxies names it hosts itself
  OUT/names.txt    600,000 further project names (PyPI's size), to be listed by the root page only

Deterministic (seeded); wheels are real zips with METADATA, WHEEL and RECORD, so Sluice accepts them.
"""
import hashlib
import os
import random
import sys
import zipfile

BIG_VERSIONS = 500
BIG_TAGS = ["py3-none-any", "cp311-cp311-manylinux_2_17_x86_64", "cp312-cp312-win_amd64", "cp312-cp312-macosx_11_0_arm64"]
SMALL_PROJECTS = 5_000
CHAIN = 20
NAMES = 600_000


def wheel(out, name, version, tag="py3-none-any", requires=(), payload=b""):
    dist = name.replace("-", "_")
    path = os.path.join(out, f"{dist}-{version}-{tag}.whl")
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: benchmark package {name}\n"
    meta += "".join(f"Requires-Dist: {r}\n" for r in requires)
    py, abi, plat = tag.split("-")
    files = {
        f"{dist}/__init__.py": b"",
        f"{dist}-{version}.dist-info/METADATA": meta.encode(),
        f"{dist}-{version}.dist-info/WHEEL": f"Wheel-Version: 1.0\nGenerator: sluice-bench\nRoot-Is-Purelib: "
        f"{'true' if plat == 'any' else 'false'}\nTag: {tag}\n".encode(),
    }
    if payload:
        files[f"{dist}/data.bin"] = payload
    record = "".join(f"{n},sha256={hashlib.sha256(c).hexdigest()},{len(c)}\n" for n, c in files.items())
    record += f"{dist}-{version}.dist-info/RECORD,,\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for n, c in files.items():
            z.writestr(n, c)
        z.writestr(f"{dist}-{version}.dist-info/RECORD", record)
    return path


def main(out):
    dist = os.path.join(out, "dist")
    os.makedirs(dist, exist_ok=True)
    rnd = random.Random(8)
    upstream = os.path.join(out, "upstream")
    os.makedirs(upstream, exist_ok=True)
    for v in range(BIG_VERSIONS):
        version = f"{v // 100}.{(v // 10) % 10}.{v % 10}"
        for tag in BIG_TAGS:
            wheel(dist, "bigproj", version, tag)
            wheel(upstream, "mirrored-big", version, tag)
    wheel(upstream, "mirrored-blob-1m", "1.0", payload=rnd.randbytes(1 << 20))
    for i in range(SMALL_PROJECTS):
        wheel(dist, f"small-{i:04d}", "1.0")
    wheel(dist, "blob-1m", "1.0", payload=rnd.randbytes(1 << 20))
    chunk = rnd.randbytes(1 << 20)
    # 100 MiB of the same random MiB: the bytes matter to nobody, the size to everybody
    wheel(dist, "blob-100m", "1.0", payload=chunk * 100)
    for i in range(1, CHAIN + 1):
        wheel(dist, f"chain-{i:02d}", "1.0", requires=[f"chain-{i + 1:02d}"] if i < CHAIN else [])
    with open(os.path.join(out, "names.txt"), "w") as f:
        for i in range(NAMES):
            f.write(f"pkg-{rnd.randrange(16**6):06x}-{i}\n")
    print(f"generated {len(os.listdir(dist))} files and {NAMES} names in {out}")


if __name__ == "__main__":
    main(sys.argv[1])
