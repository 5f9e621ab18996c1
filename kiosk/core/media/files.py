"""Media files referenced by the content: which suffixes are which, and safe path resolution.

Every path a content file names goes through :func:`resolve_media`: relative to the content folder,
no ``..``, no absolute paths, no links that lead out of the folder.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

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
        return PathError(f"'{value}' uses '\\' in the path", "use '/' between folder names, as in media/photos/opening.jpg")
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


AUDIO_SUFFIXES = {".ogg", ".oga", ".opus", ".mp3", ".m4a", ".aac", ".wav", ".flac"}
VIDEO_SUFFIXES = {".mp4", ".m4v", ".webm", ".mkv", ".mov", ".ogv"}
