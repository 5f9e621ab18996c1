"""Every text the kiosk itself shows (not the exhibit's): declared once, here, in English.

The English text is the source: ``kiosk labels --pot`` writes it as the gettext template
``kiosk/core/i18n/po/kiosk.pot`` (a test checks the template is current), and each language's catalogue
(``kiosk/core/i18n/po/<lang>.po``) translates it. A key is the message context (``msgctxt``) of its
entry, so two labels with the same English text can be translated differently; the English text is the
``msgid`` a translator reads. An exhibit overrides any label, or adds a language, in its own
``labels/<lang>.po`` (:mod:`kiosk.core.i18n.catalogue`).

Placeholders are written ``{name}`` (Python's ``str.format``); a translation keeps every placeholder of
the English text. A label with a ``plural`` form is chosen by ``{n}`` through the language's gettext
plural rule (``Plural-Forms`` in the catalogue's header; one form in Vietnamese, Chinese, Japanese and
Korean, two in English, French, German and Spanish).

A *pattern* label is a CLDR date skeleton or pattern, not a text: its English is the CLDR skeleton
that the kiosk formats through Babel in each visitor's locale, and a catalogue may give an explicit
CLDR pattern instead (Vietnamese writes a day as ``'ngày' d 'tháng' M 'năm' y``). A pattern a catalogue
does not give is never borrowed from another language: the locale's own CLDR format is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    key: str
    text: str                 # English, the msgid
    comment: str = ""         # for translators: where it is shown and what it means
    plural: str = ""          # the English plural (msgid_plural); the label is chosen by {n}
    pattern: bool = False     # a CLDR date skeleton/pattern (see the module's docstring)
    own_name: bool = False    # the language's own name: never borrowed from another language

    def placeholders(self) -> set[str]:
        return set(PLACEHOLDER.findall(self.text)) | set(PLACEHOLDER.findall(self.plural))


PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _labels(*items: Label) -> dict[str, Label]:
    out: dict[str, Label] = {}
    for item in items:
        assert item.key not in out, item.key
        out[item.key] = item
    return out


L = Label

LABELS: dict[str, Label] = _labels(
    # -- the language itself ------------------------------------------------------------------------
    L("languageName", "English", "The language's own name, as written on its button in the language row "
      "(e.g. 'Français', '日本語'). Never a flag, never the name in another language.", own_name=True),
    L("language", "Language", "Screen reader name of the row of language buttons."),

    # -- every page: the top bar ---------------------------------------------------------------------
    L("home", "Home", "Button back to the start page; also the first step of the 'where you are' line."),
    L("back", "Back", "Button to the previous page."),
    L("access", "Accessibility", "Button that opens the accessibility options."),
    L("close", "Close", "Closes a panel or the full-screen image viewer."),

    # -- the accessibility panel ---------------------------------------------------------------------
    L("accessTitle", "Make the screen easier to use", "Title of the accessibility panel."),
    L("accessLargeText", "Larger text", "Option: text one and a half times larger."),
    L("accessHighContrast", "High contrast", "Option: white text on black, strong colours."),
    L("accessReducedMotion", "Less movement", "Option: no slides, fades or moving pictures."),
    L("accessCaptions", "Captions always on", "Option: captions shown for every recording."),
    L("accessMoreTime", "More time", "Option: the screen waits ten times longer before returning to the start."),
    L("accessReach", "Controls within reach", "Option: every button moves to the lower part of the screen "
      "(for visitors in wheelchairs)."),
    L("accessNote", "These settings end when you leave the kiosk.", "Note under the options."),

    # -- the start page: the exhibit's sections (an exhibit usually names its own) --------------------
    L("story", "The story", "Default title of the story section (chapters on a timeline), when the "
      "exhibit gives none."),
    L("storyHint", "Chapter by chapter", "Default subtitle of the story section."),
    L("witnesses", "People", "Default title of the section of profiles of people, when the exhibit gives none."),
    L("witnessesHint", "The people of this exhibit", "Default subtitle of the people section."),
    L("quiz", "Quiz", "Default title of the quiz section."),
    L("quizHint", "Test what you have learned", "Default subtitle of the quiz section."),

    # -- while nobody uses the kiosk, and before it resets ----------------------------------------------
    L("touchToBegin", "Touch to begin", "Band at the bottom of the attract screen (shown in every "
      "language of the exhibit in turn)."),
    L("attractHint", "Touch the screen to begin", "Screen reader name of the attract screen."),
    L("stillThere", "Are you still there?", "Question shown after a while without a touch."),
    L("stillThereDetail", "The screen returns to the start in {n} second.",
      "Under the question; {n} counts down.", plural="The screen returns to the start in {n} seconds."),
    L("imHere", "I'm still here", "Button that keeps the visitor's session."),

    # -- recordings ----------------------------------------------------------------------------------
    L("play", "Play", "Starts a recording."),
    L("pause", "Pause", "Pauses a recording."),
    L("captions", "Captions", "Switch: captions over the recording."),
    L("transcript", "Transcript", "Switch: the whole text of the recording."),
    L("position", "Position in the recording", "Screen reader name of the slider of a recording."),
    L("mediaNarration", "Audio guide", "What a recording is: a guide's voice reading the exhibit's text."),
    L("mediaNarrationSynthetic", "Audio guide (synthetic voice)",
      "What a recording is: a computer voice reading the exhibit's text."),
    L("mediaTestimony", "Testimony", "What a recording is: a person telling what they lived."),
    L("mediaInterview", "Interview", "What a recording is: a conversation with a person."),
    L("mediaFilm", "Film", "What a recording is: a film or video footage."),
    L("mediaMusic", "Music", "What a recording is: music."),
    L("mediaSound", "Sound recording", "What a recording is: sounds of a place or an event, no speech."),
    L("mediaReading", "Reading", "What a recording is: a text read aloud (a letter, a poem, a document)."),
    L("mediaSpeech", "Speech", "What a recording is: a speech or address."),
    L("silent", "No sound", "Said of a film that has no sound at all."),

    # -- the story -----------------------------------------------------------------------------------
    L("prologue", "Before", "Short label of the opening chapter on the timeline."),
    L("epilogue", "After", "Short label of the closing chapter on the timeline."),
    L("themes", "Themes", "Heading of the chapters that have no date, on the timeline."),
    L("figures", "Key figures", "Heading of the numbers of a chapter."),
    L("disputed", "The sources disagree", "Shown on a figure for which sources give different numbers."),
    L("source", "Source", "Before the name of a source: 'Source: ...'."),
    L("sources", "Sources", "Heading of the list of sources of a page."),
    L("citedFor", "Cited for: {uses}", "Under a source in a page's list of sources; {uses} lists what it "
      "supports, e.g. 'the text, the figures'."),
    L("citedForText", "the text", "One of the things a source is cited for (see 'Cited for: {uses}')."),
    L("citedForFigures", "the figures", "One of the things a source is cited for (see 'Cited for: {uses}')."),
    L("citedForQuotes", "the quotations", "One of the things a source is cited for (see 'Cited for: {uses}')."),
    L("mediaUnavailable", "This recording cannot be played at the moment.",
      "On a recording's card when its file fails to play."),
    L("linkedWitnesses", "People in this chapter", "Heading of the people linked to a chapter."),
    L("linkedDays", "In the story", "Heading of the chapters linked to a person."),
    L("swipeHint", "Swipe to move between chapters", "Hint on a chapter page."),
    L("chaptersCount", "{n} chapter", "A count of chapters.", plural="{n} chapters"),
    L("timeline", "Timeline", "Screen reader name of the strip of chapters."),
    L("jumpTo", "Go to {name}", "Screen reader name of a button that jumps to a group of chapters or people "
      "({name} is the group's name, e.g. a decade or a letter)."),

    # -- dates (a date in the visitor's language is put in {date}, a year in {year}) ------------------
    L("dateCirca", "c. {date}", "An approximate date (EDTF '~'), e.g. 'c. 1954'."),
    L("dateUncertain", "{date}?", "An uncertain date (EDTF '?'), e.g. '1954?'."),
    L("dateCircaUncertain", "c. {date}?", "A date both approximate and uncertain (EDTF '%')."),
    L("dateSince", "since {date}", "An interval with no end (EDTF '1985/..')."),
    L("dateUntil", "until {date}", "An interval with no start (EDTF '../1900')."),
    L("dateUnknownEnd", "{date} – ?", "An interval whose end is not known (EDTF '1985/')."),
    L("dateUnknownStart", "? – {date}", "An interval whose start is not known (EDTF '/1900')."),
    L("dateRange", "{start} – {end}", "Two dates as a span, when the calendar cannot shorten it."),
    L("dateDecade", "{year}s", "A decade (EDTF '197X'), e.g. 'the 1970s'; {year} is its first year."),
    L("dateOneOf", "{first} or {second}", "One of two dates (EDTF '[1667,1668]')."),
    L("dateBce", "{year} BCE", "A year before the Common Era (EDTF '-0043' is 44 BCE); {year} is the number."),
    L("dateAtTime", "{date}, {time}", "A date with a time of day (EDTF '1972-12-18T19:40:00')."),
    L("seasonSpring", "spring {year}", "A season (EDTF '1972-21')."),
    L("seasonSummer", "summer {year}", "A season (EDTF '1972-22')."),
    L("seasonAutumn", "autumn {year}", "A season (EDTF '1972-23')."),
    L("seasonWinter", "winter {year}", "A season (EDTF '1972-24')."),
    L("patternDay", "yMMMMd", "CLDR pattern of a full date (day, month, year). Leave empty for the "
      "language's CLDR format, or write a CLDR pattern, e.g. \"'ngày' d 'tháng' M 'năm' y\".", pattern=True),
    L("patternMonth", "yMMMM", "CLDR pattern of a month and year. Leave empty for the CLDR format.", pattern=True),
    L("patternYear", "y", "CLDR pattern of a year. Leave empty for the CLDR format.", pattern=True),
    L("patternDayShort", "MMMd", "CLDR pattern of a day and month without the year (on the timeline). "
      "Leave empty for the CLDR format.", pattern=True),
    L("patternMonthShort", "MMM", "CLDR pattern of a month without the year (on the timeline). "
      "Leave empty for the CLDR format.", pattern=True),
    L("patternTime", "Hm", "CLDR pattern of a time of day. Leave empty for the CLDR format.", pattern=True),

    # -- people --------------------------------------------------------------------------------------
    L("quotes", "In their words", "Heading of a person's quotations."),
    L("verbatim", "Quotation", "Label of a quotation in the person's exact words."),
    L("paraphrase", "Reported, not verbatim", "Label of a quotation given in the exhibit's words."),
    L("translation", "Translation", "Label of a quotation shown in another language than it was said in."),
    L("verbatimTranslated", "Quotation, translated from {language}", "Label of a verbatim quotation shown in "
      "translation; {language} is the name of the language it was published in, in the visitor's language "
      "(from CLDR: 'English', 'anglais', '英語')."),
    L("born", "Born {date}", "A date of birth (a full date, a month or a year)."),
    L("died", "Died {date}", "A date of death (a full date, a month or a year)."),
    L("unit", "Unit", "Before a person's unit, team or organisation."),
    L("peopleCount", "{n} person", "A count of people.", plural="{n} people"),
    L("index", "Index", "Screen reader name of the strip of letters or groups that jumps through a long list."),
    L("others", "Others", "Heading of people who are in none of the exhibit's groups."),

    # -- quizzes -------------------------------------------------------------------------------------
    L("chooseQuiz", "Choose a quiz", "Heading of the list of quizzes."),
    L("questions", "{n} question", "How many questions a quiz has.", plural="{n} questions"),
    L("start", "Start", "Starts a quiz."),
    L("questionOf", "Question {n} of {total}", "Progress in a quiz."),
    L("correct", "Correct!", "Feedback after a right answer."),
    L("wrong", "Not quite", "Feedback after a wrong answer."),
    L("rightAnswer", "The right answer is highlighted.", "After a wrong answer."),
    L("next", "Next question", "Button to the next question."),
    L("seeResults", "See my score", "Button after the last question."),
    L("results", "Your score", "Heading of the results page."),
    L("score", "{score} of {total} correct", "The visitor's score."),
    L("tryAgain", "Try again", "Starts the same quiz again."),
    L("otherQuizzes", "Other quizzes", "Back to the list of quizzes."),
    L("resultGreat", "Excellent! You know this subject well.", "After a score of 80% or more."),
    L("resultGood", "Well done! Explore the exhibit to learn more.", "After a score of 50% or more."),
    L("resultLow", "The exhibit has all the answers. Have a look!", "After a score under 50%."),

    # -- images --------------------------------------------------------------------------------------
    L("pinchHint", "Pinch or double-tap to zoom", "Hint in the full-screen image viewer."),
    L("imagePlaceholder", "Image unavailable", "Shown where an image cannot be displayed."),
    L("enlarge", "Enlarge the image", "Screen reader hint of an image that opens full screen."),
    L("imageOf", "Image {n} of {total}", "Position in the full-screen image viewer."),

    # -- staff ----------------------------------------------------------------------------------------
    L("staff", "Staff", "Title of the PIN pad of the hidden staff menu."),
    L("staffMenu", "Staff menu", "Title of the staff menu."),
    L("pinNotSet", "No staff PIN is set on this kiosk. Run: kiosk set-pin",
      "On the PIN pad; 'kiosk set-pin' is a command, do not translate it."),
    L("pinWrong", "Wrong PIN", "On the PIN pad after a wrong PIN."),
    L("pinWait", "Wait {n} second", "On the PIN pad after several wrong PINs.", plural="Wait {n} seconds"),
    L("ok", "OK", "Confirms the PIN."),
    L("cancel", "Cancel", "Closes the PIN pad."),
    L("staffReload", "Reload content now", "Staff menu button."),
    L("staffProofLandscape", "This page in landscape", "Staff menu button: a proof sheet of the page."),
    L("staffProofPortrait", "This page in portrait", "Staff menu button: a proof sheet of the page."),
    L("staffRendering", "Rendering…", "While the proof sheet is made."),
    L("staffExit", "Exit the kiosk", "Staff menu button."),
    L("staffVersion", "kiosk {version} · content {revision}", "Staff menu: the software's version and the "
      "content's revision."),
    L("staffErrors", "{n} error in the content", "Staff menu.", plural="{n} errors in the content"),
    L("staffWarnings", "{n} warning", "Staff menu, after the errors.", plural="{n} warnings"),
    L("staffRejected", "The last content update ({revision}, {at}) was refused because of errors; "
      "the kiosk still shows the previous content.", "Staff menu."),
)


def pattern_keys() -> list[str]:
    return [k for k, v in LABELS.items() if v.pattern]
