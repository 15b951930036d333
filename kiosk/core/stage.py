"""The speaker's screen (`--view stage`), as plain strings: the time left as the biggest
thing, the part's title, what comes next and the time of day small, and the host's message to
the stage. No list, no header: the speaker at the lectern reads it in a glance.

It says what the hall's board says of the same moment (the one countdown, the wrap-up's
stages), so the speaker and the room never disagree.
"""

from __future__ import annotations

from typing import NamedTuple

from kiosk.core.text import displayable
from kiosk.core.timeline import AFTER, Snapshot
from kiosk.core.view import Count, board
from kiosk.core.words import Words

HALL, STAGE = "hall", "stage"
VIEWS = (HALL, STAGE)  # --view and ?view=


class StageBoard(NamedTuple):
    """The speaker's screen."""

    big: Count  # the biggest text: the time left, over time "+3", or else the time of day
    stage: str  # how near the end: "", "wrap", "last", "over" (the hall's wrap-up colours)
    title: str  # the part that is on, or what the screen waits for ("Begint om 14:00")
    next: str  # "Hierna: Pauze · om 15:10", or ""
    clock: str  # the time of day; "" when it is the big text already
    message: str  # the host's message to the stage; "" when there is none


def stage_board(
    snap: Snapshot, words: Words, room: str | None = None, message: str | None = None
) -> StageBoard:
    """The speaker's screen at the hall (`room` None) or in `room`, with the host's message."""
    shown = board(snap, words, room)
    clock = shown.header.clock
    count: Count | None = None
    stage, title = "", ""
    if snap.phase == AFTER:  # the day is over: no thanks for the audience, the time of day
        title = words("stage_over")
    elif shown.now is not None:
        now = shown.now
        count, stage = now.big, now.stage
        title = " · ".join(x for x in (now.title, now.turn) if x)
        if stage == "over" and count is not None:  # over time counts up: "+3 min"
            count = count._replace(digits=f"+{count.digits}")
    elif shown.headline is not None:  # before the start, a gap: the one countdown
        count, title = shown.headline.big, shown.headline.text
    nxt = shown.next
    coming = ""
    if nxt is not None:
        coming = words("stage_next", label=nxt.label, title=nxt.title, when=nxt.when)
    if count is None:  # nothing to count (an open end, after the close): the time, big
        count, clock = Count(clock, ""), ""
    return StageBoard(count, stage, title, coming, clock, displayable(message or ""))
