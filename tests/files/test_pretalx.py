"""A pretalx or frab schedule.json as a programme.yaml (kiosk.files.pretalx, kiosk import).

The fixtures are made here, in the documented format: schedule.conference.days[].rooms
{room: [event]}, events with date (ISO with offset), start, duration, room, title, persons.
"""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.cli import main
from kiosk.core.live import State
from kiosk.core.tracks import Tracks
from kiosk.files.loader import loads
from kiosk.files.pretalx import ScheduleError, convert, read


def talk(n: int, day: str, hhmm: str, minutes: int, room: str, title: str, **more) -> dict:
    offset = more.pop("offset", "+02:00")
    h, m = divmod(minutes, 60)
    event = {
        "guid": f"00000000-0000-0000-0000-{n:012d}",
        "id": n,
        "date": f"{day}T{hhmm}:00{offset}",
        "start": hhmm,
        "duration": f"{h:02d}:{m:02d}",
        "room": room,
        "title": title,
        "type": "Talk",
        "persons": [{"public_name": "Anna Berg"}],
    }
    event.update(more)
    return event


def schedule(days: list[dict], **conference) -> dict:
    conf = {
        "acronym": "democon",
        "title": "DemoCon",
        "time_zone_name": "Europe/Berlin",
        "rooms": [{"name": "Saal A"}, {"name": "Saal B"}],
        "days": days,
    }
    conf.update(conference)
    return {"schedule": {"version": "1", "conference": conf}}


def day(date: str, **rooms: list[dict]) -> dict:
    return {"index": 1, "date": date, "rooms": {k.replace("_", " "): v for k, v in rooms.items()}}


THREE_DAYS = schedule(
    [
        day(
            "2023-05-26",
            Saal_A=[
                talk(1, "2023-05-26", "10:00", 30, "Saal A", "Opening"),
                talk(2, "2023-05-26", "10:30", 60, "Saal A", "Keynote: open data"),
                # after midnight: still the first day (a pretalx day runs to 03:59)
                talk(3, "2023-05-27", "00:30", 45, "Saal A", "Late night talks"),
            ],
            Saal_B=[
                talk(
                    4,
                    "2023-05-26",
                    "10:30",
                    45,
                    "Saal B",
                    "Workshop #1",
                    type="Workshop",
                    track="Data",
                    url="https://pretalx.example/democon/talk/ABC/",
                )
            ],
        ),
        day("2023-05-27", Saal_A=[talk(5, "2023-05-27", "09:30", 30, "Saal A", "Day two")]),
        day(
            "2023-05-28",
            Saal_B=[
                talk(
                    6,
                    "2023-05-28",
                    "14:00",
                    120,
                    "Saal B",
                    "Hackathon",
                    persons=[{"public_name": "Eve"}, {"name": "Finn"}],
                )
            ],
        ),
    ]
)


def test_three_days_two_rooms_pass_the_loader_as_written():
    text = convert(THREE_DAYS)
    p = loads(text, "programme.yaml")
    assert p.event.title == "DemoCon" and p.event.timezone == "Europe/Berlin"
    assert p.event.rooms == ("Saal A", "Saal B")
    assert [d.date.isoformat() for d in p.days] == ["2023-05-26", "2023-05-27", "2023-05-28"]
    first = p.days[0]
    saal_a = [(i.title, i.start.strftime("%d %H:%M")) for i in first.track("Saal A").items]
    assert saal_a == [
        ("Opening", "26 10:00"),
        ("Keynote: open data", "26 10:30"),
        ("Late night talks", "27 00:30"),  # the night after, on the first day's screen
    ]
    opening, workshop = first.track("Saal B").items[:2]
    # the opening runs alone: it is for everyone, at Saal B's door too, with its room
    assert (opening.title, opening.room, opening.plenary) == ("Opening", "Saal A", True)
    assert (workshop.title, workshop.kind, workshop.by) == ("Workshop #1", "workshop", "Anna Berg")
    hackathon = p.days[2].track("Saal B").items[0]
    assert hackathon.by == "Eve, Finn"
    assert hackathon.end.strftime("%H:%M") == "16:00"


def test_the_output_reads_like_a_hand_written_file():
    text = convert(THREE_DAYS, "democon.json")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=./programme.schema.json"
    assert any("democon.json" in line for line in lines[:6])
    assert "  timezone: Europe/Berlin  # from the schedule's time_zone_name" in lines
    assert '        title: "Keynote: open data"' in lines  # quoted only where YAML needs it
    assert "        title: Opening" in lines
    assert "      - start: 10:00" in lines
    # the track and the talk's page, as a comment above it
    at = lines.index('        title: "Workshop #1"')
    assert lines[at - 4] == "      # Data · https://pretalx.example/democon/talk/ABC/"


def test_ids_come_from_the_schedule_so_a_reimport_keeps_the_hosts_place():
    p = loads(convert(THREE_DAYS))
    assert [i.id for i in p.items][:2] == ["event-1", "event-2"]
    renamed = json.loads(json.dumps(THREE_DAYS))
    renamed["schedule"]["conference"]["days"][0]["rooms"]["Saal A"][1]["title"] = "Keynote (new)"
    again = loads(convert(renamed))
    assert [i.id for i in again.items] == [i.id for i in p.items]
    no_ids = json.loads(json.dumps(THREE_DAYS))
    for d in no_ids["schedule"]["conference"]["days"]:
        for events in d["rooms"].values():
            for e in events:
                del e["id"]
    assert loads(convert(no_ids)).items[0].id == "00000000-0000-0000-0000-000000000001"


def test_without_a_zone_name_the_offsets_give_the_zone_and_the_file_says_so():
    data = schedule(
        [day("2023-05-26", Saal_A=[talk(1, "2023-05-26", "10:00", 30, "Saal A", "Opening")])],
        time_zone_name=None,
    )
    text = convert(data)
    assert "  timezone: Etc/GMT-2  # from the events' offset (UTC+2)" in text
    p = loads(text)
    assert p.items[0].start.isoformat() == "2023-05-26T10:00:00+02:00"
    assert p.days == () or len(p.days) == 1  # one day: written as event.date and programme
    assert "  date: 2023-05-26" in text and "days:" not in text


def test_an_event_listed_under_the_next_calendar_day_belongs_by_its_time():
    # some exports list a 01:00 talk under the calendar day it falls on
    data = schedule(
        [
            day("2023-05-26", Saal_A=[talk(1, "2023-05-26", "22:00", 60, "Saal A", "Party")]),
            day("2023-05-27", Saal_A=[talk(2, "2023-05-27", "01:00", 60, "Saal A", "Afterparty")]),
        ]
    )
    p = loads(convert(data))
    assert [i.title for i in p.items] == ["Party", "Afterparty"]
    assert p.days == () or len(p.day_tracks()) == 1


def test_the_imported_conference_runs_through_both_days():
    p = loads(convert(THREE_DAYS))
    tracks = Tracks(p, State())

    during = tracks.snapshot(pendulum.parse("2023-05-26T10:40", tz="Europe/Berlin"))
    assert {r: s.now.item.title for r, s in during.rooms if s.now} == {
        "Saal A": "Keynote: open data",
        "Saal B": "Workshop #1",
    }
    # the first day's night ends with its last talk (00:30 to 01:15); then the second day
    night = tracks.snapshot(pendulum.parse("2023-05-27T01:00", tz="Europe/Berlin"))
    assert night.phase == "during" and night.programme.event.date.isoformat() == "2023-05-26"
    night = tracks.snapshot(pendulum.parse("2023-05-27T05:00", tz="Europe/Berlin"))
    assert night.phase == "before" and night.programme.event.date.isoformat() == "2023-05-27"
    morning = tracks.snapshot(pendulum.parse("2023-05-27T07:00", tz="Europe/Berlin"))
    assert morning.phase == "before" and morning.programme.event.date.isoformat() == "2023-05-27"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not json at all", "is not JSON (line 1)"),
        (
            b'{"version": "1"}',
            "not a pretalx or frab schedule.json: the top level has no 'schedule'",
        ),
        (
            b'{"schedule": {"version": "1"}}',
            "not a pretalx or frab schedule.json: schedule has no 'conference'",
        ),
        (b'{"schedule": {"conference": {"title": "X"}}}', "conference has no 'days'"),
        (
            json.dumps(
                schedule([day("2023-05-26", Saal_A=[{"title": "T", "id": 1, "date": "x"}])])
            ).encode(),
            "day 1, room Saal A, 'T': has no 'date' and no day date with a 'start' HH:MM",
        ),
        (
            json.dumps(
                schedule(
                    [day("2023-05-26", Saal_A=[talk(1, "2023-05-26", "10:00", 30, "Saal A", "")])]
                )
            ).encode(),
            "day 1, room Saal A: an event has no title",
        ),
        (json.dumps(schedule([])).encode(), "the schedule has no events"),
    ],
    ids=["not-json", "other-json", "no-conference", "no-days", "no-date", "no-title", "empty"],
)
def test_bad_input_is_one_clear_line_and_exit_1(tmp_path: Path, capsys, content, expected):
    path = tmp_path / "schedule.json"
    path.write_bytes(content)
    with pytest.raises(ScheduleError) as info:
        read(path)
    assert str(info.value) == expected
    assert main(["import", str(path), "-o", str(tmp_path / "programme.yaml")]) == 1
    err = capsys.readouterr().err
    assert err == f"kiosk: {path}: {expected}\n"
    assert not (tmp_path / "programme.yaml").exists()


def test_import_writes_a_file_that_kiosk_check_accepts(tmp_path: Path, capsys):
    source = tmp_path / "schedule.json"
    source.write_text(json.dumps(THREE_DAYS), encoding="utf-8")
    out = tmp_path / "programme.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert f"kiosk: wrote {out}" in capsys.readouterr().err
    assert main(["check", str(out)]) == 0
    table = capsys.readouterr().out
    assert "Friday 26 May 2023" in table and "  Saal B:" in table
    assert main(["import", str(source)]) == 0  # without -o: the programme on stdout
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")


def one_day(*events: dict, date: str = "2023-05-26") -> dict:
    return schedule([{"date": date, "rooms": {"Saal A": list(events)}}])


def items_of(data: dict) -> list[tuple[str, str, str | None]]:
    p = loads(convert(data))
    return [
        (i.title, i.start.strftime("%d %H:%M"), i.end and i.end.strftime("%d %H:%M"))
        for i in p.items
    ]


def test_a_talk_that_runs_into_the_next_in_its_room_is_cut_and_the_file_says_so(
    tmp_path: Path, capsys
):
    data = one_day(
        talk(1, "2023-05-26", "10:00", 60, "Saal A", "One"),
        talk(2, "2023-05-26", "10:30", 30, "Saal A", "Two"),
    )
    source = tmp_path / "schedule.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "programme.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "# runs 30 min into the next talk here: cut to fit" in text
    assert items_of(data) == [("One", "26 10:00", "26 10:30"), ("Two", "26 10:30", "26 11:00")]
    assert main(["check", str(out)]) == 0


def test_two_talks_at_once_in_one_room_become_one_item():
    data = one_day(
        talk(1, "2023-05-26", "10:00", 30, "Saal A", "One"),
        talk(2, "2023-05-26", "10:00", 45, "Saal A", "Two", persons=[{"name": "Bo"}]),
    )
    assert items_of(data) == [("One / Two", "26 10:00", "26 10:45")]
    assert "two talks at the same time in this room, here as one" in convert(data)


def test_a_night_long_hackathon_is_cut_at_the_days_end():
    data = one_day(talk(1, "2023-05-26", "20:00", 12 * 60, "Saal A", "Hackathon"))
    assert items_of(data) == [("Hackathon", "26 20:00", "27 06:00")]
    assert "runs 120 min past the day's end: cut" in convert(data)


def test_a_lone_talk_after_midnight_is_on_its_own_date():
    # pretalx lists it on the 26th (its day runs to 03:59), but a day of only a 01:00 talk
    # reads 01:00 as that morning: the talk goes to the 27th, where it really is
    data = one_day(talk(1, "2023-05-27", "01:00", 60, "Saal A", "Night owls"))
    assert items_of(data) == [("Night owls", "27 01:00", "27 02:00")]


def test_a_day_that_starts_early_puts_its_small_hours_on_the_next_date():
    data = one_day(
        talk(1, "2023-05-26", "05:00", 30, "Saal A", "Sunrise"),
        talk(2, "2023-05-26", "22:00", 60, "Saal A", "Party"),
        talk(3, "2023-05-27", "01:00", 60, "Saal A", "Afterparty"),
    )
    assert items_of(data) == [
        ("Sunrise", "26 05:00", "26 05:30"),
        ("Party", "26 22:00", "26 23:00"),
        ("Afterparty", "27 01:00", "27 02:00"),
    ]


def test_a_talk_of_type_end_is_a_talk_and_rooms_are_named_once():
    data = schedule(
        [
            {
                "date": "2023-05-26",
                "rooms": {
                    "Hall  1": [talk(1, "2023-05-26", "10:00", 30, "Hall  1", "Bye", type="End")]
                },
            }
        ],
        rooms=[{"name": "Hall 1"}, {"name": "Hall  1"}],
    )
    p = loads(convert(data))
    assert p.event.rooms == ("Hall 1",)
    assert (p.items[0].kind, p.items[0].room) == (None, "Hall 1")


titles = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["Saal A", "Saal B"]), st.integers(5, 90), titles),
        min_size=1,
        max_size=10,
    )
)
def test_any_schedule_of_titles_and_rooms_comes_back_as_written(parts):
    clock = {"Saal A": 9 * 60, "Saal B": 9 * 60}
    rooms: dict[str, list[dict]] = {"Saal A": [], "Saal B": []}
    for n, (room, minutes, title) in enumerate(parts, 1):
        start = clock[room]
        clock[room] += minutes
        hhmm = f"{start // 60:02d}:{start % 60:02d}"
        rooms[room].append(talk(n, "2023-05-26", hhmm, minutes, room, title))
    data = schedule([{"date": "2023-05-26", "rooms": rooms}])
    p = loads(convert(data))
    got = sorted((i.id, i.title, i.room) for i in p.items)
    want = sorted((f"event-{n}", " ".join(t.split()), r) for n, (r, _, t) in enumerate(parts, 1))
    assert got == want


def test_the_imported_programme_passes_the_editors_schema(tmp_path: Path):
    from tests.files.test_schema import schema_errors

    out = tmp_path / "programme.yaml"
    out.write_text(convert(THREE_DAYS), encoding="utf-8")
    assert schema_errors(out) == []


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Saal A", "Saal B"]),
            st.integers(0, 23 * 60 + 59),  # minutes from 04:00: a pretalx day
            st.integers(0, 16 * 60),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_any_schedule_even_with_clashes_imports_to_a_programme_the_kiosk_takes(parts):
    start = pendulum.datetime(2023, 5, 26, 4, tz="Europe/Berlin")
    rooms: dict[str, list[dict]] = {"Saal A": [], "Saal B": []}
    for n, (room, offset, minutes) in enumerate(parts, 1):
        moment = start.add(minutes=offset)
        event = talk(n, "2023-05-26", "00:00", minutes, room, f"Talk {n}")
        event["date"] = moment.isoformat()
        event["start"] = moment.strftime("%H:%M")
        rooms[room].append(event)
    p = loads(convert(schedule([{"date": "2023-05-26", "rooms": rooms}])))
    # every talk is there, unless it shares its room and start with another
    assert len(p.items) == len({(r, o) for r, o, _ in parts})
