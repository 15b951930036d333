"""Where everyone is: a plenary in a named room is what is on, at the hall and every door; a
door whose room has nothing on says where things are; no door shows a round it has no session
in. Read through `kiosk now --json` (what the screens, the API and the report share), `kiosk
check`, the report and a property over every minute of the day."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from kiosk.cli import main
from kiosk.core.live import State
from kiosk.core.report import replay
from kiosk.core.tracks import Tracks
from kiosk.core.view import board, elsewhere
from kiosk.core.words import Words
from kiosk.files.loader import load, loads

CONGRES = ROOT / "examples" / "congres.yaml"
DOORS = ("Grote zaal", "Zaal 1", "Zaal 2", "Zaal 3")

# A two-track conference whose tracks do not always run together: the Studio's last talk
# runs alone, and the Lab has nothing while both others run.
TRACKS = """
event:
  title: Tracks
  date: 2023-05-25
  timezone: Europe/Amsterdam
  language: en
  rooms: [Main hall, Studio, Lab]
programme:
  - {start: 9:30, end: 10:00, title: Welcome}
  - {start: 10:00, end: 11:00, title: Open budgets, room: Main hall}
  - {start: 10:00, end: 11:00, title: Your first API, room: Studio}
  - {start: 11:00, end: 11:30, title: Archives, room: Studio}
  - {start: 11:30, end: 12:00, title: Hack, room: Lab}
  - {start: 11:30, end: 12:00, title: Keynote, room: Main hall, plenary: true}
  - {start: 12:00, title: End, kind: end}
"""


def now_json(path: Path, when: str, capsys, room: str | None = None) -> dict:
    args = ["now", str(path), "--at", when, "--json", "--state", str(path) + ".none.json"]
    assert main([*args, *(["--room", room] if room else [])]) == 0
    return json.loads(capsys.readouterr().out)


def title(item: dict | None) -> tuple[str, str | None] | None:
    return None if item is None else (item["title"], item["room"])


@pytest.mark.parametrize(
    ("when", "hall", "doors"),
    [
        # walk-in: for everyone, no room
        (
            "09:45",
            ("Ontvangst met koffie", None),
            {d: ("Ontvangst met koffie", None) for d in DOORS},
        ),
        # the opening and the keynote in the Grote zaal: on at every door, with their room
        ("10:10", ("Opening", "Grote zaal"), {d: ("Opening", "Grote zaal") for d in DOORS}),
        ("10:40", ("Keynote", "Grote zaal"), {d: ("Keynote", "Grote zaal") for d in DOORS}),
        # between the keynote and the first round: nothing on anywhere
        ("11:05", None, {d: None for d in DOORS}),
        # a round: each door its session's round, the Grote zaal (no session) nothing
        (
            "11:30",
            ("1ste ronde", None),
            {"Grote zaal": None, **{d: ("1ste ronde", None) for d in DOORS[1:]}},
        ),
        ("12:45", ("Lunch", None), {d: ("Lunch", None) for d in DOORS}),
        # the second round has no session in Zaal 3 (nor in the Grote zaal)
        (
            "13:40",
            ("2de ronde", None),
            {
                "Grote zaal": None,
                "Zaal 1": ("2de ronde", None),
                "Zaal 2": ("2de ronde", None),
                "Zaal 3": None,
            },
        ),
        # the closing plenary: everybody is in the Grote zaal, and every door says so
        (
            "14:40",
            ("Plenaire afsluiting", "Grote zaal"),
            {d: ("Plenaire afsluiting", "Grote zaal") for d in DOORS},
        ),
        ("15:30", ("Borrel", None), {d: ("Borrel", None) for d in DOORS}),
    ],
)
def test_the_congress_at_every_kind_of_moment(capsys, when, hall, doors):
    assert title(now_json(CONGRES, when, capsys)["now"]) == hall
    for door, expected in doors.items():
        data = now_json(CONGRES, when, capsys, door)
        assert title(data["now"]) == expected, (when, door)
        if expected is None and data["phase"] == "during":
            assert data["rooms"], "the others' parts come with it: where things are on"


def screen(path: Path, when: str, room: str | None) -> tuple[str, str, str]:
    """NOW's label and title, or the headline, as the screen at `room` says them."""
    programme = load(path) if isinstance(path, Path) else path
    from kiosk.core.times import parse_when

    moment = parse_when(when, programme.event.date, programme.event.timezone)
    snap = Tracks(programme, State(), room).snapshot(moment)
    b = board(snap, Words(programme.event.language), room)
    if b.now is not None:
        return b.now.label, b.now.title, b.next.label if b.next else ""
    return "", b.headline.text if b.headline else "", b.next.label if b.next else ""


def test_a_door_says_where_the_plenary_is_and_its_own_next_part():
    assert screen(CONGRES, "14:40", "Zaal 1")[:2] == ("Nu in Grote zaal", "Plenaire afsluiting")
    assert screen(CONGRES, "10:40", "Zaal 3") == ("Nu in Grote zaal", "Keynote", "Hierna in Zaal 3")
    assert screen(CONGRES, "10:10", None)[:2] == ("Nu in Grote zaal", "Opening")


def test_a_door_with_nothing_in_a_round_says_where_the_sessions_are():
    label, text, nxt = screen(CONGRES, "13:40", "Zaal 3")
    assert label == ""  # no NOW: the round is not on here
    assert text == "Nu elders: Zaal 1 · Excursie Bloemenbuurt, Zaal 2 · Masterclass gemeenten"
    assert nxt == "Hierna in Grote zaal"  # where to go next: the closing plenary


def test_two_tracks_a_part_alone_and_an_outright_plenary():
    tracks = loads(TRACKS)
    # the Studio's talk runs alone: for everyone, at the Lab's door too
    assert screen(tracks, "11:10", "Lab")[:2] == ("Now in Studio", "Archives")
    assert screen(tracks, "11:10", None)[:2] == ("Now in Studio", "Archives")
    # both tracks run: the Lab's door says where
    assert screen(tracks, "10:30", "Lab")[1] == (
        "Now elsewhere: Main hall · Open budgets, Studio · Your first API"
    )
    # plenary: true holds beside the Lab's hack: the Studio's door shows the keynote
    assert screen(tracks, "11:40", "Studio")[:2] == ("Now in Main hall", "Keynote")
    assert screen(tracks, "11:40", "Lab")[:2] == ("Now in Lab", "Hack")  # its own part


def test_kiosk_check_marks_the_plenary(capsys):
    assert main(["check", str(CONGRES)]) == 0
    out = capsys.readouterr().out
    assert "Plenaire afsluiting   (plenary in Grote zaal)" in out
    assert "Opening               Dagvoorzitter Inge Bakker  (plenary in Grote zaal)" in out


def test_the_report_counts_the_plenaries_as_parts_of_the_day():
    programme = load(CONGRES)
    parts = replay(programme, [], programme.items[-1].start + timedelta(hours=1)).parts
    titles = [p.item.title for p in parts]
    assert {"Opening", "Keynote", "Plenaire afsluiting"} <= set(titles)


def test_plenary_needs_a_room():
    with pytest.raises(Exception, match="plenary is for a part in a room"):
        loads(TRACKS.replace("room: Main hall, plenary: true", "plenary: true"))


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["congres", "tracks"]),
    st.integers(min_value=0, max_value=9 * 60),
    st.integers(min_value=0, max_value=3),
)
def test_a_door_shows_its_own_part_a_part_for_everyone_or_where_the_parts_are(which, minute, n):
    programme = load(CONGRES) if which == "congres" else loads(TRACKS)
    rooms = programme.event.rooms
    door = rooms[n % len(rooms)]
    moment = programme.items[0].start + timedelta(minutes=minute)
    snap = Tracks(programme, State(), door).snapshot(moment)
    now = snap.now
    if now is not None:
        item = now.item
        own = item.room == door or item.session_in(door) is not None
        assert own or (item.for_everyone and not item.sessions), (door, item.title)
    elif snap.phase == "during":
        # nothing on here: the screen says where things are on, or there is nothing anywhere
        hall = Tracks(programme, State()).snapshot(moment)
        on = [s for _, s in hall.rooms if s.now is not None]
        assert bool(elsewhere(snap)) == bool(on), (door, moment)


def test_a_door_never_announces_a_round_it_has_no_session_in():
    # the lunch counts down to its end; NEXT is what this room has next: the plenary
    assert screen(CONGRES, "12:35", "Zaal 3")[2] == "Hierna in Grote zaal"
    programme = load(CONGRES)
    from kiosk.core.times import parse_when

    moment = parse_when("11:05", programme.event.date, programme.event.timezone)
    snap = Tracks(programme, State(), "Grote zaal").snapshot(moment)
    assert snap.next is not None and snap.next.item.title == "Lunch"  # not the first round


def test_a_round_on_elsewhere_is_not_past_in_a_free_door_s_list():
    from kiosk.core.listing import rows
    from kiosk.core.times import parse_when

    programme = load(CONGRES)
    moment = parse_when("13:40", programme.event.date, programme.event.timezone)
    snap = Tracks(programme, State(), "Zaal 3").snapshot(moment)
    row = next(r for r in rows(snap, Words("nl"), 12, "Zaal 3") if r.title == "2de ronde")
    assert row.state != "past" and row.mark != "✓"


BESIDE = CONGRES.read_text(encoding="utf-8").replace(
    "  - {start: 14:30, end: 15:15, title: Plenaire afsluiting, room: Grote zaal}",
    "  - {start: 14:30, end: 15:15, title: Plenaire afsluiting, room: Grote zaal, plenary: true}\n"
    "  - {start: 14:30, end: 15:00, title: Kinderprogramma, room: Zaal 3}",
)


def test_a_door_whose_own_part_ends_before_the_plenary_says_where_it_is():
    programme = loads(BESIDE)
    assert screen(programme, "14:45", "Zaal 3")[:2] == ("Nu in Zaal 3", "Kinderprogramma")
    assert screen(programme, "15:05", "Zaal 3")[1] == "Nu elders: Grote zaal · Plenaire afsluiting"


def test_two_plenaries_at_once_are_refused_with_their_lines():
    both = BESIDE.replace(
        "title: Kinderprogramma, room: Zaal 3}",
        "title: Kinderprogramma, room: Zaal 3, plenary: true}",
    )
    with pytest.raises(Exception, match="one part at a time is for everyone"):
        loads(both)
