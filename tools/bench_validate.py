"""How long and how much memory `kiosk validate` takes on the worst content folders (docs/performance.md).

    python tools/bench_validate.py [--only NAME ...] [--json]

Each case is the sample exhibit's copy with one hostile addition, built in a temporary folder; `kiosk
validate` then runs in a process of its own, and its wall time, CPU time and peak resident memory are
printed (the wrapper's RUSAGE_CHILDREN, so only the validating process counts). Nothing is asserted:
these machines are shared, and the figures that matter are the kiosk's own.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "content"
sys.path.insert(0, str(REPO))

from kiosk.core import limits  # noqa: E402


def png_claiming(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 64)).save(buf, "PNG")
    png = buf.getvalue()
    body = struct.pack(">II", width, height) + png[24:29]
    return png[:16] + body + struct.pack(">I", zlib.crc32(b"IHDR" + body)) + png[33:]


def real_png(width: int, height: int) -> bytes:
    """A real, sound PNG of *width* x *height* black pixels, written row by row (never in memory whole)."""
    raw = zlib.compressobj(9)
    row = b"\0" * (1 + width)  # filter byte + one grey byte per pixel
    data = b"".join(raw.compress(row) for _ in range(height)) + raw.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def scans_jpeg(n: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), "#884422").save(buf, "JPEG", progressive=True)
    d = buf.getvalue()
    last = d.rindex(b"\xff\xda")
    return d[:-2] + d[last:-2] * n + b"\xff\xd9"


def nest(base: Path, levels: int) -> None:
    fd = os.open(base, os.O_RDONLY)
    for _ in range(levels):
        os.mkdir("d", dir_fd=fd)
        inner = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    os.close(fd)


def point_images_at(root: Path, rel: str, index: int = 0) -> None:
    """Make a chapter show *rel*: chapter *index* (modulo the number of chapters; 40 images each at most)."""
    chapters = sorted((root / "story").glob("*.yaml"))
    for path in [chapters[index % len(chapters)]]:
        text = path.read_text(encoding="utf-8")
        marker = "\nimages:\n"
        if marker in text:
            i = text.index(marker) + len(marker)
            text = text[:i] + f"  - file: {rel}\n    caption: x\n    credit: x\n    alt: x\n" + text[i:]
        else:
            text += f"images:\n  - file: {rel}\n    caption: x\n    credit: x\n    alt: x\n"
        path.write_text(text, encoding="utf-8")


def case_sample(root: Path) -> None:
    pass


def case_stray_files(root: Path) -> None:
    junk = root / "media" / "junk"
    junk.mkdir()
    for i in range(limits.CEILING.folder_files + 1000):
        (junk / f"{i:06}.png").touch()


def case_pipes_links_depth(root: Path) -> None:
    os.mkfifo(root / "media" / "pipe.png")
    os.symlink("/dev/zero", root / "media" / "zero.png")
    os.symlink(root / "media", root / "media" / "loop")
    nest(root / "media", 1100)


def case_pixel_bombs(root: Path) -> None:
    for i in range(200):
        (root / "media" / f"bomb{i}.png").write_bytes(png_claiming(9400, 9400))
        point_images_at(root, f"media/bomb{i}.png", i)


def case_scan_bombs(root: Path) -> None:
    data = scans_jpeg(30_000)
    for i in range(50):
        (root / "media" / f"scans{i}.jpg").write_bytes(data)
        point_images_at(root, f"media/scans{i}.jpg", i)


def case_big_png(root: Path) -> None:
    # the largest PNG within the default pixel budget, real pixels: checked as a stream
    (root / "media" / "big.png").write_bytes(real_png(7000, 7000))
    point_images_at(root, "media/big.png")


def case_big_captions(root: Path) -> None:
    for vtt in (root / "media" / "audio").glob("*.vtt"):
        with open(vtt, "r+b") as f:
            f.truncate(200 * 2**20)
    cues = ["WEBVTT", ""] + [f"00:00:{i % 60:02}.000 --> 00:00:{i % 60:02}.500\nx\n" for i in range(1_000_000)]
    first = sorted((root / "media" / "audio").glob("*.vtt"))[0]
    first.write_text("\n".join(cues)[:limits.DEFAULT.caption_file_bytes - 10], encoding="utf-8")


def case_yaml_total(root: Path) -> None:
    # the YAML budget filled with files the reference parser must read whole (a tab at the very end)
    text = 'name: "x"\nname_ascii: "x"\nrole: "x"\nbiography: |\n' + ("  " + "lorem ipsum " * 8 + "\n") * 9_000
    text += "days: []\t\n"
    size = len(text.encode())
    for i in range(limits.DEFAULT.yaml_total_bytes // size + 2):
        (root / "witnesses" / f"filler-{i:03}.yaml").write_text(text, encoding="utf-8")


def case_jpeg_decode_budget(root: Path) -> None:
    # photographs (noise: the costliest to decode) beyond the decode budget: 24 Mpx, ~15 MB each, hard links
    # of one file (each a file of its own to validate)
    first = root / "media" / "photo-000.jpg"
    Image.effect_noise((6000, 4000), 40).convert("RGB").save(first, quality=90)
    count = limits.DEFAULT.image_decode_bytes // first.stat().st_size + 20
    for i in range(count):
        path = root / "media" / f"photo-{i:03}.jpg"
        if i:
            os.link(first, path)
        point_images_at(root, f"media/photo-{i:03}.jpg", i)


def case_progressive_at_budget(root: Path) -> None:
    # the largest progressive JPEG within its memory budget (4:2:0, 7000x7000: 147 MB of coefficients)
    Image.effect_noise((7000, 7000), 40).convert("RGB").save(root / "media" / "prog.jpg", quality=90,
                                                                progressive=True, subsampling=2)
    point_images_at(root, "media/prog.jpg")


def case_worst_of_all(root: Path) -> None:
    for make in (case_pipes_links_depth, case_pixel_bombs, case_scan_bombs, case_big_captions, case_yaml_total):
        make(root)


CASES: dict[str, Callable[[Path], None]] = {
    "sample": case_sample,
    "stray-files-101000": case_stray_files,
    "pipes-links-1100-levels": case_pipes_links_depth,
    "pixel-bombs-200x9400x9400": case_pixel_bombs,
    "scan-bombs-50x30000": case_scan_bombs,
    "png-7000x7000-real": case_big_png,
    "captions-200MB-and-1M-cues": case_big_captions,
    "yaml-total-budget": case_yaml_total,
    "jpeg-decode-budget-1GB": case_jpeg_decode_budget,
    "progressive-jpeg-7000x7000": case_progressive_at_budget,
    "worst-of-all": case_worst_of_all,
}

WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run([sys.executable, '-m', 'kiosk', 'validate', sys.argv[1]], capture_output=True)
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({'rc': proc.returncode, 'wall_s': round(wall, 2), 'cpu_s': round(use.ru_utime + use.ru_stime, 2),
                  'rss_mb': round(use.ru_maxrss / 1024), 'lines': proc.stdout.decode(errors='replace').count(chr(10))}))
"""


def measure(name: str, make: Callable[[Path], None]) -> dict:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        root = Path(tmp) / "content"
        shutil.copytree(SAMPLE, root)
        make(root)
        env = {**os.environ, "PYTHONPATH": str(REPO), "KIOSK_HOME": str(Path(tmp) / "home")}
        done = subprocess.run([sys.executable, "-c", WRAPPER, str(root)], env=env, capture_output=True, text=True,
                              timeout=900)
        result = {"case": name, **json.loads(done.stdout)}
        deep = root / "media" / "d"
        while deep.is_dir():  # undo the nesting without recursion (TemporaryDirectory's clean-up recurses)
            if (deep / "d").is_dir():
                os.rename(deep / "d", root / "media" / "d-next")
            os.rmdir(deep)
            if (root / "media" / "d-next").is_dir():
                os.rename(root / "media" / "d-next", deep)
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(CASES), help="run only these cases")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args()
    if not args.json:
        print(f"{'case':<30} {'exit':>4} {'wall s':>7} {'cpu s':>7} {'RSS MB':>7} {'lines':>6}")
    for name in args.only or CASES:
        r = measure(name, CASES[name])
        print(json.dumps(r) if args.json else
              f"{r['case']:<30} {r['rc']:>4} {r['wall_s']:>7} {r['cpu_s']:>7} {r['rss_mb']:>7} {r['lines']:>6}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
