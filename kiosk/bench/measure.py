"""`kiosk bench`: how fast is this machine at running the kiosk?

Measures, in one run:
- startup_ms: a fresh process to the first painted frame of the home screen (median of several);
- page_change_ms_p50/_p95: a tap (a real touch event) to the next painted frame, over every kind of navigation;
- rss_mb: resident memory after visiting every route in every language;
- content_load_ms: loading and validating the content, and the same replicated --scale times;
  content_start_ms_scale_N: what a start on that unchanged content costs (the validated-content cache);
- image_cold_ms / image_warm_ms: a 6000x4000 JPEG (24 megapixels, as a scanner gives) opened in the
  full-screen viewer, from the request to the first frame that shows it: the first time with an empty
  derivative cache (Qt decodes the original at screen size while the derivative is built in the
  background; image_derivative_ms is that build), the second time from the cached derivative;
- grid_rss_mb_delta: the witnesses grid with 200 portraits of 3000x4000 pixels (a fresh derivative cache,
  as on the first day after a content update) scrolled to its end: peak resident memory minus memory
  before the scroll (grid_open_s: loading that content and opening the window);
- soak_rss_growth_mb: a soak in a fresh process (kiosk.bench.soak: every route shown once, then random taps,
  swipes, pinches, keys, language switches and idle resets); the floor of resident memory at the end minus
  the floor after warm-up (soak_rss_floor_mb / soak_rss_peak_mb give the curve's range);
- the renderer and screen size, so numbers from different machines are read right.

Frames are observed through QQuickWindow.frameSwapped, not timers.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kiosk.core.content.routes import all_routes

FIRST_FRAME_MARK = "KIOSK-BENCH-FIRST-FRAME"


# -- helpers that need no Qt ------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _status_mb(field: str) -> float | None:
    """A memory figure of this process from Linux's /proc/self/status (VmRSS, VmHWM), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc; elsewhere the peak from resource)."""
    now = _status_mb("VmRSS")
    if now is not None:
        return now
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def replicate_content(src: Path, dst: Path, scale: int) -> Path:
    """A copy of *src* with every story day, witness and quiz (and its images) repeated *scale* times."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("story", "witnesses", "quizzes"))
    for folder in ("story", "witnesses", "quizzes"):
        (dst / folder).mkdir(exist_ok=True)
        for f in sorted((src / folder).glob("*.yaml")):
            text = f.read_text(encoding="utf-8")
            for n in range(scale):
                copy = text
                if n:
                    # each copy gets images of its own, so the cost of N x images is measured too
                    for line in text.splitlines():
                        s = line.strip()
                        if s.startswith(("file:", "- file:")):
                            rel = s.split("file:", 1)[1].strip().strip("'\"")
                            stem, _dot, ext = rel.rpartition(".")
                            new_rel = f"{stem}-x{n}.{ext}"
                            if not (dst / new_rel).exists() and (src / rel).is_file():
                                shutil.copyfile(src / rel, dst / new_rel)
                                old_stem, new_stem = Path(rel).stem, Path(new_rel).stem
                                for vtt in (src / rel).parent.glob(f"{old_stem}*.vtt"):  # its captions too
                                    vtt_name = vtt.name.replace(old_stem, new_stem, 1)
                                    shutil.copyfile(vtt, dst / Path(new_rel).parent / vtt_name)
                            copy = copy.replace(rel, new_rel)
                name = f.stem if n == 0 else f"{f.stem}-x{n}"
                (dst / folder / f"{name}.yaml").write_text(copy, encoding="utf-8")
    return dst


def make_photo(path: Path, size: tuple[int, int], seed: int = 0, quality: int = 88) -> Path:
    """A photo-like JPEG of *size*: smooth colour fields and film grain.

    It compresses like a scan, about 0.25 byte per pixel.
    """
    from PIL import Image, ImageFilter

    w, h = size
    small = (max(8, w // 16), max(8, h // 16))
    red = Image.linear_gradient("L").resize(small).rotate(seed * 37 % 360)
    green = Image.radial_gradient("L").resize(small)
    blue = Image.effect_noise(small, 60 + seed).filter(ImageFilter.GaussianBlur(3))
    base = Image.merge("RGB", (red, green, blue)).resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 24).convert("RGB")
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.blend(base, grain, 0.25).save(path, quality=quality)
    return path


def portrait_grid_content(src: Path, dst: Path, count: int, portrait: Path) -> Path:
    """A copy of *src* with *count* witnesses (its own, then copies of them), each with a portrait of its own file.

    The portrait files are hard links to *portrait* (copies where links are not possible): to the kiosk
    each is another image, with its own derivatives.
    """
    import re

    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("witnesses"))
    (dst / "witnesses").mkdir()
    folder = dst / "media" / "bench-portraits"
    folder.mkdir(parents=True, exist_ok=True)
    originals = sorted((src / "witnesses").glob("*.yaml"))
    rx = re.compile(r"^(portrait:\s*\n\s+file:\s*)(\S+)", re.MULTILINE)
    for n in range(count):
        f = originals[n % len(originals)]
        name = f.stem if n < len(originals) else f"{f.stem}-x{n}"
        target = folder / f"{name}.jpg"
        try:
            os.link(portrait, target)
        except OSError:
            shutil.copyfile(portrait, target)
        new_file = f"media/bench-portraits/{name}.jpg"
        text = rx.sub(lambda m, new_file=new_file: m.group(1) + new_file, f.read_text(encoding="utf-8"))
        (dst / "witnesses" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return dst


def content_load_ms(root: Path, repeat: int = 5) -> tuple[float, int]:
    """Median time to load and validate *root* (a fresh image-probe cache each time); problems found."""
    from kiosk.core.content.loader import load_content
    from kiosk.core.media import probe

    times = []
    problems = 0
    for _ in range(repeat):
        probe.clear_cache()
        t0 = time.perf_counter()
        result = load_content(root)
        times.append((time.perf_counter() - t0) * 1000)
        problems = len(result.problems)
    return statistics.median(times), problems


def content_start_ms(root: Path, cache: Path, repeat: int = 5) -> float:
    """Median time `kiosk run` takes to get unchanged content: the validated-content cache, warmed first."""
    from kiosk.core.content.cache import load_content_cached

    load_content_cached(root, cache)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = load_content_cached(root, cache)
        times.append((time.perf_counter() - t0) * 1000)
        if not result.content.chapters:
            raise RuntimeError("the cached content has no chapters")
    return statistics.median(times)


# -- start-up: a fresh process to the first frame of the home screen ------------------------------
def first_frame_child(content: Path, size: tuple[int, int]) -> int:
    """Runs in the child process: show the home screen, print the mark at its first frame, exit."""
    from PySide6.QtCore import QTimer

    from kiosk.ui import app as kiosk_app
    from kiosk.ui import backend
    from kiosk.ui.render import go_to

    qapp = kiosk_app.application()
    from kiosk.core.content.cache import load_content_cached

    result = load_content_cached(content)  # as `kiosk run` does
    config = backend.SessionConfig(content=result.content, problems=result.problems, windowed=True)
    engine, window = kiosk_app.create_engine(config)
    if window is None:
        return 3
    go_to(window, "home")
    window.resize(*size)

    def swapped() -> None:
        print(f"{FIRST_FRAME_MARK} {time.time():.6f}", flush=True)
        QTimer.singleShot(0, qapp.quit)

    window.frameSwapped.connect(swapped)
    window.show()
    code = qapp.exec()
    del engine
    return code


def measure_startup(content: Path, size: tuple[int, int], runs: int = 5) -> list[float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed kiosk starts from compiled bytecode (pip and the bundle compile it): let the warm-up
    # run write it where a development checkout has none (PYTHONDONTWRITEBYTECODE would add ~60 ms).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    args = [sys.executable, "-m", "kiosk.bench.measure", "--first-frame", str(content), f"{size[0]}x{size[1]}"]
    times = []
    for i in range(runs + 1):  # the first run warms the OS file cache, Python's bytecode and Qt's QML disk cache
        t0 = time.time()
        out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
        mark = [line for line in out.stdout.splitlines() if line.startswith(FIRST_FRAME_MARK)]
        if not mark:
            raise RuntimeError(f"the start-up probe showed no frame:\n{out.stderr[-2000:]}")
        if i:
            times.append((float(mark[0].split()[1]) - t0) * 1000)
    return times


# -- in-process: page changes and memory -------------------------------------------------------
class _FrameClock:
    def __init__(self, window) -> None:
        self.last = 0.0
        window.frameSwapped.connect(self._swapped)

    def _swapped(self) -> None:
        self.last = time.perf_counter()


def measure_navigation(content: Path, size: tuple[int, int]) -> dict:
    from PySide6.QtCore import QEventLoop, QPoint, QTimer
    from PySide6.QtTest import QTest

    from kiosk.ui import app as kiosk_app
    from kiosk.ui import quickitems
    from kiosk.ui.quickitems import settle
    from kiosk.ui.render import go_to

    engine, window, loaded = open_window(content, size)
    clock = _FrameClock(window)
    touch = QTest.createTouchDevice()
    renderer = window.rendererInterface().graphicsApi().name

    def tap(name: str) -> float | None:
        """Tap *name*; milliseconds from the finger lifting to the next painted frame."""
        item = quickitems.find(window, name)
        if item is None:
            return None
        p = quickitems.scene_center(item)
        point = QPoint(int(p.x()), int(p.y()))
        QTest.touchEvent(window, touch).press(0, point, window).commit()
        QTest.qWait(30)
        before = clock.last
        t0 = time.perf_counter()
        QTest.touchEvent(window, touch).release(0, point, window).commit()
        loop = QEventLoop()
        deadline = time.perf_counter() + 2
        while clock.last == before and time.perf_counter() < deadline:
            QTimer.singleShot(1, loop.quit)
            loop.exec()
        ms = (clock.last - t0) * 1000 if clock.last != before else None
        settle(window, timeout=3)
        return ms

    samples: dict[str, list[float]] = {}

    def record(kind: str, ms: float | None) -> None:
        if ms is not None and ms >= 0:
            samples.setdefault(kind, []).append(ms)

    chapters = [c.id for c in loaded.chapters]
    witnesses = [w.id for w in loaded.witnesses]
    quizzes = [q.id for q in loaded.quizzes]
    for _ in range(3):
        go_to(window, "home")
        settle(window)
        record("section", tap("section_story"))
        for cid in chapters[:4]:
            go_to(window, "story")
            settle(window)
            record("story_card", tap(f"chapterCard_{cid}"))
        for i in range(1, 5):
            record("day", tap(f"dayChip_{i}"))
        go_to(window, "home")
        settle(window)
        record("section", tap("section_witnesses"))
        for wid in witnesses[:4]:
            go_to(window, "witnesses")
            settle(window)
            record("witness_card", tap(f"witnessCard_{wid}"))
        go_to(window, "home")
        settle(window)
        record("section", tap("section_quiz"))
        for qid in quizzes:
            go_to(window, "quiz")
            settle(window)
            record("quiz_card", tap(f"quizCard_{qid}"))
            for _q in range(3):
                record("answer", tap("choice_0"))
                record("next", tap("nextButton"))
        record("home", tap("homeButton"))
        record("language", tap("lang_en"))
        record("language", tap("lang_vi"))

    # every route in every language, then memory
    for lang in loaded.exhibit.languages:
        kiosk = kiosk_app.kiosk_singleton(engine)
        kiosk.session.setProperty("language", lang)
        for route in all_routes(loaded):
            go_to(window, route)
            settle(window, timeout=3)
    memory = rss_mb()
    all_ms = [ms for values in samples.values() for ms in values]
    window.close()
    del engine
    return {
        "renderer": renderer,
        "page_change_ms_p50": percentile(all_ms, 50),
        "page_change_ms_p95": percentile(all_ms, 95),
        "page_change_samples": len(all_ms),
        "page_change_ms_p95_by_kind": {k: round(percentile(v, 95), 1) for k, v in sorted(samples.items())},
        "rss_mb": memory,
    }


# -- images: a 24-megapixel scan full screen, and a grid of 200 large portraits ------------------------
def open_window(content: Path, size: tuple[int, int], idle_timeout: float | None = None):
    """A kiosk window on *content* at *size*, shown and settled: (engine, window, content model)."""
    from kiosk.core.content.loader import load_content
    from kiosk.ui import app as kiosk_app
    from kiosk.ui import backend
    from kiosk.ui.quickitems import settle

    kiosk_app.application()
    result = load_content(content)
    config = backend.SessionConfig(content=result.content, problems=result.problems, windowed=True,
                                   idle_timeout=idle_timeout)
    engine, window = kiosk_app.create_engine(config)
    if window is None:
        raise RuntimeError("Main.qml did not load")
    window.resize(*size)
    window.show()
    settle(window)
    return engine, window, result.content


def measure_images(content: Path, size: tuple[int, int], scans: int = 3) -> dict:
    """Open 6000x4000 JPEGs in the full-screen viewer, first with an empty derivative cache, then cached."""
    from PySide6.QtCore import Q_ARG, QMetaObject

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-images-") as tmp:
        os.environ["KIOSK_CACHE_DIR"] = str(Path(tmp) / "cache")  # a fresh cache: nothing is built yet
        root = Path(shutil.copytree(content, Path(tmp) / "content"))
        rels = [f"media/bench/scan-{i}.jpg" for i in range(scans)]
        for i, rel in enumerate(rels):
            make_photo(root / rel, (6000, 4000), seed=i)

        from kiosk.ui import images, quickitems
        from kiosk.ui.quickitems import settle, wait_until

        engine, window, _ = open_window(root, size)
        images.drain(120)  # the content's own images, queued at start: not part of this measurement
        settle(window)
        viewer = quickitems.named(window, "viewerPager")[0].parentItem()
        shown_at: list[float] = []
        wanted = {"url": ""}

        def viewer_image():
            return next((item for item in quickitems.walk(viewer) if item.inherits("QQuickImage")
                         and item.property("source").toString() == wanted["url"]), None)

        def swapped() -> None:
            if not shown_at and wanted["url"] and viewer.isVisible():
                image = viewer_image()
                # loaded (the Status enum has no Python converter): this frame shows it
                if image is not None and image.property("progress") == 1.0 and image.property("implicitWidth") > 0:
                    shown_at.append(time.perf_counter())

        window.frameSwapped.connect(swapped)

        def show(rel: str) -> tuple[float, str]:
            """Ask for *rel* as a page does (its URL), open it full screen; ms to the first frame showing it."""
            shown_at.clear()
            t0 = time.perf_counter()
            url = images.image_url(root, rel)
            wanted["url"] = url
            QMetaObject.invokeMethod(viewer, "show", Q_ARG("QVariant", [{"url": url, "file": rel, "caption": rel,
                                                                          "credit": "", "alt": rel}]),
                                     Q_ARG("QVariant", 0))
            if not wait_until(lambda: bool(shown_at), 30):
                raise RuntimeError(f"the viewer never showed {rel}")
            return (shown_at[0] - t0) * 1000, url

        def close() -> None:
            wanted["url"] = ""
            QMetaObject.invokeMethod(viewer, "close")
            settle(window)

        cold, warm, build = [], [], []
        for rel in rels:
            t0 = time.perf_counter()
            ms, url = show(rel)
            if not url.endswith(rel):
                raise RuntimeError(f"{rel} was cached before it was first shown")
            cold.append(ms)
            if not images.drain(60):
                raise RuntimeError(f"the derivative of {rel} was not built in 60 s")
            build.append((time.perf_counter() - t0) * 1000)
            close()
            ms, url = show(rel)
            if url.endswith(rel):
                raise RuntimeError(f"{rel} was shown from the original the second time")
            warm.append(ms)
            close()
        window.frameSwapped.disconnect(swapped)
        window.close()
        del engine
    return {
        "image_cold_ms": statistics.median(cold),
        "image_cold_ms_all": [round(v, 1) for v in cold],
        "image_derivative_ms": statistics.median(build),
        "image_warm_ms": statistics.median(warm),
        "image_warm_ms_all": [round(v, 1) for v in warm],
    }


def _reset_peak_rss() -> bool:
    """Start a new peak (VmHWM) for this process: Linux's clear_refs; False where that is not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_rss_mb() -> float | None:
    return _status_mb("VmHWM")


def measure_grid(content: Path, size: tuple[int, int], count: int = 200) -> dict:
    """Scroll a grid of *count* witnesses with 3000x4000 portraits to its end; peak memory minus before."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-grid-") as tmp:
        os.environ["KIOSK_CACHE_DIR"] = str(Path(tmp) / "cache")  # fresh: pages show originals at first
        portrait = make_photo(Path(tmp) / "portrait.jpg", (3000, 4000), seed=7)
        root = portrait_grid_content(content, Path(tmp) / "content", count, portrait)

        from kiosk.ui import images, quickitems
        from kiosk.ui.quickitems import settle, wait_until
        from kiosk.ui.render import go_to

        t0 = time.perf_counter()
        engine, window, _ = open_window(root, size)  # loading checks every image: decodes 200 x 12 megapixels
        open_s = time.perf_counter() - t0
        go_to(window, "witnesses")
        settle(window)
        grid = next(iter(quickitems.named(window, "witnessGrid")), None)
        if grid is None or grid.property("count") != count:
            raise RuntimeError(f"the witnesses grid has {grid and grid.property('count')} cards, not {count}")
        idle = rss_mb()
        exact = _reset_peak_rss()
        sampled = idle
        # a fast flick's pace: half a screen every 50 ms, to the end, then the last cards load
        step = window.height() / 2
        t0 = time.perf_counter()
        while not grid.property("atYEnd"):
            grid.setProperty("contentY", grid.property("contentY") + step)
            end = time.perf_counter() + 0.05
            wait_until(lambda end=end: time.perf_counter() >= end, 1)
            sampled = max(sampled, rss_mb())
        scroll_s = time.perf_counter() - t0
        settle(window, timeout=10)
        sampled = max(sampled, rss_mb())
        peak = _peak_rss_mb() if exact else None
        peak = max(sampled, peak or 0)
        built = sum(1 for f in (root / "media" / "bench-portraits").iterdir() if images.cached(f, images.SIZE))
        window.close()
        images._pool.shutdown(wait=True, cancel_futures=True)  # not the rest of the 400 derivatives
        del engine
    return {
        "grid_witnesses": count,
        "grid_open_s": open_s,
        "grid_rss_mb_idle": idle,
        "grid_rss_mb_peak": peak,
        "grid_rss_mb_delta": peak - idle,
        "grid_scroll_s": scroll_s,
        "grid_portraits_cached_by_the_end": built,  # the others were shown from their originals
    }


def _child_navigation(content: Path, size: tuple[int, int]) -> None:
    print(json.dumps(measure_navigation(content, size)), flush=True)


def _probe(what: str, args: list[str], env: dict, timeout: float) -> dict:
    """Run `python -m <args>` in a fresh process; the JSON object it prints last."""
    out = subprocess.run([sys.executable, "-m", *args], env=env, capture_output=True, text=True, timeout=timeout)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"the {what} probe failed (exit {out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(lines[-1])


def measure_soak(content: Path, size: tuple[int, int], events: int, env: dict) -> dict:
    """Run the soak in a fresh process; its memory growth after warm-up."""
    data = _probe("soak", ["kiosk.bench.soak", "--events", str(events), "--content", str(content),
                           "--size", f"{size[0]}x{size[1]}"], env, timeout=max(600, events // 20))
    return {
        "soak_events": data["events"],
        "soak_seconds": data["seconds"],
        "soak_rss_growth_mb": data["growth_after_warmup_mb"],
        "soak_rss_floor_mb": [round(min(m for _, m in data["samples"][1:]), 1), round(data["samples"][-1][1], 1)],
        "soak_rss_peak_mb": round(max(m for _, m in data["peaks"]), 1),
        "soak_qml_warnings": len(data["warnings"]),
    }


def bench(content: Path, size: tuple[int, int], scale: int = 1, startup_runs: int = 5, soak_events: int = 0) -> dict:
    """Run every measurement; page changes and memory in a fresh process of their own."""
    import platform

    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    startup = measure_startup(content, size, startup_runs)
    screen = f"{size[0]}x{size[1]}"
    nav = _probe("navigation", ["kiosk.bench.measure", "--navigation", str(content), screen], env, timeout=900)
    media = {}
    for mode in ("--images", "--grid"):  # each in a fresh process of its own, with a fresh derivative cache
        media.update(_probe(mode[2:], ["kiosk.bench.measure", mode, str(content), screen], env, timeout=600))
    soak = measure_soak(content, size, soak_events, env) if soak_events else {}
    load1, problems = content_load_ms(content)
    results = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "qt_platform": env["QT_QPA_PLATFORM"],
        "renderer": nav["renderer"],
        "screen": f"{size[0]}x{size[1]}",
        "startup_ms": statistics.median(startup),
        "startup_ms_all": [round(t, 1) for t in startup],
        "page_change_ms_p50": nav["page_change_ms_p50"],
        "page_change_ms_p95": nav["page_change_ms_p95"],
        "page_change_samples": nav["page_change_samples"],
        "page_change_ms_p95_by_kind": nav["page_change_ms_p95_by_kind"],
        "rss_mb": nav["rss_mb"],
        **media,
        **soak,
        "content_load_ms": load1,
        "content_problems": problems,
    }
    if scale > 1:
        with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
            scaled = replicate_content(content, Path(tmp) / "content", scale)
            results[f"content_load_ms_scale_{scale}"], _ = content_load_ms(scaled, repeat=3)
            results["content_load_growth"] = results[f"content_load_ms_scale_{scale}"] / load1
            results[f"content_start_ms_scale_{scale}"] = content_start_ms(scaled, Path(tmp) / "cache")
            results["content_start_growth"] = results[f"content_start_ms_scale_{scale}"] / load1
    return results


def format_table(results: dict) -> str:
    rows = []
    for key, value in results.items():
        if isinstance(value, float):
            value = f"{value:.1f}"
        elif isinstance(value, (list, dict)):
            value = json.dumps(value, ensure_ascii=False)
        rows.append((key, str(value)))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def _main(argv: list[str]) -> int:
    """Entry for the probe processes: --first-frame | --navigation | --images | --grid, then DIR WxH."""
    mode, content, size_text = argv[0], Path(argv[1]), argv[2]
    w, h = (int(v) for v in size_text.split("x"))
    if mode == "--first-frame":
        return first_frame_child(content, (w, h))
    if mode == "--navigation":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _child_navigation(content, (w, h))
        return 0
    if mode in ("--images", "--grid"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        measure = measure_images if mode == "--images" else measure_grid
        print(json.dumps(measure(content, (w, h))), flush=True)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
