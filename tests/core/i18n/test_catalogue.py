"""kiosk.core.i18n: the label catalogues (gettext PO through Babel), their fallbacks, plurals and checks."""

from __future__ import annotations

import io

import pytest

from kiosk.core.i18n import catalogue, locales
from kiosk.core.i18n.catalogue import Labels, read_catalogue
from kiosk.core.i18n.labels import LABELS, PLACEHOLDER

SHIPPED = ["de", "es", "fr", "ja", "ko", "vi", "zh"]


def test_the_kiosk_ships_the_languages_it_promises():
    assert catalogue.shipped_languages() == SHIPPED


def test_the_template_is_current():
    from babel.messages.pofile import read_po

    shipped = read_po(io.BytesIO(catalogue.TEMPLATE.read_bytes()))
    made = catalogue.template()
    assert [(m.context, m.id, " ".join(m.auto_comments)) for m in shipped if m.id] == \
           [(m.context, m.id, " ".join(m.auto_comments)) for m in made if m.id], "run: kiosk labels --pot"


@pytest.mark.parametrize("lang", SHIPPED)
def test_each_shipped_catalogue_translates_every_label_and_keeps_its_placeholders(lang):
    cat = catalogue.shipped(lang)
    assert cat is not None and cat.problems == []
    texts = [k for k, label in LABELS.items() if not label.pattern]
    assert [k for k in texts if k not in cat.messages] == []
    for key in texts:
        label = LABELS[key]
        for form in cat.messages[key]:
            found = set(PLACEHOLDER.findall(form))
            assert found <= label.placeholders(), (lang, key, form)
            assert label.placeholders() - {"n"} <= found, (lang, key, form)
    # nothing left in English by mistake (a few words are the same in both, and some are names)
    same = [k for k in texts if cat.messages[k][0] == LABELS[k].text and k not in _SAME_IN[lang]]
    assert same == [], same


_SAME = {"ok", "dateUnknownEnd", "dateUnknownStart", "dateRange", "staffVersion", "dateUncertain"}
_SAME_IN = {"de": _SAME | {"pause", "quiz", "mediaInterview", "mediaFilm", "index"},
            "es": _SAME, "fr": _SAME | {"quiz", "mediaFilm", "source", "sources", "pause", "questionOf", "index",
                                         "questions", "mediaInterview"},
            "ja": _SAME, "ko": _SAME, "vi": _SAME, "zh": _SAME}


@pytest.mark.parametrize(("lang", "n", "text"), [
    ("fr", 1, "1 question"), ("fr", 0, "0 question"), ("fr", 2, "2 questions"),
    ("en", 1, "1 question"), ("en", 0, "0 questions"), ("de", 1, "1 Frage"), ("de", 3, "3 Fragen"),
    ("vi", 1, "1 câu hỏi"), ("ja", 5, "全 5 問"), ("ko", 2, "2문항"), ("zh", 1, "共 1 题"), ("es", 7, "7 preguntas"),
])
def test_plurals_follow_each_languages_rule(lang, n, text):
    assert Labels(lang).text("questions", n=n) == text


def test_a_missing_label_follows_the_exhibits_chain_never_the_first_written():
    po = b'msgctxt "home"\nmsgid "Home"\nmsgstr "In\xc3\xadcio"\n'
    pt = read_catalogue(po, "pt", "labels/pt.po")
    assert pt.problems == []
    labels = Labels("pt", ("pt", "fr", "vi", "en"), {"pt": pt})
    assert labels.text("home") == "Início"          # the exhibit's own
    assert labels.text("back") == "Retour"          # pt -> fr (shipped)
    assert labels.source_of("back") == "fr"
    assert Labels("pt", ("pt", "vi", "fr"), {"pt": pt}).text("back") == "Quay lại"
    assert Labels("pt", ("pt",), {"pt": pt}).text("back") == "Back"  # English, the source, last of all


def test_an_exhibit_overrides_a_shipped_label():
    po = b'msgctxt "witnesses"\nmsgid "People"\nmsgstr "Les b\xc3\xa2tisseurs"\n'
    own = read_catalogue(po, "fr", "labels/fr.po")
    assert Labels("fr", ("fr",), {"fr": own}).text("witnesses") == "Les bâtisseurs"
    assert Labels("fr", ("fr",), {"fr": own}).text("home") == "Accueil"


def test_patterns_and_the_languages_own_name_are_never_borrowed():
    labels = Labels("pt", ("pt", "vi"))
    assert labels.pattern("patternDay") == ""      # CLDR's Portuguese format, not the Vietnamese pattern
    assert labels.raw("languageName") == ""        # the caller asks CLDR: 'Português'
    assert locales.autonym("pt") == "Português"
    assert Labels("vi").pattern("patternDay") == "'ngày' d 'tháng' M 'năm' y"


@pytest.mark.parametrize(("po", "line", "message"), [
    (b'msgctxt "hom"\nmsgid "Home"\nmsgstr "Accueil"\n', 2, "unknown label 'hom'"),
    (b'msgctxt "score"\nmsgid "{score} of {total} correct"\nmsgstr "{score} bonnes"\n', 2,
     "the label 'score': the translation lost {total}"),
    (b'msgctxt "score"\nmsgid "{score} of {total} correct"\nmsgstr "{score} sur {totl}"\n', 2,
     "the label 'score': unknown placeholder {totl}"),
    # Babel would read these two as 'Accuei' and 'ccuei'
    (b'msgctxt "home"\nmsgid "Home"\nmsgstr "Accueil\n', 3, "this line is not gettext PO syntax: msgstr \"Accueil"),
    (b'msgctxt "home"\nmsgid "Home"\nmsgstr Accueil\n', 3, "this line is not gettext PO syntax: msgstr Accueil"),
    (b'msgctxt "home"\nmsgid "Home"\nmsgstr "Acc\xe9"\n', 3, "the catalogue is not UTF-8 text"),
])
def test_a_broken_catalogue_says_what_and_where(po, line, message):
    cat = read_catalogue(po, "fr", "labels/fr.po")
    assert [(p.line, p.message) for p in cat.problems] == [(line, message)]
    assert "home" not in cat.messages


def test_a_fuzzy_translation_counts_as_missing():
    po = b'#, fuzzy\nmsgctxt "home"\nmsgid "Home"\nmsgstr "Accueil?"\n'
    assert "home" not in read_catalogue(po, "fr", "x.po").messages


def test_a_catalogue_for_a_new_language_starts_from_the_template_and_keeps_translations():
    fresh = catalogue.updated(None, "pt")
    cat = read_catalogue(fresh, "pt", "pt.po")
    assert cat.messages == {}  # nothing translated yet, every label listed
    assert fresh.count(b"\nmsgctxt ") == len(LABELS)
    po = b'msgctxt "home"\nmsgid "Home"\nmsgstr "In\xc3\xadcio"\n'
    again = read_catalogue(catalogue.updated(po, "pt"), "pt", "pt.po")
    assert again.messages == {"home": ("Início",)}
    prefilled = read_catalogue(catalogue.updated(None, "fr", prefill=catalogue.shipped("fr")), "fr", "fr.po")
    assert prefilled.messages["home"] == ("Accueil",)


@pytest.mark.parametrize(("tag", "names"), [("zh-Hans", ["zh-Hans", "zh"]), ("zh-Hant", ["zh-Hant"]),
                                            ("pt-BR", ["pt-BR", "pt"]), ("fr", ["fr"])])
def test_which_shipped_catalogue_serves_a_language_tag(tag, names):
    assert catalogue.catalogue_file_names(tag) == names
