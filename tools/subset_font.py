"""Subset a large font (e.g. Noto Sans CJK, about 20 MB a weight) to the characters one exhibit uses.

    python tools/subset_font.py CONTENT_DIR --lang ja --font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
        --index 0 --out CONTENT_DIR/fonts/NotoSansCJKjp-Regular.subset.otf

The characters kept: every text of the exhibit (all its languages: a Japanese page shows names and numbers
too), the kiosk's own labels in the language (kiosk/core/i18n/po), and printable ASCII. Run it again after
the texts change (kiosk validate names any character a font lacks). The font's licence (Noto: SIL Open Font
License 1.1) allows subsetting and redistribution; ship its licence text beside the file.

A museum that changes its Japanese texts often is better served by the whole font in fonts/, or by the
system's (Debian: fonts-noto-cjk) named in the theme.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def characters(content: Path, languages: list[str]) -> set[str]:
    from kiosk.core.content.loader import load_content
    from kiosk.core.i18n.catalogue import Labels
    from kiosk.core.i18n.labels import LABELS

    result = load_content(content)
    texts = list(result.content.all_texts())
    for lang in languages:
        labels = Labels(lang, (lang,), result.content.labels)
        texts += [labels.raw(key, n) for key, label in LABELS.items() if not label.pattern for n in (1, 2)]
    chars = {ch for text in texts for ch in text}
    chars |= {chr(c) for c in range(0x20, 0x7F)}
    chars |= set("0123456789年月日時分秒～〜、。・（）「」：？！ー")  # dates and punctuation the kiosk writes
    return chars


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--lang", action="append", required=True, help="language(s) whose labels to keep")
    parser.add_argument("--font", type=Path, required=True)
    parser.add_argument("--index", type=int, default=0, help="the font's number in a collection (.ttc)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    from fontTools import subset
    from fontTools.ttLib import TTFont

    chars = characters(args.content, args.lang)
    font = TTFont(args.font, fontNumber=args.index)
    options = subset.Options()
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    font.save(args.out)
    print(f"{args.out}: {len(chars)} characters, {args.out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
