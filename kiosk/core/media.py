"""Media files referenced by the content: safe path resolution and image checks (Pillow)."""

from __future__ import annotations

import difflib
import os
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError


IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff"}


@dataclass(frozen=True)
class PathError:
    message: str
    hint: str = ""


def resolve_media(root: Path, value: str) -> Path | PathError:
    """Resolve *value* (as written in YAML) inside the content folder *root*.

    Refuses absolute paths, ``..``, backslashes and symlinks that lead out of the folder.
    """
    if not value.strip():
        return PathError("the file name is empty")
    if "\\" in value:
        return PathError(f"'{value}' uses '\\' in the path", "use '/' between folder names, as in media/maps/hanoi.png")
    if value.startswith("/") or (len(value) > 1 and value[1] == ":"):
        return PathError(
            f"'{value}' is an absolute path",
            "media must be inside the content folder; write the path relative to it, e.g. media/photo.jpg",
        )
    parts = PurePosixPath(value).parts
    if ".." in parts:
        return PathError(f"'{value}' leads out of the content folder ('..')", "put the file inside the content folder")
    root_real = root.resolve()
    path = root.joinpath(*parts)
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        return PathError(f"'{value}' cannot be resolved (a symbolic link loop?)")
    if not real.is_relative_to(root_real):
        return PathError(f"'{value}' is a link that leads out of the content folder", "copy the file into the content folder")
    try:
        return _existing(path, value)
    except OSError as exc:
        return PathError(f"cannot read '{value}': {exc.strerror or exc}",
                         "check that the kiosk's user may read the file and its folders")


def _existing(path: Path, value: str) -> Path | PathError:
    if path.is_symlink() and not path.exists():
        return PathError(f"'{value}' is a link to a file that does not exist", "replace the link with the file itself")
    if not path.exists():
        hint = ""
        parent = path.parent
        folder = PurePosixPath(value).parent
        if parent.is_dir():
            try:
                names = os.listdir(parent)
            except OSError:
                names = []
            match = difflib.get_close_matches(path.name, sorted(n for n in names if n != path.name), n=1, cutoff=0.6)
            if match:
                hint = f"did you mean '{folder / match[0]}'?"
        else:
            hint = f"the folder '{folder}' does not exist"
        return PathError(f"file not found: '{value}'", hint)
    if not path.is_file():
        return PathError(f"'{value}' is a folder, not a file")
    return path


@dataclass(frozen=True)
class ImageInfo:
    width: int = 0
    height: int = 0
    format: str = ""
    error: str = ""


_cache: dict[tuple[str, int, int], ImageInfo] = {}


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


AUDIO_SUFFIXES = {".ogg", ".oga", ".opus", ".mp3", ".m4a", ".aac", ".wav", ".flac"}
VIDEO_SUFFIXES = {".mp4", ".m4v", ".webm", ".mkv", ".mov", ".ogv"}


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
