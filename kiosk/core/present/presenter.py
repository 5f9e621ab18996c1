"""Turn the content model into plain, localized dictionaries for the user interface.

This is the presentation half of the bridge, kept Qt-free so it is tested quickly: the
Qt layer passes these dicts to QML unchanged. Their shapes are declared in
:mod:`kiosk.core.present.rows`; the visitor's language and quiz orders come from their
:class:`~kiosk.core.present.visit.Visit`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from kiosk.core.content import markdown, model
from kiosk.core.limits import Limits
from kiosk.core.media.files import IMAGE_SUFFIXES, PathError, resolve_media
from kiosk.core.media.probe import image_size, media_duration
from kiosk.core.present import rows
from kiosk.core.present.strings import LANGUAGE_LABELS, format_date, format_range, short_date, strings
from kiosk.core.present.visit import Visit

UrlFor = Callable[[str], str]


_APPROX = re.compile(r"([~≈<>≤≥]|\+/-)?(\s*)(\d+(?:\.\d+)?)")


def _num(value: model.FigureValue, lang: str, fallback: str = "") -> str:
    if isinstance(value, model.Localized):
        return value.get(lang, fallback)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        m = _APPROX.fullmatch(value)  # "~6600", "> 100": an approximate number, written the visitor's way
        if m and m.group(1):
            number = float(m.group(3)) if "." in m.group(3) else int(m.group(3))
            return f"{m.group(1)}{m.group(2)}{_num(number, lang)}"
        return value
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        n = int(value)
        text = f"{n:,}"
        return text.replace(",", ".") if lang == "vi" else text
    if isinstance(value, float):
        text = f"{value:,}"
        return text.replace(",", "X").replace(".", ",").replace("X", ".") if lang == "vi" else text
    return str(value)


def _source_detail(src: rows.Source) -> str:
    """Title, publisher and year of a source, leaving out what its short credit already says."""
    short = src["short"]
    parts = [src["title"] if src["title"] not in short else "",
             src["publisher"] if src["publisher"] not in short else "",
             str(src["year"]) if src["year"] and str(src["year"]) not in short else ""]
    return ", ".join(p for p in parts if p)


def _site(url: str) -> str:
    """The host of *url* ("afhistory.af.mil"), shown as plain text; "" without an address."""
    host = urlsplit(url).hostname if url else None
    return (host or "").removeprefix("www.")


class Presenter:
    """The pages, cards and rows of *content*, in the language of *visit*.

    *url_for* makes the URL of a content image (the bridge's screen-sized copies), *file_url* that of a
    recording (played from its file; *url_for* when not given).
    """

    def __init__(self, content: model.Content, url_for: UrlFor, visit: Visit | None = None,
                 file_url: UrlFor | None = None) -> None:
        self.content = content
        self.url_for = url_for
        self.visit = visit if visit is not None else Visit.of(content.exhibit)
        self.file_url = file_url

    @property
    def lang(self) -> str:
        return self.visit.language

    # -- helpers ---------------------------------------------------------------------------
    def t(self, text: model.Localized) -> str:
        return text.get(self.lang, self.content.exhibit.default_language)

    def sources(self, ids: tuple[str, ...]) -> list[rows.Source]:
        """The sources *ids* as the page shows them, in the visitor's language (unknown ids left out)."""
        fallback = self.content.exhibit.default_language
        out: list[rows.Source] = []
        for i in ids:
            src = self.content.sources.get(i)
            if src:
                out.append({"id": i, "short": src.short(self.lang, fallback), "title": self.t(src.title),
                            "publisher": self.t(src.publisher), "year": src.year or 0, "url": src.url})
        return out

    def page_sources(self, parts: list[tuple[str, tuple[str, ...]]]) -> list[rows.PageSource]:
        """Every source a page cites, once each in order of first use, with what it is cited for
        (``for``: a list of "text", "figures", "quotes")."""
        order: dict[str, list[str]] = {}
        for part, ids in parts:
            for i in ids:
                uses = order.setdefault(i, [])
                if part not in uses:
                    uses.append(part)
        ui = strings(self.lang)
        out: list[rows.PageSource] = []
        for src in self.sources(tuple(order)):
            uses = order[src["id"]]
            words = ", ".join(ui["citedFor" + use.capitalize()] for use in uses)
            out.append({**src, "for": uses, "detail": _source_detail(src), "site": _site(src["url"]),
                        "citedFor": ui["citedFor"].format(uses=words)})
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
        """The short credits of *ids* on one line (a figure's or a quote's "Source: ..." line)."""
        return "; ".join(s["short"] for s in self.sources(ids))

    def image(self, im: model.Image | None) -> rows.Image:
        if im is None:
            return rows.blank(rows.Image)
        return {"url": self.url_for(im.file), "file": im.file, "caption": self.t(im.caption),
                "credit": self.t(im.credit), "alt": self.t(im.alt) or self.t(im.caption)}

    def figure(self, f: model.Figure) -> rows.Figure:
        return {
            "label": self.t(f.label),
            "unit": self.t(f.unit),
            "disputed": f.disputed,
            "claims": [{"value": _num(c.value, self.lang, self.content.exhibit.default_language), "by": self.t(c.by),
                        "source": self.source_line(c.source), "sourceIds": list(c.source)}
                       for c in f.claims],
        }

    # -- story -----------------------------------------------------------------------------
    def day_number(self, chapter: model.Chapter) -> int:
        days = [c for c in self.content.chapters if c.kind == "day"]
        return days.index(chapter) + 1 if chapter in days else 0

    def chapter_card(self, c: model.Chapter) -> rows.ChapterCard:
        ui = strings(self.lang)
        n = self.day_number(c)
        first = c.images[0] if c.images else None
        return {
            "chapterId": c.id,
            "kind": c.kind,
            "short": ui[c.kind] if c.kind != "day" else short_date(c.date),
            "shortDate": short_date(c.date, c.end_date),
            "dateLabel": format_range(c.date, c.end_date, self.lang),
            "dayLabel": ui["dayOf"].format(n=n) if n else "",
            "title": self.t(c.title),
            "summary": self.t(c.summary),
            "image": self.url_for(first.file) if first else "",
        }

    def chapter(self, chapter_id: str) -> rows.ChapterPage:
        """The chapter's page; every key empty for a chapter the content does not have."""
        c = self.content.chapter(chapter_id)
        if c is None:
            return rows.blank(rows.ChapterPage)
        return rows.ChapterPage(
            **self.chapter_card(c),
            body=self.rich(c.body),
            images=[self.image(im) for im in c.images],
            figures=[self.figure(f) for f in c.figures],
            witnesses=[self.witness_card(w) for w in map(self.content.witness, c.witnesses) if w],
            media=self.media(c.media),
            sources=self.sources(c.sources),
            pageSources=self.page_sources([("text", c.sources)]
                                          + [("figures", cl.source) for f in c.figures for cl in f.claims]),
        )

    # -- audio and video ---------------------------------------------------------------------
    def media(self, items: tuple[model.Media, ...]) -> list[rows.Media]:
        """The recordings for this visitor: in their language when there is one, else all of them."""
        ui = strings(self.lang)
        spoken = [m for m in items if m.language]
        mine = [m for m in spoken if m.language == self.lang]
        if not mine and spoken:  # none in the visitor's language: the exhibit's default, else all
            default = self.content.exhibit.default_language
            mine = [m for m in spoken if m.language == default] or spoken
        chosen = [m for m in items if not m.language or m in mine]
        file_url = self.file_url or self.url_for
        out: list[rows.Media] = []
        for m in chosen:
            captions = dict(m.captions)
            vtt = captions.get(self.lang) or (next(iter(captions.values())) if captions else "")
            out.append({
                "file": m.file,
                "url": file_url(m.file),
                "kind": m.kind,
                "title": self.t(m.title),
                "credit": self.t(m.credit),
                "label": (ui["narrationSynthetic"] if m.synthetic else ui["narration"]) if m.narration
                else (ui["testimony"] if m.speech else ui["film"]),
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
    def witness_card(self, w: model.Witness) -> rows.WitnessCard:
        return {
            "witnessId": w.id,
            "name": w.name,
            "nameAscii": w.name_ascii,
            "role": self.t(w.role),
            "summary": self.t(w.summary),
            "portrait": self.url_for(w.portrait.file) if w.portrait else "",
        }

    def witness(self, witness_id: str) -> rows.WitnessPage:
        """The witness's page; every key empty for a witness the content does not have."""
        w = self.content.witness(witness_id)
        if w is None:
            return rows.blank(rows.WitnessPage)
        ui = strings(self.lang)
        dates = []
        if w.born:
            dates.append(f"{ui['born']} {self._date_text(w.born)}")
        if w.died:
            dates.append(f"{ui['died']} {self._date_text(w.died)}")
        return rows.WitnessPage(
            **self.witness_card(w),
            unit=self.t(w.unit),
            dates=" · ".join(dates),
            biography=self.rich(w.biography),
            portraitInfo=self.image(w.portrait),
            quotes=[self.quote(q) for q in w.quotes],
            days=[self.chapter_card(c) for c in map(self.content.chapter, w.days) if c],
            media=self.media(w.media),
            sources=self.sources(w.sources),
            pageSources=self.page_sources([("text", w.sources)]
                                          + [("quotes", (q.source.ref,)) for q in w.quotes if q.source.ref]),
        )

    def quote(self, q: model.Quote) -> rows.Quote:
        ui = strings(self.lang)
        shown = self.lang if self.lang in q.text.values else self.content.exhibit.default_language
        translated = bool(q.language) and q.language != shown and q.language in q.text.values
        label = ui[q.kind]
        if translated and q.kind == "verbatim":  # a paraphrase is in our words in every language anyway
            label = ui.get("verbatimFrom" + q.language[:1].upper() + q.language[1:]) or ui["verbatimTranslated"].format(
                language=LANGUAGE_LABELS.get(q.language, q.language))
        when = q.source.when
        return {
            "text": self.t(q.text),
            "kind": q.kind,
            "kindLabel": label,
            "translated": translated,
            "language": q.language,
            "who": self.t(q.source.who),
            "where": self.t(q.source.where),
            "when": self.t(when) if isinstance(when, model.Localized) else self._date_text(when),
            "source": self.source_line((q.source.ref,)) if q.source.ref else "",
            "sourceIds": [q.source.ref] if q.source.ref else [],
        }

    def _date_text(self, text: str) -> str:
        if len(text) == 10:
            try:
                return format_date(dt.date.fromisoformat(text), self.lang)
            except ValueError:
                return text
        return text

    # -- quizzes ---------------------------------------------------------------------------
    def quiz_card(self, q: model.Quiz) -> rows.QuizCard:
        ui = strings(self.lang)
        return {"quizId": q.id, "title": self.t(q.title), "description": self.t(q.description),
                "count": len(q.questions), "countLabel": ui["questions"].format(n=len(q.questions))}

    def quiz(self, quiz_id: str) -> rows.QuizPage:
        """The quiz in the order this visitor sees it; every key empty for a quiz the content does not have."""
        q = self.content.quiz(quiz_id)
        if q is None:
            return rows.blank(rows.QuizPage)
        questions: list[rows.Question] = []
        for qi, cs in self.visit.quiz_order(q):
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
        return rows.QuizPage(**self.quiz_card(q), questions=questions)

    # -- exhibit ---------------------------------------------------------------------------
    def exhibit(self) -> rows.Exhibit:
        ex = self.content.exhibit
        return {"title": self.t(ex.title), "subtitle": self.t(ex.subtitle)}

    def attract_slides(self) -> list[rows.Slide]:
        out: list[rows.Slide] = []
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
