"""Each room's now and next, the days of an event, and what the host's keys steer
(kiosk.core.tracks)."""

from __future__ import annotations

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.actions import act
from kiosk.core.live import Live, State
from kiosk.core.timeline import AFTER, BEFORE, DURING
from kiosk.core.tracks import Tracks
from kiosk.files.loader import loads

TZ = "Europe/Amsterdam"
SYMPOSIUM = """\
event:
  title: Symposium
  date: 2023-03-09
  timezone: Europe/Amsterdam
  rooms: [Grote zaal, Zaal 2, Zaal 3]
programme:
  - {start: 9:30, title: Opening}
  - start: 10:00
    end: 11:00
    title: 1ste ronde
    sessions:
      - {title: Praktijksessie, by: Ans de Vries, room: Grote zaal}
      - {title: Masterclass, room: Zaal 2}
      - {title: Werkplaats, room: Zaal 3}
  - {start: 11:00, title: Pauze, kind: break}
  - {start: 11:15, title: Talk A, room: Zaal 2}
  - {start: 11:15, title: Talk B, room: Zaal 3}
  - {start: 12:00, title: Lunch}
  - {start: 13:00, title: Einde, kind: end}
"""
TWO_DAYS = """\
event:
  title: Conferentie
  timezone: Europe/Amsterdam
  rooms: [Zaal 1, Zaal 2]
days:
  - date: 2023-05-25
    programme:
      - {start: 9:00, title: Welkom}
      - {start: 9:30, title: Sessie 1A, room: Zaal 1}
      - {start: 9:30, title: Sessie 1B, room: Zaal 2}
      - {start: 12:00, title: Einde dag 1, kind: end}
  - date: 2023-05-26
    programme:
      - {start: 10:00, title: Sessie 2A, room: Zaal 1}
      - {start: 10:00, title: Sessie 2B, room: Zaal 2}
      - {start: 12:00, title: Einde dag 2, kind: end}
"""


def at(text: str, day: str = "2023-03-09"):
    return pendulum.parse(f"{day}T{text}", tz=TZ)


def titles(snap):
    return (
        snap.phase,
        snap.now.item.title if snap.now else None,
        snap.next.item.title if snap.next else None,
    )


def room_nows(snap) -> dict[str, str | None]:
    return {name: s.now.item.title if s.now else None for name, s in snap.rooms}


def test_during_a_round_every_room_has_the_round_on():
    p = loads(SYMPOSIUM)
    snap = Tracks(p, State()).snapshot(at("10:30"))
    assert titles(snap) == (DURING, "1ste ronde", "Pauze")
    assert room_nows(snap) == dict.fromkeys(("Grote zaal", "Zaal 2", "Zaal 3"), "1ste ronde")


def test_rooms_have_their_own_now_while_nothing_is_on_for_everyone():
    p = loads(SYMPOSIUM)
    snap = Tracks(p, State()).snapshot(at("11:30"))
    assert titles(snap) == (DURING, None, "Lunch")  # the hall: a gap until lunch
    assert room_nows(snap) == {"Grote zaal": None, "Zaal 2": "Talk A", "Zaal 3": "Talk B"}
    door = Tracks(p, State(), room="Zaal 2").snapshot(at("11:30"))
    assert titles(door) == (DURING, "Talk A", "Lunch")


def test_a_late_opening_moves_the_round_in_every_room():
    p = loads(SYMPOSIUM)
    tracks = Tracks(p, State())
    # the opening really begins at 09:40: the host starts it again (p), 10 min late
    live = act(Live(), tracks.at(at("09:40")), "previous", at("09:40"))
    snap = Tracks(p, live.state).snapshot(at("09:45"))
    assert snap.mode == "host" and snap.delay_minutes == 10
    for _, s in snap.rooms:
        assert s.next.item.title == "1ste ronde"
        assert s.next.start == at("10:10")


def test_the_hosts_next_on_the_hall_steps_over_the_rooms_own_parts():
    p = loads(SYMPOSIUM)
    tracks = Tracks(p, State())
    live = Live()
    for key_at, expected in (("09:59", "1ste ronde"), ("11:00", "Pauze"), ("11:20", "Lunch")):
        live = act(live, Tracks(p, live.state).at(at(key_at)), "next", at(key_at))
        assert Tracks(p, live.state).snapshot(at(key_at)).now.item.title == expected
    assert tracks.snapshot(at("11:20")).now is None  # the clock alone: a gap in the hall


def test_a_host_at_a_rooms_door_steers_that_rooms_track_only():
    p = loads(SYMPOSIUM)
    door = Tracks(p, State(), room="Zaal 3")
    live = act(Live(), door.at(at("11:10")), "next", at("11:10"))  # Talk B starts early
    assert live.state.item_id == "talk-b"
    own = Tracks(p, live.state, room="Zaal 3").snapshot(at("11:12"))
    assert titles(own)[1] == "Talk B" and own.mode == "host"
    hall = Tracks(p, live.state).snapshot(at("11:12"))
    assert hall.mode == "clock" and titles(hall)[1] == "Pauze"  # the hall follows the clock
    assert room_nows(hall)["Zaal 3"] == "Talk B"


def test_between_two_days_the_screens_count_down_to_the_next_morning():
    p = loads(TWO_DAYS)
    tracks = Tracks(p, State())
    assert titles(tracks.snapshot(at("10:00", "2023-05-25")))[:2] == (DURING, None)
    # once the first day has closed, the screens are before the second
    evening = tracks.snapshot(at("13:00", "2023-05-25"))
    assert evening.phase == BEFORE and evening.programme.event.date.isoformat() == "2023-05-26"
    morning = tracks.snapshot(at("07:00", "2023-05-26"))
    assert morning.phase == BEFORE
    assert morning.programme.event.date.isoformat() == "2023-05-26"
    assert room_nows(tracks.snapshot(at("10:30", "2023-05-26"))) == {
        "Zaal 1": "Sessie 2A",
        "Zaal 2": "Sessie 2B",
    }
    assert tracks.snapshot(at("13:00", "2023-05-26")).phase == AFTER


def test_a_day_of_only_rooms_has_its_phase_from_the_rooms():
    p = loads(TWO_DAYS)
    tracks = Tracks(p, State())
    assert tracks.snapshot(at("08:00", "2023-05-26")).phase == BEFORE
    assert tracks.snapshot(at("10:30", "2023-05-26")).phase == DURING
    # the hall has nothing of its own that day: next and previous do nothing there
    live = act(Live(), tracks.at(at("10:30", "2023-05-26")), "next", at("10:30", "2023-05-26"))
    assert live == Live()


def test_the_hosts_place_on_one_day_does_not_steer_the_next():
    p = loads(TWO_DAYS)
    first = at("09:05", "2023-05-25")
    live = act(Live(), Tracks(p, State()).at(first), "previous", first)  # welcome, 5 min late
    later = at("09:06", "2023-05-25")
    live = act(live, Tracks(p, live.state).at(later), "later", later)
    day1 = Tracks(p, live.state).snapshot(at("09:10", "2023-05-25"))
    assert day1.mode == "host" and day1.delay_minutes == 10
    day2 = Tracks(p, live.state, room="Zaal 1").snapshot(at("09:00", "2023-05-26"))
    assert day2.mode == "clock" and day2.next.start == at("10:00", "2023-05-26")


@settings(max_examples=50, deadline=None)
@given(st.integers(8 * 60, 14 * 60), st.sampled_from([None, "Grote zaal", "Zaal 2", "Zaal 3"]))
def test_each_room_has_one_now_and_the_next_comes_after_it(minute, room):
    p = loads(SYMPOSIUM)
    moment = at("00:00").add(minutes=minute)
    snap = Tracks(p, State(), room=room).snapshot(moment)
    for s in (snap, *(s for _, s in snap.rooms)):
        if s.now is not None:
            assert s.now.start <= moment and (s.now.end is None or moment < s.now.end)
        if s.next is not None:
            assert s.next.start >= moment or s.now is None
        if s.now is not None and s.next is not None:
            assert s.next.start >= s.now.start


def test_a_shift_by_the_clock_on_one_day_does_not_carry_into_the_next():
    p = loads(TWO_DAYS)
    live = Live()
    for minute in ("09:35", "09:36"):
        moment = at(minute, "2023-05-25")
        live = act(live, Tracks(p, live.state).at(moment), "later", moment)
    assert Tracks(p, live.state).snapshot(at("09:40", "2023-05-25")).delay_minutes == 10
    moment = at("09:40", "2023-05-26")
    live = act(live, Tracks(p, live.state, room="Zaal 1").at(moment), "later", moment)
    day2 = Tracks(p, live.state, room="Zaal 1").snapshot(moment)
    assert day2.delay_minutes == 5, "only the second day's own shift"
    undone = Tracks(p, live.undo().state, room="Zaal 1").snapshot(moment)
    assert undone.delay_minutes == 0, "undo: the second day as it was before the key"


def test_the_hall_is_during_while_any_room_runs_after_its_own_last_item():
    p = loads(
        """\
event:
  title: T
  date: 2023-03-09
  timezone: Europe/Amsterdam
  rooms: [A, B]
programme:
  - {start: 9:00, end: 9:30, title: Opening}
  - {start: 9:30, title: a1, room: A}
  - {start: 11:00, end: 17:00, title: a2, room: A}
  - {start: 9:30, end: 16:00, title: b1, room: B}
"""
    )
    tracks = Tracks(p, State())
    assert tracks.snapshot(at("10:00")).phase == DURING
    assert tracks.snapshot(at("16:30")).phase == DURING
    assert tracks.snapshot(at("17:30")).phase == AFTER
    assert tracks.snapshot(at("08:30")).phase == BEFORE


def test_previous_after_a_close_with_nothing_before_it_does_nothing():
    p = loads(TWO_DAYS)
    moment = at("13:00", "2023-05-26")
    tracks = Tracks(p, State())
    assert act(Live(), tracks.at(moment), "previous", moment) == Live()


def test_after_a_day_closes_the_screen_thanks_and_says_tomorrows_start():
    from kiosk.core.view import board
    from kiosk.core.words import Words

    p = loads(TWO_DAYS)
    evening = Tracks(p, State()).snapshot(at("18:00", "2023-05-25"))
    shown = board(evening, Words("nl"))
    assert shown.headline.text == "Bedankt voor vandaag · Morgen: Begint om 10:00"
    assert shown.headline.countdown == "over 16 u"
    first = board(Tracks(p, State()).snapshot(at("08:00", "2023-05-25")), Words("nl"))
    assert "Bedankt" not in first.headline.text
