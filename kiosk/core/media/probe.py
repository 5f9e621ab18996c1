"""What a media file really is, read without Qt: image size and soundness (Pillow), whether a file
starts like a container the kiosk plays, and a recording's length read from its container."""

from __future__ import annotations

import functools
import os
import struct
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError

from kiosk.core import limits, walk


@dataclass(frozen=True)
class ImageInfo:
    width: int = 0
    height: int = 0
    format: str = ""
    error: str = ""
    hint: str = ""


@dataclass(frozen=True)
class ImageBudget:
    """What an image may cost (from :mod:`kiosk.core.limits`): checked before any pixel is decoded."""

    file_bytes: int = limits.DEFAULT.image_file_bytes
    pixels: int = limits.DEFAULT.image_pixels
    pixels_other: int = limits.DEFAULT.image_pixels_other
    jpeg_scans: int = limits.DEFAULT.jpeg_scans

    @classmethod
    def of(cls, budget: limits.Limits) -> ImageBudget:
        return cls(budget.image_file_bytes, budget.image_pixels, budget.image_pixels_other, budget.jpeg_scans)


# A progressive JPEG keeps every DCT coefficient of the whole image in memory while it decodes, whatever
# the output size (2 bytes per coefficient): this is what a 9000x9000 progressive JPEG costs (~500 MB).
PROGRESSIVE_JPEG_BYTES = 160_000_000
# Below this many pixels an image is simply decoded whole (a few tens of MB at most).
DECODE_WHOLE_PIXELS = 4_000_000

_cache: dict[tuple[str, int, int, ImageBudget, bool], ImageInfo] = {}


def clear_cache() -> None:
    """Forget every probed image and recording (benchmarks measure cold validation with it)."""
    _cache.clear()
    _media.cache_clear()


def probe_image(path: Path, budget: ImageBudget | None = None, decode: bool = True) -> ImageInfo:
    """Check that *path* is a sound image within *budget*; return its size, or an error message.

    The size in pixels is read from the header before anything is decoded. Then the image is checked
    the cheapest way that still finds a truncated or damaged file: a JPEG is decoded at 1/8 of its size
    (after its scans are counted: thousands of empty scans keep a decoder busy for a minute), a large
    PNG is inflated as a stream and checked row by row without keeping its pixels, and other formats
    (decoded whole by any reader) have a smaller pixel budget. Results are cached by path, size,
    modification time and budget.

    With *decode* False (the validator's decode budget is spent), no pixel is decoded: the image is
    checked by its structure only (a JPEG's markers and its end marker after the last scan; a PNG's
    chunks, their checksums and its end chunk).
    """
    budget = budget or ImageBudget()
    try:
        st = path.stat()
    except OSError as exc:
        return ImageInfo(error=f"cannot read the file: {exc.strerror or exc}")
    key = (str(path), st.st_size, st.st_mtime_ns, budget, decode)
    cached = _cache.get(key) or _cache.get((*key[:-1], True))
    if cached is not None:
        return cached
    info = _probe(path, st.st_size, budget, decode)
    if not info.error.startswith("cannot read"):  # a permission fixed later must not stay cached
        _cache[key] = info
    return info


def image_size(path: Path) -> tuple[int, int]:
    """Width and height from the header only (no pixel is decoded); (0, 0) if it cannot be read."""
    try:
        fd = walk.open_regular(path)
    except OSError:
        return 0, 0
    try:
        with os.fdopen(fd, "rb") as f, warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(f) as im:
                return im.width, im.height
    except Exception:  # noqa: BLE001 (Pillow raises many kinds on a bad header: the size is simply unknown)
        return 0, 0


def _mpx(n: int) -> str:
    return f"{n:,} pixels"


def _probe(path: Path, size: int, budget: ImageBudget, decode: bool = True) -> ImageInfo:
    if size == 0:
        return ImageInfo(error="the image file is empty (0 bytes)")
    if size > budget.file_bytes:
        return ImageInfo(error=f"the image file is {limits.amount(size, 'bytes')}, more than the limit of "
                               f"{limits.amount(budget.file_bytes, 'bytes')}",
                         hint="save it at the size it is shown (at most 3840 pixels on the long side), as a JPEG "
                              "of quality 85; " + limits.raise_hint("image_file_bytes"))
    try:
        fd = walk.open_regular(path)
    except walk.NotRegular as exc:
        return ImageInfo(error=f"{exc}: it is not read")
    except OSError as exc:
        return ImageInfo(error=f"cannot read the file: {exc.strerror or exc}")
    try:
        with os.fdopen(fd, "rb") as f:
            return _check(f, path, budget, decode)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ImageInfo(error="the image is too large in pixels to be decoded safely (decompression bomb?)")
    except UnidentifiedImageError:
        return ImageInfo(error="the file is not an image Pillow can read (or an unsupported format)")
    except (PermissionError, FileNotFoundError, IsADirectoryError) as exc:
        return ImageInfo(error=f"cannot read the file: {exc.strerror or exc}")
    except MemoryError:
        return ImageInfo(error="not enough memory to check the image", hint="save a smaller version")
    except (OSError, SyntaxError, ValueError, struct.error, zlib.error, EOFError) as exc:
        detail = str(exc).replace(str(path), path.name)  # no absolute paths in messages
        return ImageInfo(error=f"the image is damaged or truncated ({detail})")


def _check(f: BinaryIO, path: Path, budget: ImageBudget, decode: bool = True) -> ImageInfo:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own pixel budget decides
        im = Image.open(f)
    with im:
        width, height, fmt = im.width, im.height, im.format or ""
        pixels = width * height
        if width <= 0 or height <= 0:
            return ImageInfo(error="the image has no pixels (its width or height is 0)")
        reduced = fmt in ("JPEG", "MPO", "PNG")
        allowed = budget.pixels if reduced else min(budget.pixels, budget.pixels_other)
        if pixels > allowed:
            what = "" if reduced else f" for a {fmt or 'non-JPEG, non-PNG'} image"
            return ImageInfo(width, height, fmt,
                             error=f"the image is {width:,}×{height:,} pixels ({_mpx(pixels)}), more than the limit "
                                   f"of {_mpx(allowed)}{what}",
                             hint=("save it at the size it is shown (at most 3840 pixels on the long side)"
                                   + ("; " + limits.raise_hint("image_pixels") if reduced else
                                      "; or save it as JPEG or PNG, which are checked and shown without being "
                                      "decoded whole")))
        if fmt in ("JPEG", "MPO"):
            why = _jpeg_cost(im, f, budget)
            if why:
                return ImageInfo(width, height, fmt, error=why[0], hint=why[1])
            if decode:
                if pixels > DECODE_WHOLE_PIXELS:
                    im.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                im.load()
        elif fmt == "PNG" and (pixels > DECODE_WHOLE_PIXELS or not decode):
            f.seek(0)
            damage = check_png_stream(f, inflate=decode)
            if damage:
                return ImageInfo(width, height, fmt, error=f"the image is damaged or truncated ({damage})")
        elif decode or fmt not in ("JPEG", "MPO", "PNG"):
            im.load()
    return ImageInfo(width, height, fmt)


def _jpeg_cost(im: Image.Image, f: BinaryIO, budget: ImageBudget) -> tuple[str, str] | None:
    """Why decoding this JPEG would cost too much (too many scans, a huge progressive image), or None."""
    f.seek(0)
    scans, tail, offset, last_scan, last_end = 0, b"", 0, -1, -1
    while True:
        block = f.read(1 << 20)
        if not block:
            break
        joined = tail + block
        scans += joined.count(b"\xff\xda")
        start = offset - len(tail)
        if joined.rfind(b"\xff\xda") >= 0:
            last_scan = start + joined.rfind(b"\xff\xda")
        if joined.rfind(b"\xff\xd9") >= 0:
            last_end = start + joined.rfind(b"\xff\xd9")
        offset += len(block)
        tail = block[-1:]
        if scans > budget.jpeg_scans:
            return ((f"the JPEG has more than {budget.jpeg_scans} scans (cameras and editors write at most "
                     "about 12): decoding it would keep the kiosk busy for a long time"),
                    "open it in an image editor and save it again as a standard (baseline) JPEG")
    if last_end < last_scan:
        return ("the image is damaged or truncated (the JPEG ends without its end marker: it was cut short)",
                "copy the file again from its original (an interrupted copy leaves a file cut short)")
    f.seek(0)
    if im.info.get("progressive") or im.info.get("progression"):
        layers = getattr(im, "layer", None) or [(1, 1, 1, 0)]
        hmax = max(layer[1] for layer in layers) or 1
        vmax = max(layer[2] for layer in layers) or 1
        cost = sum(2 * (im.width * layer[1] // hmax + 8) * (im.height * layer[2] // vmax + 8) for layer in layers)
        if cost > PROGRESSIVE_JPEG_BYTES:
            return ((f"this progressive JPEG needs {limits.amount(cost, 'bytes')} of memory to be decoded "
                     f"(more than {limits.amount(PROGRESSIVE_JPEG_BYTES, 'bytes')}), whatever size it is shown at"),
                    "save it as a standard (baseline) JPEG, or smaller (at most 3840 pixels on the long side)")
    return None


_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def check_png_stream(f: BinaryIO, inflate: bool = True) -> str:
    """'' when the PNG in *f* is complete and sound, else what is wrong; never holds the whole image.

    Reads the chunks in order (CRCs checked, IHDR first, IEND last), inflates the image data as a stream
    in pieces of 1 MB and checks that it has exactly the bytes the header promises, and for a
    non-interlaced image that every row starts with a valid filter type.
    """
    if f.read(8) != b"\x89PNG\r\n\x1a\n":
        return "not a PNG signature"
    decompressor = zlib.decompressobj() if inflate else None
    expected = total = 0
    stride = 0
    seen_ihdr = seen_iend = in_idat = idat_done = False
    while not seen_iend:
        head = f.read(8)
        if len(head) < 8:
            return "the file ends before its last chunk (IEND): it was cut short"
        length, kind = struct.unpack(">I4s", head)
        if length > 0x7FFFFFFF:
            return "a chunk has an impossible length"
        crc = zlib.crc32(kind)
        if not seen_ihdr:
            if kind != b"IHDR" or length != 13:
                return "the first chunk is not IHDR"
            data = f.read(13)
            crc = zlib.crc32(data, crc)
            width, height, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", data)
            channels = _PNG_CHANNELS.get(color)
            if channels is None or depth not in (1, 2, 4, 8, 16):
                return "unknown colour type or bit depth"
            bits = depth * channels
            if interlace:
                passes = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
                          (0, 1, 1, 2))
                for x0, y0, dx, dy in passes:
                    pw, ph = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
                    if pw > 0 and ph > 0:
                        expected += ph * ((pw * bits + 7) // 8 + 1)
            else:
                stride = (width * bits + 7) // 8 + 1
                expected = height * stride
            seen_ihdr = True
        else:
            if kind == b"IDAT":
                if idat_done:
                    return "the image data is split by other chunks"
                in_idat = True
            elif in_idat:
                idat_done = True
            remaining = length
            while remaining:
                piece = f.read(min(1 << 20, remaining))
                if not piece:
                    return "the file ends inside a chunk: it was cut short"
                remaining -= len(piece)
                crc = zlib.crc32(piece, crc)
                if kind == b"IDAT" and decompressor is not None:
                    inflater = decompressor
                    data = inflater.decompress(piece, 1 << 20)
                    while True:
                        if data:
                            if stride and max(data[(-total) % stride::stride] or b"\0") > 4:
                                return "a row has an invalid filter type"
                            total += len(data)
                            if total > expected:
                                return "more image data than the header announces"
                        if not inflater.unconsumed_tail:
                            break
                        data = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
            seen_iend = kind == b"IEND"
        stored = f.read(4)
        if len(stored) < 4 or struct.unpack(">I", stored)[0] != crc & 0xFFFFFFFF:
            return f"the {kind.decode('latin-1')} chunk is damaged (its checksum is wrong)"
    if decompressor is not None and (total != expected or not decompressor.eof):
        return f"the image data is incomplete ({total:,} of {expected:,} bytes)"
    return ""


def sniff_media(path: Path) -> str:
    """'' when *path* starts like an audio/video container the kiosk plays, else why not.

    A Qt-free first check (the player itself decodes): Ogg, MP4/MOV, WebM/Matroska, MP3, WAV, FLAC, AAC.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}"
    if not head:
        return "the file is empty (0 bytes)"
    if (head.startswith((b"OggS", b"fLaC", b"ID3", b"\x1a\x45\xdf\xa3")) or head[4:8] == b"ftyp"
            or (head.startswith(b"RIFF") and head[8:12] == b"WAVE")
            or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)):
        return ""
    return "the file is not an audio or video file the kiosk can play (or it is damaged)"


@dataclass(frozen=True)
class MediaBudget:
    file_bytes: int = limits.DEFAULT.media_file_bytes
    seconds: int = limits.DEFAULT.media_seconds
    video_pixels: int = limits.DEFAULT.video_pixels

    @classmethod
    def of(cls, budget: limits.Limits) -> MediaBudget:
        return cls(budget.media_file_bytes, budget.media_seconds, budget.video_pixels)


@dataclass(frozen=True)
class MediaInfo:
    duration: float = 0.0  # seconds
    width: int = 0  # of a film's frames; 0 for audio or when unknown
    height: int = 0
    error: str = ""
    hint: str = ""


_DAMAGED_HINT = "copy the file again from its original (an interrupted copy leaves a file cut short)"


def probe_media(path: Path, budget: MediaBudget | None = None, video: bool = True) -> MediaInfo:
    """Check a recording for real: its container opens, is complete and has a length, within *budget*.

    The container is read with mutagen (the maintained library of audio metadata in Python: Ogg, MP4/M4A,
    MP3, FLAC, WAV, AAC), except Matroska/WebM, whose few header elements are read here. Only headers and
    the file's end are read, never the whole recording. Cached by path, size and modification time.
    """
    budget = budget or MediaBudget()
    try:
        st = path.stat()
    except OSError as exc:
        return MediaInfo(error=f"cannot read the file: {exc.strerror or exc}")
    return _media(str(path), st.st_size, st.st_mtime_ns, budget, video)


@functools.lru_cache(maxsize=512)
def _media(path: str, size: int, mtime_ns: int, budget: MediaBudget, video: bool) -> MediaInfo:
    if size == 0:
        return MediaInfo(error="the file is empty (0 bytes)", hint=_DAMAGED_HINT)
    if size > budget.file_bytes:
        return MediaInfo(error=f"the file is {limits.amount(size, 'bytes')}, more than the limit of "
                               f"{limits.amount(budget.file_bytes, 'bytes')}",
                         hint="encode it at the size and bit rate it is shown at; "
                              + limits.raise_hint("media_file_bytes"))
    try:
        fd = walk.open_regular(path)
    except walk.NotRegular as exc:
        return MediaInfo(error=f"{exc}: it is not read")
    except OSError as exc:
        return MediaInfo(error=f"cannot read the file: {exc.strerror or exc}")
    with os.fdopen(fd, "rb") as f:
        head = f.read(16)
        f.seek(0)
        if not _looks_like_media(head):
            return MediaInfo(error="the file is not an audio or video file the kiosk can play (or it is damaged)")
        try:
            if head.startswith(b"\x1a\x45\xdf\xa3"):
                duration, width, height = _matroska(f, size)
            else:
                duration, width, height = _mutagen(f, head, size)
        except _Damaged as exc:
            return MediaInfo(error=f"the recording is damaged or cut short ({exc})", hint=_DAMAGED_HINT)
        except Exception as exc:  # noqa: BLE001 (mutagen raises its own errors, struct.error, EOFError...)
            detail = (str(exc) or type(exc).__name__).replace(path, Path(path).name)
            return MediaInfo(error=f"the recording is damaged or cut short ({detail})", hint=_DAMAGED_HINT)
    if not (duration > 0 and duration == duration and duration != float("inf")):
        return MediaInfo(error="the recording has no length (its container is damaged or empty)", hint=_DAMAGED_HINT)
    if duration > budget.seconds:
        return MediaInfo(duration, width, height,
                         error=f"the recording lasts {duration / 3600:.1f} h, more than the limit of "
                               f"{limits.amount(budget.seconds, 'seconds')}",
                         hint=limits.raise_hint("media_seconds"))
    if width * height > budget.video_pixels:
        return MediaInfo(duration, width, height,
                         error=f"the film's frames are {width:,}×{height:,} pixels, more than the limit of "
                               f"{budget.video_pixels:,} pixels (3840×2160)",
                         hint="encode it at the screen's size, e.g. 1920×1080")
    return MediaInfo(duration, width, height)


class _Damaged(Exception):
    pass


def _looks_like_media(head: bytes) -> bool:
    return bool(head.startswith((b"OggS", b"fLaC", b"ID3", b"\x1a\x45\xdf\xa3")) or head[4:8] == b"ftyp"
                or (head.startswith(b"RIFF") and head[8:12] == b"WAVE")
                or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0))


def _mutagen(f: BinaryIO, head: bytes, size: int) -> tuple[float, int, int]:
    import mutagen
    import mutagen.mp4

    found = mutagen.File(f)
    if found is None or found.info is None:
        raise _Damaged("its container cannot be read")
    duration = float(getattr(found.info, "length", 0) or 0)
    width = height = 0
    if head.startswith(b"OggS"):
        width, height = _ogg_checks(f, size)
    elif head[4:8] == b"ftyp":
        f.seek(0)
        # mutagen.mp4 imports Atoms from its private _atom module without re-exporting it by name
        atoms = mutagen.mp4.Atoms(f)  # type: ignore[attr-defined]
        end = max(atom.offset + atom.length for atom in atoms.atoms)
        if end > size:
            raise _Damaged(f"it ends {end - size:,} bytes early")
        for trak in atoms[b"moov"].findall(b"trak"):
            try:
                tkhd = trak[(b"tkhd",)]
            except KeyError:
                continue
            f.seek(tkhd.offset + tkhd.length - 8)
            w, h = struct.unpack(">II", f.read(8))
            width, height = max(width, w >> 16), max(height, h >> 16)
    return duration, width, height


def _ogg_checks(f: BinaryIO, size: int) -> tuple[int, int]:
    """An Ogg stream that was cut short has no end-of-stream page; a Theora film says its frame size."""
    f.seek(0)
    first = f.read(256)
    width = height = 0
    packet = first[27 + first[26]:] if len(first) > 27 else b""
    if packet.startswith(b"\x80theora") and len(packet) >= 20:
        width = int.from_bytes(packet[14:17], "big")
        height = int.from_bytes(packet[17:20], "big")
    f.seek(max(0, size - 65536))
    tail = f.read()
    at = tail.rfind(b"OggS")
    if at < 0 or at + 27 > len(tail):
        raise _Damaged("no complete last page")
    segments = tail[at + 26]
    body = sum(tail[at + 27:at + 27 + segments])
    if at + 27 + segments + body != len(tail) or not tail[at + 5] & 4:
        raise _Damaged("the last page is incomplete: the file was cut short")
    return width, height


_EBML_IDS = {0x18538067: "Segment", 0x1549A966: "Info", 0x1654AE6B: "Tracks", 0xAE: "TrackEntry", 0xE0: "Video"}


def _matroska(f: BinaryIO, size: int) -> tuple[float, int, int]:
    """Duration and frame size of a Matroska/WebM file from its first 4 MB (Info and Tracks come first)."""
    data = f.read(min(size, 4 * 1024 * 1024))

    def vint(pos: int, keep_marker: bool) -> tuple[int, int]:
        if pos >= len(data):
            raise _Damaged("the file ends inside its header")
        first = data[pos]
        length = 1
        while length <= 8 and not first & (0x80 >> (length - 1)):
            length += 1
        if length > 8 or pos + length > len(data):
            raise _Damaged("an invalid header element")
        value = first if keep_marker else first & (0xFF >> length)
        for b in data[pos + 1:pos + length]:
            value = (value << 8) | b
        return value, pos + length

    scale, duration, width, height = 1_000_000, 0.0, 0, 0

    def elements(pos: int, end: int, depth: int = 0) -> Iterator[tuple[int, int, int]]:
        while pos < min(end, len(data)) and depth < 8:
            ident, pos = vint(pos, True)
            length, pos = vint(pos, False)
            yield ident, pos, min(pos + length, len(data)) if length < (1 << 56) - 1 else len(data)
            if ident in (0x18538067,):  # descend into Segment without skipping it
                return
            pos += length

    pos = 0
    for ident, start, end in elements(0, len(data)):
        pos = end
        if ident == 0x18538067:
            pos = start
            break
    else:
        raise _Damaged("no Segment")
    for ident, start, end in elements(pos, len(data), 1):
        if ident == 0x1549A966:  # Info
            for child, cs, ce in elements(start, end, 2):
                if child == 0x2AD7B1:
                    scale = int.from_bytes(data[cs:ce], "big") or scale
                elif child == 0x4489:
                    duration = struct.unpack(">f" if ce - cs == 4 else ">d", data[cs:ce])[0]
        elif ident == 0x1654AE6B:  # Tracks
            for entry, es, ee in elements(start, end, 2):
                if entry != 0xAE:
                    continue
                for child, cs, ce in elements(es, ee, 3):
                    if child == 0xE0:
                        for v, vs, ve in elements(cs, ce, 4):
                            if v == 0xB0:
                                width = max(width, int.from_bytes(data[vs:ve], "big"))
                            elif v == 0xBA:
                                height = max(height, int.from_bytes(data[vs:ve], "big"))
        elif ident == 0x1F43B675:  # the first Cluster: the headers are behind us
            break
    return duration * scale / 1e9, width, height


def media_duration(path: Path) -> float | None:
    """The playing time of an audio or video file in seconds, read from its container; None if unknown.

    Lets a page show a recording's length without loading the player (QtMultimedia and FFmpeg are loaded
    only when a visitor presses Play). Reads headers only (:func:`probe_media`).
    """
    info = probe_media(path, MediaBudget(limits.CEILING.media_file_bytes, limits.CEILING.media_seconds,
                                         limits.CEILING.video_pixels))
    return info.duration if not info.error and info.duration > 0 else None


def _duration_cache_clear() -> None:
    _media.cache_clear()
