"""Turn the content model into plain, localized dictionaries for the user interface.

This is the presentation half of the bridge, kept Qt-free so it is tested quickly: the
Qt layer passes these dicts to QML unchanged. Their shapes are declared in
:mod:`kiosk.core.present.rows`; the visitor's language and quiz orders come from their
:class:`~kiosk.core.present.visit.Visit`; labels, dates and numbers from the exhibit's catalogues and
CLDR locales (:mod:`kiosk.core.i18n`, :mod:`kiosk.core.present.formats`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from kiosk.core.content import markdown, model
from kiosk.core.i18n import locales
from kiosk.core.i18n.catalogue import Labels
from kiosk.core.limits import Limits
from kiosk.core.media.files import IMAGE_SUFFIXES, PathError, resolve_media
from kiosk.core.media.probe import image_size, media_duration
from kiosk.core.present import collections, rows
from kiosk.core.present.formats import Formats
from kiosk.core.present.visit import Visit

UrlFor = Callable[[str], str]


# "~6600", "> 100": an approximate number, its sign kept and the number written the visitor's way
_APPROX = re.compile(r"([~≈<>≤≥]|\+/-)(\s*)(\d+(?:\.\d+)?)")


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
                 file_url: UrlFor | None = None, *, lang: str = "", rng: random.Random | None = None) -> None:
        """Without *visit*, a visit of its own in *lang* (the exhibit's default language when not given)."""
        self.content = content
        self.url_for = url_for
        self.visit = visit if visit is not None else Visit.of(content.exhibit, lang, rng)
        self.file_url = file_url
        self._by_lang: dict[str, tuple[tuple[str, ...], Labels, Formats]] = {}
        self._once: dict[str, Any] = {}

    @property
    def lang(self) -> str:
        return self.visit.language

    # -- the visitor's language: labels, fallback chain, formats -----------------------------------
    def _language(self) -> tuple[tuple[str, ...], Labels, Formats]:
        found = self._by_lang.get(self.lang)
        if found is None:
            ex = self.content.exhibit
            chain = ex.chain(self.lang)
            labels = Labels(self.lang, chain, self.content.labels)
            found = self._by_lang[self.lang] = (chain, labels, Formats(ex.locale(self.lang), labels))
        return found

    @property
    def chain(self) -> tuple[str, ...]:
        return self._language()[0]

    @property
    def labels(self) -> Labels:
        return self._language()[1]

    @property
    def formats(self) -> Formats:
        return self._language()[2]

    def ui(self) -> dict[str, str]:
        """Every label of the interface in the visitor's language (what QML reads as Kiosk.ui.<key>)."""
        return self.labels.table()

    def label(self, key: str, **values: object) -> str:
        return self.labels.text(key, **values)

    def count(self, key: str, n: int) -> str:
        """A plural label for *n*, the number written the visitor's way ('1 000 questions')."""
        return self.labels.raw(key, n).replace("{n}", self.formats.number(n))

    # -- helpers ---------------------------------------------------------------------------
    def t(self, text: model.Localized) -> str:
        return text.get(self.lang, self.chain)

    def _cached(self, key: str, make: Callable[[], Any]) -> Any:
        """Something computed once per content (not per language)."""
        found = self._once.get(key)
        if found is None:
            found = self._once[key] = make()
        return found

    def sources(self, ids: tuple[str, ...]) -> list[rows.Source]:
        """The sources *ids* as the page shows them, in the visitor's language (unknown ids left out)."""
        out: list[rows.Source] = []
        for i in ids:
            src = self.content.sources.get(i)
            if src:
                out.append({"id": i, "short": src.short(self.lang, self.chain), "title": self.t(src.title),
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
        out: list[rows.PageSource] = []
        for src in self.sources(tuple(order)):
            uses = order[src["id"]]
            words = ", ".join(self.label("citedFor" + use.capitalize()) for use in uses)
            out.append({**src, "for": uses, "detail": _source_detail(src), "site": _site(src["url"]),
                        "citedFor": self.label("citedFor", uses=words)})
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
        fmt = self.formats

        def value(v: model.FigureValue) -> str:
            if isinstance(v, model.Localized):
                return self.t(v)
            if f.measure and isinstance(v, (int, float)) and not isinstance(v, bool):
                return fmt.measure(v, f.measure)
            m = _APPROX.fullmatch(v) if isinstance(v, str) else None
            if m:
                number = float(m.group(3)) if "." in m.group(3) else int(m.group(3))
                return f"{m.group(1)}{m.group(2)}{fmt.number(number)}"
            return fmt.number(v)

        return {
            "label": self.t(f.label),
            "unit": self.t(f.unit),
            "disputed": f.disputed,
            "claims": [{"value": value(c.value), "by": self.t(c.by), "source": self.source_line(c.source),
                        "sourceIds": list(c.source)}
                       for c in f.claims],
        }

    # -- story -----------------------------------------------------------------------------
    def chapter_number(self, chapter: model.Chapter) -> tuple[int, int]:
        """(its number, how many) among the chapters that are neither prologue nor epilogue."""
        numbers = self._cached("numbers", lambda: {
            c.id: i + 1 for i, c in enumerate(c for c in self.content.chapters if c.kind == model.CHAPTER)})
        return numbers.get(chapter.id, 0), len(numbers)

    def chapter_label(self, c: model.Chapter) -> str:
        """The exhibit's label for a numbered chapter ('Day 3 of 12'), or "" (the kiosk never makes one up)."""
        story = self.content.exhibit.section(model.STORY)
        n, total = self.chapter_number(c)
        template = self.t(story.chapter_label) if story else ""
        if not n or not template:
            return ""
        return template.replace("{n}", self.formats.number(n)).replace("{total}", self.formats.number(total))

    def chapter_short(self, c: model.Chapter) -> str:
        """The chapter's name on the timeline: its own label, 'Before'/'After', its date, or its title."""
        if c.label.values:
            return self.t(c.label)
        if c.kind in (model.PROLOGUE, model.EPILOGUE):
            return self.label(c.kind)
        if c.date is None:
            return self.t(c.title)
        scale = self._cached("scale", lambda: collections.timeline_scale(self.content.chapters))
        return self.formats.short(c.date, with_year=scale.with_year, time_only=scale.time_only)

    def chapter_card(self, c: model.Chapter) -> rows.ChapterCard:
        first = c.images[0] if c.images else None
        return {
            "chapterId": c.id,
            "kind": c.kind,
            "short": self.chapter_short(c),
            "shortDate": self.chapter_short(c),
            "dateLabel": self.formats.date(c.date),
            "dayLabel": self.chapter_label(c),
            "chapterLabel": self.chapter_label(c),
            "title": self.t(c.title),
            "summary": self.t(c.summary),
            "image": self.url_for(first.file) if first else "",
        }

    def timeline(self) -> list[rows.Group]:
        """The story's groups, for a long timeline: [{title, first, count}] (empty when it needs none)."""
        groups = self._cached("timeline", lambda: collections.timeline_groups(
            self.content.chapters, self.content.exhibit.section(model.STORY)))
        return [{"title": self._group_title(g), "first": g.first, "count": g.count} for g in groups]

    def _group_title(self, g: collections.Group) -> str:
        if g.era is not None:
            return self.t(g.era.title)
        if g.kind in (model.PROLOGUE, model.EPILOGUE):
            return self.label(g.kind)
        if g.kind == "themes":
            return self.label("themes")
        if g.kind == "group":
            return self.t(g.title) if g.title is not None else self.label("others")
        if g.kind == "letter":
            return g.key
        return self.formats.date(g.when)

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
                "label": self.media_label(m),
                "captions": vtt,
                "speech": m.speech,
                "poster": self.url_for(m.poster) if m.poster else "",
                "duration": self._duration_ms(m.file),
            })
        return out

    def media_label(self, m: model.Media) -> str:
        """What the recording is, in the visitor's language: 'Testimony', 'Film', 'Audio guide (synthetic voice)'."""
        if m.what == "narration" and m.synthetic:
            return self.label("mediaNarrationSynthetic")
        return self.label("media" + m.what.capitalize())

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
            "letter": collections.index_letter(w),
        }

    def people_index(self) -> list[rows.Group]:
        """The people list's index: [{title, first, count}] by group or by letter (empty for a short list)."""
        groups = self._cached("people", lambda: collections.people_groups(
            self.content.witnesses, self.content.exhibit.section(model.PEOPLE)))
        return [{"title": self._group_title(g), "first": g.first, "count": g.count} for g in groups]

    def witness(self, witness_id: str) -> rows.WitnessPage:
        """The witness's page; every key empty for a witness the content does not have."""
        w = self.content.witness(witness_id)
        if w is None:
            return rows.blank(rows.WitnessPage)
        dates: list[str] = []
        if w.born:
            dates.append(self.label("born", date=self.formats.date(w.born)))
        if w.died:
            dates.append(self.label("died", date=self.formats.date(w.died)))
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
        shown = q.text.source(self.lang, self.chain)
        translated = bool(q.language) and q.language != shown and q.language in q.text.values
        label = self.label(q.kind)
        if translated and q.kind == "verbatim":  # a paraphrase is in our words in every language anyway
            label = self.label("verbatimTranslated", language=self.language_name(q.language))
        when = q.source.when
        return {
            "text": self.t(q.text),
            "kind": q.kind,
            "kindLabel": label,
            "translated": translated,
            "language": q.language,
            "who": self.t(q.source.who),
            "where": self.t(q.source.where),
            "when": self.t(when) if isinstance(when, model.Localized) else self.formats.date(when),
            "source": self.source_line((q.source.ref,)) if q.source.ref else "",
            "sourceIds": [q.source.ref] if q.source.ref else [],
        }

    def language_name(self, code: str) -> str:
        """The name of the language *code* in the visitor's language, from CLDR ('anglais', '英語')."""
        return self.formats.locale.languages.get(code.replace("-", "_")) or \
            self.formats.locale.languages.get(code.split("-")[0]) or locales.english_name(code)

    # -- quizzes ---------------------------------------------------------------------------
    def quiz_card(self, q: model.Quiz) -> rows.QuizCard:
        n = len(q.questions)
        return {"quizId": q.id, "title": self.t(q.title), "description": self.t(q.description),
                "count": n, "countLabel": self.count("questions", n)}

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

    def sections(self) -> list[rows.Section]:
        """The home screen's sections, in the exhibit's order: [{name, kind, title, hint, icon}]; ``name`` is
        the section's route, ``icon`` a kiosk icon's name or the content file of the exhibit's own."""
        out: list[rows.Section] = []
        for s in self.content.exhibit.sections:
            name = s.route
            out.append({
                "name": name,
                "kind": s.kind,
                "title": self.t(s.title) or self.label(name),
                "hint": self.t(s.subtitle) if s.subtitle.values else ("" if s.title.values else
                                                                     self.label(f"{name}Hint")),
                "icon": s.icon or {"story": "story", "witnesses": "people", "quiz": "quiz"}[name],
            })
        return out

    def section_title(self, name: str) -> str:
        """The title of the section whose route is *name* (the breadcrumb and the page's heading)."""
        return next((s["title"] for s in self.sections() if s["name"] == name), self.label(name))

    def languages(self) -> list[rows.Language]:
        """The language buttons: each language's own name ({code, label})."""
        out: list[rows.Language] = []
        for code in self.content.exhibit.languages:
            own = Labels(code, (code,), self.content.labels).raw("languageName")
            out.append({"code": code, "label": own or locales.autonym(code)})
        return out

    def attract_band(self) -> list[rows.BandText]:
        """'Touch to begin' in every language of the exhibit (nobody has chosen one yet): [{lang, text}]."""
        ex = self.content.exhibit
        out: list[rows.BandText] = []
        for code in ex.languages:
            labels = Labels(code, ex.chain(code), self.content.labels)
            out.append({"lang": code, "text": labels.text("touchToBegin")})
        return out

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
