"""Reading times and durations as people write them, and instants on the event's day."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pendulum

# re.ASCII: \d would also match other scripts' digits ("²" even passes str.isdigit() and then
# breaks int()); a programme's times are written in 0-9.
_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*(?:uur)?\s*$", re.ASCII)
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$", re.ASCII)
_MINUTES = re.compile(r"\d+", re.ASCII)
_MAX_DIGITS = 6  # int() refuses over 4300 digits with ValueError; no part runs 100,000 min


class TimeError(ValueError):
    """A time or duration that means nothing; the message is for people."""


def parse_clock(text: str, midnight: bool = False) -> tuple[int, int]:
    """'14:00', '14.00', '9:30', '13.30 uur' -> (hour, minute); with `midnight`, also '24:00',
    the midnight that ends the day, as (24, 0)."""
    m = _CLOCK.match(str(text))
    if not m:
        raise TimeError(f"'{text}' is not a time; write HH:MM, like 14:00 or 14.00")
    hour, minute = int(m[1]), int(m[2])
    if midnight and (hour, minute) == (24, 0):
        return hour, minute
    if hour > 23 or minute > 59:
        limits = "00:00 to 24:00" if midnight else "00:00 to 23:59"
        raise TimeError(f"'{text}' is not a time of day ({limits})")
    return hour, minute


def parse_duration(text: str) -> int:
    """Minutes from 45, '45', '45m', '1h30m', '2h' (always more than zero)."""
    raw = str(text).strip().lower()
    if _MINUTES.fullmatch(raw):
        hours, mins = "", raw
    elif (m := _DURATION.fullmatch(raw)) and (m[1] or m[2]):
        hours, mins = m[1] or "", m[2] or ""
    else:
        raise TimeError(f"'{text}' is not a duration; write minutes (45) or 1h30m")
    if max(len(hours.lstrip("0")), len(mins.lstrip("0"))) > _MAX_DIGITS:
        raise TimeError(f"duration '{text}' is far too long for a programme")
    minutes = int(hours or 0) * 60 + int(mins or 0)
    if minutes <= 0:
        raise TimeError(f"duration '{text}' must be more than zero minutes")
    return minutes


MORNING = 6 * 60  # in a day that starts from 06:00, earlier times are in the night after


def is_evening(first: int) -> bool:
    """The rule for a day whose first start is `first` (minutes after midnight): from 06:00 on
    it is an evening, and 00:00 to 05:59 are the small hours of the night after."""
    return first >= MORNING


def closing_wall(evening: bool) -> int:
    """The latest a day may close, as wall minutes: midnight, or 06:00 the next morning for an
    evening."""
    return 24 * 60 + (MORNING if evening else 0)


class Day:
    """The event's day as its programme reads it: wall-clock times to real minutes since the
    day began and back. Real minutes: on the night the clocks change, an hour is still 60
    minutes for estimates and durations; a wall time the change skips does not exist.

    `evening`: the day's first start is 06:00 or later, so 00:00 to 05:59 are the night after
    (a party from 22:00 to 01:30), and the programme may run until 06:00.
    """

    def __init__(self, day: date, tz: str, evening: bool = True):
        self.date, self.tz, self.evening = day, tz, evening
        self.origin = pendulum.datetime(day.year, day.month, day.day, tz=tz)
        self._origin, self.zone = self.origin.timestamp(), pendulum.timezone(tz)
        if self.origin.date() != day:
            raise TimeError(f"{day.isoformat()} does not exist in {tz}: the day was skipped")
        self.limit = self.minutes(closing_wall(evening), check=False)

    def minutes(self, wall: int, check: bool = True) -> int:
        """Wall minutes on the day (24:00 and, in an evening, the small hours: the day after)
        as real minutes since the day began; TimeError for a time the clocks skip."""
        if self.evening and wall < MORNING:
            wall += 24 * 60
        days, rest = divmod(wall, 24 * 60)
        day = self.date + timedelta(days=days)
        hour, minute = divmod(rest, 60)
        if check:
            moment = _wall(day, hour, minute, 0, self.tz)
        else:
            moment = pendulum.datetime(
                day.year, day.month, day.day, hour, minute, tz=self.tz, fold=0
            )
        return round((moment.timestamp() - self._origin) / 60)

    def instant(self, minutes: int) -> datetime:
        # the standard library's, in the zone's C code, as the timeline's: a programme's every
        # start and end is one, and as Pendulum's they were a third of reading 10,000 items
        return datetime.fromtimestamp(self._origin + minutes * 60, self.zone)

    def label(self, minutes: int) -> str:
        """Real minutes as the wall-clock time an organiser writes ('24:00' for midnight)."""
        moment = self.instant(minutes)
        if moment.date() > self.date and (moment.hour, moment.minute) == (0, 0):
            return "24:00" if moment.date() == self.date + timedelta(days=1) else "00:00"
        return moment.strftime("%H:%M")


def parse_when(text: str, day: date, tz: str, evening: bool = False) -> datetime:
    """--at: 'HH:MM' on the event's day, or an ISO date-time (no offset: event's timezone).

    A wall time the clocks skip that day (02:30 when they go from 02:00 to 03:00) is refused:
    a rehearsal there would silently start an hour later.
    """
    try:
        hour, minute = parse_clock(text)
    except TimeError:
        pass
    else:
        if evening and hour * 60 + minute < MORNING:  # the small hours of the night after
            day += timedelta(days=1)
        return _wall(day, hour, minute, 0, tz)
    try:
        # exact: a time alone ("13:45:30") comes back as a Time, to be put on the event's day;
        # otherwise pendulum would put it on today's date. No zone: a time without an offset
        # is the event's wall clock, checked below
        parsed = pendulum.parse(text.strip(), tz=None, strict=False, exact=True)
    except Exception as exc:  # pendulum raises several kinds for bad input
        raise TimeError(f"'{text}' is not a time; give HH:MM or 2022-11-22T13:45") from exc
    if isinstance(parsed, datetime):
        if parsed.tzinfo is not None:
            return pendulum.instance(parsed).in_tz(tz)
        moment = _wall(parsed.date(), parsed.hour, parsed.minute, parsed.second, tz)
        return moment.add(microseconds=parsed.microsecond)
    if isinstance(parsed, date):
        return _wall(parsed, 0, 0, 0, tz)
    if isinstance(parsed, time):
        moment = _wall(day, parsed.hour, parsed.minute, parsed.second, tz)
        return moment.add(microseconds=parsed.microsecond)
    raise TimeError(f"'{text}' is not a moment; give HH:MM or 2022-11-22T13:45")


def _wall(day: date, hour: int, minute: int, second: int, tz: str) -> pendulum.DateTime:
    """That wall-clock time in `tz`, or TimeError if the clocks skip it that day."""
    # fold=0: on the night the clocks go back, 02:30 is the first 02:30, as a programme means it
    moment = pendulum.datetime(day.year, day.month, day.day, hour, minute, second, tz=tz, fold=0)
    if (moment.date(), moment.hour, moment.minute) != (day, hour, minute):
        raise TimeError(
            f"{hour:02d}:{minute:02d} does not exist on {day.isoformat()} in {tz}:"
            " the clocks go forward that night"
        )
    return moment
