"""The programme as the rest of the kiosk sees it: immutable, validated, times resolved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import NamedTuple


class Venue(NamedTuple):
    name: str = ""
    address: str = ""


class Event(NamedTuple):
    title: str
    date: date
    timezone: str
    subtitle: str = ""
    organisers: tuple[str, ...] = ()
    language: str = "nl"
    venue: Venue = Venue()
    notes: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()  # in the order screens show them
    url: str = ""  # the event's page: a QR code on large screens and after the close
    wrap_up: tuple[int, ...] = (5, 1)  # minutes left when NOW warns, then warns harder
    bell: bool = True  # a bell when a break or gap ends, a part runs over, a turn changes


class Session(NamedTuple):
    """One of a round's parallel parts: it shares the round's time, in its own room."""

    id: str
    title: str
    room: str | None = None
    by: str | None = None
    description: str | None = None
    start: datetime | None = None  # within the round's time; None: the round's own
    end: datetime | None = None
    line: int = 0


class Item(NamedTuple):
    """One part of the afternoon, with its planned times (given or estimated)."""

    id: str
    title: str
    start: datetime
    end: datetime | None  # None: an open end (or the end marker, which has no length)
    estimated: bool = False
    by: str | None = None
    description: str | None = None
    kind: str | None = None
    fixed: bool = False
    line: int = 0
    room: str | None = None  # None: for everyone (plenary), in every room's track
    # in a room and for everyone (in every track): nothing else runs then, or the organiser said so
    plenary: bool = False
    sessions: tuple[Session, ...] = ()  # a round: parallel parts in the rooms
    wrap_up: tuple[int, ...] | None = None  # None: the event's
    # Turns within the part (`rounds:` or `rotate:` in the file: dialogue tables that change
    # every so many minutes). Called turns here: a "round" is a part with parallel sessions.
    turns: int = 0  # this many equal turns; 0: none (or by `turn_minutes`)
    turn_minutes: int = 0  # a turn of this many minutes, the last one what is left

    def session_in(self, room: str, at: datetime | None = None) -> Session | None:
        """The round's session in `room`: of several there, the one on at `at`, or else the
        next to start, or else the last."""
        here = [s for s in self.sessions if s.room == room]
        if at is None or len(here) < 2:
            return here[0] if here else None
        on = [s for s in here if s.start is None or s.start <= at]
        ahead = [s for s in here if s.end is None or s.end > at]
        return next((s for s in on if s in ahead), ahead[0] if ahead else here[-1])

    @property
    def is_end(self) -> bool:
        return self.kind == "end"

    @property
    def for_everyone(self) -> bool:
        """In every line: an item without a room, or a plenary part in a room."""
        return self.room is None or self.plenary


@dataclass(frozen=True)
class Programme:
    """Items a screen runs through in order. The file's Programme holds every item of every
    day; with rooms or several days, `days` holds each day's tracks, and each track is a
    Programme of one day (its `event.date` that day's), which is what a timeline runs on."""

    event: Event
    items: tuple[Item, ...]
    close: datetime | None  # the planned close; None: the last item has an open end
    day_end: datetime  # the latest close: midnight, or 06:00 the next morning for an evening
    source: str = "programme.yaml"
    days: tuple[DayTracks, ...] = ()  # empty: one day without rooms, this is its own track

    def day_tracks(self) -> tuple[DayTracks, ...]:
        return self.days or (DayTracks(self.event.date, self, ()),)

    # Each timeline (one per host key) works in seconds: the planned times are read once per
    # programme, not per key (10,000 aware datetimes take some 20 ms to convert)
    @cached_property
    def planned_starts(self) -> tuple[float, ...]:
        return tuple(i.start.timestamp() for i in self.items)

    @cached_property
    def planned_ends(self) -> tuple[float | None, ...]:
        return tuple(None if i.end is None else i.end.timestamp() for i in self.items)

    def index_of(self, item_id: str) -> int | None:
        for i, item in enumerate(self.items):
            if item.id == item_id:
                return i
        return None


class DayTracks(NamedTuple):
    """One day of the programme: the hall's track (the items for everyone, rounds among them)
    and each room's track (those items and the room's own), in the order of `event.rooms`."""

    date: date
    hall: Programme
    rooms: tuple[tuple[str, Programme], ...]

    def track(self, room: str | None) -> Programme:
        if room is None:
            return self.hall
        return next((p for name, p in self.rooms if name == room), self.hall)
