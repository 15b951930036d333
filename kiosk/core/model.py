"""The programme as the rest of the kiosk sees it: immutable, validated, times resolved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Venue:
    name: str = ""
    address: str = ""


@dataclass(frozen=True)
class Event:
    title: str
    date: date
    timezone: str
    subtitle: str = ""
    organisers: tuple[str, ...] = ()
    language: str = "nl"
    venue: Venue = field(default_factory=Venue)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
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

    @property
    def is_end(self) -> bool:
        return self.kind == "end"


@dataclass(frozen=True)
class Programme:
    event: Event
    items: tuple[Item, ...]
    close: datetime | None  # the planned close; None: the last item has an open end
    day_end: datetime  # the latest close: midnight, or 06:00 the next morning for an evening
    source: str = "programme.yaml"

    def index_of(self, item_id: str) -> int | None:
        for i, item in enumerate(self.items):
            if item.id == item_id:
                return i
        return None
