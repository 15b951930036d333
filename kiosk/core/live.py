"""The host's live state: position, shift, announcement, blank, the message to the stage; and
the actions that change it.

Every action is a pure function (programme, live, now) -> live, so the same rules serve the
keys, the tests, the soak run and `kiosk now`. Undo keeps the states it replaced.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import NamedTuple

from kiosk.core.model import Programme

SHIFT_STEP = 5
HISTORY = 50


class State(NamedTuple):
    mode: str = "clock"  # "clock" or "host"
    item_id: str | None = None  # host mode: the item the host started
    started_at: datetime | None = None  # host mode: when the host started it
    shift: int = 0  # minutes added to the remaining items
    shift_from: datetime | None = None  # clock mode: the first shift's moment
    announcement: str | None = None
    blank: bool = False
    stage_message: str | None = None  # for the speaker: shown on stage views only


class Live(NamedTuple):
    state: State = State()
    history: tuple[State, ...] = ()  # the states undo goes back to, newest last

    def apply(self, new: State) -> Live:
        if new == self.state:
            return self
        return Live(new, (*self.history, self.state)[-HISTORY:])

    def undo(self) -> Live:
        if not self.history:
            return self
        return Live(self.history[-1], self.history[:-1])


def start_item(live: Live, programme: Programme, index: int, now: datetime) -> Live:
    index = max(0, min(index, len(programme.items) - 1))
    item = programme.items[index]
    return live.apply(
        live.state._replace(mode="host", item_id=item.id, started_at=now, shift=0, shift_from=None)
    )


def follow_clock(live: Live) -> Live:
    return live.apply(
        live.state._replace(mode="clock", item_id=None, started_at=None, shift=0, shift_from=None)
    )


def shift(live: Live, minutes: int, now: datetime, pin: tuple[str, datetime] | None = None) -> Live:
    """Move the rest of the programme. In clock mode `pin` is what is on now and where it
    started, so that only what is still to come moves, however often the host presses."""
    s = live.state
    if s.mode == "host":
        return live.apply(s._replace(shift=s.shift + minutes))
    item_id, started = pin if pin is not None else (None, None)
    return live.apply(
        s._replace(shift=s.shift + minutes, shift_from=now, item_id=item_id, started_at=started)
    )


def announce(live: Live, text: str | None) -> Live:
    text = " ".join((text or "").split()) or None
    return live.apply(live.state._replace(announcement=text))


def to_stage(live: Live, text: str | None) -> Live:
    """The message to the stage (stage views only); empty clears it."""
    text = " ".join((text or "").split()) or None
    return live.apply(live.state._replace(stage_message=text))


def toggle_blank(live: Live, blank: bool | None = None) -> Live:
    value = (not live.state.blank) if blank is None else blank
    return live.apply(live.state._replace(blank=value))


def reconcile(
    live: Live, programme: Programme, previous: Programme | None = None
) -> tuple[Live, str | None]:
    """After a programme (re)load, keep the host's place.

    An item renamed in place (its id, a slug of the title, changed while nothing else came or
    went at that position) keeps the place. While the host's item is gone the screen follows
    the clock (the timeline finds no such item), but the state keeps its id: a later save that
    brings it back brings back the place, unless the host acted in between (see `unplaced`).
    Returns the live state to use and the id that went missing with this save, if any.
    """
    s = live.state
    if s.mode != "host" or (s.item_id is not None and programme.index_of(s.item_id) is not None):
        return live, None
    renamed = _renamed(s.item_id, programme, previous)
    if renamed is not None:
        return Live(s._replace(item_id=renamed), live.history), None
    was_there = previous is None or (
        s.item_id is not None and previous.index_of(s.item_id) is not None
    )
    return live, (s.item_id or "?") if was_there else None


def unplaced(live: Live, programme: Programme) -> Live:
    """A host state whose item is gone, as the clock state the screen shows: what the host's
    next action starts from (then the kept id is given up)."""
    s = live.state
    if s.mode != "host" or (s.item_id is not None and programme.index_of(s.item_id) is not None):
        return live
    return Live(
        s._replace(mode="clock", item_id=None, started_at=None, shift=0, shift_from=None),
        live.history,
    )


def _renamed(item_id: str | None, programme: Programme, previous: Programme | None) -> str | None:
    if item_id is None or previous is None:
        return None
    index = previous.index_of(item_id)
    if index is None or len(previous.items) != len(programme.items):
        return None
    candidate = programme.items[index]
    return candidate.id if previous.index_of(candidate.id) is None else None


NEAR = 12 * 3600  # seconds: a live state's moments lie within half a day of the event's
MAX_SHIFT = 12 * 60  # minutes: more is no shift a host could have pressed
MAX_ID = 200  # characters
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def implausible(live: Live, programme: Programme) -> str | None:
    """Why this live state (read from a file anyone in the folder may edit) cannot be the
    host's for this programme; None when it can. Its moments must lie near the event and its
    shift be one a host could press; an item id need not exist (see `reconcile`)."""
    low = programme.items[0].start.timestamp() - NEAR
    high = programme.day_end.timestamp() + NEAR
    for s in (live.state, *live.history):
        for name, moment in (("started_at", s.started_at), ("shift_from", s.shift_from)):
            if moment is not None and not low <= moment.timestamp() <= high:
                return f"{name} {moment.isoformat()} is not on the event's days"
        if abs(s.shift) > MAX_SHIFT:
            return f"a shift of {s.shift} min"
        if s.item_id is not None and (len(s.item_id) > MAX_ID or _CONTROL.search(s.item_id)):
            return "an item id no programme has"
        if s.mode == "host" and (s.item_id is None or s.started_at is None):
            return "host mode without an item or a start"
    return None
