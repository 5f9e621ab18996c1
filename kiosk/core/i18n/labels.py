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
    L("language_name", "English", "The language's own name, as written on its button in the language row "
      "(e.g. 'Français', '日本語'). Never a flag, never the name in another language.", own_name=True),
    L("language", "Language", "Screen reader name of the row of language buttons."),

    # -- every page: the top bar ---------------------------------------------------------------------
    L("home", "Home", "Button back to the start page; also the first step of the 'where you are' line."),
    L("back", "Back", "Button to the previous page."),
    L("access", "Accessibility", "Button that opens the accessibility options."),
    L("close", "Close", "Closes a panel or the full-screen image viewer."),

    # -- the accessibility panel ---------------------------------------------------------------------
    L("access_title", "Make the screen easier to use", "Title of the accessibility panel."),
    L("access_largeText", "Larger text", "Option: text one and a half times larger."),
    L("access_highContrast", "High contrast", "Option: white text on black, strong colours."),
    L("access_reducedMotion", "Less movement", "Option: no slides, fades or moving pictures."),
    L("access_captions", "Captions always on", "Option: captions shown for every recording."),
    L("access_moreTime", "More time", "Option: the screen waits ten times longer before returning to the start."),
    L("access_reach", "Controls within reach", "Option: every button moves to the lower part of the screen "
      "(for visitors in wheelchairs)."),
    L("access_note", "These settings end when you leave the kiosk.", "Note under the options."),

    # -- the start page: the exhibit's sections (an exhibit usually names its own) --------------------
    L("story", "The story", "Default title of the story section (chapters on a timeline), when the "
      "exhibit gives none."),
    L("story_hint", "Chapter by chapter", "Default subtitle of the story section."),
    L("witnesses", "People", "Default title of the section of profiles of people, when the exhibit gives none."),
    L("witnesses_hint", "The people of this exhibit", "Default subtitle of the people section."),
    L("quiz", "Quiz", "Default title of the quiz section."),
    L("quiz_hint", "Test what you have learned", "Default subtitle of the quiz section."),

    # -- while nobody uses the kiosk, and before it resets ----------------------------------------------
    L("touch_to_begin", "Touch to begin", "Band at the bottom of the attract screen (shown in every "
      "language of the exhibit in turn)."),
    L("attract_hint", "Touch the screen to begin", "Screen reader name of the attract screen."),
    L("still_there", "Are you still there?", "Question shown after a while without a touch."),
    L("still_there_detail", "The screen returns to the start in {n} second.",
      "Under the question; {n} counts down.", plural="The screen returns to the start in {n} seconds."),
    L("im_here", "I'm still here", "Button that keeps the visitor's session."),

    # -- recordings ----------------------------------------------------------------------------------
    L("play", "Play", "Starts a recording."),
    L("pause", "Pause", "Pauses a recording."),
    L("captions", "Captions", "Switch: captions over the recording."),
    L("transcript", "Transcript", "Switch: the whole text of the recording."),
    L("position", "Position in the recording", "Screen reader name of the slider of a recording."),
    L("media_narration", "Audio guide", "What a recording is: a guide's voice reading the exhibit's text."),
    L("media_narration_synthetic", "Audio guide (synthetic voice)",
      "What a recording is: a computer voice reading the exhibit's text."),
    L("media_testimony", "Testimony", "What a recording is: a person telling what they lived."),
    L("media_interview", "Interview", "What a recording is: a conversation with a person."),
    L("media_film", "Film", "What a recording is: a film or video footage."),
    L("media_music", "Music", "What a recording is: music."),
    L("media_sound", "Sound recording", "What a recording is: sounds of a place or an event, no speech."),
    L("media_reading", "Reading", "What a recording is: a text read aloud (a letter, a poem, a document)."),
    L("media_speech", "Speech", "What a recording is: a speech or address."),
    L("silent", "No sound", "Said of a film that has no sound at all."),

    # -- the story -----------------------------------------------------------------------------------
    L("prologue", "Before", "Short label of the opening chapter on the timeline."),
    L("epilogue", "After", "Short label of the closing chapter on the timeline."),
    L("themes", "Themes", "Heading of the chapters that have no date, on the timeline."),
    L("figures", "Key figures", "Heading of the numbers of a chapter."),
    L("disputed", "The sources disagree", "Shown on a figure for which sources give different numbers."),
    L("source", "Source", "Before the name of a source: 'Source: ...'."),
    L("sources", "Sources", "Heading of the list of sources of a page."),
    L("linked_witnesses", "People in this chapter", "Heading of the people linked to a chapter."),
    L("linked_days", "In the story", "Heading of the chapters linked to a person."),
    L("swipe_hint", "Swipe to move between chapters", "Hint on a chapter page."),
    L("chapters_count", "{n} chapter", "A count of chapters.", plural="{n} chapters"),
    L("timeline", "Timeline", "Screen reader name of the strip of chapters."),
    L("jump_to", "Go to {name}", "Screen reader name of a button that jumps to a group of chapters or people "
      "({name} is the group's name, e.g. a decade or a letter)."),

    # -- dates (a date in the visitor's language is put in {date}, a year in {year}) ------------------
    L("date_circa", "c. {date}", "An approximate date (EDTF '~'), e.g. 'c. 1954'."),
    L("date_uncertain", "{date}?", "An uncertain date (EDTF '?'), e.g. '1954?'."),
    L("date_circa_uncertain", "c. {date}?", "A date both approximate and uncertain (EDTF '%')."),
    L("date_since", "since {date}", "An interval with no end (EDTF '1985/..')."),
    L("date_until", "until {date}", "An interval with no start (EDTF '../1900')."),
    L("date_unknown_end", "{date} – ?", "An interval whose end is not known (EDTF '1985/')."),
    L("date_unknown_start", "? – {date}", "An interval whose start is not known (EDTF '/1900')."),
    L("date_range", "{start} – {end}", "Two dates as a span, when the calendar cannot shorten it."),
    L("date_decade", "{year}s", "A decade (EDTF '197X'), e.g. 'the 1970s'; {year} is its first year."),
    L("date_one_of", "{first} or {second}", "One of two dates (EDTF '[1667,1668]')."),
    L("date_bce", "{year} BCE", "A year before the Common Era (EDTF '-0043' is 44 BCE); {year} is the number."),
    L("date_at_time", "{date}, {time}", "A date with a time of day (EDTF '1972-12-18T19:40:00')."),
    L("season_spring", "spring {year}", "A season (EDTF '1972-21')."),
    L("season_summer", "summer {year}", "A season (EDTF '1972-22')."),
    L("season_autumn", "autumn {year}", "A season (EDTF '1972-23')."),
    L("season_winter", "winter {year}", "A season (EDTF '1972-24')."),
    L("pattern_day", "yMMMMd", "CLDR pattern of a full date (day, month, year). Leave empty for the "
      "language's CLDR format, or write a CLDR pattern, e.g. \"'ngày' d 'tháng' M 'năm' y\".", pattern=True),
    L("pattern_month", "yMMMM", "CLDR pattern of a month and year. Leave empty for the CLDR format.", pattern=True),
    L("pattern_year", "y", "CLDR pattern of a year. Leave empty for the CLDR format.", pattern=True),
    L("pattern_day_short", "MMMd", "CLDR pattern of a day and month without the year (on the timeline). "
      "Leave empty for the CLDR format.", pattern=True),
    L("pattern_month_short", "MMM", "CLDR pattern of a month without the year (on the timeline). "
      "Leave empty for the CLDR format.", pattern=True),
    L("pattern_time", "Hm", "CLDR pattern of a time of day. Leave empty for the CLDR format.", pattern=True),

    # -- people --------------------------------------------------------------------------------------
    L("quotes", "In their words", "Heading of a person's quotations."),
    L("verbatim", "Quotation", "Label of a quotation in the person's exact words."),
    L("paraphrase", "Reported, not verbatim", "Label of a quotation given in the exhibit's words."),
    L("translation", "Translation", "Label of a quotation shown in another language than it was said in."),
    L("born", "Born {date}", "A date of birth (a full date, a month or a year)."),
    L("died", "Died {date}", "A date of death (a full date, a month or a year)."),
    L("unit", "Unit", "Before a person's unit, team or organisation."),
    L("people_count", "{n} person", "A count of people.", plural="{n} people"),
    L("index", "Index", "Screen reader name of the strip of letters or groups that jumps through a long list."),
    L("others", "Others", "Heading of people who are in none of the exhibit's groups."),

    # -- quizzes -------------------------------------------------------------------------------------
    L("choose_quiz", "Choose a quiz", "Heading of the list of quizzes."),
    L("questions", "{n} question", "How many questions a quiz has.", plural="{n} questions"),
    L("start", "Start", "Starts a quiz."),
    L("question_of", "Question {n} of {total}", "Progress in a quiz."),
    L("correct", "Correct!", "Feedback after a right answer."),
    L("wrong", "Not quite", "Feedback after a wrong answer."),
    L("right_answer", "The right answer is highlighted.", "After a wrong answer."),
    L("next", "Next question", "Button to the next question."),
    L("see_results", "See my score", "Button after the last question."),
    L("results", "Your score", "Heading of the results page."),
    L("score", "{score} of {total} correct", "The visitor's score."),
    L("try_again", "Try again", "Starts the same quiz again."),
    L("other_quizzes", "Other quizzes", "Back to the list of quizzes."),
    L("result_great", "Excellent! You know this subject well.", "After a score of 80% or more."),
    L("result_good", "Well done! Explore the exhibit to learn more.", "After a score of 50% or more."),
    L("result_low", "The exhibit has all the answers. Have a look!", "After a score under 50%."),

    # -- images --------------------------------------------------------------------------------------
    L("pinch_hint", "Pinch or double-tap to zoom", "Hint in the full-screen image viewer."),
    L("image_placeholder", "Image unavailable", "Shown where an image cannot be displayed."),
    L("enlarge", "Enlarge the image", "Screen reader hint of an image that opens full screen."),
    L("image_of", "Image {n} of {total}", "Position in the full-screen image viewer."),

    # -- staff ----------------------------------------------------------------------------------------
    L("staff", "Staff", "Title of the PIN pad of the hidden staff menu."),
    L("staff_menu", "Staff menu", "Title of the staff menu."),
    L("pin_not_set", "No staff PIN is set on this kiosk. Run: kiosk set-pin",
      "On the PIN pad; 'kiosk set-pin' is a command, do not translate it."),
    L("pin_wrong", "Wrong PIN", "On the PIN pad after a wrong PIN."),
    L("pin_wait", "Wait {n} second", "On the PIN pad after several wrong PINs.", plural="Wait {n} seconds"),
    L("ok", "OK", "Confirms the PIN."),
    L("cancel", "Cancel", "Closes the PIN pad."),
    L("staff_reload", "Reload content now", "Staff menu button."),
    L("staff_proof_landscape", "This page in landscape", "Staff menu button: a proof sheet of the page."),
    L("staff_proof_portrait", "This page in portrait", "Staff menu button: a proof sheet of the page."),
    L("staff_rendering", "Rendering…", "While the proof sheet is made."),
    L("staff_exit", "Exit the kiosk", "Staff menu button."),
    L("staff_version", "kiosk {version} · content {revision}", "Staff menu: the software's version and the "
      "content's revision."),
    L("staff_errors", "{n} error in the content", "Staff menu.", plural="{n} errors in the content"),
    L("staff_warnings", "{n} warning", "Staff menu, after the errors.", plural="{n} warnings"),
    L("staff_rejected", "The last content update ({revision}, {at}) was refused because of errors; "
      "the kiosk still shows the previous content.", "Staff menu."),
)


def pattern_keys() -> list[str]:
    return [k for k, v in LABELS.items() if v.pattern]
