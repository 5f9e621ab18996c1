"""Fixtures for the Qt-free core: a minimal valid content folder built in tmp_path."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from kiosk.core.content.loader import LoadResult, load_content
from kiosk.core.problems import Problem

EXHIBIT = """\
title:
  vi: "Triển lãm thử"
  en: "Test exhibit"
subtitle:
  vi: "Phụ đề"
  en: "Subtitle"
languages: [vi, en]
default_language: vi
idle_timeout: 60
idle_countdown: 20
attract:
  seconds_per_slide: 8
  slides:
    - image: media/photo.png
      caption: {vi: "Ảnh", en: "Photo"}
    - chapter: 1972-12-18
"""

SOURCES = """\
S1:
  title: "Operation Linebacker II"
  publisher: "Air Force Magazine"
  year: 2012
  url: "https://example.org/s1"
S7:
  title: "Chiến thắng Hà Nội"
  publisher: "VNA"
"""

CHAPTER = """\
kind: day
date: 1972-12-18
title:
  vi: "Đêm thứ nhất"
  en: "The first night"
summary:
  vi: "Tóm tắt."
  en: "Summary."
body:
  vi: "Nội dung."
  en: "Body text."
images:
  - file: media/photo.png
    caption: {vi: "Chú thích", en: "Caption"}
    credit: {vi: "Nguồn", en: "Credit"}
    alt: {vi: "Mô tả", en: "Description"}
figures:
  - label: {vi: "Nhân viên bệnh viện thiệt mạng", en: "Hospital staff killed"}
    value: 1234
    unit: {vi: "người", en: "people"}
    source: [S1, S7]
  - label: {vi: "Máy bay B-52 bị bắn rơi", en: "B-52s shot down"}
    values:
      - value: 34
        by: {vi: "Theo phía Việt Nam", en: "Vietnamese figure"}
        source: [S7]
      - value: 15
        by: {vi: "Theo Không quân Hoa Kỳ", en: "US Air Force figure"}
        source: S1
witnesses: [pham-tuan]
"""

WITNESS = """\
name: "Phạm Tuân"
name_ascii: "Pham Tuan"
role:
  vi: "Phi công MiG-21"
  en: "MiG-21 pilot"
born: 1947-02-14
summary:
  vi: "Một câu."
  en: "One sentence."
biography:
  vi: "Tiểu sử."
  en: "Biography."
quotes:
  - text: {vi: "Lời kể.", en: "An account."}
    kind: paraphrase
    source:
      who: "Phạm Tuân"
      where: "Interview"
      when: 2022-12-18
      ref: S7
days: [1972-12-18]
"""

QUIZ = """\
title:
  vi: "Câu đố"
  en: "Quiz"
shuffle: true
questions:
  - question: {vi: "Câu hỏi một?", en: "Question one?"}
    choices:
      - text: {vi: "Đúng", en: "Right"}
        correct: true
      - text: {vi: "Sai", en: "Wrong"}
      - text: {vi: "Sai nữa", en: "Also wrong"}
    explanation: {vi: "Giải thích.", en: "Explanation."}
    source: [S1]
  - question: {vi: "Câu hỏi hai?", en: "Question two?"}
    choices:
      - text: {vi: "A", en: "A"}
      - text: {vi: "B", en: "B"}
        correct: true
    source: S7
"""

VALID_FILES = {
    "exhibit.yaml": EXHIBIT,
    "sources.yaml": SOURCES,
    "story/1972-12-18.yaml": CHAPTER,
    "witnesses/pham-tuan.yaml": WITNESS,
    "quizzes/basics.yaml": QUIZ,
}
PHOTO = "media/photo.png"


def make_png(path: Path, size: tuple[int, int] = (1280, 720), color: str = "#336699") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, "PNG")
    return path


def make_jpeg(path: Path, size: tuple[int, int] = (1280, 720)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, "#aa5500").save(path, "JPEG")
    return path


def build_valid(root: Path) -> Path:
    """Write the minimal valid content folder into *root* (which may already exist)."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in VALID_FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    make_png(root / PHOTO)
    return root


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the *nth* line of *text* that contains *needle*."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) >= nth, f"{needle!r} not in text"
    return found[nth - 1]


@dataclass
class Folder:
    """A content folder under test."""

    root: Path

    def write(self, rel: str, text: str, dedent: bool = True) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path

    def write_bytes(self, rel: str, data: bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def load(self) -> LoadResult:
        return load_content(self.root)


def find(problems: list[Problem], path: str, text: str = "", *, error: bool | None = None) -> list[Problem]:
    """Problems about *path* whose message or hint contains *text*."""
    return [p for p in problems if p.location.path == path and (text in p.message or text in p.hint)
            and (error is None or p.is_error == error)]


def the(problems: list[Problem], path: str, text: str = "", *, error: bool | None = None) -> Problem:
    """The single problem about *path* whose message contains *text*."""
    found = find(problems, path, text, error=error)
    assert len(found) == 1, f"expected one problem in {path} with {text!r}, got:\n" + "\n".join(
        p.format() for p in problems)
    return found[0]


@pytest.fixture
def valid(tmp_path: Path) -> Folder:
    """A minimal valid content folder: exhibit, sources, one chapter, one witness, one quiz, one PNG."""
    return Folder(build_valid(tmp_path / "content"))
