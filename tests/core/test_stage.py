"""The speaker's screen as strings (core.stage), and the host's message to the stage: a part
of the live state that only stage views show."""

from __future__ import annotations

from datetime import timedelta

from conftest import at, leercafe, snap
from kiosk.core.actions import Action, act
from kiosk.core.live import Live, State, start_item, toggle_blank
from kiosk.core.stage import stage_board
from kiosk.core.timeline import Timeline, snapshot
from kiosk.core.view import board
from kiosk.core.words import Words
from kiosk.files.loader import loads

NL = Words("nl")
GAP = loads(
    "event: {title: Buurtavond, date: 2022-11-22, timezone: Europe/Amsterdam}\n"
    "programme:\n"
    "  - {start: 14:00, end: 17:00, title: Open huis}\n"
    "  - {start: 19:30, title: Voorstelling, duration: 90}\n"
)


def said(board_: object) -> tuple[str, str, str]:
    big = board_.big  # type: ignore[attr-defined]
    return big.qualifier, big.digits, big.unit


def to_stage(live: Live, text: str | None, when: str = "14:05") -> Live:
    return act(live, Timeline(leercafe(), live.state), Action.STAGE_MESSAGE, at(when), text)


# -- what the speaker reads ----------------------------------------------------------------


def test_on_the_time_left_is_the_big_text_and_the_rest_is_small():
    shown = stage_board(snap("14:05"), NL)
    assert said(shown) == ("nog", "17", "min")
    assert shown.title == "Opening en welkom"
    assert shown.next == "Hierna: Onderzoek opbouwwerk De Schoor · om ca. 14:22"
    assert shown.clock == "14:05"
    assert (shown.stage, shown.message) == ("", "")


def test_the_wrap_up_has_the_halls_stages():
    assert stage_board(snap("14:18"), NL).stage == "wrap"
    assert said(stage_board(snap("14:18"), NL))[0] == "afronden"
    assert stage_board(snap("14:21"), NL).stage == "last"


def test_over_time_counts_up():
    live = start_item(Live(), leercafe(), 1, at("13:59"))  # the opening: until 14:21
    shown = stage_board(snapshot(leercafe(), live.state, at("14:24")), NL)
    assert shown.stage == "over"
    assert said(shown) == ("uitloop", "+3", "min")
    assert shown.next.endswith("begint nu")


def test_before_the_start_counts_down_to_the_doors():
    shown = stage_board(snap("12:00"), NL)
    assert said(shown) == ("over", "1:30", "uur")
    assert shown.title == "Inloop vanaf 13:30"
    assert shown.next == "Hierna: Opening en welkom · om 14:00"


def test_a_gap_counts_down_to_the_restart():
    shown = stage_board(snapshot(GAP, State(), at("18:00", GAP)), NL)
    assert said(shown) == ("over", "1:30", "uur")
    assert shown.title == "We gaan verder om 19:30"


def test_after_the_close_the_time_of_day_is_the_big_text():
    shown = stage_board(snap("18:30"), NL)
    assert said(shown) == ("", "18:30", "")
    assert shown.title == "Het programma is afgelopen"
    assert shown.clock == "" and shown.next == ""


def test_the_speaker_and_the_room_read_the_same_count():
    for when in ("12:00", "13:45", "14:05", "14:18", "15:20", "17:30"):
        hall = board(snap(when), NL)
        big = hall.now.big if hall.now is not None else hall.headline.big  # type: ignore[union-attr]
        assert stage_board(snap(when), NL).big == big, when


def test_the_message_is_shown_as_written_but_never_as_terminal_codes():
    shown = stage_board(snap("14:05"), NL, message="Nog \x1b[31m5 min\nafronden")
    assert shown.message == "Nog 5 min afronden"


# -- the message to the stage, a host action --------------------------------------------------


def test_the_message_is_set_and_an_empty_one_clears_it():
    live = to_stage(Live(), "  Nog  5 minuten ")
    assert live.state.stage_message == "Nog 5 minuten"
    assert to_stage(live, "").state.stage_message is None
    assert to_stage(live, None).state.stage_message is None


def test_the_message_is_undone_like_any_host_key():
    live = to_stage(to_stage(Live(), "Vragen uit de zaal"), "")
    back = act(live, Timeline(leercafe(), live.state), Action.UNDO, at("14:06"))
    assert back.state.stage_message == "Vragen uit de zaal"


def test_a_blank_hall_stays_blank_when_the_stage_gets_a_message():
    dark = toggle_blank(Live(), True)
    live = to_stage(dark, "Microfoon aan")
    assert live.state.blank and live.state.stage_message == "Microfoon aan"


def test_the_message_stays_through_the_hosts_other_keys():
    live = to_stage(Live(), "Langzamer praten")
    for key in (Action.NEXT, Action.LATER, Action.ANNOUNCE, Action.CLOCK):
        live = act(live, Timeline(leercafe(), live.state), key, at("14:10"), "Koffie")
    assert live.state.stage_message == "Langzamer praten"


def test_the_hall_never_shows_the_message():
    live = to_stage(Live(), "Alleen voor de spreker")
    hall = board(snapshot(leercafe(), live.state, at("14:05") + timedelta(seconds=1)), NL)
    assert "Alleen voor de spreker" not in repr(hall)
