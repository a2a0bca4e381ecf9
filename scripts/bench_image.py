#!/usr/bin/env python3
"""Generates the benchmark image of scripts/bench-image.sh (issue 4, item 7).

Four layers, written as plain tars under OUT/layers/ and gzipped (level 6,
Docker's default) by the caller:

  base     a few thousand small files (an OS-like tree)
  torch    the PyPI torch wheel unpacked into site-packages (read from the
           wheel, never extracted to disk)
  weights  incompressible `.safetensors` files (random bytes)
  node     a node_modules-like tree of small JS files

Then `assemble` writes two archives from the same layers:

  OUT/docker-save.tar  legacy `docker save` (manifest.json, <id>/layer.tar,
                       plain layers)
  OUT/oci.tar          OCI image layout in a tar (index.json, blobs/sha256/,
                       gzip layer blobs), as `skopeo copy oci-archive:` and
                       Docker 25+ write it

Usage: bench_image.py layers OUT WHEEL WEIGHTS_MB
       bench_image.py assemble OUT
"""

import hashlib
import io
import json
import os
import random
import sys
import tarfile
import zipfile

SITE = "usr/local/lib/python3.12/site-packages/"
MTIME = 1_700_000_000


def info(name, size, mode=0o644):
    ti = tarfile.TarInfo(name)
    ti.size = size
    ti.mode = mode
    ti.mtime = MTIME
    return ti


def add_dirs(tar, seen, path):
    parts = path.split("/")[:-1]
    for i in range(1, len(parts) + 1):
        d = "/".join(parts[:i])
        if d not in seen:
            seen.add(d)
            ti = tarfile.TarInfo(d)
            ti.type = tarfile.DIRTYPE
            ti.mode = 0o755
            ti.mtime = MTIME
            tar.addfile(ti)


def text_blob(rng, size):
    words = [b"import", b"def", b"return", b"self", b"value", b"config", b"module", b"export", b"const"]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words) + b" " + str(rng.randrange(10_000)).encode() + b"\n"
    return bytes(out[:size])


def layer_base(path):
    rng = random.Random(1)
    seen = set()
    with tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as tar:
        for i in range(4000):
            top = rng.choice(["usr/lib/x86_64-linux-gnu", "usr/share/doc", "usr/bin", "etc", "usr/share/locale"])
            name = f"{top}/pkg{i // 40}/file{i}.dat"
            add_dirs(tar, seen, name)
            data = text_blob(rng, rng.randrange(200, 24_000))
            tar.addfile(info(name, len(data)), io.BytesIO(data))


def layer_torch(path, wheel):
    seen = set()
    with zipfile.ZipFile(wheel) as z, tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as tar:
        for zi in z.infolist():
            if zi.is_dir():
                continue
            name = SITE + zi.filename
            add_dirs(tar, seen, name)
            with z.open(zi) as f:
                tar.addfile(info(name, zi.file_size), f)


def layer_weights(path, megabytes):
    seen = set()
    files = 4
    per = megabytes * 1_048_576 // files
    with tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as tar:
        for i in range(files):
            name = f"app/models/encoder/model-{i + 1:05d}-of-{files:05d}.safetensors"
            add_dirs(tar, seen, name)
            tar.addfile(info(name, per), RandomReader(per))


class RandomReader(io.RawIOBase):
    """`size` random bytes, produced as read (never held whole)."""

    def __init__(self, size):
        self.left = size

    def readable(self):
        return True

    def read(self, n=-1):
        if n < 0 or n > self.left:
            n = self.left
        self.left -= n
        return os.urandom(n)


def layer_node(path):
    rng = random.Random(2)
    seen = set()
    with tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as tar:
        for p in range(300):
            pkg = f"app/node_modules/pkg-{p}"
            meta = json.dumps({"name": f"pkg-{p}", "version": "1.0.0", "main": "index.js"}).encode()
            add_dirs(tar, seen, pkg + "/package.json")
            tar.addfile(info(pkg + "/package.json", len(meta)), io.BytesIO(meta))
            for f in range(10):
                name = f"{pkg}/lib/m{f}.js"
                add_dirs(tar, seen, name)
                data = text_blob(rng, rng.randrange(500, 30_000))
                tar.addfile(info(name, len(data)), io.BytesIO(data))


LAYERS = ["base", "torch", "weights", "node"]


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def add_bytes(tar, name, data):
    tar.addfile(info(name, len(data)), io.BytesIO(data))


def config_json(diff_ids):
    return json.dumps(
        {
            "architecture": "amd64",
            "os": "linux",
            "config": {
                "Env": ["PATH=/usr/local/bin:/usr/bin:/bin", "PYTHONUNBUFFERED=1"],
                "Cmd": ["python", "-m", "app"],
                "WorkingDir": "/app",
            },
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + d for d in diff_ids]},
            "history": [{"created_by": f"RUN build {n}"} for n in LAYERS],
        }
    ).encode()


def assemble(out):
    plain = [os.path.join(out, "layers", n + ".tar") for n in LAYERS]
    gz = [p + ".gz" for p in plain]
    diff_ids = [sha256_file(p) for p in plain]
    config = config_json(diff_ids)
    config_hex = hashlib.sha256(config).hexdigest()
    tag = "bench/torch-app:latest"

    # Legacy docker save: <id>/layer.tar (plain), config, manifest.json last.
    with tarfile.open(os.path.join(out, "docker-save.tar"), "w", format=tarfile.GNU_FORMAT) as tar:
        names = []
        for d, p in zip(diff_ids, plain):
            tar.addfile(info(d + "/VERSION", 3), io.BytesIO(b"1.0"))
            tar.add(p, arcname=d + "/layer.tar")
            names.append(d + "/layer.tar")
        add_bytes(tar, config_hex + ".json", config)
        manifest = [{"Config": config_hex + ".json", "RepoTags": [tag], "Layers": names}]
        add_bytes(tar, "manifest.json", json.dumps(manifest).encode())
        add_bytes(tar, "repositories", json.dumps({"bench/torch-app": {"latest": diff_ids[-1]}}).encode())

    # OCI layout tar with gzip blobs, entries sorted as a directory walk.
    blobs = {config_hex: ("bytes", config)}
    layers = []
    for p in gz:
        h = sha256_file(p)
        blobs[h] = ("file", p)
        layers.append(
            {
                "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                "digest": "sha256:" + h,
                "size": os.path.getsize(p),
            }
        )
    manifest = json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {
                "mediaType": "application/vnd.oci.image.config.v1+json",
                "digest": "sha256:" + config_hex,
                "size": len(config),
            },
            "layers": layers,
        }
    ).encode()
    manifest_hex = hashlib.sha256(manifest).hexdigest()
    blobs[manifest_hex] = ("bytes", manifest)
    index = json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": [
                {
                    "mediaType": "application/vnd.oci.image.manifest.v1+json",
                    "digest": "sha256:" + manifest_hex,
                    "size": len(manifest),
                    "annotations": {"io.containerd.image.name": "docker.io/" + tag, "org.opencontainers.image.ref.name": "latest"},
                }
            ],
        }
    ).encode()
    with tarfile.open(os.path.join(out, "oci.tar"), "w", format=tarfile.GNU_FORMAT) as tar:
        for h in sorted(blobs):
            kind, v = blobs[h]
            if kind == "file":
                tar.add(v, arcname="blobs/sha256/" + h)
            else:
                add_bytes(tar, "blobs/sha256/" + h, v)
        add_bytes(tar, "index.json", index)
        add_bytes(tar, "oci-layout", b'{"imageLayoutVersion":"1.0.0"}')
    sizes = {n: os.path.getsize(p) for n, p in zip(LAYERS, plain)}
    print(json.dumps({"uncompressed": sizes, "total": sum(sizes.values())}))


def main():
    cmd, out = sys.argv[1], sys.argv[2]
    if cmd == "layers":
        wheel, mb = sys.argv[3], int(sys.argv[4])
        os.makedirs(os.path.join(out, "layers"), exist_ok=True)
        d = os.path.join(out, "layers")
        layer_base(os.path.join(d, "base.tar"))
        layer_torch(os.path.join(d, "torch.tar"), wheel)
        layer_weights(os.path.join(d, "weights.tar"), mb)
        layer_node(os.path.join(d, "node.tar"))
    elif cmd == "assemble":
        assemble(out)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
