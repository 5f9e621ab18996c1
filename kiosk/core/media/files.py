"""Media files referenced by the content: which suffixes are which, and safe path resolution.

Every path a content file names goes through :func:`resolve_media`: relative to the content folder,
no ``..``, no absolute paths, no links that lead out of the folder.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kiosk.core import chars, walk

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
        return PathError(f"'{value}' uses '\\' in the path",
                         "use '/' between folder names, as in media/photos/opening.jpg")
    if value.startswith("/") or (len(value) > 1 and value[1] == ":"):
        return PathError(
            f"'{value}' is an absolute path",
            "media must be inside the content folder; write the path relative to it, e.g. media/photo.jpg",
        )
    parts = PurePosixPath(value).parts
    if ".." in parts:
        return PathError(f"'{value}' leads out of the content folder ('..')", "put the file inside the content folder")
    if "\0" in value:
        return PathError(f"'{value}' contains a NUL character", "retype the file name")
    root_real = root.resolve()
    path = _normalized(root, parts)
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        return PathError(f"'{value}' cannot be resolved (a symbolic link loop?)")
    if not real.is_relative_to(root_real):
        return PathError(f"'{value}' is a link that leads out of the content folder",
                         "copy the file into the content folder")
    try:
        return _existing(path, value)
    except OSError as exc:
        return PathError(f"cannot read '{value}': {exc.strerror or exc}",
                         "check that the kiosk's user may read the file and its folders")


def _normalized(root: Path, parts: tuple[str, ...]) -> Path:
    """*parts* under *root*, each name matched as written or, failing that, after Unicode normalization.

    The same 'ảnh.jpg' is written with one precomposed letter by most editors (NFC) and with 'a' plus a
    combining hook by macOS and some zip tools (NFD): a file copied from a Mac is the same file to staff.
    """
    path = root
    for i, part in enumerate(parts):
        candidate = path / part
        if os.path.lexists(candidate) or part in (".", ""):
            path = candidate
            continue
        wanted = unicodedata.normalize("NFC", part)
        try:
            with os.scandir(path) as it:
                match = next((e.name for e in it if unicodedata.normalize("NFC", e.name) == wanted), None)
        except OSError:
            match = None
        if match is None:
            return path.joinpath(*parts[i:])
        path = path / match
    return path


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
            names = sorted(n for n in names if n != path.name)
            alike = next(((n, chars.differences(path.name, n)) for n in names
                          if chars.differences(path.name, n)), None)
            match = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
            if alike:
                hint = f"there is '{folder / alike[0]}', which looks the same: {alike[1]}"
            elif match:
                hint = f"did you mean '{folder / match[0]}'?"
        else:
            hint = f"the folder '{folder}' does not exist"
        return PathError(f"file not found: '{value}'", hint)
    if not path.is_file():
        what = walk.describe(path)
        if what == "a folder" or what == "a link to a folder":
            return PathError(f"'{value}' is a folder, not a file")
        return PathError(f"'{value}' is {what}", "replace it with the file itself")
    return path


AUDIO_SUFFIXES = {".ogg", ".oga", ".opus", ".mp3", ".m4a", ".aac", ".wav", ".flac"}
VIDEO_SUFFIXES = {".mp4", ".m4v", ".webm", ".mkv", ".mov", ".ogv"}
