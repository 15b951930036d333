"""Turns within a part: dialogue tables that change every so many minutes (`rounds: 3`, equal
turns; `rotate: 20m`, turns of 20 minutes, the last one what is left). Counted from the part's
expected start to its expected end, so a late start moves every change with it."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import NamedTuple

from kiosk.core.timeline import Entry


class Turn(NamedTuple):
    number: int  # 1-based
    of: int
    start: datetime
    end: datetime  # the change to the next turn (the last: the part's end)


SMALLEST = 5 * 60  # seconds: a rest of a rotation shorter than this joins the turn before


def turn_at(entry: Entry, at: datetime) -> Turn | None:
    """The turn on at `at`, or None: the part has no turns (or one), no planned length, or has
    not begun. The turns are of the planned length, from the part's expected start: a part
    that runs longer (a shift, the host holding it over time) stays in its last turn."""
    item = entry.item
    if not (item.turns or item.turn_minutes) or item.end is None or at < entry.start:
        return None
    length = (item.end - item.start).total_seconds()  # plain seconds: Pendulum's spans
    if length <= 0:
        return None
    if item.turns:
        count, seconds = item.turns, length / item.turns
    else:
        seconds = item.turn_minutes * 60.0
        count = max(1, math.ceil(length / seconds - 1e-9))
        if count > 1 and length - (count - 1) * seconds < SMALLEST:
            count -= 1  # a few minutes left over: the last turn takes them
    if count < 2:
        return None
    number = min(count, int((at - entry.start).total_seconds() // seconds) + 1)
    # each change from the part's start in one product (a step added n times would round to
    # the microsecond n times, and a moment on a change could fall between two turns)
    start = entry.start + timedelta(seconds=seconds * (number - 1))
    end = (
        entry.start + timedelta(seconds=seconds * number)
        if number < count
        else (entry.end or start + timedelta(seconds=seconds))
    )
    return Turn(number, count, start, max(end, start))
