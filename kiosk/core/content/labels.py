"""The exhibit's own labels: ``labels/<language>.po`` in the content folder.

A museum overrides any of the kiosk's labels (:mod:`kiosk.core.i18n.labels`) in its own words, or adds a
language the kiosk does not ship, with the same gettext PO files the kiosk's catalogues are
(``kiosk labels --content DIR --lang pt`` starts one). The validator reports, for each of the exhibit's
languages, the labels that have no text in that language and which language the kiosk shows instead.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.core.content import model
from kiosk.core.i18n import catalogue, locales
from kiosk.core.i18n.labels import LABELS
from kiosk.core.problems import Location, Problems, did_you_mean

FOLDER = "labels"
MAX_BYTES = 1_000_000  # a catalogue of every label in one language is about 15 kB
SHOWN_KEYS = 6  # how many missing labels a warning names


def load(root: Path, exhibit: model.Exhibit, problems: Problems) -> dict[str, catalogue.Catalogue]:
    """The catalogues in the exhibit's labels/ folder (language -> catalogue), every problem reported, and a
    warning for each exhibit language that lacks some of the kiosk's labels."""
    found: dict[str, catalogue.Catalogue] = {}
    folder = root / FOLDER
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name) if folder.is_dir() else []
    except OSError as exc:
        problems.error(Location(FOLDER), f"cannot read the folder: {exc.strerror or exc}")
        entries = []
    for path in entries:
        rel = f"{FOLDER}/{path.name}"
        if path.name.startswith(".") or path.name.endswith("~"):
            continue
        if path.suffix.lower() != ".po":
            if path.suffix.lower() in (".pot", ".mo"):
                continue  # a template, or a compiled copy a translation tool left: not read
            problems.warning(Location(rel), "this file is not a .po catalogue and is ignored",
                             "labels/ holds one gettext catalogue per language: labels/fr.po")
            continue
        lang = path.stem
        if lang not in exhibit.languages:
            problems.warning(Location(rel), f"'{lang}' is not one of the exhibit's languages "
                             f"({', '.join(exhibit.languages)}), so this catalogue is not used",
                             did_you_mean(lang, exhibit.languages) or "name the file after the language: fr.po")
            continue
        try:
            if path.stat().st_size > MAX_BYTES:
                problems.error(Location(rel), f"the catalogue is larger than {MAX_BYTES // 1000} kB and is not read")
                continue
            data = path.read_bytes()
        except OSError as exc:
            problems.error(Location(rel), f"cannot read the catalogue: {exc.strerror or exc}")
            continue
        cat = catalogue.read_catalogue(data, lang, rel)
        for p in cat.problems:
            (problems.error if p.error else problems.warning)(Location(rel, p.line), p.message, p.hint)
        found[lang] = cat
    for lang in exhibit.languages:
        _report_missing(lang, exhibit, found, problems)
    return found


def _report_missing(lang: str, exhibit: model.Exhibit, found: dict[str, catalogue.Catalogue],
                    problems: Problems) -> None:
    if catalogue.SOURCE_LANGUAGE == lang.split("-")[0]:
        return  # English is the labels' own language
    labels = catalogue.Labels(lang, exhibit.chain(lang), found)
    missing = labels.missing()
    where = Location(f"{FOLDER}/{lang}.po") if lang in found else Location("exhibit.yaml")
    if missing:
        by_language: dict[str, list[str]] = {}
        for key, shown in missing:
            by_language.setdefault(shown, []).append(key)
        shown_as = "; ".join(f"{locales.english_name(code)} for {_keys(keys)}" for code, keys in by_language.items())
        total = sum(1 for lb in LABELS.values() if not (lb.pattern or lb.own_name))
        problems.warning(where, f"{len(missing)} of the kiosk's {total} labels have no {locales.describe(lang)} text: "
                                f"visitors read {shown_as}",
                         f"translate them in {FOLDER}/{lang}.po: kiosk labels --content DIR --lang {lang} writes it, "
                         "ready for a translator")
    if not labels.raw("languageName") and locales.babel_locale(lang) is None:
        problems.warning(where, f"the language button of {locales.describe(lang)} says "
                         f"'{lang}': CLDR does not know its name",
                         f"give its own name as the label 'languageName' in {FOLDER}/{lang}.po")


def _keys(keys: list[str]) -> str:
    shown = ", ".join(keys[:SHOWN_KEYS])
    return shown + (f" and {len(keys) - SHOWN_KEYS} more" if len(keys) > SHOWN_KEYS else "")
