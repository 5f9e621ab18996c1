"""`kiosk new witness|day|quiz NAME`: a commented skeleton file in the right place.

The skeleton loads without errors (so the kiosk keeps running the moment it is saved), but every
text in it says "TODO", and the validator warns until the sources are filled in.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.content.jsonschema import modeline

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
KINDS = {"witness": "witnesses", "day": "story", "quiz": "quizzes"}


class SkeletonError(ValueError):
    """A name that cannot become a file, or a file that already exists."""


def slug(name: str) -> str:
    """'Nguyễn Văn An' -> 'nguyen-van-an' (file names and ids are plain lowercase letters, digits and '-')."""
    text = name.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def ascii_name(name: str) -> str:
    text = name.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@dataclass(frozen=True)
class Skeleton:
    path: Path
    text: str


def _witness(name: str) -> str:
    return f'''{modeline("witness")}
# Witness profile: {name}.
# Only documented people; only documented words. A quote is either the person's exact words
# ("kind: verbatim") or a faithful summary in your own words ("kind: paraphrase"), and always says
# who, where and when (and which source in sources.yaml). Never invent a quotation.
name: "{name}"
name_ascii: "{ascii_name(name)}"
role:
  vi: "TODO: vai trò (ví dụ: chiến sĩ tên lửa, Trung đoàn 261)"
  en: "TODO: role (for example: missile crew, 261st Regiment)"
# born: 1950             # a year, or a full date such as 1950-05-19
# unit:
#   vi: "..."
#   en: "..."
summary:
  vi: "TODO: một hoặc hai câu giới thiệu."
  en: "TODO: one or two sentences about this person."
biography:
  vi: |
    TODO: tiểu sử (có thể dùng **chữ đậm** và *chữ nghiêng*).
  en: |
    TODO: biography (you can use **bold** and *italics*).
# portrait:                                  # put the photo in media/portraits/
#   file: media/portraits/{slug(name)}.jpg
#   caption: {{vi: "...", en: "..."}}
#   credit: {{vi: "...", en: "..."}}         # who made the photo, and the museum's archive number
#   alt: {{vi: "...", en: "..."}}            # what a screen reader says
# sources: [S1, S2]                             # ids in sources.yaml for the biography and the dates
# quotes:
#   - kind: paraphrase
#     text: {{vi: "...", en: "..."}}
#     source: {{who: "...", where: {{vi: "...", en: "..."}}, when: 2022, ref: S1}}
# days: ["1972-12-18"]                           # the story chapters this person appears in
'''


def _day(name: str, date: dt.date | None) -> str:
    kind = "day" if date else name
    date_text = date.isoformat() if date else "1972-12-13"
    return f'''{modeline("chapter")}
# Story chapter: {name}.
# The file name is the chapter's id (a date for a day of the campaign, or prologue / epilogue).
kind: {kind}
date: {date_text}
# end_date: 1972-12-17      # for a chapter that spans several days
title:
  vi: "TODO: tiêu đề"
  en: "TODO: title"
summary:
  vi: "TODO: một câu tóm tắt."
  en: "TODO: one sentence."
body:
  vi: |
    TODO: nội dung. Mỗi đoạn cách nhau một dòng trống. Ghi rõ con số là của phía nào.
  en: |
    TODO: the text. Leave an empty line between paragraphs. Say whose figure each number is.
# sources: [S1, S2]         # ids in sources.yaml for the text: the page shows them as its sources
# images:
#   - file: media/photos/example.jpg
#     caption: {{vi: "...", en: "..."}}
#     credit: {{vi: "...", en: "..."}}
#     alt: {{vi: "...", en: "..."}}
# figures:
#   - label: {{vi: "...", en: "..."}}
#     value: "15"
#     source: S1
# witnesses: [pham-tuan]
'''


def _quiz(name: str) -> str:
    return f'''{modeline("quiz")}
# Quiz: {name}.
# Each question has 2 to 6 choices and exactly one "correct: true".
title:
  vi: "TODO: tên bộ câu hỏi"
  en: "TODO: quiz title"
description:
  vi: "TODO: một câu giới thiệu."
  en: "TODO: one sentence."
shuffle: true          # questions and choices in a new order for every visitor
questions:
  - question:
      vi: "TODO: câu hỏi?"
      en: "TODO: the question?"
    choices:
      - text: {{vi: "TODO: đáp án đúng", en: "TODO: the right answer"}}
        correct: true
      - text: {{vi: "TODO: đáp án sai", en: "TODO: a wrong answer"}}
    explanation:
      vi: "TODO: giải thích, hiện sau khi trả lời."
      en: "TODO: the explanation, shown after answering."
    # source: [S1]
'''


def make(kind: str, name: str, root: Path) -> Skeleton:
    """The skeleton for a new *kind* ('witness', 'day' or 'quiz') called *name* in content folder *root*."""
    if kind not in KINDS:
        raise SkeletonError(f"unknown kind '{kind}': use one of {', '.join(KINDS)}")
    name = name.strip()
    date = None
    if kind == "day":
        if name in ("prologue", "epilogue"):
            item_id = name
        else:
            try:
                date = dt.date.fromisoformat(name)
            except ValueError:
                raise SkeletonError(f"'{name}' is not a date: write it as YYYY-MM-DD, e.g. 1972-12-18 "
                                    "(or 'prologue' / 'epilogue')") from None
            item_id = date.isoformat()
    else:
        item_id = slug(name)
    if not item_id or not ID_PATTERN.fullmatch(item_id):
        raise SkeletonError(f"'{name}' does not make a file name; use letters and digits")
    path = root / KINDS[kind] / f"{item_id}.yaml"
    if path.exists():
        raise SkeletonError(f"{path} already exists; edit it, or choose another name")
    text = _witness(name) if kind == "witness" else _day(name, date) if kind == "day" else _quiz(name)
    return Skeleton(path, text)


def write(skeleton: Skeleton) -> Path:
    skeleton.path.parent.mkdir(parents=True, exist_ok=True)
    with open(skeleton.path, "x", encoding="utf-8") as f:  # never overwrite
        f.write(skeleton.text)
    return skeleton.path
