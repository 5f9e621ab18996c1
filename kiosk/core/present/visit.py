"""One visitor's visit: their language, their accessibility options and their quizzes' order (Qt-free).

This is the only place that holds what a visitor chose, and :meth:`Visit.reset` the only place that
forgets it when they walk away (the idle reset). The presenter reads the language and the quiz orders
from it; the bridge (:mod:`kiosk.ui.session`) wraps it in a QObject that tells QML what changed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from kiosk.core.content import model

# The accessibility options a visitor can turn on; all are off when a visit starts.
ACCESS_OPTIONS = (
    "largeText",      # text 1.5x
    "highContrast",   # white on black, every pair >= 7:1
    "reducedMotion",  # no slides or fades
    "captions",       # captions forced on for every recording
    "moreTime",       # the idle timeout ten times longer
    "reach",          # every control in the lower part of the screen (wheelchair reach)
)
MORE_TIME_FACTOR = 10

# A quiz as one visitor sees it: (question's place in the file, its choices' places) in screen order.
QuizOrder = list[tuple[int, list[int]]]


def _all_off() -> dict[str, bool]:
    return dict.fromkeys(ACCESS_OPTIONS, False)


@dataclass
class Visit:
    start_language: str                 # where every visit begins
    languages: tuple[str, ...] = ()     # those a visitor may choose (empty: any)
    language: str = ""                  # the visitor's now ("" at first: the start language)
    access: dict[str, bool] = field(default_factory=_all_off)
    quiz_orders: dict[str, QuizOrder] = field(default_factory=dict)
    rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        if not self.language:
            self.language = self.start_language

    @classmethod
    def of(cls, exhibit: model.Exhibit, wanted_language: str = "", rng: random.Random | None = None) -> Visit:
        """A first visit to *exhibit*, starting in *wanted_language* when the exhibit has it."""
        return cls(_start_language(exhibit, wanted_language), tuple(exhibit.languages), rng=rng or random.Random())

    # -- what the visitor chooses ------------------------------------------------------------
    def choose_language(self, lang: str) -> bool:
        """Switch to *lang*; False when it is already shown or the exhibit does not have it."""
        if lang == self.language or (self.languages and lang not in self.languages):
            return False
        self.language = lang
        return True

    def set_access(self, name: str, on: bool) -> bool:
        """Turn one accessibility option on or off; False when nothing changed (or no such option)."""
        if name not in self.access or self.access[name] == bool(on):
            return False
        self.access[name] = bool(on)
        return True

    @property
    def idle_factor(self) -> int:
        """How many times longer the idle timeout is for this visitor."""
        return MORE_TIME_FACTOR if self.access["moreTime"] else 1

    def start_quiz(self, quiz: model.Quiz) -> None:
        """Fix a fresh question and choice order for one attempt at *quiz*."""
        order: QuizOrder = []
        questions = list(range(len(quiz.questions)))
        if quiz.shuffle:
            self.rng.shuffle(questions)
        for qi in questions:
            choices = list(range(len(quiz.questions[qi].choices)))
            if quiz.shuffle:
                self.rng.shuffle(choices)
            order.append((qi, choices))
        self.quiz_orders[quiz.id] = order

    def quiz_order(self, quiz: model.Quiz) -> QuizOrder:
        """The order this visitor sees *quiz* in; before start_quiz (or after a reset) the file's own."""
        return self.quiz_orders.get(quiz.id) or [(i, list(range(len(q.choices)))) for i, q in enumerate(quiz.questions)]

    # -- the next visitor ----------------------------------------------------------------------
    def reset(self) -> None:
        """Forget everything this visitor chose: the next one starts afresh."""
        self.language = self.start_language
        self.access = _all_off()
        self.quiz_orders.clear()

    def new_exhibit(self, exhibit: model.Exhibit, wanted_language: str = "") -> None:
        """New content went live: its languages; the visitor's language stays if the exhibit still has it."""
        self.start_language = _start_language(exhibit, wanted_language)
        self.languages = tuple(exhibit.languages)
        if self.language not in self.languages:
            self.language = self.start_language
        self.quiz_orders.clear()  # its quizzes may have changed


def _start_language(exhibit: model.Exhibit, wanted: str) -> str:
    return wanted if wanted in exhibit.languages else exhibit.default_language
