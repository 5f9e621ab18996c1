"""Turn the content model into plain, localized dictionaries for the user interface.

This is the presentation half of the bridge, kept Qt-free so it is tested quickly: the
Qt layer passes these dicts to QML unchanged.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.core.content import markdown, model
from kiosk.core.limits import Limits
from kiosk.core.media.files import IMAGE_SUFFIXES, PathError, resolve_media
from kiosk.core.media.probe import image_size, media_duration
from kiosk.core.present.strings import format_date, format_range, short_date, strings

UrlFor = Callable[[str], str]


def _num(value: model.FigureValue, lang: str) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        n = int(value)
        text = f"{n:,}"
        return text.replace(",", ".") if lang == "vi" else text
    if isinstance(value, float):
        text = f"{value:,}"
        return text.replace(",", "X").replace(".", ",").replace("X", ".") if lang == "vi" else text
    return str(value)


@dataclass
class Presenter:
    content: model.Content
    url_for: UrlFor
    lang: str = ""
    quiz_orders: dict[str, list[tuple[int, list[int]]]] = field(default_factory=dict)
    rng: random.Random = field(default_factory=random.Random)
    file_url: UrlFor | None = None  # audio and video are played from files, not through the image provider

    def __post_init__(self) -> None:
        if not self.lang:
            self.lang = self.content.exhibit.default_language

    # -- helpers ---------------------------------------------------------------------------
    def t(self, text: model.Localized) -> str:
        return text.get(self.lang, self.content.exhibit.default_language)

    def sources(self, ids: tuple[str, ...]) -> list[dict]:
        out = []
        for i in ids:
            src = self.content.sources.get(i)
            if src:
                out.append({"id": i, "short": src.short(), "title": src.title, "url": src.url})
        return out

    def rich(self, text: model.Localized) -> str:
        """A Markdown text for this visitor, as the escaped rich text of :mod:`kiosk.core.content.markdown`."""
        return markdown.render(self.t(text), self._picture)

    def _picture(self, src: str) -> markdown.Picture | None:
        """A picture inside a Markdown text: a checked image of the content folder, or None (left out)."""
        path = resolve_media(self.content.root, src)
        if isinstance(path, PathError) or path.suffix.lower() not in IMAGE_SUFFIXES:
            return None
        width, height = image_size(path)  # the header only: no pixel is decoded here
        if not width or width * height > Limits(self.content.exhibit.limits).image_pixels:
            return None
        url = self.url_for(src)
        if not url or (markdown.is_remote(url) and not url.startswith(("file:", "image:", "qrc:"))):
            return None
        return markdown.Picture(url, width, height)

    def source_line(self, ids: tuple[str, ...]) -> str:
        return "; ".join(s["short"] for s in self.sources(ids))

    def image(self, im: model.Image | None) -> dict:
        if im is None:
            return {"url": "", "caption": "", "credit": "", "alt": ""}
        return {"url": self.url_for(im.file), "file": im.file, "caption": self.t(im.caption),
                "credit": self.t(im.credit), "alt": self.t(im.alt) or self.t(im.caption)}

    def figure(self, f: model.Figure) -> dict:
        return {
            "label": self.t(f.label),
            "unit": self.t(f.unit),
            "disputed": f.disputed,
            "claims": [{"value": _num(c.value, self.lang), "by": self.t(c.by), "source": self.source_line(c.source)}
                       for c in f.claims],
        }

    # -- story -----------------------------------------------------------------------------
    def day_number(self, chapter: model.Chapter) -> int:
        days = [c for c in self.content.chapters if c.kind == "day"]
        return days.index(chapter) + 1 if chapter in days else 0

    def chapter_card(self, c: model.Chapter) -> dict:
        ui = strings(self.lang)
        n = self.day_number(c)
        first = c.images[0] if c.images else None
        return {
            "chapterId": c.id,
            "kind": c.kind,
            "short": ui[c.kind] if c.kind != "day" else short_date(c.date),
            "shortDate": short_date(c.date, c.end_date),
            "dateLabel": format_range(c.date, c.end_date, self.lang),
            "dayLabel": ui["day_of"].format(n=n) if n else "",
            "title": self.t(c.title),
            "summary": self.t(c.summary),
            "image": self.url_for(first.file) if first else "",
        }

    def chapter(self, chapter_id: str) -> dict:
        c = self.content.chapter(chapter_id)
        if c is None:
            return {}
        out = self.chapter_card(c)
        out.update({
            "body": self.rich(c.body),
            "images": [self.image(im) for im in c.images],
            "figures": [self.figure(f) for f in c.figures],
            "witnesses": [self.witness_card(w) for w in map(self.content.witness, c.witnesses) if w],
            "media": self.media(c.media),
        })
        return out

    # -- audio and video ---------------------------------------------------------------------
    def media(self, items: tuple[model.Media, ...]) -> list[dict]:
        """The recordings for this visitor: in their language when there is one, else all of them."""
        ui = strings(self.lang)
        spoken = [m for m in items if m.language]
        mine = [m for m in spoken if m.language == self.lang]
        if not mine and spoken:  # none in the visitor's language: the exhibit's default, else all
            default = self.content.exhibit.default_language
            mine = [m for m in spoken if m.language == default] or spoken
        chosen = [m for m in items if not m.language or m in mine]
        file_url = self.file_url or self.url_for
        out = []
        for m in chosen:
            captions = dict(m.captions)
            vtt = captions.get(self.lang) or (next(iter(captions.values())) if captions else "")
            out.append({
                "file": m.file,
                "url": file_url(m.file),
                "kind": m.kind,
                "title": self.t(m.title),
                "credit": self.t(m.credit),
                "label": ui["narration"] if m.narration else (ui["testimony"] if m.speech else ui["film"]),
                "captions": vtt,
                "speech": m.speech,
                "poster": self.url_for(m.poster) if m.poster else "",
                "duration": self._duration_ms(m.file),
            })
        return out

    def _duration_ms(self, rel: str) -> int:
        """The recording's length in milliseconds, 0 when it cannot be read without playing it."""
        path = resolve_media(self.content.root, rel)
        seconds = None if isinstance(path, PathError) else media_duration(path)
        return int(seconds * 1000) if seconds else 0

    # -- witnesses -------------------------------------------------------------------------
    def witness_card(self, w: model.Witness) -> dict:
        return {
            "witnessId": w.id,
            "name": w.name,
            "nameAscii": w.name_ascii,
            "role": self.t(w.role),
            "summary": self.t(w.summary),
            "portrait": self.url_for(w.portrait.file) if w.portrait else "",
        }

    def witness(self, witness_id: str) -> dict:
        w = self.content.witness(witness_id)
        if w is None:
            return {}
        ui = strings(self.lang)
        dates = []
        if w.born:
            dates.append(f"{ui['born']} {self._date_text(w.born)}")
        if w.died:
            dates.append(f"{ui['died']} {self._date_text(w.died)}")
        out = self.witness_card(w)
        out.update({
            "unit": self.t(w.unit),
            "dates": " · ".join(dates),
            "biography": self.rich(w.biography),
            "portraitInfo": self.image(w.portrait),
            "quotes": [{
                "text": self.t(q.text),
                "kind": q.kind,
                "kindLabel": ui[q.kind],
                "who": q.source.who,
                "where": self.t(q.source.where),
                "when": self._date_text(q.source.when),
                "source": self.source_line((q.source.ref,)) if q.source.ref else "",
            } for q in w.quotes],
            "days": [self.chapter_card(c) for c in map(self.content.chapter, w.days) if c],
            "media": self.media(w.media),
        })
        return out

    def _date_text(self, text: str) -> str:
        import datetime as dt
        if len(text) == 10:
            try:
                return format_date(dt.date.fromisoformat(text), self.lang)
            except ValueError:
                return text
        return text

    # -- quizzes ---------------------------------------------------------------------------
    def quiz_card(self, q: model.Quiz) -> dict:
        ui = strings(self.lang)
        return {"quizId": q.id, "title": self.t(q.title), "description": self.t(q.description),
                "count": len(q.questions), "countLabel": ui["questions"].format(n=len(q.questions))}

    def start_quiz(self, quiz_id: str) -> None:
        """Fix a fresh question and choice order for one visitor's attempt."""
        q = self.content.quiz(quiz_id)
        if q is None:
            return
        order = []
        qs = list(range(len(q.questions)))
        if q.shuffle:
            self.rng.shuffle(qs)
        for qi in qs:
            cs = list(range(len(q.questions[qi].choices)))
            if q.shuffle:
                self.rng.shuffle(cs)
            order.append((qi, cs))
        self.quiz_orders[quiz_id] = order

    def quiz(self, quiz_id: str) -> dict:
        q = self.content.quiz(quiz_id)
        if q is None:
            return {}
        # Before start_quiz (or after a reset) the file's own order is shown and nothing is stored.
        order = self.quiz_orders.get(quiz_id) or [
            (i, list(range(len(question.choices)))) for i, question in enumerate(q.questions)]
        questions = []
        for qi, cs in order:
            question = q.questions[qi]
            choices = [question.choices[i] for i in cs]
            questions.append({
                "fileIndex": qi,  # its place in the quiz file (the order on screen may be shuffled)
                "question": self.t(question.question),
                "choices": [self.t(c.text) for c in choices],
                "correctIndex": next(i for i, c in enumerate(choices) if c.correct),
                "explanation": self.t(question.explanation),
                "source": self.source_line(question.source),
            })
        out = self.quiz_card(q)
        out["questions"] = questions
        return out

    def reset(self) -> None:
        self.quiz_orders.clear()
        self.lang = self.content.exhibit.default_language

    # -- exhibit ---------------------------------------------------------------------------
    def exhibit(self) -> dict:
        ex = self.content.exhibit
        return {"title": self.t(ex.title), "subtitle": self.t(ex.subtitle)}

    def attract_slides(self) -> list[dict]:
        out = []
        for s in self.content.exhibit.attract.slides:
            if s.chapter:
                c = self.content.chapter(s.chapter)
                if c is None:
                    continue
                card = self.chapter_card(c)
                out.append({"image": card["image"], "title": card["title"], "kicker": card["dateLabel"],
                            "caption": self.t(s.caption) or card["summary"]})
            else:
                out.append({"image": self.url_for(s.image), "title": "", "kicker": "", "caption": self.t(s.caption)})
        if not out:
            out.append({"image": "", "title": self.t(self.content.exhibit.title), "kicker": "",
                        "caption": self.t(self.content.exhibit.subtitle)})
        return out
