"""Rooms, rounds and days in programme.yaml: what each line of each day holds, and every
refusal with its line (kiosk.files.loader)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.model import Programme
from kiosk.core.problems import ProgrammeError
from kiosk.files.loader import load, loads

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TZ = "Europe/Amsterdam"
HEAD = """\
event:
  title: Test
  date: 2023-03-09
  timezone: Europe/Amsterdam
  rooms: [Grote zaal, Zaal 2, Zaal 3]
programme:
"""
FIRST = 7  # the line of the first item under HEAD
NO_ROOMS = HEAD.replace("  rooms: [Grote zaal, Zaal 2, Zaal 3]\n", "")
ROUND = "{start: 10:00, end: 11:00, title: R, sessions: [%s]}"


def prog(*items: str) -> str:
    return HEAD + "".join(f"  - {item}\n" for item in items)


def refused(text: str) -> list[tuple[int, str]]:
    with pytest.raises(ProgrammeError) as info:
        loads(text, "p.yaml")
    return [(p.line, p.message) for p in info.value.problems]


def hm(moment) -> str | None:
    return None if moment is None else pendulum.instance(moment).in_tz(TZ).format("HH:mm")


def line_of(programme: Programme, room: str | None, day: int = 0) -> list[tuple[str, str, str]]:
    track = programme.day_tracks()[day].track(room)
    return [(i.title, hm(i.start), hm(i.end)) for i in track.items]


def test_a_file_without_rooms_or_days_is_its_own_line():
    p = loads(
        HEAD.replace("  rooms: [Grote zaal, Zaal 2, Zaal 3]\n", "")
        + "  - {start: 9:00, title: A}\n"
    )
    assert p.days == () and p.day_tracks()[0].hall is p


def test_a_round_is_for_everyone_with_its_sessions_in_rooms():
    p = loads(
        prog(
            "{start: 9:30, title: Opening}",
            "{start: 10:00, end: 11:00, title: 1ste ronde, sessions: ["
            "{title: Masterclass, room: Zaal 2, by: Ans}, {title: Werkplaats, room: Zaal 3}]}",
            "{start: 11:00, title: Einde, kind: end}",
        )
    )
    round_ = p.items[1]
    assert round_.room is None
    assert [(s.title, s.room, s.by) for s in round_.sessions] == [
        ("Masterclass", "Zaal 2", "Ans"),
        ("Werkplaats", "Zaal 3", None),
    ]
    assert [s.id for s in round_.sessions] == ["masterclass", "werkplaats"]
    # every room's line has the round, at the round's time
    for room in (None, "Grote zaal", "Zaal 2", "Zaal 3"):
        assert ("1ste ronde", "10:00", "11:00") in line_of(p, room)
    assert round_.session_in("Zaal 2").title == "Masterclass"
    assert round_.session_in("Grote zaal") is None


def test_rooms_run_their_own_tracks_and_the_opening_ends_when_they_begin():
    p = loads(
        prog(
            "{start: 9:00, title: Opening}",
            "{start: 9:30, title: Talk A, room: Zaal 2}",
            "{title: Talk B, room: Zaal 2}",
            "{start: 9:30, title: Workshop, room: Zaal 3, duration: 90}",
            "{start: 12:00, title: Lunch, kind: break}",
            "{start: 13:00, title: Einde, kind: end}",
        )
    )
    # the hall's line: the items for everyone; the opening is over when the rooms start
    assert line_of(p, None) == [
        ("Opening", "09:00", "09:30"),
        ("Lunch", "12:00", "13:00"),
        ("Einde", "13:00", None),
    ]
    # estimates per room: Talk A and B share 09:30 to 12:00 in Zaal 2
    assert line_of(p, "Zaal 2") == [
        ("Opening", "09:00", "09:30"),
        ("Talk A", "09:30", "10:45"),
        ("Talk B", "10:45", "12:00"),
        ("Lunch", "12:00", "13:00"),
        ("Einde", "13:00", None),
    ]
    # a gap per room: the workshop ends at 11:00, nothing is on in Zaal 3 until lunch
    assert ("Workshop", "09:30", "11:00") in line_of(p, "Zaal 3")
    # a room with nothing of its own shows the items for everyone
    assert line_of(p, "Grote zaal") == line_of(p, None)
    assert p.items[2].estimated and not p.items[1].estimated


def test_several_days_each_with_its_own_close_and_ids_across_days():
    text = """\
event:
  title: Twee dagen
  timezone: Europe/Amsterdam
days:
  - date: 2023-05-25
    programme:
      - {start: 9:00, title: Welkom}
      - {start: 17:00, title: Einde, kind: end}
  - date: 2023-05-26
    programme:
      - {start: 22:00, title: Welkom}
      - {start: 1:30, title: Einde, kind: end}
"""
    p = loads(text)
    assert p.event.date.isoformat() == "2023-05-25"
    assert [d.date.isoformat() for d in p.days] == ["2023-05-25", "2023-05-26"]
    assert [i.id for i in p.items] == ["welkom", "einde", "welkom-2", "einde-2"]
    day2 = p.days[1].hall
    assert day2.event.date.isoformat() == "2023-05-26"
    # the second day is an evening: its 01:30 is the night after
    assert day2.close.isoformat() == "2023-05-27T01:30:00+02:00"
    assert p.days[0].hall.close.isoformat() == "2023-05-25T17:00:00+02:00"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (
            ["{start: 9:00, title: A, room: Zaal 22}"],
            [(FIRST, "room 'Zaal 22' is not in event.rooms; did you mean 'Zaal 2'?")],
        ),
        (
            ["{start: 9:00, title: A, room: Kelder}"],
            [(FIRST, "room 'Kelder' is not in event.rooms; rooms: Grote zaal, Zaal 2, Zaal 3")],
        ),
        (
            [
                "{start: 9:00, title: A, room: Zaal 2, end: 10:30}",
                "{start: 10:00, title: B, room: Zaal 2}",
                "{start: 10:00, title: C, room: Zaal 3}",
            ],
            [(FIRST, "in Zaal 2: ends at 10:30, after the next start (10:00, line 8)")],
        ),
        (
            [
                "{start: 10:00, title: B, room: Zaal 2}",
                "{start: 9:00, title: A, room: Zaal 2}",
            ],
            [
                (
                    FIRST + 1,
                    "in Zaal 2: starts at 09:00, before the item on line 7 (10:00);"
                    " starts must be in order",
                )
            ],
        ),
        (
            [ROUND % "{title: S, room: Zaal 2, start: 9:30}"],
            [(FIRST, "the session is outside its round's time (10:00 to 11:00)")],
        ),
        (
            [ROUND % "{title: S, room: Zaal 2}, {title: T, room: Zaal 2}"],
            [(FIRST, "Zaal 2 already has the session on line 7 then")],
        ),
        (
            ["{start: 10:00, title: R, room: Zaal 2, sessions: [{title: S, room: Zaal 3}]}"],
            [(FIRST, "a round is for every room: give the rooms to its sessions")],
        ),
        (
            ["{start: 10:00, title: R, sessions: [{title: S, speaker: X}]}"],
            [
                (
                    FIRST,
                    "unknown field 'speaker' in session; known: title, by, room, description,"
                    " start, end, id",
                )
            ],
        ),
        (
            [
                "{start: 10:00, title: R, sessions: [{title: S, room: Zaal 2, id: a}]}",
                "{start: 11:00, title: a, id: a}",
            ],
            [(FIRST + 1, "id 'a' is also used on line 7")],
        ),
    ],
    ids=[
        "unknown-room-hint",
        "unknown-room-list",
        "overlap-in-a-room",
        "out-of-order-in-a-room",
        "session-outside-round",
        "two-sessions-one-room",
        "round-with-room",
        "session-unknown-field",
        "session-id-twice",
    ],
)
def test_room_refusals_name_the_line(items, expected):
    assert refused(prog(*items)) == expected


def test_a_room_without_event_rooms_says_to_list_them():
    text = (
        HEAD.replace("  rooms: [Grote zaal, Zaal 2, Zaal 3]\n", "")
        + "  - {start: 9:00, title: A, room: Zaal 2}\n"
    )
    assert refused(text) == [(6, "room 'Zaal 2' is unknown: list the rooms in event.rooms first")]


def test_overlaps_across_rooms_are_fine():
    p = loads(
        prog(
            "{start: 9:00, end: 11:00, title: A, room: Zaal 2}",
            "{start: 9:30, end: 10:00, title: B, room: Zaal 3}",
        )
    )
    assert line_of(p, "Zaal 3") == [("B", "09:30", "10:00")]
    assert line_of(p, None) == []


def days(*each: str, event: str = "") -> str:
    """A file of several days, each day on one line from line 5 (line 6 with `event`)."""
    head = "event:\n  title: T\n  timezone: UTC\n" + event
    return head + "days:\n" + "".join(f"  - {day}\n" for day in each)


A = "{date: 2023-05-25, programme: [{start: 9:00, title: A}]}"
B = "{date: 2023-05-26, programme: [{start: 9:00, title: B}]}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "event:\n  title: T\n  date: [2023-05-25, 2023-05-26]\n  timezone: UTC\n"
            "programme:\n  - {start: 9:00, title: A}\n",
            [
                (
                    3,
                    "date must be one date; for several days write 'days:' with a date and a"
                    " programme for each",
                )
            ],
        ),
        (
            days(A, event="  date: 2023-05-25\n"),
            [(4, "with 'days:', each day has its date there; remove event.date")],
        ),
        (
            days(
                "{date: 2023-05-25, programme: [{start: 9:00, title: A, id: x}]}",
                "{date: 2023-05-26, programme: [{start: 9:00, title: B, id: x}]}",
            ),
            [(6, "id 'x' is also used on line 5")],
        ),
        (days(B, A), [(6, "2023-05-25 comes before the day above it")]),
        (days(A, A), [(6, "2023-05-25 is also the day on line 5")]),
        (days("{date: 2023-05-25}"), [(5, "the day's 'programme:' is missing")]),
        (
            "event:\n  title: T\n  timezone: UTC\nprogramme: []\ndays:\n  - {date: 2023-05-25}\n",
            [(6, "give 'programme:' for one day or 'days:' for several, not both")],
        ),
    ],
    ids=[
        "date-list",
        "date-and-days",
        "id-across-days",
        "days-out-of-order",
        "day-twice",
        "day-without-programme",
        "programme-and-days",
    ],
)
def test_day_refusals_name_the_line(text, expected):
    problems = refused(text)
    assert all(e in problems for e in expected), problems


ROOMS_AND_DAYS = [p for p in sorted(EXAMPLES.glob("*.yaml")) if p.name != "leercafe-tables.yaml"]


@pytest.mark.parametrize("path", ROOMS_AND_DAYS, ids=lambda p: p.name)
def test_the_examples_load(path):
    p = load(path)
    assert p.days, "the examples show rooms or days"


def test_the_symposium_example_has_rounds_in_three_rooms():
    p = load(EXAMPLES / "symposium.yaml")
    rounds = [i for i in p.items if i.sessions]
    assert len(p.event.rooms) == 3 and len(rounds) == 2
    assert all({s.room for s in r.sessions} == set(p.event.rooms) for r in rounds)


def test_the_conference_example_has_two_days_with_room_tracks():
    p = load(EXAMPLES / "conference.yaml")
    assert len(p.days) == 2
    for day in p.days:
        assert any(line is not day.hall for _, line in day.rooms)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["Zaal 2", "Zaal 3", None]), st.integers(5, 60)),
        min_size=1,
        max_size=12,
    )
)
def test_each_room_line_is_in_order_and_without_overlaps(parts):
    """Random tracks written room by room: every line comes out in time order, with each
    part ending by the next one's start."""
    clock = {"Zaal 2": 9 * 60, "Zaal 3": 9 * 60, None: 9 * 60}
    lines = []
    for room, minutes in parts:
        # an item for everyone starts after every room's last part
        start = max(clock.values()) if room is None else clock[room]
        if room is None:
            clock = dict.fromkeys(clock, start + minutes)
        else:
            clock[room] = start + minutes
        where = f", room: {room}" if room else ""
        hhmm = f"{start // 60:02d}:{start % 60:02d}"
        lines.append(f"{{start: '{hhmm}', duration: {minutes}, title: P{len(lines)}{where}}}")
    if max(clock.values()) > 23 * 60:
        return
    p = loads(prog(*lines))
    for room in (None, "Zaal 2", "Zaal 3"):
        items = p.day_tracks()[0].track(room).items
        for a, b in itertools.pairwise(items):
            assert a.start <= b.start
            assert a.end is None or a.end <= b.start


def two_rooms(*items: str) -> str:
    head = HEAD.replace("[Grote zaal, Zaal 2, Zaal 3]", "[A, B]")
    return head + "".join(f"  - {item}\n" for item in items)


def test_items_for_everyone_share_their_time_up_to_where_the_rooms_begin():
    p = loads(
        two_rooms(
            "{start: 10:00, title: Welcome}",
            "{title: Keynote, duration: 30}",
            "{start: 11:00, title: a1, room: A}",
            "{start: 11:00, title: b1, room: B}",
            "{start: 12:30, title: Lunch}",
            "{start: 13:30, title: End, kind: end}",
        )
    )
    assert line_of(p, None)[:2] == [("Welcome", "10:00", "10:30"), ("Keynote", "10:30", "11:00")]
    assert line_of(p, "A")[2] == ("a1", "11:00", "12:30")


def test_an_open_ended_item_for_everyone_ends_when_the_rooms_begin():
    p = loads(
        two_rooms(
            "{start: 10:00, title: Welcome}",
            "{start: 10:30, title: a1, room: A, duration: 60}",
            "{start: 10:30, title: b1, room: B, duration: 20}",
        )
    )
    assert line_of(p, None) == [("Welcome", "10:00", "10:30")]
    assert line_of(p, "B") == [("Welcome", "10:00", "10:30"), ("b1", "10:30", "10:50")]


def test_a_rooms_part_without_a_start_shares_the_time_in_its_room():
    p = loads(
        two_rooms(
            "{start: 10:00, title: Welcome}",
            "{title: b1, room: B, duration: 30}",
            "{start: 12:00, title: Lunch}",
        )
    )
    assert line_of(p, "B")[:2] == [("Welcome", "10:00", "11:30"), ("b1", "11:30", "12:00")]
    assert line_of(p, None)[0] == ("Welcome", "10:00", "12:00")


def test_a_registration_beside_a_workshop_runs_on_in_the_hall():
    p = loads(
        two_rooms(
            "{start: 9:00, title: Registration, kind: walk-in}",
            "{start: 9:00, title: Workshop, room: A, duration: 60}",
            "{start: 12:00, title: End, kind: end}",
        )
    )
    assert line_of(p, None)[0] == ("Registration", "09:00", "12:00")
    assert ("Workshop", "09:00", "10:00") in line_of(p, "A")


def test_lunch_without_a_start_comes_when_the_rooms_end():
    p = loads(
        two_rooms(
            "{start: 10:00, title: Welcome}",
            "{start: 10:30, title: a1, room: A, end: 12:00}",
            "{start: 10:30, title: b1, room: B, end: 11:45}",
            "{title: Lunch, duration: 60}",
            "{start: 15:00, title: End, kind: end}",
        )
    )
    assert ("Lunch", "12:00", "13:00") in line_of(p, None)
