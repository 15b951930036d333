"""A host's action from elsewhere (kiosk serve --control: a phone, a Stream Deck, curl): what
it asks for, checked, and what it does, which is what the host's key does."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from kiosk.core.actions import Action, act
from kiosk.core.live import Live
from kiosk.core.model import Programme
from kiosk.core.tracks import Tracks

MAX_TEXT = 200  # characters of an announcement or a message, as the host's dialog takes
WITH_TEXT = (Action.ANNOUNCE, Action.STAGE_MESSAGE)


class Remote(NamedTuple):
    action: Action
    text: str | None = None  # an announcement or a message to the stage; None or "": cleared
    room: str | None = None  # steer this room's track, as a host at its door; None: the hall's


def parse(data: object, rooms: tuple[str, ...]) -> Remote:
    """A request's JSON as a Remote, or ValueError with one line that says what is wrong."""
    if not isinstance(data, dict):
        raise ValueError('give a JSON object, like {"action": "next"}')
    unknown = sorted(set(data) - {"action", "text", "room"})
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}: give action, text and room")
    word = data.get("action")
    if not isinstance(word, str) or word not in set(Action):
        raise ValueError(f"action {word!r} is not one of: {', '.join(Action)}")
    action = Action(word)
    text, room = data.get("text"), data.get("room")
    if text is not None and not isinstance(text, str):
        raise ValueError("text: give a string")
    if text is not None and len(text) > MAX_TEXT:
        raise ValueError(f"text: at most {MAX_TEXT} characters")
    if text and action not in WITH_TEXT:
        raise ValueError(f"text goes with {' and '.join(WITH_TEXT)}, not with {action}")
    if room is not None and room not in rooms:
        have = ", ".join(rooms) if rooms else "none"
        raise ValueError(f"room {room!r} is not one of the programme's rooms ({have})")
    return Remote(action, text, room)


def steer(live: Live, programme: Programme, remote: Remote, now: datetime) -> Live:
    """The live state after `remote` at `now`: the host's key on the screen of its room (the
    hall's without one), as that screen shows the programme now."""
    room = remote.room if remote.room in programme.event.rooms else None
    timeline = Tracks(programme, live.state, room).at(now)
    return act(live, timeline, remote.action, now, remote.text)
