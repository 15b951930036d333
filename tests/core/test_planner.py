"""The planner on specs, without YAML: what the schedule, the rooms, the nights and the ids
come out as, and every problem at once with its line."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.model import Event
from kiosk.core.planner import plan
from kiosk.core.problems import Problem, ProgrammeError
from kiosk.core.specs import DaySpec, ItemSpec, ProgrammeSpec, SessionSpec, WallTime

DAY = date(2022, 11, 22)
EVENT = Event(title="Leercafé", date=DAY, timezone="Europe/Amsterdam")
ROOMS = Event(title="Congres", date=DAY, timezone="Europe/Amsterdam", rooms=("Zaal 1", "Zaal 2"))


def at(clock: str, line: int = 0) -> WallTime:
    hours, minutes = clock.split(":")
    return WallTime(int(hours) * 60 + int(minutes), line)


def item(line: int, title: str, start: str | None = None, **more: object) -> ItemSpec:
    return ItemSpec(line=line, title=title, start=at(start, line) if start else None, **more)  # type: ignore[arg-type]


def one_day(*items: ItemSpec, event: Event = EVENT) -> ProgrammeSpec:
    return ProgrammeSpec("p.yaml", event, (DaySpec(DAY, items),), several=False)


def hhmm(moment: object) -> str:
    return moment.strftime("%H:%M")  # type: ignore[attr-defined]


def test_items_without_a_start_share_the_time_up_to_the_next_published_one():
    programme = plan(
        one_day(
            item(1, "Inloop", "13:30"),
            item(2, "Opening"),
            item(3, "Lezing"),
            item(4, "Borrel", "14:30"),
        )
    )
    starts = [(i.title, hhmm(i.start), i.estimated) for i in programme.items]
    assert starts == [
        ("Inloop", "13:30", False),
        ("Opening", "13:50", True),
        ("Lezing", "14:10", True),
        ("Borrel", "14:30", False),
    ]


def test_the_small_hours_of_an_evening_are_the_night_after():
    programme = plan(one_day(item(1, "Feest", "22:00"), item(2, "Einde", "01:30", kind="end")))
    assert programme.close is not None and programme.close.date() == date(2022, 11, 23)
    assert hhmm(programme.close) == "01:30"


def test_a_room_s_part_takes_over_from_the_item_for_everyone_in_that_room_only():
    programme = plan(
        one_day(
            item(1, "Opening", "10:00"),
            item(2, "Workshop", "10:20", room="Zaal 1", end=at("11:00", 2)),
            item(3, "Lunch", "11:00"),
            event=ROOMS,
        )
    )
    (day,) = programme.days
    hall_opening = day.hall.items[0]
    room = dict(day.rooms)["Zaal 1"]
    assert hhmm(hall_opening.end) == "10:20"  # the rooms begin: the opening is over
    assert [i.title for i in room.items] == ["Opening", "Workshop", "Lunch"]
    assert dict(day.rooms)["Zaal 2"] is day.hall  # a room with nothing of its own: the hall


def test_ids_are_unique_and_a_repeated_one_names_both_lines():
    programme = plan(
        one_day(item(1, "Pauze", "13:00"), item(2, "Pauze"), item(3, "Einde", "14:00"))
    )
    assert [i.id for i in programme.items] == ["pauze", "pauze-2", "einde"]
    with pytest.raises(ProgrammeError) as info:
        plan(one_day(item(1, "A", "13:00", id="x"), item(5, "B", "14:00", id="x")))
    assert [str(p) for p in info.value.problems] == ["p.yaml:5: id 'x' is also used on line 1"]


def test_what_reading_found_and_what_planning_finds_come_in_one_report():
    found = [Problem("p.yaml", 2, "unknown field 'titel' in item")]
    spec = one_day(item(1, "A", "14:00"), item(3, "B", "13:00"))
    with pytest.raises(ProgrammeError) as info:
        plan(spec, found)
    assert [p.line for p in info.value.problems] == [2, 3]


def test_a_session_outside_its_round_is_named_with_the_round_s_time():
    round_ = item(
        1,
        "Ronde",
        "10:00",
        end=at("11:00", 1),
        sessions=(SessionSpec(2, "Excursie", room="Zaal 1", end=at("11:30", 2)),),
    )
    with pytest.raises(ProgrammeError) as info:
        plan(one_day(round_, event=ROOMS))
    assert str(info.value) == "p.yaml:2: the session is outside its round's time (10:00 to 11:00)"


@given(st.lists(st.integers(min_value=1, max_value=90), min_size=1, max_size=12))
def test_published_starts_stay_and_estimates_lie_between_them(gaps):
    """Any day of items with and without starts: every published start is kept, every item
    starts no earlier than the one before it, and only unpublished starts are estimates."""
    minutes, items = 8 * 60, []
    for n, gap in enumerate(gaps):
        published = n == 0 or gap % 3 == 0
        start = f"{minutes // 60:02d}:{minutes % 60:02d}" if published else None
        items.append(item(n + 1, f"Deel {n}", start))
        minutes += gap
    items.append(
        item(len(gaps) + 1, "Einde", f"{minutes // 60:02d}:{minutes % 60:02d}", kind="end")
    )
    programme = plan(one_day(*items))
    for spec, built in zip(items, programme.items, strict=True):
        assert built.estimated == (spec.start is None)
        if spec.start is not None:
            assert built.start.hour * 60 + built.start.minute == spec.start.minutes
    starts = [i.start for i in programme.items]
    assert starts == sorted(starts)
