"""kiosk.core.present.collections: timelines of any span, and long lists of people."""

from __future__ import annotations

from kiosk.core.content import model
from kiosk.core.content.when import parse
from kiosk.core.present import collections as coll

T = model.Localized.plain("t")


def chapter(i: str, date: str | None, kind: str = model.CHAPTER) -> model.Chapter:
    return model.Chapter(id=i, title=T, body=T, date=parse(date) if date else None, kind=kind)


def test_days_of_one_year_leave_the_year_out():
    chapters = tuple(chapter(f"d{d}", f"1972-12-{d:02d}") for d in range(18, 30))
    assert coll.timeline_scale(chapters) == coll.Scale(with_year=False)


def test_moments_of_one_day_are_told_by_the_time():
    chapters = tuple(chapter(f"t{h}", f"1972-12-18T{h:02d}:00:00") for h in (19, 20, 23))
    assert coll.timeline_scale(chapters) == coll.Scale(with_year=False, time_only=True)


def test_a_short_timeline_has_no_groups_and_a_long_one_is_grouped_by_the_calendar():
    short = tuple(chapter(f"y{y}", str(y)) for y in range(1898, 1908))
    assert coll.timeline_groups(short, None) == []
    long = tuple(chapter(f"y{y}", str(y)) for y in range(1898, 2024, 3))  # 42 chapters over 126 years
    groups = coll.timeline_groups(long, None)
    assert [g.when.text for g in groups] == ["189X", "190X", "191X", "192X", "193X", "194X", "195X", "196X",
                                             "197X", "198X", "199X", "200X", "201X", "202X"]
    assert sum(g.count for g in groups) == len(long)
    assert groups[0].first == 0 and groups[1].first == groups[0].count


def test_months_of_two_years_are_grouped_by_month_then_year():
    by_month = (*(chapter(f"m{m}", f"1967-{m:02d}-01") for m in range(1, 13)), chapter("x", "1967-12-20"))
    assert [g.when.text for g in coll.timeline_groups(by_month, None)][:2] == ["1967-01", "1967-02"]
    many = tuple(chapter(f"m{y}{m}", f"{y}-{m:02d}") for y in (1967, 1968) for m in range(1, 13))
    assert [g.when.text for g in coll.timeline_groups(many, None)] == ["1967", "1968"]


def test_eras_group_the_timeline_and_themes_and_epilogue_have_their_own():
    eras = (model.Era(model.Localized.plain("Construction"), parse("1898/1902")),
            model.Era(model.Localized.plain("Wars"), parse("1940/1975")))
    chapters = (chapter("p", None, model.PROLOGUE), chapter("a", "1898"), chapter("b", "1901"), chapter("c", "1954~"),
                chapter("d", "1972-12-18"), chapter("e", "1990"), chapter("t", None),
                chapter("z", None, model.EPILOGUE))
    groups = coll.timeline_groups(chapters, model.Section(model.STORY, eras=eras))
    assert [(g.kind, g.count) for g in groups] == [("prologue", 1), ("era", 2), ("era", 2), ("calendar", 1),
                                                   ("themes", 1), ("epilogue", 1)]
    assert groups[1].era is eras[0] and groups[2].era is eras[1]


def person(i: str, name: str, group: str = "", sort_as: str = "") -> model.Witness:
    return model.Witness(id=i, name=name, name_ascii=name, role=T, biography=T, group=group, sort_as=sort_as)


def test_a_long_list_of_people_is_indexed_by_letter_without_accents():
    people = tuple(person(f"p{i}", n) for i, n in enumerate(["Ánh", "Anna", "Bùi", "Đặng", "Dũng", "Émile"] * 5))
    people = tuple(sorted(people, key=lambda w: w.sort_key))
    groups = coll.people_groups(people, None)
    assert [(g.key, g.count) for g in groups] == [("A", 10), ("B", 5), ("D", 10), ("E", 5)]


def test_sort_as_puts_family_names_first():
    assert person("x", "Gustave Eiffel", sort_as="Eiffel, Gustave").sort_key == "eiffel, gustave"
    assert coll.index_letter(person("x", "Gustave Eiffel", sort_as="Eiffel, Gustave")) == "E"
    assert coll.index_letter(person("x", "1st Battalion")) == "#"


def test_the_exhibits_own_groups_come_first_and_others_last():
    section = model.Section(model.PEOPLE, groups=(model.Group("eng", model.Localized.plain("Engineers")),
                                                  model.Group("work", model.Localized.plain("Workers"))))
    people = (person("a", "A", "eng"), person("b", "B", "eng"), person("c", "C", "work"), person("d", "D"))
    groups = coll.people_groups(people, section)
    assert [(g.key, g.count) for g in groups] == [("eng", 2), ("work", 1), ("", 1)]
    assert groups[-1].title is None  # 'Others'
