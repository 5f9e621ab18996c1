"""Every budget the kiosk keeps, in one declared table (Qt-free, the ground floor every wing may use).

A content folder comes from people and machines the kiosk cannot trust to be careful: a web page pasted
into a caption file, a USB copy pulled out half-way, someone with write access to the content share.
Whatever it holds, ``kiosk validate`` and the running kiosk must answer in bounded time and memory. So
every file the kiosk reads is bounded (bytes, pixels, frames, seconds, cues, characters) and so is the
folder itself (files, depth). ``docs/content-guide.md`` ("Limits") lists the same table for people;
``tests/core/test_limits.py`` checks that the two agree.

A museum whose exhibit really needs more raises a limit in ``exhibit.yaml``::

    limits:
      image_pixels: 80000000

up to the limit's hard *ceiling*, which no file can raise: the ceilings are what keeps ``kiosk validate``
within its promise (docs/performance.md, "Validating any folder") and the kiosk's memory within the machine.
Limits marked *fixed* protect the parsers themselves and cannot be raised at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    name: str
    default: int
    ceiling: int  # the most exhibit.yaml may ask for; equal to *default* for a fixed limit
    unit: str  # how the number is counted, for messages and the docs
    what: str  # what is bounded, for the docs

    @property
    def fixed(self) -> bool:
        return self.ceiling == self.default


_MB = 1_000_000

TABLE: tuple[Limit, ...] = (
    # the folder
    Limit("folder_files", 20_000, 100_000, "files", "files and folders the kiosk looks at in the content folder "
          "(exhibit.yaml, sources.yaml, story/, witnesses/, quizzes/, media/, fonts/)"),
    Limit("folder_depth", 8, 16, "levels", "folders inside folders, counted from the content folder"),
    Limit("item_files", 1_000, 3_000, "files", "item files in one of story/, witnesses/ and quizzes/"),
    # YAML
    Limit("yaml_file_bytes", 1 * _MB, 4 * _MB, "bytes", "one YAML file"),
    Limit("yaml_total_bytes", 16 * _MB, 32 * _MB, "bytes", "all YAML files together"),
    Limit("yaml_values", 100_000, 100_000, "values", "values in one YAML file (an alias counts each time it is used)"),
    Limit("yaml_depth", 40, 40, "levels", "nesting in one YAML file"),
    Limit("yaml_aliases", 100, 100, "aliases", "aliases ('*name') in one YAML file"),
    Limit("text_characters", 20_000, 100_000, "characters", "one text in one language (a biography, a day's body)"),
    Limit("markdown_images", 20, 100, "images", "pictures inside one Markdown text"),
    # images
    Limit("image_files", 2_000, 5_000, "files", "different image files the exhibit shows"),
    Limit("image_file_bytes", 50 * _MB, 200 * _MB, "bytes", "one image file"),
    Limit("image_pixels", 50_000_000, 120_000_000, "pixels", "one PNG or JPEG image (width × height)"),
    Limit("image_pixels_other", 25_000_000, 25_000_000, "pixels",
          "one WebP, GIF, BMP or TIFF image (these are decoded whole: use JPEG or PNG for bigger pictures)"),
    Limit("jpeg_scans", 100, 100, "scans", "scans in one progressive JPEG (cameras and editors write at most ~12)"),
    Limit("image_total_bytes", 2_000 * _MB, 8_000 * _MB, "bytes", "all image files together"),
    Limit("image_decode_bytes", 1_000 * _MB, 4_000 * _MB, "bytes",
          "the image files `kiosk validate` decodes (at 1/8 of their size) to find damage inside them; the "
          "images after that are checked by their structure only (complete, not cut short)"),
    # audio and video
    Limit("media_files", 500, 2_000, "files", "different audio and video files"),
    Limit("media_file_bytes", 2_000 * _MB, 8_000 * _MB, "bytes", "one audio or video file"),
    Limit("media_seconds", 3 * 3600, 12 * 3600, "seconds", "the length of one recording"),
    Limit("video_pixels", 3840 * 2160, 4096 * 2160, "pixels", "one frame of a film (width × height)"),
    # captions
    Limit("caption_file_bytes", 1 * _MB, 4 * _MB, "bytes", "one WebVTT captions file"),
    Limit("caption_cues", 5_000, 20_000, "cues", "cues in one captions file"),
    Limit("caption_cue_characters", 500, 2_000, "characters", "the text of one cue"),
    # fonts
    Limit("font_files", 20, 50, "files", "font files in fonts/"),
    Limit("font_file_bytes", 40 * _MB, 100 * _MB, "bytes", "one font file"),
)

LIMITS: dict[str, Limit] = {limit.name: limit for limit in TABLE}


class Limits(Mapping[str, int]):
    """The budgets in force for one content folder: the defaults, and what its exhibit.yaml raised."""

    def __init__(self, raised: Mapping[str, int] | None = None) -> None:
        self._values = {name: limit.default for name, limit in LIMITS.items()}
        for name, value in (raised or {}).items():
            limit = LIMITS[name]
            self._values[name] = max(1, min(int(value), limit.ceiling))

    def __getitem__(self, name: str) -> int:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> int:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def raised(self) -> dict[str, int]:
        return {k: v for k, v in self._values.items() if v != LIMITS[k].default}

    def __repr__(self) -> str:
        return f"Limits({self.raised()!r})"


DEFAULT = Limits()
CEILING = Limits({name: limit.ceiling for name, limit in LIMITS.items()})


def amount(value: int, unit: str) -> str:
    """A number as people read it in a message: '50 MB', '50,000,000 pixels', '3 h'."""
    if unit == "bytes":
        if value >= _MB:
            return f"{value / _MB:,.1f} MB".replace(".0 MB", " MB")
        return f"{value:,} bytes"
    if unit == "seconds":
        if value >= 3600 and value % 3600 == 0:
            return f"{value // 3600} h"
        return f"{value:,} s"
    return f"{value:,} {unit}"


def raise_hint(name: str) -> str:
    """How to raise the limit *name*, or that it cannot be raised."""
    limit = LIMITS[name]
    if limit.fixed:
        return ""
    return (f"a museum that needs more can raise it in exhibit.yaml (limits: {name}: ...), up to "
            f"{amount(limit.ceiling, limit.unit)}")
