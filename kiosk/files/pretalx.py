"""A pretalx or frab schedule.json as a programme.yaml an organiser can read and edit.

The format is the one pretalx exports and frab and c3voc share:
`schedule.conference.days[].rooms{room: [event]}`, each event with `date` (ISO, with the
offset), `start` "HH:MM", `duration` "HH:MM", `room`, `title`, `persons[]`, `guid`, `id`.

Days are the export's own: a day's `day_start`/`day_end` (or the conference's `day_change`)
say which day a talk belongs to, so a congress day that runs from 06:00 to 06:00 stays one
day and its small hours are that day's night. An export that says nothing of its days has
pretalx's: a day runs from 04:00 to 03:59, a talk at 00:30 belongs to the day before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pendulum

from kiosk.core.problems import did_you_mean
from kiosk.core.times import MORNING, closing_wall
from kiosk.files.loader import MAX_BYTES
from kiosk.files.programme_yaml import Talk, programme_lines
from kiosk.files.schedule_text import plain
from kiosk.files.talk_placement import fit, into_the_night, unique_ids, wall

DAY_BREAK = 4  # hours: a pretalx day starts at 04:00
_HHMM = re.compile(r"^(\d{1,3}):(\d{2})(?::\d{2})?$", re.ASCII)
_BREAKS = {"break", "pause", "lunch", "coffee break"}
DESCRIPTION_MOST = 300  # characters of an abstract kept as an item's description


class ScheduleError(ValueError):
    """The schedule cannot be imported; the message is one line for the organiser."""


def read(path: str | Path, *, timezone: str | None = None, rooms: str | None = None) -> str:
    """The programme.yaml text for the schedule.json at `path`."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(20 * MAX_BYTES + 1)
    except OSError as exc:
        raise ScheduleError(f"cannot be read ({exc.strerror})") from None
    if len(raw) > 20 * MAX_BYTES:
        raise ScheduleError("is over 20 MiB; a schedule.json is far smaller")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
        if head.startswith(b"<"):
            raise ScheduleError("is XML, not JSON: export the schedule as JSON") from None
        if head.upper().startswith(b"BEGIN:VCALENDAR"):
            raise ScheduleError("is iCalendar, not JSON: export the schedule as JSON") from None
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise ScheduleError(f"is not JSON{where}") from None
    return convert(data, path.name, timezone=timezone, rooms=rooms)


def convert(
    data: Any,
    source: str = "schedule.json",
    *,
    timezone: str | None = None,
    rooms: str | None = None,
) -> str:
    """The programme.yaml text for a parsed schedule.json. `timezone`: the event's, for an
    export that names none (or names a wrong one); `rooms`: "A,B,C", only those, in that
    order."""
    _recognise(data)
    if isinstance(data, dict) and "schedule" not in data and "conference" in data:
        data = {"schedule": data}  # the schedule without its wrapper, as some tools write it
    conference = _get(data, "schedule", dict, "the top level")
    conference = _get(conference, "conference", dict, "schedule")
    title = plain(_get(conference, "title", str, "conference")) or "Conference"
    days = _get(conference, "days", list, "conference")
    zone, zone_note = _timezone(conference, days, timezone)
    # an old frab export (no time_zone_name) may date a talk after midnight on its day's
    # date: its day and its start say when it is
    dated = isinstance(conference.get("time_zone_name"), str)
    spans = [_span(conference, day, zone) for day in days]
    listed: list[Talk] = []
    for n, day in enumerate(days, 1):
        if not isinstance(day, dict) or not isinstance(day.get("rooms"), dict):
            raise ScheduleError(f"day {n}: has no 'rooms' mapping of room names to events")
        for room, events in day["rooms"].items():
            if not isinstance(events, list):
                raise ScheduleError(f"day {n}, room {room}: its events are not a list")
            for event in events:
                where = f"day {n}, room {room}"
                listed.append(_talk(event, str(room), day, n - 1, zone, where, spans, dated))
    if not listed:
        raise ScheduleError("the schedule has no events")
    listed = unique_ids(listed)
    every = _rooms(conference, days)
    active = {t.room for t in listed}
    left_out = [r for r in every if r not in active]
    names = [r for r in every if r in active]
    order = {name: n for n, name in enumerate(names)}
    if rooms is not None:
        names = _chosen(rooms, every)
        order = {name: n for n, name in enumerate(names)}
        listed = [t for t in listed if t.room in order]
        left_out = []
    talks = _days(listed, days, spans)
    for day, day_talks in talks.items():
        day_talks.sort(key=lambda t: (t.start, order.get(t.room, len(order)), t.title))
        talks[day] = fit(day, day_talks)
    url = conference.get("url")
    return (
        "\n".join(
            programme_lines(
                title,
                _language(conference["days"]),
                (zone, zone_note),
                names,
                left_out,
                url.strip() if isinstance(url, str) else "",
                talks,
                source,
            )
        )
        + "\n"
    )


def _recognise(data: Any) -> None:
    """Refuse, by name, the other shapes a conference's JSON comes in."""
    if isinstance(data, dict) and {"count", "results"} <= data.keys():
        raise ScheduleError(
            "this looks like a pretalx API dump (count, next, results), not a schedule export:"
            " in pretalx, Schedule → Export → JSON (schedule.json)"
        )
    if isinstance(data, list) and data and isinstance(data[0], dict) and "code" in data[0]:
        raise ScheduleError(
            "this looks like a list of pretalx API records (each with a 'code'), not a"
            " schedule export: in pretalx, Schedule → Export → JSON (schedule.json)"
        )
    if isinstance(data, dict) and isinstance(data.get("slots"), list) and "schedule" not in data:
        raise ScheduleError(
            "this looks like a pretalx API schedule (slots), not a schedule export:"
            " in pretalx, Schedule → Export → JSON (schedule.json)"
        )
    if isinstance(data, dict) and {"talks", "rooms"} <= data.keys() and "schedule" not in data:
        raise ScheduleError(
            "this looks like pretalx's schedule widget data (talks, rooms), not a schedule"
            " export: in pretalx, Schedule → Export → JSON (schedule.json)"
        )
    schedule = data.get("schedule") if isinstance(data, dict) else None
    if isinstance(schedule, dict) and isinstance(schedule.get("events"), list):
        days = (schedule.get("conference") or {}).get("days")
        if not (isinstance(days, list) and any(isinstance(d, dict) and "rooms" in d for d in days)):
            raise ScheduleError(
                "this looks like the CCC hub's schedule version 2 (schedule.events, days"
                " without rooms), not a frab schedule.json: take the frab-style schedule.json"
                " the Fahrplan also publishes"
            )


def _span(conference: dict[str, Any], day: Any, zone: str) -> tuple[datetime, datetime] | None:
    """When the export says a day begins and ends: its day_start and day_end (start and end
    in c3voc's shape), or its date from the conference's day_change to the next."""
    if not isinstance(day, dict):
        return None
    texts = [day.get("day_start", day.get("start")), day.get("day_end", day.get("end"))]
    start, end = (_moment(t) if isinstance(t, str) and "T" in t else None for t in texts)
    if start is not None and end is not None:
        start, end = _in(start, zone), _in(end, zone)
        return (start, end) if start < end else None
    on = _moment(f"{day.get('date', '')}T00:00")
    change = conference.get("day_change")
    if on is not None and isinstance(change, str) and _HHMM.match(change.strip()):
        begin = pendulum.datetime(on.year, on.month, on.day, tz=zone).add(
            minutes=_minutes(change, "day_change")
        )
        return begin, begin.add(days=1)
    return None


def _in(moment: datetime, zone: str) -> datetime:
    """An ISO moment in the event's timezone (without an offset: its wall clock)."""
    if moment.tzinfo is None:
        return pendulum.instance(moment, tz=zone)
    return pendulum.instance(moment).in_tz(zone)


def _days(
    talks: list[Talk], days: list[Any], spans: list[tuple[datetime, datetime] | None]
) -> dict[date, list[Talk]]:
    """The programme's days: each talk on the export's day whose span holds its start (one
    placed by its day and start: that day); otherwise, as in pretalx, on the day of its date,
    a day running from 04:00 to 03:59."""
    dates = [
        _day_date(day, span, talks, n)
        for n, (day, span) in enumerate(zip(days, spans, strict=True))
    ]
    out: dict[date, list[Talk]] = {}
    for talk in talks:
        on: date | None = dates[talk.listed] if talk.rebuilt else None
        if on is None:
            n = next((k for k, s in enumerate(spans) if s and s[0] <= talk.start < s[1]), None)
            on = None if n is None else dates[n]
        if on is None or not 0 <= wall(talk, on) < closing_wall(True):
            # the small hours are the day before's
            on = (talk.start - timedelta(hours=DAY_BREAK)).date()
        out.setdefault(on, []).append(talk)
    return into_the_night(dict(sorted(out.items())))


def _day_date(day: Any, span: tuple[datetime, datetime] | None, talks: list[Talk], n: int) -> date:
    on = _moment(f"{day.get('date', '')}T00:00") if isinstance(day, dict) else None
    if on is not None:
        return on.date()
    if span is not None:
        return span[0].date()
    return min((t.start for t in talks if t.listed == n), default=talks[0].start).date()


def _chosen(text: str, names: list[str]) -> list[str]:
    """--rooms A,B,C as the schedule's rooms, in that order; an unknown name is refused."""
    wanted = [_room(x) for x in text.split(",") if x.strip()]
    if not wanted:
        raise ScheduleError("--rooms: give the rooms to keep, like --rooms 'Saal 1,Saal 2'")
    out: list[str] = []
    for name in wanted:
        found = next((r for r in names if r.casefold() == name.casefold()), None)
        if found is None:
            hint = did_you_mean(name, tuple(names), otherwise=f"rooms: {', '.join(names)}")
            raise ScheduleError(f"--rooms: '{name}' is not a room of the schedule{hint}")
        if found not in out:
            out.append(found)
    return out


def _get(data: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise ScheduleError(
            f"not a pretalx or frab schedule.json: {where} has no '{key}'"
            if key in ("schedule", "conference")
            else f"{where} has no '{key}'"
        )
    value = data[key]
    if not isinstance(value, kind):
        raise ScheduleError(f"{where}: '{key}' is not a {kind.__name__}")
    return value


def _zone(name: str, what: str) -> str:
    try:
        pendulum.timezone(name.strip())
    except Exception:  # pendulum raises its own kinds for unknown zones
        raise ScheduleError(f"{what} '{name}' is not a timezone, like Europe/Berlin") from None
    return name.strip()


def _timezone(conference: dict[str, Any], days: list[Any], given: str | None) -> tuple[str, str]:
    """The event's timezone, and a comment saying where it came from."""
    name = conference.get("time_zone_name")
    named = name.strip() if isinstance(name, str) else ""
    if given is not None:
        zone = _zone(given, "--timezone")
        said = f" (the schedule says {named})" if named and named != zone else ""
        return zone, f"from --timezone{said}"
    if named:
        return _zone(named, "time_zone_name"), "from the schedule's time_zone_name"
    moments = [_moment(e.get("date")) for e in _events(days) if isinstance(e, dict)]
    moments += [_moment(d.get("day_start")) for d in days if isinstance(d, dict)]
    for moment in moments:
        offset = moment.utcoffset() if moment is not None else None
        if offset is not None:
            hours, rest = divmod(round(offset.total_seconds() / 60), 60)
            if rest == 0:
                # Etc/GMT counts the other way: UTC+2 is Etc/GMT-2
                zone = "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
                note = (
                    f"from the events' offset (UTC{hours:+d}): the schedule names no timezone;"
                    " import with --timezone, like Europe/Berlin, if the clocks change between"
                )
                return zone, note
    raise ScheduleError(
        "the schedule names no timezone (time_zone_name) and its events no offset:"
        " give the venue's with --timezone, like --timezone Europe/Berlin"
    )


def _language(days: list[Any]) -> str:
    """The programme's language: Dutch when every talk that says says Dutch."""
    languages = {
        str(e.get("language", "")).lower()
        for e in _events(days)
        if isinstance(e, dict) and e.get("language")
    }
    return "nl" if languages == {"nl"} else "en"


def _events(days: list[Any]) -> Iterator[Any]:
    for day in days:
        if isinstance(day, dict) and isinstance(day.get("rooms"), dict):
            for events in day["rooms"].values():
                if isinstance(events, list):
                    yield from events


def _rooms(conference: dict[str, Any], days: list[Any]) -> list[str]:
    """The rooms in the file's order: the conference's list, then any only the days name."""
    names: list[str] = []
    listed = conference.get("rooms")
    for room in listed if isinstance(listed, list) else []:
        name = room.get("name") if isinstance(room, dict) else room
        if isinstance(name, str) and _room(name) and _room(name) not in names:
            names.append(_room(name))
    for day in days:
        if isinstance(day, dict) and isinstance(day.get("rooms"), dict):
            for name in day["rooms"]:
                if _room(str(name)) and _room(str(name)) not in names:
                    names.append(_room(str(name)))
    return names


def _room(name: str) -> str:
    """A room's name as the programme writes it: "Hall  1" and "Hall 1" are one room."""
    return plain(name)


def _moment(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _minutes(text: Any, what: str) -> int:
    match = _HHMM.match(str(text).strip())
    if not match:
        raise ScheduleError(f"{what}: duration '{text}' is not HH:MM")
    return int(match[1]) * 60 + int(match[2])


def _start(
    event: dict[str, Any],
    day: dict[str, Any],
    zone: str,
    where: str,
    span: tuple[datetime, datetime] | None,
    dated: bool,
) -> tuple[datetime, bool, str]:
    """When the event starts, whether that was found from its day and start rather than its
    own date, and a comment when that moved it. An old export (`dated` false: no timezone)
    may date a talk after midnight, without an offset, on its day's date (30C3's do), or not
    at all: then the start on the day's date, or the next if it is before the day begins (its
    day_start, or day_change; else 06:00, the kiosk's own)."""
    moment = _moment(event.get("date"))
    if moment is not None and (dated or moment.tzinfo is not None):
        return _in(moment, zone), False, ""  # a date with its offset means what it says
    start = event.get("start")
    if not (isinstance(start, str) and _HHMM.match(start.strip())):
        start = moment.strftime("%H:%M") if moment is not None else None
    on = _moment(f"{day.get('date', '')}T00:00") or moment
    if on is None or start is None:
        raise ScheduleError(f"{where}: has no 'date' and no day date with a 'start' HH:MM")
    clock = _minutes(start, where)
    begins = MORNING if span is None else span[0].hour * 60 + span[0].minute
    if moment is not None and (moment.date() != on.date() or clock >= begins):
        return _in(moment, zone), False, ""  # not the old mistake: its date holds
    when = on.date() + timedelta(days=1 if clock < begins else 0)
    # a start written past midnight ("24:30", as some tools write the night) is the next day's
    when += timedelta(days=clock // (24 * 60))
    hour, minute = divmod(clock % (24 * 60), 60)
    note = ""
    if moment is not None and moment.date() != when:
        note = (
            f"dated {moment.date().isoformat()} in the schedule, but at {start} it is in the"
            f" night after its day: {when.isoformat()}"
        )
    found = pendulum.datetime(when.year, when.month, when.day, hour, minute, tz=zone)
    return found, True, note


def _talk(
    event: Any,
    room: str,
    day: dict[str, Any],
    n: int,
    zone: str,
    where: str,
    spans: list[tuple[datetime, datetime] | None],
    dated: bool,
) -> Talk:
    """One event as a part of the programme, or the one line that says what is missing."""
    if not isinstance(event, dict):
        raise ScheduleError(f"{where}: an event is not a mapping")
    raw = event.get("title")
    title = plain(raw) if isinstance(raw, str) else ""
    if not title:
        raise ScheduleError(f"{where}: an event has no title")
    where = f"{where}, '{title}'"
    start, rebuilt, moved = _start(event, day, zone, where, spans[n], dated)
    if "duration" not in event:
        raise ScheduleError(f"{where}: has no 'duration'")
    minutes = _minutes(event["duration"], where)
    persons = event.get("persons") or []
    names = [
        plain(str(p.get("public_name") or p.get("name") or p.get("full_public_name") or ""))
        for p in persons
        if isinstance(p, dict)
    ]
    kind = event.get("type")
    kind = plain(kind).lower() if isinstance(kind, str) and plain(kind) else None
    if kind in _BREAKS:
        kind = "break"
    elif kind == "end":  # the programme's own close, not a kind of talk
        kind = None
    ident = event.get("id") if event.get("id") is not None else event.get("guid")
    if ident is None:
        raise ScheduleError(f"{where}: has no 'id' or 'guid' to keep the host's place by")
    guid = event.get("guid")
    about = [event.get("track"), event.get("url")]
    return Talk(
        start=start,
        minutes=minutes or None,
        room=_room(room),  # the day's room it is listed under, as event.rooms names it
        title=title,
        by=", ".join(n for n in names if n),
        kind=kind,
        # the id, and the guid for a repeat of it (see unique_ids)
        ident=(f"event-{ident}" if isinstance(ident, int) else str(ident))
        + ("\0" + str(guid) if isinstance(guid, str) and guid.strip() else ""),
        description=_description(event),
        about=" · ".join(plain(x) for x in about if isinstance(x, str) and plain(x)),
        listed=n,
        rebuilt=rebuilt,
        notes=(moved,) if moved else (),
    )


def _description(event: dict[str, Any]) -> str:
    """The subtitle, or else the abstract's start, as plain text."""
    for key in ("subtitle", "abstract"):
        value = event.get(key)
        text = plain(value) if isinstance(value, str) else ""
        if len(text) > DESCRIPTION_MOST:
            text = text[:DESCRIPTION_MOST].rsplit(" ", 1)[0] + " …"
        if text:
            return text
    return ""
