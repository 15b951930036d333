"""A host's key as a change of live state: the one place that says what each key does."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from kiosk.core.live import (
    SHIFT_STEP,
    Live,
    announce,
    follow_clock,
    shift,
    start_item,
    to_stage,
    toggle_blank,
    unplaced,
)
from kiosk.core.timeline import BEFORE, Timeline


class Action(StrEnum):
    """What a host's key asks for; the value is the word the log keeps."""

    NEXT = "next"
    PREVIOUS = "previous"
    CLOCK = "clock"
    LATER = "later"
    EARLIER = "earlier"
    ANNOUNCE = "announce"
    UNDO = "undo"
    BLANK = "blank"
    STAGE_MESSAGE = "stage_message"


def act(
    live: Live, timeline: Timeline, action: Action, now: datetime, text: str | None = None
) -> Live:
    """The live state after the host's `action` at `now` (`text`: the announcement, or the
    message to the stage; None or empty clears it).

    `timeline` is the one of `live.state`: the screen the host pressed the key on.
    """
    programme = timeline.programme
    if timeline.state != live.state:
        # the screen shows another state than the host's: that of another day, whose place
        # and shifts are over; the keys start afresh from what the screen shows
        live = Live(timeline.state, live.history)
    live = unplaced(live, programme)
    if action == Action.STAGE_MESSAGE:  # the hall never shows it: a blank hall stays blank
        return to_stage(live, text)
    if live.state.blank and action != Action.BLANK:
        return toggle_blank(live, False)  # any host key brings the screen back, and only that
    if action in (Action.NEXT, Action.PREVIOUS):
        if not programme.items:  # the hall on a day of only the rooms' own parts
            return live
        snap = timeline.snapshot(now)
        step = 1 if action == Action.NEXT else -1
        if snap.now is not None:
            index = snap.now.index + step
        elif snap.phase == BEFORE:  # next: the first part starts now; there is no previous
            if step < 0 or programme.items[0].is_end:  # nothing here but the rooms' close
                return live
            index = 0
        elif snap.next is not None:  # a gap: next is what comes, previous what went
            index = snap.next.index if step > 0 else snap.next.index - 1
        else:  # after the close: nothing comes next; previous is the last part
            if step > 0:
                return live
            items = programme.items
            index = len(items) - (2 if items[-1].is_end else 1)
            if index < 0:  # nothing but the close: no part to go back to
                return live
        return start_item(live, programme, index, now)
    if action == Action.CLOCK:
        return follow_clock(live)
    if action in (Action.LATER, Action.EARLIER):
        minutes = SHIFT_STEP if action == Action.LATER else -SHIFT_STEP
        snap = timeline.snapshot(now)
        pin = (snap.now.item.id, snap.now.start) if snap.now is not None else None
        return shift(live, minutes, now, pin)
    if action == Action.UNDO:
        return live.undo()
    if action == Action.BLANK:
        return toggle_blank(live)
    if action == Action.ANNOUNCE:
        return announce(live, text)
    raise ValueError(f"unknown host action {action!r}")
