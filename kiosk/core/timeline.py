"""Expected times and the snapshot at an instant: what is on now, what comes next.

A Timeline is built once per (programme, live state) and answers `snapshot(at)` with a
bisect, so a tick costs the same for 10 items as for 5,000.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta

import pendulum

from kiosk.core.live import State
from kiosk.core.model import Item, Programme
from kiosk.core.times import midnight_after

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

    @property
    def estimated(self) -> bool:
        return self.item.estimated and not self.started

    @property
    def moved(self) -> bool:
        return abs((self.start - self.item.start).total_seconds()) >= 60


@dataclass(frozen=True)
class Snapshot:
    at: datetime
    phase: str
    mode: str
    delay_minutes: int
    announcement: str | None
    blank: bool
    now: Entry | None
    next: Entry | None
    close: datetime | None  # expected close; None: runs to midnight
    timeline: Timeline

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


class Timeline:
    """Expected starts of every item under one live state."""

    def __init__(self, programme: Programme, state: State):
        self.programme = programme
        self.state = state
        items = programme.items
        self.planned = [i.start.timestamp() for i in items]
        self.mode = "clock"
        self.base = -1  # the items after base move
        self.pinned: float | None = None  # base's start: the host's keypress, or a shift's pin
        delay = state.shift * 60.0
        floor: float | None = None  # nothing that moves starts before this
        index = programme.index_of(state.item_id) if state.item_id else None
        if state.mode == "host" and index is not None and state.started_at is not None:
            self.mode = "host"
            self.base = index
            self.pinned = floor = state.started_at.timestamp()
            delay += floor - self.planned[index]
        elif state.shift and state.shift_from is not None:
            floor = state.shift_from.timestamp()
            if index is not None and state.started_at is not None:
                self.base, self.pinned = index, state.started_at.timestamp()
            else:
                self.base = bisect_right(self.planned, floor) - 1
        self.delay = delay
        self.starts = list(self.planned)
        self._mono = self.starts
        self.close: float | None = programme.close.timestamp() if programme.close else None
        if self.mode == "host" or delay:
            self._move(delay, floor)
        # without a close the last item runs to midnight: then the afternoon is over
        self.cutoff = (
            self.close
            if self.close is not None
            else midnight_after(programme.event.date, programme.event.timezone).timestamp()
        )
        self._ends = self._expected_ends()

    def _move(self, delay: float, floor: float | None) -> None:
        items, starts, b = self.programme.items, self.starts, self.base
        if self.pinned is not None:
            starts[b] = self.pinned
        # the next fixed item still ahead keeps its time; one already passed moves like the rest
        fixed = next(
            (
                i
                for i in range(b + 1, len(items))
                if items[i].fixed and (floor is None or self.planned[i] > floor)
            ),
            None,
        )
        stop = fixed if fixed is not None else len(items)
        target = self.planned[fixed] if fixed is not None else None
        for i in range(b + 1, stop):
            start = self.planned[i] + delay
            if target is not None:
                # squeezed to fit before the fixed item: each keeps at least KEEP of its time
                start = min(start, target - KEEP * (target - self.planned[i]))
            starts[i] = max(start, floor) if floor is not None else start
        if self._close_is_item():
            self.close = starts[-1]
        elif fixed is None and self.close is not None:
            self.close = max(self.close + delay, floor or self.close)
        # a monotone copy for bisect: starts never go before the item above them
        floor_run = starts[b] if b >= 0 else float("-inf")
        self._mono = list(starts)
        for i in range(max(b, 0), len(starts)):
            floor_run = max(floor_run, starts[i])
            self._mono[i] = floor_run

    def _close_is_item(self) -> bool:
        items = self.programme.items
        return bool(items) and items[-1].is_end

    def _expected_ends(self) -> list[float | None]:
        items, starts = self.programme.items, self.starts
        ends: list[float | None] = []
        for i, item in enumerate(items):
            if item.is_end:
                ends.append(None)
                continue
            nxt = starts[i + 1] if i + 1 < len(items) else self.close
            if item.end is None:
                ends.append(nxt)
                continue
            contiguous = i + 1 < len(items) and item.end == items[i + 1].start
            if contiguous or (i + 1 == len(items) and nxt is not None):
                ends.append(nxt)
            else:
                length = (item.end - item.start).total_seconds()
                end = starts[i] + length
                ends.append(min(end, nxt) if nxt is not None else end)
        return ends

    # -- lookups ---------------------------------------------------------------------------

    def entry(self, index: int) -> Entry:
        tz = self.programme.event.timezone
        end = self._ends[index]
        return Entry(
            item=self.programme.items[index],
            index=index,
            start=pendulum.from_timestamp(self.starts[index], tz=tz),
            end=None if end is None else pendulum.from_timestamp(end, tz=tz),
            started=self.mode == "host" and index == self.base,
        )

    def current_index(self, t: float) -> int | None:
        """The index of what is on at t, or None before the first start / after the close."""
        items = self.programme.items
        if t >= self.cutoff:
            return None
        if self.mode == "host":
            b = self.base
            k = bisect_right(self._mono, t, lo=b) - 1
            if k <= b or self._mono[k] <= self.starts[b]:
                k = b  # later items tied to the host's start wait for the host
        else:
            k = bisect_right(self._mono, t) - 1
            if k < 0:
                return None
        while k > 0 and items[k].is_end:
            k -= 1
        return k

    def snapshot(self, at: datetime) -> Snapshot:
        state = self.state
        t = at.timestamp()
        items = self.programme.items
        k = self.current_index(t)
        if k is None:
            phase = (
                AFTER
                if t >= self.cutoff or (self.mode == "host" and items[self.base].is_end)
                else BEFORE
            )
        else:
            phase = DURING
        now = self.entry(k) if k is not None else None
        if phase == BEFORE:
            nxt = self.entry(0)
        elif k is not None and k + 1 < len(items):
            nxt = self.entry(k + 1)
        else:
            nxt = None
        tz = self.programme.event.timezone
        delay = state.shift
        if self.mode == "host":
            delay += round((self.starts[self.base] - self.planned[self.base]) / 60)
        return Snapshot(
            at=pendulum.instance(at).in_tz(tz),
            phase=phase,
            mode=self.mode,
            delay_minutes=delay,
            announcement=state.announcement,
            blank=state.blank,
            now=now,
            next=nxt,
            close=None if self.close is None else pendulum.from_timestamp(self.close, tz=tz),
            timeline=self,
        )


def snapshot(programme: Programme, state: State, at: datetime) -> Snapshot:
    """What the screen shows at `at`: a pure function of programme, live state and time.

    Builds the timeline each call; whoever asks often (the app, every tick) keeps a Timeline.
    """
    return Timeline(programme, state).snapshot(at)
