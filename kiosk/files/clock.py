"""The one place that reads the time. Real, rehearsal (--at, --speed) or set by hand in tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

import pendulum


class Clock:
    """Real time, or a rehearsal that starts at `start` and runs `speed` times as fast."""

    def __init__(
        self,
        tz: str,
        start: datetime | None = None,
        speed: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        self.tz = tz
        self.speed = speed
        self._monotonic = monotonic
        self._origin = monotonic()
        self._start = pendulum.instance(start).in_tz(tz) if start is not None else None
        if self._start is None and speed != 1.0:
            self._start = pendulum.now(tz)

    @property
    def rehearsal(self) -> bool:
        return self._start is not None

    def now(self) -> datetime:
        if self._start is None:
            return pendulum.now(self.tz)
        elapsed = (self._monotonic() - self._origin) * self.speed
        return self._start.add(microseconds=int(elapsed * 1_000_000))


class FixedClock(Clock):
    """A clock that moves only when told: for tests and benchmarks."""

    def __init__(self, tz: str, start: datetime):
        self._t = 0.0
        super().__init__(tz, start, 1.0, monotonic=lambda: self._t)

    def advance(self, seconds: float) -> None:
        self._t += seconds

    def set(self, moment: datetime) -> None:
        """Jump to a moment: the soak starts each event day here."""
        self._start = pendulum.instance(moment).in_tz(self.tz)
        self._origin = self._monotonic()
