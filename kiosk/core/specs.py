"""A programme as its organiser wrote it: read, each value checked on its own, not yet planned.

The loader turns a file into these; the planner (core/planner.py) turns them into a
`Programme` or problems. Every spec carries the line it was written on, so that what the
planner finds wrong names it. Times are wall-clock minutes as written (24:00 and later, or the
small hours of an evening, are the night after: the planner knows the day)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from kiosk.core.model import Event


class WallTime(NamedTuple):
    """A time of day as written: minutes since midnight on the wall clock, and its line."""

    minutes: int
    line: int


class SessionSpec(NamedTuple):
    """One session of a round, in a room of its own."""

    line: int
    title: str | None  # None: missing or empty, already said
    room: str | None = None
    by: str | None = None
    description: str | None = None
    id: str | None = None
    start: WallTime | None = None  # None: the round's own
    end: WallTime | None = None


class ItemSpec(NamedTuple):
    """One item of a day's programme."""

    line: int
    title: str | None  # None: missing or empty, already said
    start: WallTime | None = None
    end: WallTime | None = None
    duration: int | None = None  # minutes
    by: str | None = None
    description: str | None = None
    kind: str | None = None  # lower case; "end" marks the close
    id: str | None = None
    fixed: bool = False
    room: str | None = None  # None: for everyone
    plenary: bool = False  # `plenary: true`: in its room and for everyone, whatever runs beside it
    sessions: tuple[SessionSpec, ...] = ()  # a round
    wrap_up: tuple[int, ...] | None = None  # None: the event's
    turns: int = 0
    turn_minutes: int = 0

    @property
    def is_end(self) -> bool:
        return self.kind == "end"


class DaySpec(NamedTuple):
    date: date | None  # None: unreadable, already said; one day: the event's date
    items: tuple[ItemSpec, ...]


class ProgrammeSpec(NamedTuple):
    """A whole file. `event` is None when it could not be read (the schedule is still
    checked, so that one report names every problem); `times_read` is False when a time could
    not be read (the schedule would only add follow-on problems then)."""

    source: str
    event: Event | None
    days: tuple[DaySpec, ...]
    several: bool  # written with `days:`
    times_read: bool = True
