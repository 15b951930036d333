"""An action from elsewhere (kiosk serve --control): checked in one line, and doing exactly
what the host's key does on the screen of its room."""

from __future__ import annotations

import pytest

from conftest import at, leercafe, snap
from kiosk.core.actions import Action, act
from kiosk.core.live import Live
from kiosk.core.remote import MAX_TEXT, Remote, parse, steer
from kiosk.core.timeline import Timeline

ROOMS = ("Grote zaal", "Zaal 2")


@pytest.mark.parametrize("word", list(Action))
def test_every_host_action_is_accepted(word: str) -> None:
    assert parse({"action": word}, ()) == Remote(Action(word))


def test_text_and_room_come_along() -> None:
    asked = parse({"action": "announce", "text": "Koffie", "room": "Zaal 2"}, ROOMS)
    assert asked == Remote(Action.ANNOUNCE, "Koffie", "Zaal 2")
    assert parse({"action": "stage_message", "text": "Nog 5 min"}, ()).text == "Nog 5 min"
    assert parse({"action": "announce", "text": ""}, ()).text == ""  # empty: cleared


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ([], "give a JSON object"),
        ({}, "action None is not one of: next, previous"),
        ({"action": "jump"}, "action 'jump' is not one of"),
        ({"action": ["next"]}, "action ['next'] is not one of"),
        ({"action": "next", "txt": "x"}, "unknown field 'txt'"),
        ({"action": "announce", "text": 5}, "text: give a string"),
        ({"action": "announce", "text": "x" * (MAX_TEXT + 1)}, "at most 200 characters"),
        ({"action": "next", "text": "hoi"}, "text goes with announce and stage_message"),
        ({"action": "next", "room": "Zaal 9"}, "room 'Zaal 9' is not one of the programme's"),
    ],
)
def test_a_wrong_request_is_told_what_is_wrong_in_one_line(data: object, said: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse(data, ROOMS)
    assert said in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("word", ["next", "previous", "later", "earlier", "blank"])
def test_an_action_from_elsewhere_does_what_the_key_does(word: str) -> None:
    programme, now = leercafe(), at("14:05")
    live = Live()
    keyed = act(live, Timeline(programme, live.state), Action(word), now)
    assert steer(live, programme, Remote(Action(word)), now) == keyed
    assert keyed != live  # each of them changes the screen at 14:05


def test_next_from_the_phone_starts_the_next_part_and_undo_takes_it_back() -> None:
    programme, now = leercafe(), at("14:05")
    after = steer(Live(), programme, Remote(Action.NEXT), now)
    assert snap("14:05", after.state).now.item.title == "Onderzoek opbouwwerk De Schoor"
    assert steer(after, programme, Remote(Action.UNDO), now) == Live()


def test_a_stage_message_from_elsewhere_never_shows_on_the_hall() -> None:
    from kiosk.core.view import board
    from kiosk.core.words import Words

    programme, now = leercafe(), at("14:05")
    after = steer(Live(), programme, Remote(Action.STAGE_MESSAGE, "Nog 5 min"), now)
    assert after.state.stage_message == "Nog 5 min"
    assert "Nog 5 min" not in repr(board(snap("14:05", after.state), Words("nl")))


def test_a_room_named_steers_that_rooms_track_as_its_doors_host_would() -> None:
    from conftest import ROOT
    from kiosk.core.tracks import Tracks
    from kiosk.files.loader import load

    programme = load(ROOT / "examples" / "conference.yaml")
    now = at("2023-05-25T10:50", programme)
    door = steer(Live(), programme, Remote(Action.NEXT, room="Main hall"), now)
    hall = steer(Live(), programme, Remote(Action.NEXT), now)
    keyed = act(Live(), Tracks(programme, Live().state, "Main hall").at(now), Action.NEXT, now)
    assert door == keyed and door != hall
    on = Tracks(programme, door.state, "Main hall").snapshot(now).now
    assert on is not None and on.item.title == "Publishing datasets that last"
