"""An iCalendar file (a Google Calendar, Nextcloud or Outlook export) as a schedule.json dict.

Each VEVENT is a part: SUMMARY its title, DTSTART and DTEND (or DURATION) its time, the first
line of DESCRIPTION its description, URL its page; LOCATION its room when the calendar has
several (one location is the venue). Recurring events are expanded (recurring-ical-events)
over the event's days: the days of its one-off events and of the series that end. All-day
events and cancelled ones are left out, each said in a comment at the top of the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pendulum
import recurring_ical_events
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from kiosk.files.pretalx import ScheduleError
from kiosk.files.programme_yaml import scalar

OTHER = "Other"  # the room of events without a location that run beside the rooms' events
YEAR = timedelta(days=366)  # how far a series is followed to find the event's last day


@dataclass
class Calendar:
    """A calendar read as a schedule.json dict, and what the programme's file should say
    about what the dict cannot hold."""

    data: dict[str, Any]
    zone_note: str
    venue: str = ""
    comments: list[str] = field(default_factory=list)

    def written(self, text: str) -> str:
        """The programme.yaml text with the calendar's comments and venue."""
        lines = text.split("\n")
        at = lines.index("event:")
        out = lines[:at] + [f"# {line}" for line in self.comments] + ["event:"]
        for line in lines[at + 1 :]:
            out.append(line)
            if line.startswith("  title: ") and self.venue:
                out.append(f"  venue: {scalar(self.venue)}")
        return "\n".join(out)


def schedule(raw: bytes, timezone: str | None = None) -> Calendar:
    """The calendar in `raw` as a schedule.json dict, or the one line that says why not."""
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except ValueError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "it cannot be parsed"
        raise ScheduleError(f"is not valid iCalendar: {first}") from None
    if not isinstance(calendar, icalendar.Calendar):
        raise ScheduleError("is iCalendar, but not a VCALENDAR")
    masters = list(calendar.walk("VEVENT"))
    if not masters:
        raise ScheduleError("is an iCalendar file with no events (VEVENT)")
    zone, zone_note = _zone(calendar, masters, timezone)
    comments: list[str] = []
    occurrences = _occurrences(calendar, masters, zone, comments)
    left_out: dict[tuple[str, str], list[str]] = {}  # (why, title) -> its dates
    kept: list[tuple[datetime, int, Any]] = []
    for component in occurrences:
        start = component.get("DTSTART")
        title = " ".join(str(component.get("SUMMARY", "")).split()) or "(no title)"
        if start is None or not isinstance(start.dt, date):
            raise ScheduleError(f"the event '{title}' has no DTSTART")
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            left_out.setdefault(("cancelled", title), []).append(str(_day(start.dt, zone)))
            continue
        if not isinstance(start.dt, datetime):
            left_out.setdefault(("all day", title), []).append(start.dt.isoformat())
            continue
        begin = _local(start.dt, zone)
        end = component.get("DTEND")
        minutes = 0
        length = component.get("DURATION")  # a one-off event may have this instead
        if end is not None and isinstance(end.dt, datetime):
            minutes = max(0, round((_local(end.dt, zone) - begin).total_seconds() / 60))
        elif length is not None and isinstance(length.dt, timedelta):
            minutes = max(0, round(length.dt.total_seconds() / 60))
        kept.append((begin, minutes, component))
    if not kept:
        raise ScheduleError("the calendar has no events with a time (all-day ones are left out)")
    for (why, title), dates in left_out.items():  # a series once, with each of its dates
        comments.append(f"Left out, {why}: {title} ({', '.join(dict.fromkeys(dates))})")
    kept.sort(key=lambda k: (k[0], str(k[2].get("SUMMARY", ""))))
    locations = _rooms(c for _, _, c in kept)
    several = len(locations) > 1
    rooms = [_room(c.get("LOCATION")) if several else "" for _, _, c in kept]
    if several:
        for n in _beside_a_room(kept, rooms):
            title = " ".join(str(kept[n][2].get("SUMMARY", "")).split())
            comments.append(
                f"{title} ({kept[n][0].strftime('%Y-%m-%d %H:%M')}) has no LOCATION but runs"
                f" beside a room's event: it is in a room '{OTHER}' of its own"
            )
            rooms[n] = OTHER
        if OTHER in rooms and OTHER not in locations:
            locations.append(OTHER)
    recurring = {str(m.get("UID", "")) for m in masters if "RRULE" in m or "RDATE" in m}
    days: dict[date, dict[str, list[dict[str, Any]]]] = {}
    for (begin, minutes, component), room in zip(kept, rooms, strict=True):
        event = _event(component, begin, minutes, room, recurring)
        days.setdefault(begin.date(), {}).setdefault(room, []).append(event)
    name = " ".join(str(calendar.get("X-WR-CALNAME") or calendar.get("NAME") or "").split())
    conference = {
        "title": name or "Calendar",
        "time_zone_name": zone,
        "rooms": [{"name": r} for r in locations] if several else [],
        "days": [
            {"index": n, "date": day.isoformat(), "rooms": listed}
            for n, (day, listed) in enumerate(sorted(days.items()), 1)
        ],
    }
    venue = locations[0] if len(locations) == 1 else ""
    data = {"schedule": {"version": "", "conference": conference}}
    return Calendar(data, zone_note, venue, comments)


def _beside_a_room(kept: list[tuple[datetime, int, Any]], rooms: list[str]) -> list[int]:
    """The events without a location that overlap an event in a room, or one of these: an
    item for everyone is in every room's line, where the two would clash."""
    spans = [(b, b + timedelta(minutes=m)) for b, m, _ in kept]
    placed = {n for n, room in enumerate(rooms) if room}
    moved: list[int] = []
    changed = True
    while changed:  # a moved event is in a room too: what overlaps it moves as well
        changed = False
        for n, (begin, end) in enumerate(spans):
            if n not in placed and any(_clash((begin, end), spans[k]) for k in placed):
                placed.add(n)
                moved.append(n)
                changed = True
    return sorted(moved)


def _clash(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> bool:
    """Two events overlap, or start together (one without a length is still at its start:
    in a room's line the two would be at one time)."""
    return a[0] == b[0] or (a[0] < b[1] and b[0] < a[1])


def _zone(calendar: Any, masters: list[Any], given: str | None) -> tuple[str, str]:
    """The venue's timezone: the calendar's X-WR-TIMEZONE, else the zone its events' TZIDs
    and VTIMEZONEs name, else the one given; a comment says which."""
    named = _iana(calendar.get("X-WR-TIMEZONE"))
    if named:
        return named, "from the calendar's X-WR-TIMEZONE"
    tzids = [m["DTSTART"].params.get("TZID") for m in masters if "DTSTART" in m]
    tzids += [str(vtz.get("TZID", "")) for vtz in calendar.walk("VTIMEZONE")]
    for tzid in tzids:
        named = _iana(tzid)
        if named:
            return named, f"from the events' TZID ({tzid})" if tzid != named else "from the TZIDs"
    if given:
        try:
            pendulum.timezone(given)
        except Exception:  # pendulum raises its own kinds for unknown zones
            raise ScheduleError(f"'{given}' is not a timezone") from None
        return given, "given to kiosk import: the calendar names none"
    raise ScheduleError(
        "the calendar names no timezone (X-WR-TIMEZONE, or TZIDs on its times): its times are"
        " in UTC or floating, and the venue's zone is needed to place them"
    )


def _iana(name: Any) -> str:
    """An IANA zone for a calendar's zone name: the name itself, a Windows name's (Outlook),
    or the zone at the end of a path (/mozilla.org/20070129_1/Europe/Berlin); "" if none."""
    text = str(name or "").strip().strip('"')
    if not text:
        return ""
    parts = text.split("/")
    for candidate in (
        text,
        WINDOWS_TO_OLSON.get(text, ""),
        "/".join(parts[-3:]),
        "/".join(parts[-2:]),
    ):
        if candidate and candidate.upper() not in ("UTC", "GMT", "Z"):
            try:
                pendulum.timezone(candidate)
            except Exception:  # an unknown zone: try the next reading
                continue
            return candidate
    return ""


def _occurrences(calendar: Any, masters: list[Any], zone: str, comments: list[str]) -> list[Any]:
    """The events on the event's days: every one-off event and every occurrence of a series
    with an end (COUNT or UNTIL) marks a day; a series without end fills those days."""
    endless = {_uid(m) for m in masters if _endless(m)}
    anchors = [m for m in masters if _uid(m) not in endless]
    firsts = [_day(m["DTSTART"].dt, zone) for m in (anchors or masters) if "DTSTART" in m]
    if not firsts:
        raise ScheduleError("the calendar's events have no DTSTART")
    first = min(firsts)
    series = {_uid(m) for m in masters if {"RRULE", "RDATE", "RECURRENCE-ID"} & set(m)}
    found = [m for m in masters if _uid(m) not in series]  # one-off: as they are, and fast
    if series:
        repeating = icalendar.Calendar()
        for key, value in calendar.items():  # X-WR-TIMEZONE among them
            repeating[key] = value
        for component in calendar.subcomponents:
            if component.name == "VTIMEZONE" or (
                component.name == "VEVENT" and _uid(component) in series
            ):
                repeating.add_component(component)
        try:
            found += recurring_ical_events.of(repeating).between(first, first + YEAR)
        except Exception as exc:  # the library's own kinds, for a rule it cannot follow
            raise ScheduleError(f"its repeating events cannot be expanded: {exc}") from None
    if not anchors:
        comments.append(
            "Every event repeats without end: only the first day is imported; give the series"
            " an end (COUNT or UNTIL) for more days"
        )
        last = first
    else:
        last = max(
            _day((c.get("DTEND") or c["DTSTART"]).dt, zone, end=True)
            for c in found
            if _uid(c) not in endless and "DTSTART" in c
        )
    # an event without DTSTART stays, to be named by the caller
    return [c for c in found if "DTSTART" not in c or first <= _day(c["DTSTART"].dt, zone) <= last]


def _uid(component: Any) -> str:
    return str(component.get("UID", ""))


def _endless(master: Any) -> bool:
    rule = master.get("RRULE")
    return rule is not None and "COUNT" not in rule and "UNTIL" not in rule


def _local(moment: datetime, zone: str) -> datetime:
    """A time of the calendar in the venue's zone (a floating time is the venue's own)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=ZoneInfo(zone))  # ZoneInfo keeps each zone it loads
    return moment.astimezone(ZoneInfo(zone))


def _day(moment: date, zone: str, end: bool = False) -> date:
    if isinstance(moment, datetime):
        local = _local(moment, zone)
        # an event ending at midnight ends on the day before
        return (local - timedelta(microseconds=1)).date() if end else local.date()
    return moment - timedelta(days=1) if end else moment  # an all-day DTEND is exclusive


def _room(location: Any) -> str:
    return " ".join(str(location or "").split())


def _rooms(components: Iterable[Any]) -> list[str]:
    """The calendar's locations in the order they are first used."""
    names: list[str] = []
    for component in components:
        name = _room(component.get("LOCATION"))
        if name and name not in names:
            names.append(name)
    return names


def _event(
    component: Any, begin: datetime, minutes: int, room: str, recurring: set[str]
) -> dict[str, Any]:
    uid = str(component.get("UID", "")).strip()
    title = str(component.get("SUMMARY", ""))
    if not uid:  # a calendar without UIDs: its title and time keep the host's place
        uid = hashlib.sha1(f"{title}|{begin.isoformat()}".encode()).hexdigest()[:12]
    if uid in recurring:  # a series shares its UID: each occurrence needs its own
        # the time it was planned at (RECURRENCE-ID): one moved keeps the host's place
        planned = component.get("RECURRENCE-ID")
        at = planned.dt if planned is not None and isinstance(planned.dt, datetime) else begin
        at = at.replace(tzinfo=begin.tzinfo) if at.tzinfo is None else at.astimezone(begin.tzinfo)
        uid = f"{uid}/{at:%Y%m%dT%H%M}"
    description = str(component.get("DESCRIPTION", "")).strip()
    url = component.get("URL")
    return {
        "id": uid,
        "date": begin.isoformat(),
        "start": begin.strftime("%H:%M"),
        "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
        "room": room,
        "title": title,
        "subtitle": description.splitlines()[0] if description else "",
        "url": str(url) if url else "",
        "persons": [],
    }
