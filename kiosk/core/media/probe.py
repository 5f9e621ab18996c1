"""What a media file really is, read without Qt: image size and soundness (Pillow), whether a file
starts like a container the kiosk plays, and a recording's length read from its container."""

from __future__ import annotations

import functools
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError


@dataclass(frozen=True)
class ImageInfo:
    width: int = 0
    height: int = 0
    format: str = ""
    error: str = ""


_cache: dict[tuple[str, int, int], ImageInfo] = {}


def clear_cache() -> None:
    """Forget every probed image and recording (benchmarks measure cold validation with it)."""
    _cache.clear()
    _duration.cache_clear()


def probe_image(path: Path) -> ImageInfo:
    """Check that *path* is an image Pillow can decode; return its size, or an error message.

    Results are cached by path, size and modification time.
    """
    try:
        st = path.stat()
    except OSError as exc:
        return ImageInfo(error=f"cannot read the file: {exc.strerror or exc}")
    key = (str(path), st.st_size, st.st_mtime_ns)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    info = _probe(path, st.st_size)
    if not info.error.startswith("cannot read"):  # a permission fixed later must not stay cached
        _cache[key] = info
    return info


def _probe(path: Path, size: int) -> ImageInfo:
    if size == 0:
        return ImageInfo(error="the image file is empty (0 bytes)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                width, height, fmt = im.width, im.height, im.format or ""
                im.verify()
            # verify() checks PNG chunks but does nothing for JPEG and most other formats:
            # decode the pixels too, so a truncated JPEG is caught here and not on screen.
            with Image.open(path) as im:
                im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ImageInfo(error="the image is too large in pixels to be decoded safely (decompression bomb?)")
    except UnidentifiedImageError:
        return ImageInfo(error="the file is not an image Pillow can read (or an unsupported format)")
    except (PermissionError, FileNotFoundError, IsADirectoryError) as exc:
        return ImageInfo(error=f"cannot read the file: {exc.strerror or exc}")
    except (OSError, SyntaxError, ValueError) as exc:
        detail = str(exc).replace(str(path), path.name)  # no absolute paths in messages
        return ImageInfo(error=f"the image is damaged or truncated ({detail})")
    return ImageInfo(width, height, fmt)


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


def media_duration(path: Path) -> float | None:
    """The playing time of an audio or video file in seconds, read from its container; None if unknown.

    Lets a page show a recording's length without loading the player (QtMultimedia and FFmpeg are loaded
    only when a visitor presses Play). Reads a few kilobytes: Ogg (Vorbis, Opus, FLAC), MP4/MOV and WAV.
    """
    try:
        st = path.stat()
        return _duration(str(path), st.st_size, st.st_mtime_ns)
    except OSError:
        return None


@functools.lru_cache(maxsize=512)
def _duration(path: str, size: int, mtime_ns: int) -> float | None:  # size and time: an edited file is read again
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
            if head.startswith(b"OggS"):
                return _ogg_duration(f, head, size)
            if head[4:8] == b"ftyp":
                return _mp4_duration(f, size)
            if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
                return _wav_duration(head, size)
            if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
                return _mp3_duration(f, head, size)
    except (OSError, struct.error, ValueError, IndexError, ZeroDivisionError):
        return None
    return None


def _ogg_duration(f: BinaryIO, head: bytes, size: int) -> float | None:
    # the first page's packet names the codec and its clock; the last page's granule position is the end
    packet = head[27 + head[26]:]
    if packet.startswith(b"\x01vorbis"):
        rate = struct.unpack_from("<I", packet, 12)[0]
    elif packet.startswith(b"OpusHead"):
        rate, pre_skip = 48000, struct.unpack_from("<H", packet, 10)[0]
    elif packet.startswith(b"\x7fFLAC"):
        rate = struct.unpack_from(">I", packet, 27)[0] >> 12
    else:
        return None
    f.seek(max(0, size - 65536))
    tail = f.read()
    at = tail.rfind(b"OggS")
    if at < 0 or at + 14 > len(tail) or rate <= 0:
        return None
    granule = struct.unpack_from("<q", tail, at + 6)[0]
    if packet.startswith(b"OpusHead"):
        granule -= pre_skip
    return granule / rate if granule > 0 else None


def _mp4_duration(f: BinaryIO, size: int) -> float | None:
    # walk the top-level boxes to 'moov', then its boxes to 'mvhd' (timescale and duration)
    pos, end = 0, size
    while pos + 8 <= end:
        f.seek(pos)
        length, kind = struct.unpack(">I4s", f.read(8))
        header = 8
        if length == 1:
            length, header = struct.unpack(">Q", f.read(8))[0], 16
        elif length == 0:
            length = end - pos
        if length < header:
            return None
        if kind == b"moov":
            pos, end = pos + header, pos + length
            continue
        if kind == b"mvhd":
            version = f.read(1)[0]
            f.read(3)
            if version == 1:
                _created, _modified, scale, duration = struct.unpack(">QQIQ", f.read(28))
            else:
                _created, _modified, scale, duration = struct.unpack(">IIII", f.read(16))
            return duration / scale if scale and duration else None
        pos += length
    return None


def _wav_duration(head: bytes, size: int) -> float | None:
    pos = 12
    byte_rate = 0
    while pos + 8 <= len(head):
        kind, length = head[pos:pos + 4], struct.unpack_from("<I", head, pos + 4)[0]
        if kind == b"fmt ":
            byte_rate = struct.unpack_from("<I", head, pos + 16)[0]
        elif kind == b"data":
            return min(length, size - pos - 8) / byte_rate if byte_rate else None
        pos += 8 + length + (length & 1)
    return None


_MP3_KBPS = {1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),   # MPEG-1 layer III
             2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)}      # MPEG-2 and 2.5


def _mp3_duration(f: BinaryIO, head: bytes, size: int) -> float | None:
    start = 0
    if head.startswith(b"ID3"):  # an ID3v2 tag first: its size is written 7 bits per byte
        tag = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
        start = 10 + tag + (10 if head[5] & 0x10 else 0)
    f.seek(start)
    data = f.read(8192)
    at = next((i for i in range(len(data) - 4) if data[i] == 0xFF and data[i + 1] & 0xE0 == 0xE0
               and (data[i + 1] >> 1) & 3 == 1), -1)  # the first layer III frame
    if at < 0:
        return None
    b1, b2, b3 = data[at + 1], data[at + 2], data[at + 3]
    version = (b1 >> 3) & 3  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    if version == 1 or (b2 >> 4) in (0, 15) or (b2 >> 2) & 3 == 3:
        return None
    mpeg1 = version == 3
    rate = (44100, 48000, 32000)[(b2 >> 2) & 3] // (1 if mpeg1 else 2 if version == 2 else 4)
    samples = 1152 if mpeg1 else 576
    mono = (b3 >> 6) == 3
    side = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    xing = at + 4 + side
    if data[xing:xing + 4] in (b"Xing", b"Info") and struct.unpack_from(">I", data, xing + 4)[0] & 1:
        frames: int = struct.unpack_from(">I", data, xing + 8)[0]
        return frames * samples / rate
    if data[at + 36:at + 40] == b"VBRI":
        frames = struct.unpack_from(">I", data, at + 36 + 14)[0]  # an int, as above
        return frames * samples / rate
    kbps = _MP3_KBPS[1 if mpeg1 else 2][b2 >> 4]
    return (size - start - at) * 8 / (kbps * 1000)  # constant bit rate
