#!/usr/bin/env python3
"""Writes small image archives into the folder given, as seeds of the archive
fuzz target: docker save (legacy), an OCI tar with gzip layers and an index,
whiteouts, a `../` entry, a gzip outer archive. Each is a few KB."""
import gzip, io, json, sys, tarfile

def tar(entries, compress=False):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            if data is None:
                info.type = tarfile.DIRTYPE
                t.addfile(info)
            else:
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
    # tarfile pads to 10 KB records: keep the two end blocks only.
    raw = buf.getvalue().rstrip(b"\0")
    raw += b"\0" * (-len(raw) % 512 + 1024)
    return gzip.compress(raw, mtime=0) if compress else raw

site = "usr/local/lib/python3.12/site-packages/"
config = json.dumps({"architecture": "amd64", "os": "linux",
    "config": {"Env": ["NODE_OPTIONS=--max-old-space-size=512", "OMP_NUM_THREADS=1"], "Cmd": ["python", "app.py"]},
    "history": [{"created_by": "FROM python"}, {"created_by": "RUN pip install torch"}]}).encode()
layer1 = tar([("usr/", None), (site + "torch-2.5.1.dist-info/METADATA", b"x" * 20),
              (site + "nvidia/cudnn/lib/libcudnn.so.9", b"y" * 30), ("app/models/w.safetensors", b"z" * 40)])
layer2 = tar([("app/models/.wh.w.safetensors", b""), ("app/node_modules/.wh..wh..opq", b""), ("app/main.py", b"print(1)")])
out = sys.argv[1]

def save(name, data):
    with open(f"{out}/{name}", "wb") as f:
        f.write(data)

manifest = json.dumps([{"Config": "c.json", "RepoTags": ["a:1"], "Layers": ["1/layer.tar", "2/layer.tar"]}]).encode()
docker = [("manifest.json", manifest), ("c.json", config), ("1/layer.tar", layer1), ("2/layer.tar", layer2)]
save("docker-save", tar(docker))
save("docker-save-manifest-last", tar(docker[1:] + docker[:1]))
save("docker-save-gzip", tar(docker, compress=True))
save("unsafe", tar([("../x.json", b"{}"), ("/abs", b"a")] + docker))

d = lambda n: f"{n:064x}"
layers = [gzip.compress(layer1, mtime=0), gzip.compress(layer2, mtime=0)]
desc = [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": f"sha256:{d(i + 1)}", "size": len(b)}
        for i, b in enumerate(layers)]
oci_manifest = json.dumps({"schemaVersion": 2, "config": {"digest": f"sha256:{d(9)}"}, "layers": desc}).encode()
index = json.dumps({"schemaVersion": 2, "manifests": [{"digest": f"sha256:{d(8)}",
    "platform": {"architecture": "amd64", "os": "linux"},
    "annotations": {"org.opencontainers.image.ref.name": "t:1"}}]}).encode()
oci = [("oci-layout", b'{"imageLayoutVersion":"1.0.0"}'), (f"blobs/sha256/{d(9)}", config),
       (f"blobs/sha256/{d(1)}", layers[0]), (f"blobs/sha256/{d(2)}", layers[1]),
       (f"blobs/sha256/{d(8)}", oci_manifest), ("index.json", index)]
save("oci", tar(oci))
save("oci-missing-layer", tar(oci[:2] + oci[3:]))
