"""Expected times and the snapshot at an instant: what is on now, what comes next.

A Timeline is built once per (programme, live state) and answers `snapshot(at)` with a
bisect, so a tick costs the same for 10 items as for 5,000.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

import pendulum

from kiosk.core.live import State
from kiosk.core.model import Item, Programme

BEFORE, DURING, AFTER = "before", "during", "after"
KEEP = 0.2  # squeezed before a fixed item, a part keeps at least this share of its time


@dataclass(frozen=True)
class Entry:
    """An item with its expected times, as the screen and `kiosk now` show it."""

    item: Item
    index: int
    start: datetime
    end: datetime | None
    started: bool = False  # the host started it: its start is a fact, not an estimate
    shift: float = 0.0  # seconds its expected start is from its planned one

    @property
    def estimated(self) -> bool:
        return self.item.estimated and not self.started

    @property
    def moved(self) -> bool:
        return abs(self.shift) >= 60


class Snapshot(NamedTuple):
    at: datetime
    phase: str
    mode: str
    delay_minutes: int
    overtime_minutes: int  # how long the host's item has run past its planned length
    announcement: str | None
    blank: bool
    now: Entry | None
    next: Entry | None
    close: datetime | None  # expected close; None: an open end
    timeline: Timeline
    rooms: tuple[tuple[str, Snapshot], ...] = ()  # the hall's screen: each room's track
    between_days: bool = False  # before a day of the programme, after the day before it

    @property
    def progress(self) -> float | None:
        """How far the current item is, 0..1; None when it has no end."""
        if self.now is None or self.now.end is None:
            return None
        total = (self.now.end - self.now.start).total_seconds()
        if total <= 0:
            return 1.0
        return min(1.0, max(0.0, (self.at - self.now.start).total_seconds() / total))

    @property
    def remaining(self) -> timedelta | None:
        if self.now is None or self.now.end is None:
            return None
        return max(timedelta(0), self.now.end - self.at)

    @property
    def drift_minutes(self) -> int:
        """How far what comes next runs from the plan, in minutes (negative: early)."""
        entry = self.next if self.next is not None and not self.next.item.fixed else self.now
        if entry is None or (self.mode == "clock" and self.delay_minutes == 0):
            return 0
        return round((entry.start - entry.item.start).total_seconds() / 60)

    @property
    def programme(self) -> Programme:
        return self.timeline.programme

    def entry(self, index: int) -> Entry:
        """Item `index` with its expected times at this instant."""
        return self.timeline.entry_at(index, self.at.timestamp())


class Timeline:
    """Expected times of every item under one live state.

    Clock mode: the plan, and a shift moves what is still to come. Host mode: the host's item
    (base) started at the keypress and stays on until the host moves on; what follows is
    expected once it could end: its planned length after the keypress, or now if it runs
    over. Every start after base is max(a, x + c) for x, the host's item's expected end, with
    a and c worked out once here: contiguous items follow at once; after a planned gap an item
    keeps its planned start unless the delay eats the gap. The next `fixed` item keeps its
    time (those before it are squeezed to fit) and starts by the clock; nothing after it moves.
    """

    def __init__(self, programme: Programme, state: State):
        self.programme = programme
        self.state = state
        self.zone = pendulum.timezone(programme.event.timezone)
        items = programme.items
        n = len(items)
        self.planned = programme.planned_starts
        self.planned_ends = programme.planned_ends
        self.mode = "clock"
        self.base = -1  # the items after base move
        self.pinned: float | None = None  # base's start: the host's keypress, or a shift's pin
        self.shift = state.shift * 60.0
        self.floor = float("-inf")  # nothing that moves starts before this
        index = programme.index_of(state.item_id) if state.item_id else None
        moving = False
        if state.mode == "host" and index is not None and state.started_at is not None:
            self.mode, self.base, moving = "host", index, True
            self.pinned = self.floor = state.started_at.timestamp()
        elif state.mode == "host":
            self.shift = 0.0  # the host's item is gone: the screen follows the plain clock
        elif state.shift and state.shift_from is not None:
            moving = True
            self.floor = state.shift_from.timestamp()
            if index is not None and state.started_at is not None:
                self.base, self.pinned = index, state.started_at.timestamp()
            else:
                self.base = bisect_right(self.planned, self.floor) - 1
        b = self.base
        # the next fixed item still ahead keeps its time; one already passed moves like the rest
        self.fixed = next(
            (i for i in range(b + 1, n) if items[i].fixed and self.planned[i] > self.floor),
            None,
        )
        self.stop = (self.fixed if self.fixed is not None else n) if moving else b + 1
        # x + c, at least a, for each moving item (b, stop)
        self._a: list[float] = []
        self._c: list[float] = []
        a, c = float("-inf"), 0.0
        planned, ends, shift = self.planned, self.planned_ends, self.shift
        for i in range(b + 1, self.stop):  # (inlined: it runs once per item at each host key)
            if i == b + 1:
                if b >= 0 and not self._contiguous(b):
                    a = planned[i] + shift
            else:
                end = ends[i - 1]  # _length(i - 1); gapless unless it ends before i starts
                if end is not None:
                    length = end - planned[i - 1]
                    a, c = a + length, c + length
                    if end < planned[i]:
                        a = max(a, planned[i] + shift)
            self._a.append(a)
            self._c.append(c)
        self._x_clock = self._base_end()  # clock mode: x does not depend on the time
        # host mode: when the host's item ends if it keeps to its time; squeezed to fit before
        # a fixed item that is sooner
        self._held_end = self._x_clock
        if self.mode == "host" and b + 1 < self.stop:
            self._held_end = min(self._x_clock, self._start(b + 1, self._x_clock, None))
        self.cutoff = programme.day_end.timestamp()
        # clock mode: every start once, and a monotone copy for bisect
        self._starts = self._clock_starts(self._x_clock)
        self._mono = list(self._starts)
        for i in range(1, n):
            self._mono[i] = max(self._mono[i], self._mono[i - 1])

    # -- the plan's shape ------------------------------------------------------------------

    def _contiguous(self, i: int) -> bool:
        """Item i runs until the next one starts (no planned gap after it)."""
        end = self.planned_ends[i]
        return i + 1 < len(self.planned) and (end is None or end >= self.planned[i + 1])

    def _length(self, i: int) -> float:
        end = self.planned_ends[i]
        if end is None:  # the end marker, or an open end: no length
            return 0.0
        return end - self.planned[i]

    def _base_end(self) -> float:
        """When the item at base could end without running over. Host mode: its planned
        length after the keypress, plus the host's shifts. Clock mode: its planned end plus the
        shift (its pinned start holds the shifts before, which must not count twice). Before
        the first item: the first start, shifted."""
        b = self.base
        if b < 0:
            # a track of only rooms' items has nothing of its own for the hall
            return self.planned[0] + self.shift if self.planned else 0.0
        if self.mode == "host" and self.pinned is not None:
            return self.pinned + self._length(b) + self.shift
        return self.planned[b] + self._length(b) + self.shift

    # -- expected times --------------------------------------------------------------------

    def _clock_starts(self, x: float) -> list[float]:
        """Every item's `_start(i, x, None)` in one pass: a host key builds a timeline, and
        item by item that took 10,000 calls on a large programme."""
        b, pinned, planned, floor = self.base, self.pinned, self.planned, self.floor
        if pinned is not None:  # b >= 0: over no later than the host's item began
            head = [min(p, pinned) for p in planned[:b]] + [pinned]
        else:
            head = list(planned[: b + 1])
        moving = [max(a, x + c) for a, c in zip(self._a, self._c, strict=True)]
        if self.fixed is not None:
            target = planned[self.fixed]
            # squeezed to fit before the fixed item: each keeps at least KEEP of its time
            moving = [
                min(start, target - KEEP * (target - p))
                for start, p in zip(moving, planned[b + 1 : self.stop], strict=True)
            ]
        moving = [max(start, floor) for start in moving]
        return head + moving + list(planned[max(self.stop, b + 1) :])

    def _start(self, i: int, x: float, t: float | None) -> float:
        """Item i's expected start, for the base's expected end x (host mode: at time t)."""
        b = self.base
        if i == b and self.pinned is not None:
            return self.pinned
        if i < b and self.pinned is not None:  # over: no later than the host's item began
            return min(self.planned[i], self.pinned)
        if i <= b or i >= self.stop:
            return self.planned[i]
        k = i - b - 1
        start = max(self._a[k], x + self._c[k])
        if self.fixed is not None:
            target = self.planned[self.fixed]
            # squeezed to fit before the fixed item: each keeps at least KEEP of its time
            start = min(start, target - KEEP * (target - self.planned[i]))
            if t is not None:  # cannot start before the host's item ends, nor after the fixed
                start = min(max(start, t), target)
        elif t is not None:
            start = max(start, t)
        return max(start, self.floor)

    def _end(self, i: int, x: float, t: float | None, next_start: float | None) -> float | None:
        if self.planned_ends[i] is None:
            return None  # the end marker, or an open end
        if i == self.base and self.mode == "host" and t is not None:
            # on until the host moves on (past its length it runs over), and never past the
            # start of what a fixed item lets come next
            held = max(x, t)
            return held if next_start is None else min(held, next_start)
        if next_start is not None and self._contiguous(i):
            return next_start
        end = self._start(i, x, t) + self._length(i)
        return min(end, next_start) if next_start is not None else end

    def _x(self, t: float) -> float:
        """The base's expected end at t: in host mode never before now."""
        return max(self._held_end, t) if self.mode == "host" else self._x_clock

    def entry_at(self, index: int, t: float) -> Entry:
        tz = self.zone
        x = self._x(t)
        held = t if self.mode == "host" else None
        start = self._start(index, x, held)
        nxt = self._start(index + 1, x, held) if index + 1 < len(self.planned) else None
        end = self._end(index, x, held, nxt)
        return Entry(
            item=self.programme.items[index],
            index=index,
            # the standard library's, in the zone's C code: each tick makes a few dozen
            start=datetime.fromtimestamp(start, tz),
            end=None if end is None else datetime.fromtimestamp(end, tz),
            started=self.mode == "host" and index == self.base,
            shift=start - self.planned[index],
        )

    def close_at(self, t: float) -> float | None:
        """The expected close: the end marker's start, or the last item's end."""
        items = self.programme.items
        if not items:  # the hall's track on a day of only rooms' items
            return None
        last = len(items) - 1
        if items[last].is_end:
            return self._start(last, self._x(t), t if self.mode == "host" else None)
        end = self.entry_at(last, t).end
        return None if end is None else end.timestamp()

    # -- what is on ------------------------------------------------------------------------

    def _on(self, t: float, lo: int) -> tuple[str, int | None, int | None]:
        """By the clock from item lo on: (phase, now, next)."""
        items = self.programme.items
        k = bisect_right(self._mono, t, lo=lo) - 1
        if k < lo:
            return BEFORE, None, lo if lo < len(items) else None
        if items[k].is_end:
            return AFTER, None, None
        end = self._end(k, self._x_clock, None, self._starts[k + 1] if k + 1 < len(items) else None)
        if end is not None and t >= end:
            if k + 1 >= len(items):
                return AFTER, None, None
            return DURING, None, k + 1  # a gap: nothing on until the next start
        return DURING, k, k + 1 if k + 1 < len(items) else None

    def snapshot(self, at: datetime) -> Snapshot:
        state = self.state
        t = at.timestamp()
        items = self.programme.items
        if t >= self.cutoff:
            phase, k, nk = AFTER, None, None
        elif self.mode == "host":
            if items[self.base].is_end:
                phase, k, nk = AFTER, None, None
            elif self.fixed is not None and t >= self.planned[self.fixed]:
                phase, k, nk = self._on(t, self.fixed)  # the fixed item started by the clock
            else:
                phase, k = DURING, self.base
                nk = k + 1 if k + 1 < len(items) else None
        else:
            phase, k, nk = self._on(t, 0)
        now = self.entry_at(k, t) if k is not None else None
        nxt = self.entry_at(nk, t) if nk is not None and phase != AFTER else None
        tz = self.programme.event.timezone
        delay = round(self.shift / 60)
        overtime = 0
        if self.mode == "host":
            assert self.pinned is not None
            delay += round((self.pinned - self.planned[self.base]) / 60)
            if k == self.base and self.planned_ends[k] is not None:
                # rounded up, like every span on screen: "uitloop 1 min" from the first second
                overtime = max(0, math.ceil((t - self._held_end) / 60))
        close = self.close_at(t)
        return Snapshot(
            at=pendulum.instance(at).in_tz(tz),
            phase=phase,
            mode=self.mode,
            delay_minutes=delay,
            overtime_minutes=overtime,
            announcement=state.announcement,
            blank=state.blank,
            now=now,
            next=nxt,
            close=None if close is None else pendulum.from_timestamp(close, tz=tz),
            timeline=self,
        )


def snapshot(programme: Programme, state: State, at: datetime) -> Snapshot:
    """What the screen shows at `at`: a pure function of programme, live state and time.

    Builds the timeline each call; whoever asks often (the app, every tick) keeps a Timeline.
    """
    return Timeline(programme, state).snapshot(at)
