"""The route grammar: every page a visitor can reach, named by a stable, readable path (Qt-free).

=================================  =============================================
route                              page
=================================  =============================================
``attract``                        the attract loop (nobody is using the kiosk)
``home``                           the home screen
``story``                          the story's overview (the timeline)
``story/<chapter id>``             one chapter
``witnesses``                      the people
``witnesses/<witness id>``         one person
``quiz``                           the list of quizzes
``quiz/<quiz id>``                 one quiz
``quiz/<quiz id>/results``         its results
=================================  =============================================

Routes are what the kiosk logs, writes to status.json, counts in its statistics and renders with
``kiosk render --route``; the QML pages and the command line compose and parse them only here
(:meth:`Route.parse`, :meth:`Route.format`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.content import model

ATTRACT = "attract"
HOME = "home"
SECTIONS = ("story", "witnesses", "quiz")
RESULTS = "results"


@dataclass(frozen=True)
class Route:
    """A parsed route: a section (or ``home``/``attract``), an item id, and whether it is a quiz's results."""

    section: str = HOME
    item: str = ""
    results: bool = False

    @classmethod
    def parse(cls, text: str) -> Route | None:
        """The route *text* names, or None when it is not one (``""`` is the home screen)."""
        parts = text.strip().strip("/").split("/") if text.strip().strip("/") else [HOME]
        section, rest = parts[0], parts[1:]
        if section in (HOME, ATTRACT):
            return cls(section) if not rest else None
        if section not in SECTIONS or len(rest) > 2 or any(not p for p in rest):
            return None
        if len(rest) == 2:
            return cls(section, rest[0], True) if section == "quiz" and rest[1] == RESULTS else None
        return cls(section, rest[0] if rest else "")

    def format(self) -> str:
        if self.section in (HOME, ATTRACT) or not self.item:
            return self.section
        return f"{self.section}/{self.item}" + (f"/{RESULTS}" if self.results else "")

    def __str__(self) -> str:
        return self.format()

    @property
    def is_attract(self) -> bool:
        return self.section == ATTRACT


def compose(section: str, item: str = "", results: bool = False) -> str:
    """The route of a page: ``compose("story", "1972-12-18")`` is ``"story/1972-12-18"``."""
    return Route(section, item, results).format()


def all_routes(content: model.Content) -> list[str]:
    """Every page a visitor can reach in *content*, in the order a visitor meets them."""
    routes = [HOME, "story"]
    routes += [compose("story", c.id) for c in content.chapters]
    routes.append("witnesses")
    routes += [compose("witnesses", w.id) for w in content.witnesses]
    routes.append("quiz")
    for q in content.quizzes:
        routes += [compose("quiz", q.id), compose("quiz", q.id, results=True)]
    routes.append(ATTRACT)
    return routes
