"""Reading times and durations as people write them, and instants on the event's day."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pendulum

# re.ASCII: \d would also match other scripts' digits ("²" even passes str.isdigit() and then
# breaks int()); a programme's times are written in 0-9.
_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*(?:uur)?\s*$", re.ASCII)
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$", re.ASCII)
_MINUTES = re.compile(r"\d+", re.ASCII)
_MAX_DIGITS = 6  # int() refuses over 4300 digits with ValueError; no part runs 100,000 min


class TimeError(ValueError):
    """A time or duration that means nothing; the message is for people."""


def parse_clock(text: str) -> tuple[int, int]:
    """'14:00', '14.00', '9:30', '13.30 uur' -> (hour, minute)."""
    m = _CLOCK.match(str(text))
    if not m:
        raise TimeError(f"'{text}' is not a time; write HH:MM, like 14:00 or 14.00")
    hour, minute = int(m[1]), int(m[2])
    if hour > 23 or minute > 59:
        raise TimeError(f"'{text}' is not a time of day (00:00 to 23:59)")
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


def on_day(day: date, hour: int, minute: int, tz: str) -> datetime:
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=tz)


def midnight_after(day: date, tz: str) -> datetime:
    return pendulum.datetime(day.year, day.month, day.day, tz=tz).add(days=1)


def parse_when(text: str, day: date, tz: str) -> datetime:
    """--at: 'HH:MM' on the event's day, or an ISO date-time (no offset: event's timezone)."""
    try:
        hour, minute = parse_clock(text)
    except TimeError:
        pass
    else:
        return on_day(day, hour, minute, tz)
    try:
        # exact: a time alone ("13:45:30") comes back as a Time, to be put on the event's day;
        # otherwise pendulum would put it on today's date
        parsed = pendulum.parse(text.strip(), tz=tz, strict=False, exact=True)
    except Exception as exc:  # pendulum raises several kinds for bad input
        raise TimeError(f"'{text}' is not a time; give HH:MM or 2022-11-22T13:45") from exc
    if isinstance(parsed, datetime):
        return pendulum.instance(parsed).in_tz(tz)
    if isinstance(parsed, date):
        return pendulum.datetime(parsed.year, parsed.month, parsed.day, tz=tz)
    if isinstance(parsed, time):
        return pendulum.datetime(
            day.year, day.month, day.day, parsed.hour, parsed.minute, parsed.second, tz=tz
        ).add(microseconds=parsed.microsecond)
    raise TimeError(f"'{text}' is not a moment; give HH:MM or 2022-11-22T13:45")
