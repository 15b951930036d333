"""Conference exports as their organisers mean them (kiosk import): the shapes real frab and
pretalx exports come in, written here by hand: a congress whose days run 06:00 to 06:00, a
session repeated under one id, an old export without a timezone, HTML in the text,
placeholders, fifty rooms, and the JSON that is not a schedule export at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.cli import IMPORTED_UNCHECKED, main
from kiosk.core.live import State
from kiosk.core.tracks import Tracks
from kiosk.files.loader import loads
from kiosk.files.pretalx import ScheduleError, convert

ZONE = "Europe/Berlin"


def frab_event(n: int, when: str, minutes: int, room: str, title: str, **more) -> dict:
    """A frab event: `when` is "2023-12-27T23:55" in Berlin (winter: +01:00)."""
    h, m = divmod(minutes, 60)
    event = {
        "url": f"https://fahrplan.example/events/{n}.html",
        "id": n,
        "guid": f"guid-{n:04d}",
        "date": f"{when}:00+01:00",
        "start": when[11:16],
        "duration": f"{h:02d}:{m:02d}",
        "room": room,
        "title": title,
        "subtitle": "",
        "track": "CCC",
        "type": "lecture",
        "language": "en",
        "abstract": "",
        "persons": [{"id": n, "public_name": "Speaker"}],
    }
    event.update(more)
    return event


def frab_day(index: int, on: str, rooms: dict[str, list[dict]], **more) -> dict:
    """A congress day from 06:00 to 06:00 the next morning, as frab writes it."""
    next_day = pendulum.parse(on).add(days=1).to_date_string()
    day = {
        "index": index,
        "date": on,
        "day_start": f"{on}T06:00:00+01:00",
        "day_end": f"{next_day}T06:00:00+01:00",
        "rooms": rooms,
    }
    day.update(more)
    return day


def frab(days: list[dict], rooms: list[str], **conference) -> dict:
    conf = {
        "acronym": "40c3",
        "title": "40C3",
        "start": days[0]["date"],
        "end": days[-1]["date"],
        "daysCount": len(days),
        "timeslot_duration": "00:05",
        "time_zone_name": ZONE,
        "rooms": [{"name": r, "guid": f"room-{r}"} for r in rooms],
        "days": days,
    }
    conf.update(conference)
    return {
        "schedule": {"version": "1.0", "base_url": "https://fahrplan.example/", "conference": conf}
    }


def at(text: str) -> pendulum.DateTime:
    return pendulum.parse(text, tz=ZONE)


# -- the congress night -------------------------------------------------------------------------

NIGHT = frab(
    [
        frab_day(
            1,
            "2023-12-27",
            {
                "Saal 1": [
                    frab_event(1, "2023-12-27T10:30", 30, "Saal 1", "Opening"),
                    frab_event(2, "2023-12-27T23:55", 40, "Saal 1", "Late talk"),
                ],
                "Saal 2": [
                    frab_event(3, "2023-12-27T11:00", 60, "Saal 2", "Workshop"),
                    frab_event(4, "2023-12-27T22:00", 60, "Saal 2", "Concert"),
                ],
                "Stage": [frab_event(5, "2023-12-28T04:00", 120, "Stage", "DJ set", type="music")],
            },
        ),
        frab_day(
            2,
            "2023-12-28",
            {
                "Saal 1": [frab_event(6, "2023-12-28T11:00", 45, "Saal 1", "Day two")],
                "Saal 2": [],
                "Stage": [],
            },
        ),
    ],
    ["Saal 1", "Saal 2", "Stage"],
    url="https://events.example/congress/2023/",
)


def test_a_congress_night_stays_on_the_day_it_starts_and_nothing_is_cut():
    text = convert(NIGHT)
    assert "cut" not in text
    assert "      # after midnight: the night into 2023-12-28, still this day's" in text
    p = loads(text)
    first, second = p.days
    assert [d.date.isoformat() for d in p.days] == ["2023-12-27", "2023-12-28"]
    late = next(i for i in first.track("Saal 1").items if i.room == "Saal 1" and i.start.hour == 23)
    assert (late.title, late.start.isoformat(), late.end.isoformat()) == (
        "Late talk",
        "2023-12-27T23:55:00+01:00",
        "2023-12-28T00:35:00+01:00",
    )
    # 04:00 is the congress's night, not a new morning (alone then: on for everyone)
    dj = first.track("Stage").items[-1]
    assert (dj.title, dj.end.isoformat()) == ("DJ set", "2023-12-28T06:00:00+01:00")
    assert [i.title for i in second.track("Saal 1").items] == ["Day two"]


@pytest.mark.parametrize("room", [None, "Saal 1", "Saal 2", "Stage"])
def test_at_twenty_past_midnight_the_late_talk_is_on_at_every_screen(room):
    # alone at that hour, the late talk is what is on for everyone: the hall and every door
    p = loads(convert(NIGHT))
    snap = Tracks(p, State(), room).snapshot(at("2023-12-28T00:20"))
    assert snap.phase == "during"
    assert snap.now is not None
    assert (snap.now.item.title, snap.now.item.room) == ("Late talk", "Saal 1")
    if room == "Stage":  # its own set is still to come tonight
        assert snap.next is not None and snap.next.item.title == "DJ set"


def test_kiosk_now_at_the_nights_moments(tmp_path: Path, capsys):
    source = tmp_path / "schedule.json"
    source.write_text(json.dumps(NIGHT), encoding="utf-8")
    out = tmp_path / "programme.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    capsys.readouterr()

    def now(when: str, *room: str) -> dict:
        assert main(["now", str(out), "--at", when, "--json", *room]) == 0
        return json.loads(capsys.readouterr().out)

    midnight = now("2023-12-28T00:20", "--room", "Saal 1")
    assert (midnight["phase"], midnight["now"]["title"]) == ("during", "Late talk")
    assert (midnight["now"]["date"], midnight["now"]["end"]) == ("2023-12-27", "00:35")
    dawn = now("2023-12-28T05:00", "--room", "Stage")
    assert (dawn["phase"], dawn["now"]["title"]) == ("during", "DJ set")
    morning = now("2023-12-28T07:00")
    assert morning["phase"] == "before" and morning["next"]["title"] == "Day two"


def test_the_conference_page_is_the_events_url():
    p = loads(convert(NIGHT))
    assert p.event.url == "https://events.example/congress/2023/"
    assert p.event.notes == ()


# -- ids ---------------------------------------------------------------------------------------

REPEATS = frab(
    [
        frab_day(
            1,
            "2023-12-27",
            {
                "Saal 1": [
                    frab_event(7, "2023-12-27T11:00", 30, "Saal 1", "Lockpicking", guid="g-a"),
                    frab_event(7, "2023-12-27T14:00", 30, "Saal 1", "Lockpicking", guid="g-b"),
                    frab_event(7, "2023-12-27T16:00", 30, "Saal 1", "Lockpicking", guid=""),
                ]
            },
        )
    ],
    ["Saal 1"],
)


def test_a_session_repeated_under_one_id_gets_ids_of_its_own_said_in_comments(
    tmp_path: Path, capsys
):
    text = convert(REPEATS)
    p = loads(text)
    assert [i.id for i in p.items] == ["event-7", "g-b", "event-7-2"]
    assert "# a repeat of event-7: here as g-b" in text
    assert "# a repeat of event-7: here as event-7-2" in text
    source = tmp_path / "schedule.json"
    source.write_text(json.dumps(REPEATS), encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "p.yaml")]) == 0
    assert "kiosk: wrote " in capsys.readouterr().err


def test_an_import_that_does_not_pass_check_says_it_wrote_the_file(
    tmp_path: Path, capsys, monkeypatch
):
    # the import fits what it can; should what it writes still not pass (a kiosk older than
    # the file's fields, a rule the import does not know), the organiser hears of the file
    import kiosk.files.pretalx

    text = convert(REPEATS).replace("title: Lockpicking", "title: Lockpicking\n    color: red", 1)
    monkeypatch.setattr(kiosk.files.pretalx, "read", lambda *a, **k: text)
    source, out = tmp_path / "schedule.json", tmp_path / "programme.yaml"
    source.write_text(json.dumps(REPEATS), encoding="utf-8")
    assert main(["import", str(source), "-o", str(out)]) == IMPORTED_UNCHECKED
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"kiosk: wrote {out}"
    assert "unknown field" in err[1] or "color" in err[1]
    assert err[-1] == (
        f"kiosk: {out} does not pass check: 1 problem(s); fix them there and check with:"
        f" kiosk check {out}"
    )
    assert out.read_text(encoding="utf-8") == text


# -- an old frab export: no timezone, its small hours dated on its day --------------------------


def old_frab() -> dict:
    """30C3's shape (frab, 2013): no time_zone_name, dates without an offset, and a talk after
    midnight dated on its day's date (or not dated at all)."""

    def old(n: int, on: str, hhmm: str, title: str, dated: bool = True) -> dict:
        event = frab_event(n, f"{on}T{hhmm}", 60, "Saal 1", title)
        event["date"] = f"{on}T{hhmm}:00"
        if not dated:
            del event["date"]
        return event

    data = frab(
        [
            {
                "index": 0,
                "date": "2013-12-27",
                "rooms": {
                    "Saal 1": [
                        old(1, "2013-12-27", "11:00", "Opening"),
                        old(2, "2013-12-27", "23:00", "Late show"),
                        old(3, "2013-12-27", "00:15", "After midnight"),  # really the 28th
                    ]
                },
            },
            {
                "index": 1,
                "date": "2013-12-28",
                "rooms": {
                    "Saal 1": [
                        old(4, "2013-12-28", "11:00", "Day two"),
                        old(5, "2013-12-28", "01:30", "Undated night", dated=False),
                    ]
                },
            },
        ],
        ["Saal 1"],
        day_change="06:00",
    )
    del data["schedule"]["conference"]["time_zone_name"]
    return data


def test_an_export_without_a_timezone_is_refused_with_the_option_that_helps(tmp_path, capsys):
    source = tmp_path / "schedule.json"
    source.write_text(json.dumps(old_frab()), encoding="utf-8")
    out = tmp_path / "programme.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "names no timezone" in err and "--timezone Europe/Berlin" in err
    assert not out.exists()
    assert main(["import", str(source), "-o", str(out), "--timezone", "Europe/Berlin"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "  timezone: Europe/Berlin  # from --timezone" in text
    assert main(["import", str(source), "--timezone", "Mars/Olympus"]) == 1
    assert "--timezone 'Mars/Olympus' is not a timezone" in capsys.readouterr().err


def test_an_old_exports_small_hours_are_on_the_night_after_their_day():
    p = loads(convert(old_frab(), timezone=ZONE))
    assert [(i.title, i.start.isoformat()) for i in p.items] == [
        ("Opening", "2013-12-27T11:00:00+01:00"),
        ("Late show", "2013-12-27T23:00:00+01:00"),
        ("After midnight", "2013-12-28T00:15:00+01:00"),  # not 24 hours early
        ("Day two", "2013-12-28T11:00:00+01:00"),
        ("Undated night", "2013-12-29T01:30:00+01:00"),
    ]
    snap = Tracks(p, State()).snapshot(at("2013-12-28T00:30"))
    assert snap.phase == "during" and snap.now.item.title == "After midnight"


# -- text as given ----------------------------------------------------------------------------


def test_entities_and_markup_become_plain_text():
    data = frab(
        [
            frab_day(
                1,
                "2023-12-27",
                {
                    "Saal 1": [
                        frab_event(
                            1,
                            "2023-12-27T11:00",
                            30,
                            "Saal 1",
                            "Don&#x27;t <em>panic</em> &amp; Vec<T> for 1<2",
                            persons=[{"public_name": "Zo&euml; &lt;z&gt;"}, {"name": "B&amp;B"}],
                            abstract="<p>First&nbsp;line</p><p>Second <a href='x'>link</a></p>",
                            track="Art &amp; Beauty",
                        )
                    ]
                },
            )
        ],
        ["Saal 1"],
    )
    text = convert(data)
    item = loads(text).items[0]
    assert item.title == "Don't panic & Vec<T> for 1<2"
    assert item.by == "Zoë <z>, B&B"
    assert item.description == "First line Second link"
    assert "# Art & Beauty · https://fahrplan.example/events/1.html" in text
    assert "&amp;" not in text and "<em>" not in text


def test_a_placeholder_beside_a_talk_is_its_own_item_left_out_never_part_of_the_title():
    data = frab(
        [
            frab_day(
                1,
                "2023-12-27",
                {
                    "Saal 1": [
                        frab_event(1, "2023-12-27T11:00", 60, "Saal 1", "Einfuehrung in NixOS"),
                        frab_event(2, "2023-12-27T11:00", 30, "Saal 1", "bitte löschen"),
                        frab_event(3, "2023-12-27T13:00", 60, "Saal 1", "TBD"),
                        frab_event(4, "2023-12-27T13:30", 30, "Saal 1", "Lightning talks"),
                        frab_event(5, "2023-12-27T15:00", 30, "Saal 1", "tba"),  # alone: a slot
                    ]
                },
            )
        ],
        ["Saal 1"],
    )
    text = convert(data)
    p = loads(text)
    assert [(i.title, i.start.strftime("%H:%M")) for i in p.items] == [
        ("Einfuehrung in NixOS", "11:00"),
        ("Lightning talks", "13:30"),
        ("tba", "15:00"),
    ]
    lines = text.splitlines()
    at_ = lines.index("  #   title: bitte löschen")
    assert lines[at_ - 4].startswith(
        "  # a placeholder at the time of 'Einfuehrung in NixOS' in this room: left out"
    )
    assert lines[at_ - 3 : at_ + 1] == [
        "  # - start: 11:00",
        "  #   duration: 30",
        "  #   room: Saal 1",
        "  #   title: bitte löschen",
    ]
    assert "  #   title: TBD" in lines
    assert "/" not in "".join(i.title for i in p.items)


# -- rooms ------------------------------------------------------------------------------------

FIFTY = [f"Room {n:02d}" for n in range(1, 51)]


def fifty_rooms() -> dict:
    """A congress of fifty rooms (and two more with nothing in them), a talk an hour."""
    rooms = {
        name: [
            frab_event(100 * r + h, f"2023-12-27T{10 + h}:00", 45, name, f"Talk {r}.{h}")
            for h in range(4)
        ]
        for r, name in enumerate(FIFTY, 1)
    }
    return frab([frab_day(1, "2023-12-27", rooms)], [*FIFTY, "Empty A", "Empty B"])


def test_fifty_rooms_import_and_read_right_in_every_room():
    text = convert(fifty_rooms())
    p = loads(text)
    assert p.event.rooms == tuple(FIFTY)
    assert "  # rooms without events, left out: Empty A, Empty B" in text
    snap = Tracks(p, State()).snapshot(at("2023-12-27T12:10"))
    assert len([r for r, s in snap.rooms if s.now]) == 50
    assert dict((r, s.now.item.title) for r, s in snap.rooms if s.now)["Room 37"] == "Talk 37.2"


def test_rooms_keeps_the_named_rooms_in_that_order(tmp_path: Path, capsys):
    p = loads(convert(fifty_rooms(), rooms="Room 12, room 03,Room 40"))
    assert p.event.rooms == ("Room 12", "Room 03", "Room 40")
    assert {i.room for i in p.items} == {"Room 12", "Room 03", "Room 40"}
    assert len(p.items) == 12
    with pytest.raises(ScheduleError) as info:
        convert(fifty_rooms(), rooms="Room 12,Rom 41")
    assert (
        str(info.value)
        == "--rooms: 'Rom 41' is not a room of the schedule; did you mean 'Room 41'?"
    )
    source = tmp_path / "schedule.json"
    source.write_text(json.dumps(fifty_rooms()), encoding="utf-8")
    assert main(["import", str(source), "--rooms", "Hall X"]) == 1
    assert "--rooms: 'Hall X' is not a room of the schedule" in capsys.readouterr().err


# -- what is not a schedule export --------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (
            {"count": 2, "next": None, "previous": None, "results": [{"code": "ABC"}]},
            "pretalx API dump",
        ),
        ([{"code": "ABC", "title": "T", "slot": None}], "pretalx API records"),
        ({"talks": [], "rooms": [], "speakers": []}, "pretalx's schedule widget data"),
        ({"version": "0.7", "slots": [{"code": "ABC"}]}, "pretalx API schedule"),
        (
            {
                "schedule": {
                    "version": "2024-12-26 20:23",
                    "conference": {
                        "acronym": "38c3",
                        "title": "38C3",
                        "days": [{"index": 1, "date": "2024-12-27", "start": "x", "end": "y"}],
                    },
                    "events": [],
                }
            },
            "the CCC hub's schedule version 2",
        ),
    ],
    ids=["pretalx-api", "pretalx-records", "pretalx-widget", "pretalx-slots", "hub-v2"],
)
def test_a_refusal_names_the_format_it_found(data, found):
    with pytest.raises(ScheduleError) as info:
        convert(data)
    assert found in str(info.value)
    assert "schedule.json" in str(info.value)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        # known by what is in it, whatever its name: read, and refused in its reader's words
        (b'<?xml version="1.0"?><schedule/>', "not a frab or Pentabarf schedule.xml"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "is not valid iCalendar"),
    ],
)
def test_a_file_of_another_format_is_named(tmp_path: Path, capsys, content, said):
    source = tmp_path / "schedule.json"
    source.write_bytes(content)
    assert main(["import", str(source)]) == 1
    assert said in capsys.readouterr().err


def pretalx_day(index: int, on: str, events: list[dict]) -> dict:
    """A pretalx day of one room, Stage: from 04:00 to 03:59 the next morning."""
    nxt = pendulum.parse(on).add(days=1).to_date_string()
    return {
        "index": index,
        "date": on,
        "day_start": f"{on}T04:00:00+01:00",
        "day_end": f"{nxt}T03:59:00+01:00",
        "rooms": {"Stage": events},
    }


def test_a_pretalx_day_from_0400_gives_its_early_set_to_the_night_before():
    # pretalx's days run 04:00 to 03:59: a 04:00 set heads the next day, which also runs
    # past midnight; on the screens it is the night of the day before, which runs to 06:00
    data = frab(
        [
            pretalx_day(1, "2023-12-27", [frab_event(1, "2023-12-27T20:00", 60, "Stage", "Band")]),
            pretalx_day(
                2,
                "2023-12-28",
                [
                    frab_event(2, "2023-12-28T04:00", 90, "Stage", "Sunrise set"),
                    frab_event(3, "2023-12-28T20:00", 60, "Stage", "Band two"),
                    frab_event(4, "2023-12-28T23:55", 40, "Stage", "Midnight set"),
                ],
            ),
        ],
        ["Stage"],
    )
    text = convert(data)
    assert "cut" not in text and "# on in the night after 2023-12-27" in text
    p = loads(text)
    first, second = (d.track("Stage").items for d in p.days)
    assert [i.title for i in first] == ["Band", "Sunrise set"]
    assert [(i.title, i.end.strftime("%d %H:%M")) for i in second] == [
        ("Band two", "28 21:00"),
        ("Midnight set", "29 00:35"),
    ]
    snap = Tracks(p, State(), "Stage").snapshot(at("2023-12-29T00:20"))
    assert snap.phase == "during" and snap.now.item.title == "Midnight set"


def test_an_old_exports_moved_talk_says_so_and_a_talk_listed_twice_is_there_once():
    text = convert(old_frab(), timezone=ZONE)
    assert (
        "# dated 2013-12-27 in the schedule, but at 00:15 it is in the night after its day:"
        " 2013-12-28" in text
    )
    twice = json.loads(json.dumps(NIGHT))
    saal = twice["schedule"]["conference"]["days"][0]["rooms"]["Saal 1"]
    saal.append({**saal[1], "id": 99, "guid": "other"})
    text = convert(twice)
    assert [i.title for i in loads(text).items].count("Late talk") == 1
    assert "# listed twice in the schedule (also as event-99" in text


def test_kiosk_now_at_a_time_of_day_is_the_first_nights(tmp_path: Path, capsys):
    # --at HH:MM is on the first day; its small hours are that day's night
    source = tmp_path / "schedule.json"
    source.write_text(json.dumps(NIGHT), encoding="utf-8")
    out = tmp_path / "programme.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 0
    capsys.readouterr()
    for room in ("Saal 1", "Saal 2", "Stage"):
        assert main(["now", str(out), "--at", "00:20", "--room", room, "--json"]) == 0
        said = json.loads(capsys.readouterr().out)
        assert (said["phase"], said["now"]["title"], said["now"]["room"]) == (
            "during",
            "Late talk",
            "Saal 1",
        )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["Saal 1", "Saal 2"]), st.integers(0, 90), st.integers(5, 150)),
        min_size=1,
        max_size=14,
    )
)
def test_any_congress_day_reads_right_at_every_talks_middle(parts):
    # talks one after another in each room, from 06:00 through the night to 06:00: each is
    # on its day at its time, and on at its middle at its room's door
    begin = pendulum.datetime(2023, 12, 27, 6, tz=ZONE)
    clock = {"Saal 1": 0, "Saal 2": 0}
    rooms: dict[str, list[dict]] = {"Saal 1": [], "Saal 2": []}
    for n, (room, pause, minutes) in enumerate(parts, 1):
        start = clock[room] + pause
        if start + minutes > 24 * 60:
            continue
        clock[room] = start + minutes
        when = begin.add(minutes=start)
        rooms[room].append(frab_event(n, when.strftime("%Y-%m-%dT%H:%M"), minutes, room, f"T{n}"))
    if not any(rooms.values()):
        return
    p = loads(convert(frab([frab_day(1, "2023-12-27", rooms)], ["Saal 1", "Saal 2"])))
    assert len(p.day_tracks()) == 1
    for room, events in rooms.items():
        for event in events:
            start = pendulum.parse(event["date"])
            minutes = _minutes(event["duration"])
            snap = Tracks(p, State(), room).snapshot(start.add(minutes=minutes / 2))
            assert snap.now is not None and snap.now.item.id == f"event-{event['id']}"
            assert snap.now.item.start == start


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def test_a_talk_outside_every_days_span_is_on_the_day_of_its_date():
    stray = json.loads(json.dumps(NIGHT))
    stray["schedule"]["conference"]["days"][1]["rooms"]["Saal 2"].append(
        frab_event(8, "2023-12-30T10:00", 30, "Saal 2", "Extra day")
    )
    p = loads(convert(stray))
    extra = next(i for i in p.items if i.title == "Extra day")
    assert extra.start.isoformat() == "2023-12-30T10:00:00+01:00"
    assert [d.date.isoformat() for d in p.days] == ["2023-12-27", "2023-12-28", "2023-12-30"]


def test_a_schedule_without_its_wrapper_imports_the_same():
    assert convert(NIGHT["schedule"]) == convert(NIGHT)


def test_a_pretalx_export_without_a_zone_name_keeps_its_dates_with_offsets():
    # rC3's pretalx export names no timezone; its 03:30 talk is listed on its own date, the
    # day whose span (04:00 to 03:59) has not begun yet: its date and offset hold
    data = frab(
        [
            pretalx_day(
                1, "2020-12-27", [frab_event(1, "2020-12-27T20:00", 60, "Stage", "Evening")]
            ),
            pretalx_day(2, "2020-12-28", [frab_event(2, "2020-12-28T03:30", 20, "Stage", "Late")]),
        ],
        ["Stage"],
    )
    del data["schedule"]["conference"]["time_zone_name"]
    p = loads(convert(data))
    assert [(i.title, i.start.isoformat()) for i in p.items] == [
        ("Evening", "2020-12-27T20:00:00+01:00"),
        ("Late", "2020-12-28T03:30:00+01:00"),
    ]
    assert [d.date.isoformat() for d in p.day_tracks()] == ["2020-12-27"]
