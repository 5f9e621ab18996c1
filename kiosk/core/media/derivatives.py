"""A cache of downscaled images ("derivatives") for the screen (Pillow, Qt-free).

Museum content often holds camera originals (24 MP JPEGs, 16-bit PNG scans, CMYK files from
a print studio). The kiosk never decodes those on the UI thread: it asks for a *derivative*
of a standard size, built once, upright (EXIF orientation applied), in sRGB, as a
JPEG (opaque) or PNG (with transparency), and cached on disk under a key made of the
source's path, size and modification time, so an edited source is rebuilt and an
unchanged one never is.

:func:`derivative` is thread-safe and may be called from any thread (an image provider's
worker thread, :func:`prepare`'s pool): concurrent requests for the same derivative build it
once, and a derivative is written atomically, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from PIL import ExifTags, Image, UnidentifiedImageError

try:  # littlecms may be missing from exotic Pillow builds: colours are then kept as they are
    from PIL import ImageCms
except ImportError:  # pragma: no cover - depends on the Pillow build
    ImageCms = None  # type: ignore[assignment]

from kiosk.core.machine import dirs
from kiosk.core.media.files import PathError, resolve_media
from kiosk.core.media.probe import ImageInfo
from kiosk.core.problems import Location, Problem, Severity

# Bump when the way derivatives are made changes (sizes, quality, colour handling): every
# cached file is then rebuilt, because the version is part of the key.
FORMAT_VERSION = 1

# name -> the longest side in pixels, smallest first
SIZES: dict[str, int] = {"thumb": 480, "screen": 1920, "zoom": 3840}
ALIASES = {"thumbnail": "thumb"}
DEFAULT_SIZE = "screen"

JPEG_OPTIONS = {"quality": 85, "progressive": True, "optimize": True}
PNG_OPTIONS = {"compress_level": 6}

# A file larger than this gets a warning from image_problems() by default.
MAX_IMAGE_BYTES = 20_000_000



class DerivativeError(Exception):
    """A derivative cannot be made: the source is unreadable, damaged, too large, or the cache is not writable.

    ``str(error)`` is a sentence for a person; ``error.source`` is the source file.
    """

    def __init__(self, message: str, source: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source


class _ReadError(DerivativeError):
    """The source could not be read (permissions, a vanished file): worth trying again, never remembered."""


# -- where ---------------------------------------------------------------------------------------

# -- which size ----------------------------------------------------------------------------------

def size_name(name: str) -> str:
    """The canonical size name ('thumbnail' -> 'thumb'); ValueError for an unknown one."""
    canonical = ALIASES.get(name, name)
    if canonical not in SIZES:
        raise ValueError(f"unknown derivative size {name!r} (known: {', '.join(SIZES)})")
    return canonical


def pick_size(requested_w: int, requested_h: int) -> str:
    """The smallest standard size whose long side covers the requested box.

    The box is what an item will show the image in (e.g. a QML ``sourceSize``); an image
    fitted into it has a long side of at most ``max(w, h)``. A request larger than every size
    gets the largest; no request (both <= 0, as Qt's invalid ``QSize(-1, -1)``) gets ``screen``.
    """
    need = max(requested_w, requested_h, 0)
    if need <= 0:
        return DEFAULT_SIZE
    for name, side in SIZES.items():
        if side >= need:
            return name
    return next(reversed(SIZES))


# -- the cache -----------------------------------------------------------------------------------

class _KeyLocks:
    """One lock per key, created on demand and dropped when nobody holds or waits for it."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, list[Any]] = {}  # key -> [Lock, users]

    @contextmanager
    def hold(self, key: str) -> Iterator[None]:
        with self._guard:
            entry = self._locks.get(key)
            if entry is None:
                entry = self._locks[key] = [threading.Lock(), 0]
            entry[1] += 1
        try:
            with entry[0]:
                yield
        finally:
            with self._guard:
                entry[1] -= 1
                if entry[1] == 0:
                    del self._locks[key]


_locks = _KeyLocks()
# Decoding failures by key: a damaged file that has not changed is not decoded again on every
# request (an image provider would otherwise retry it each time the page is shown).
_failures: dict[str, str] = {}
_failures_lock = threading.Lock()
# warnings.catch_warnings() changes process-wide state and is not thread-safe: two threads
# interleaving enter/exit can leave the filters wrong. Only Image.open() (header parsing, fast)
# runs under it, one thread at a time. The pixel limit is also checked explicitly afterwards.
_open_lock = threading.Lock()


def cache_key(source: Path, size: str, st: os.stat_result | None = None) -> str:
    """sha1 of (absolute source path, file size, mtime_ns, size name, FORMAT_VERSION)."""
    st = st or os.stat(source)
    text = "\0".join([os.path.abspath(source), str(st.st_size), str(st.st_mtime_ns), size_name(size),
                      str(FORMAT_VERSION)])
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _cached(folder: Path, key: str) -> Path | None:
    for ext in (".jpg", ".png"):
        path = folder / (key + ext)
        try:
            if os.stat(path).st_size > 0:
                return path
        except OSError:
            pass
    return None


def derivative(source: Path, size_name: str = DEFAULT_SIZE, *, cache: Path | None = None) -> Path:
    """The cached derivative of *source* at the standard size *size_name*, built if needed.

    *source* must already be a safe path (see :func:`kiosk.core.media.resolve_media`).
    Raises :class:`DerivativeError` (with a sentence for a person) when the source cannot
    be read or decoded, is a decompression bomb, or the cache cannot be written; and
    ``ValueError`` for an unknown size name. Thread-safe.
    """
    return ensure(source, size_name, cache=cache)[0]


def ensure(source: Path, size: str = DEFAULT_SIZE, *, cache: Path | None = None) -> tuple[Path, bool]:
    """Like :func:`derivative`, and whether it was built now (True) or found in the cache (False)."""
    size = size_name(size)
    source = Path(source)
    try:
        st = os.stat(source)
    except OSError as exc:
        raise DerivativeError(f"cannot read '{source.name}': {exc.strerror or exc}", source) from None
    key = cache_key(source, size, st)
    folder = (cache if cache is not None else dirs.images_cache_dir()) / key[:2]
    found = _cached(folder, key)
    if found is not None:
        return found, False
    with _locks.hold(key):
        found = _cached(folder, key)  # built by another thread while this one waited
        if found is not None:
            return found, False
        with _failures_lock:
            failed = _failures.get(key)
        if failed is not None:
            raise DerivativeError(failed, source)
        try:
            image = _render(source, SIZES[size])
        except _ReadError:
            raise
        except DerivativeError as exc:
            with _failures_lock:
                _failures[key] = exc.message
            raise
        return _write(image, folder, key, source), True


def forget_failures() -> None:
    """Forget remembered decoding failures (they are keyed by mtime, so this is rarely needed)."""
    with _failures_lock:
        _failures.clear()


# -- building ------------------------------------------------------------------------------------

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def fit(size: tuple[int, int], longest: int) -> tuple[int, int]:
    """*size* scaled down (never up) so that its long side is at most *longest*, aspect kept."""
    w, h = size
    scale = min(1.0, longest / max(w, h, 1))
    return max(1, round(w * scale)), max(1, round(h * scale))


def _bomb_message(source: Path, exc: Exception | None, pixels: int | None = None) -> str:
    limit = Image.MAX_IMAGE_PIXELS
    if pixels is None and exc is not None:
        m = re.search(r"\((\d+) pixels\)", str(exc))
        pixels = int(m.group(1)) if m else None
    size = f"{pixels:,} pixels" if pixels else "too many pixels"
    return (f"'{source.name}' is too large to decode safely ({size}, the limit is {limit:,}): "
            "it may be damaged or a decompression bomb; save a smaller version of the image")


def _open(source: Path) -> Image.Image:
    try:
        from kiosk.core import walk

        # never blocks on a pipe swapped in since the content was validated; Pillow owns the file from here
        # (an image opened from a file object it did not open is closed with it: see _render)
        f = os.fdopen(walk.open_regular(source), "rb")
        with _open_lock, warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                im = Image.open(f)
            except BaseException:
                f.close()
                raise
        im._kiosk_file = f  # type: ignore[attr-defined]
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DerivativeError(_bomb_message(source, exc), source) from None
    except UnidentifiedImageError:
        raise DerivativeError(f"'{source.name}' is not an image Pillow can read (or an unsupported format)",
                              source) from None
    except OSError as exc:
        raise _ReadError(f"cannot read '{source.name}': {exc.strerror or exc}", source) from None
    limit = Image.MAX_IMAGE_PIXELS
    if limit and im.width * im.height > limit:  # the warning above may have been lost to another thread
        im.close()
        f.close()
        raise DerivativeError(_bomb_message(source, None, im.width * im.height), source)
    return im


def _render(source: Path, longest: int) -> Image.Image:
    """Decode *source* and return it upright, sRGB, RGB or RGBA, with its long side <= *longest*."""
    im = _open(source)
    try:
        with im, im._kiosk_file:  # type: ignore[attr-defined]
            try:
                orientation = im.getexif().get(ExifTags.Base.Orientation)
            except Exception:  # noqa: BLE001 (a damaged EXIF block only loses the orientation)
                orientation = None
            target = fit(im.size, longest)
            if im.format in ("JPEG", "MPO") and target != im.size:  # MPO: many cameras' and phones' JPEGs
                # Decode in the DCT domain at 1/2, 1/4 or 1/8 scale, never below the target size:
                # a 6000x4000 JPEG for 1920 px decodes at 3000x2000, 4 times less work.
                im.draft("RGB", target)
            im.load()
            out = _to_srgb(im)
            out.thumbnail((longest, longest), Image.Resampling.LANCZOS, reducing_gap=3.0)
            if out is im:
                out = im.copy()  # closing the file also drops a file-backed image's pixels
        if out.mode == "RGBA" and out.getchannel("A").getextrema()[0] == 255:
            out = out.convert("RGB")  # an alpha channel that is opaque everywhere: save as JPEG
        method = _TRANSPOSE.get(orientation) if isinstance(orientation, int) else None
        if method is not None:
            out = out.transpose(method)
        return out
    except DerivativeError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DerivativeError(_bomb_message(source, exc), source) from None
    except MemoryError:
        raise DerivativeError(f"not enough memory to decode '{source.name}'; save a smaller version", source) from None
    except (PermissionError, FileNotFoundError) as exc:
        raise _ReadError(f"cannot read '{source.name}': {exc.strerror or exc}", source) from None
    except Exception as exc:  # noqa: BLE001 (Pillow raises OSError, ValueError, SyntaxError, struct.error, ...)
        detail = (str(exc) or type(exc).__name__).replace(str(source), source.name)  # no absolute paths
        raise DerivativeError(f"'{source.name}' is damaged or truncated ({detail})", source) from None


def _to_srgb(im: Image.Image) -> Image.Image:
    """*im* (loaded) as RGB or RGBA, converted from its embedded ICC profile to sRGB when it has one."""
    icc = im.info.get("icc_profile")
    alpha = im.mode in ("RGBA", "RGBa", "LA", "La", "PA") or (
        "transparency" in im.info and im.mode in ("P", "L", "RGB", "1"))
    target = "RGBA" if alpha else "RGB"
    mode = im.mode
    if mode.startswith("I;16") or mode == "I":
        # 16-bit (or 32-bit integer) grey: scale to 8 bits instead of clipping everything above 255
        im = im.convert("I")
        if mode.startswith("I;16") or cast("tuple[float, float]", im.getextrema())[1] > 255:  # one band
            im = im.point(lambda v: v * (1 / 256))
        im = im.convert("L")
    elif mode == "F":
        lo, hi = cast("tuple[float, float]", im.getextrema())  # one band: (lowest, highest)
        im = (im.point(lambda v: v * 255) if 0 <= lo and hi <= 1 else im).convert("L")
    elif mode in ("P", "PA", "1", "LA", "La", "RGBa", "YCbCr", "LAB", "HSV"):
        im = im.convert(target)
    if icc and ImageCms is not None and im.mode in ("RGB", "RGBA", "L", "CMYK"):
        try:
            converted = ImageCms.profileToProfile(
                im, ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"),
                outputMode=target if im.mode != "RGBA" else "RGBA")
            if converted is not None:
                im = converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or mismatched profile: keep the colours as they are
    if im.mode != target:
        im = im.convert(target)
    return im


def _write(image: Image.Image, folder: Path, key: str, source: Path) -> Path:
    fmt, ext, options = ("PNG", ".png", PNG_OPTIONS) if image.mode == "RGBA" else ("JPEG", ".jpg", JPEG_OPTIONS)
    dest = folder / (key + ext)
    tmp = ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:12]}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            image.save(f, fmt, **options)
            f.flush()
            os.fsync(f.fileno())  # a kiosk is switched off at the wall: never leave an empty file behind
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; `kiosk prepare` may run as another user
        try:
            os.replace(tmp, dest)
        except PermissionError:
            # Windows: the destination is open in a reader; another process made the same file.
            if not dest.exists():
                raise
            os.unlink(tmp)
        tmp = ""
    except OSError as exc:
        raise DerivativeError(f"cannot write the image cache in {folder.parent}: {exc.strerror or exc}",
                              source) from None
    finally:
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return dest


# -- preparing a whole exhibit -------------------------------------------------------------------

@dataclass
class PrepareReport:
    """What :func:`prepare` did: derivatives built and reused, and images that failed (once per image)."""

    built: int = 0
    reused: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def _prepare_one(root: Path, rel: str, sizes: tuple[str, ...], cache: Path | None) -> tuple[int, int, str]:
    resolved = resolve_media(root, rel)
    if isinstance(resolved, PathError):
        return 0, 0, resolved.message + (f" ({resolved.hint})" if resolved.hint else "")
    built = reused = 0
    for size in sizes:
        try:
            _, new = ensure(resolved, size, cache=cache)
        except DerivativeError as exc:
            return built, reused, exc.message  # the other sizes would fail the same way
        built += new
        reused += not new
    return built, reused, ""


def prepare(content_root: Path, image_rel_paths: Iterable[str], sizes: Iterable[str] = ("thumb", "screen"),
            progress: Callable[[int, int, str], None] | None = None, *, workers: int = 2,
            cache: Path | None = None) -> PrepareReport:
    """Build the derivatives of every image (paths relative to *content_root*, as in the YAML).

    Paths are checked with :func:`resolve_media` (nothing outside the content folder is read).
    ``progress(done, total, rel)`` is called once per image, in the calling thread.
    With ``workers > 1`` images are decoded in a thread pool (Pillow releases the GIL).
    """
    sizes = tuple(dict.fromkeys(size_name(s) for s in sizes))
    rels = list(dict.fromkeys(image_rel_paths))
    report = PrepareReport()

    def record(rel: str, result: tuple[int, int, str], done: int) -> None:
        built, reused, error = result
        report.built += built
        report.reused += reused
        if error:
            report.failed.append((rel, error))
        if progress is not None:
            progress(done, len(rels), rel)

    if workers <= 1 or len(rels) <= 1:
        for n, rel in enumerate(rels, 1):
            record(rel, _prepare_one(content_root, rel, sizes, cache), n)
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-derivatives") as pool:
            futures = {pool.submit(_prepare_one, content_root, rel, sizes, cache): rel for rel in rels}
            for n, future in enumerate(as_completed(futures), 1):
                record(futures[future], future.result(), n)
        report.failed.sort(key=lambda item: rels.index(item[0]))
    return report


# -- content warnings ----------------------------------------------------------------------------

def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def max_image_bytes() -> int:
    """The image file size above which validate warns: $KIOSK_MAX_IMAGE_MB, else 20 MB."""
    try:
        return int(float(os.environ["KIOSK_MAX_IMAGE_MB"]) * 1_000_000)
    except (KeyError, ValueError):
        return MAX_IMAGE_BYTES


def image_problems(info: ImageInfo, needed_w: int, needed_h: int, max_bytes: int = MAX_IMAGE_BYTES, *,
                   file_bytes: int = 0, location: Location = Location("")) -> list[Problem]:
    """Warnings about an image that decodes (*info* from :func:`probe_image`) but is not fit for the screen.

    * smaller than the box it is shown in (``needed_w`` x ``needed_h``, the largest screen): it is enlarged
      and looks blurred;
    * *file_bytes* over *max_bytes* (0 disables the check).

    An image with ``info.error`` gets no warnings here (the error is reported where it is probed).
    """
    out: list[Problem] = []
    if info.error or info.width <= 0 or info.height <= 0:
        return out
    if needed_w > 0 and needed_h > 0 and info.width < needed_w and info.height < needed_h:
        scale = min(needed_w / info.width, needed_h / info.height)
        want_w, want_h = math.ceil(info.width * scale - 1e-9), math.ceil(info.height * scale - 1e-9)
        out.append(Problem(
            Severity.WARNING, location,
            f"the image is {info.width}×{info.height} pixels, smaller than the {needed_w}×{needed_h} screen "
            f"it is shown on: it is enlarged {scale:.1f}× and will look blurred",
            f"use a version of at least {want_w}×{want_h} pixels"))
    if max_bytes > 0 and file_bytes > max_bytes:
        out.append(Problem(
            Severity.WARNING, location,
            f"the image file is {_mb(file_bytes)}, more than {_mb(max_bytes)}",
            f"save it at the size it is shown (at most {SIZES['zoom']} pixels on the long side), "
            "as a JPEG of quality 85, to load faster and use less memory"))
    return out
