"""A pretalx or frab schedule.json as a programme.yaml an organiser can read and edit.

The format is the one pretalx exports and frab and c3voc share:
`schedule.conference.days[].rooms{room: [event]}`, each event with `date` (ISO, with the
offset), `start` "HH:MM", `duration` "HH:MM", `room`, `title`, `persons[]`, `guid`, `id`. A
pretalx day runs from 04:00 to 03:59: a talk at 00:30 belongs to the day before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pendulum
import yaml

from kiosk.core.times import closing_wall, is_evening
from kiosk.files.loader import MAX_BYTES

DAY_BREAK = 4  # hours: a pretalx day starts at 04:00
_HHMM = re.compile(r"^(\d{1,3}):(\d{2})(?::\d{2})?$", re.ASCII)
_BREAKS = {"break", "pause", "lunch", "coffee break"}
# what YAML does not allow unescaped in a file (its printable set, YAML 1.1 section 5.1)
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class ScheduleError(ValueError):
    """The schedule cannot be imported; the message is one line for the organiser."""


@dataclass(frozen=True)
class _Talk:
    start: datetime  # in the event's timezone
    minutes: int | None
    room: str
    title: str
    by: str
    kind: str | None
    ident: str
    subtitle: str
    about: str  # the track and the talk's page, for a comment above it
    fitted: str = ""  # what the import changed to fit the programme's rules, for a comment


def read(path: str | Path) -> str:
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
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise ScheduleError(f"is not JSON{where}") from None
    return convert(data, path.name)


def convert(data: Any, source: str = "schedule.json") -> str:
    """The programme.yaml text for a parsed schedule.json."""
    conference = _get(data, "schedule", dict, "the top level")
    conference = _get(conference, "conference", dict, "schedule")
    title = _get(conference, "title", str, "conference").strip() or "Conference"
    days = _get(conference, "days", list, "conference")
    zone, zone_note = _timezone(conference, days)
    rooms = _rooms(conference, days)
    talks: dict[date, list[_Talk]] = {}
    for n, day in enumerate(days, 1):
        if not isinstance(day, dict) or not isinstance(day.get("rooms"), dict):
            raise ScheduleError(f"day {n}: has no 'rooms' mapping of room names to events")
        for room, events in day["rooms"].items():
            if not isinstance(events, list):
                raise ScheduleError(f"day {n}, room {room}: its events are not a list")
            for event in events:
                talk = _talk(event, str(room), day, zone, f"day {n}, room {room}")
                # a pretalx day runs 04:00 to 03:59: the small hours are the day before's
                on = (talk.start - timedelta(hours=DAY_BREAK)).date()
                talks.setdefault(on, []).append(talk)
    if not talks:
        raise ScheduleError("the schedule has no events")
    talks = _by_day(talks)
    order = {name: n for n, name in enumerate(rooms)}
    for day, day_talks in talks.items():
        day_talks.sort(key=lambda t: (t.start, order.get(t.room, len(order)), t.title))
        talks[day] = _fit(day, day_talks)
    return "\n".join(_lines(conference, title, zone, zone_note, rooms, talks, source)) + "\n"


def _by_day(talks: dict[date, list[_Talk]]) -> dict[date, list[_Talk]]:
    """The programme's days: a day read as an evening (its first start from 06:00) keeps its
    small hours; in a day that starts earlier, the loader would read 01:00 as that morning,
    so talks after midnight go to the day of their own date."""
    out: dict[date, list[_Talk]] = {}
    for day, day_talks in sorted(talks.items()):
        earliest = min(day_talks, key=lambda t: t.start).start
        first = earliest.hour * 60 + earliest.minute  # as the planner reads the day: written
        for talk in day_talks:
            on = day if is_evening(first) or talk.start.date() == day else talk.start.date()
            out.setdefault(on, []).append(talk)
    return dict(sorted(out.items()))


def _wall(talk: _Talk, day: date) -> int:
    """The talk's start as minutes of its programme day (the small hours after 24:00)."""
    return (talk.start.date() - day).days * 24 * 60 + talk.start.hour * 60 + talk.start.minute


def _fit(day: date, talks: list[_Talk]) -> list[_Talk]:
    """The day's talks as the programme's rules take them, each change said in a comment:
    talks at the same time in one room become one item, a talk that runs into the next in
    its room ends when that one starts, and none runs past the day's end."""
    earliest = min(talks, key=lambda t: t.start).start
    evening = is_evening(earliest.hour * 60 + earliest.minute)
    limit = closing_wall(evening)
    out: list[_Talk] = []
    last: dict[str, int] = {}  # room -> index in out of its latest talk
    for talk in talks:
        start = _wall(talk, day)
        k = last.get(talk.room)
        if k is not None and _wall(out[k], day) == start:  # two at once in one room
            same = out[k]
            out[k] = replace(
                same,
                title=f"{same.title} / {talk.title}",
                by=", ".join(x for x in (same.by, talk.by) if x),
                minutes=min(max(same.minutes or 0, talk.minutes or 0), limit - start) or None,
                fitted="two talks at the same time in this room, here as one",
            )
            continue
        if k is not None and out[k].minutes is not None:
            before = out[k]
            end = _wall(before, day) + (before.minutes or 0)
            if end > start:
                out[k] = replace(
                    before,
                    minutes=start - _wall(before, day),
                    fitted=f"runs {end - start} min into the next talk here: cut to fit",
                )
        if talk.minutes is not None and start + talk.minutes > limit:
            talk = replace(
                talk,
                minutes=limit - start,
                fitted=f"runs {start + talk.minutes - limit} min past the day's end: cut",
            )
        last[talk.room] = len(out)
        out.append(talk)
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


def _timezone(conference: dict[str, Any], days: list[Any]) -> tuple[str, str]:
    """The event's timezone, and a comment saying where it came from."""
    name = conference.get("time_zone_name")
    if isinstance(name, str) and name.strip():
        try:
            pendulum.timezone(name.strip())
        except Exception:  # pendulum raises its own kinds for unknown zones
            raise ScheduleError(f"time_zone_name '{name}' is not a timezone") from None
        return name.strip(), "from the schedule's time_zone_name"
    for event in _events(days):
        moment = _moment(event.get("date")) if isinstance(event, dict) else None
        if moment is not None and moment.utcoffset() is not None:
            offset = moment.utcoffset()
            assert offset is not None
            hours, rest = divmod(round(offset.total_seconds() / 60), 60)
            if rest == 0:
                # Etc/GMT counts the other way: UTC+2 is Etc/GMT-2
                zone = "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
                note = (
                    f"from the events' offset (UTC{hours:+d}): the schedule names no timezone;"
                    " write the venue's, like Europe/Amsterdam, if the clocks change in between"
                )
                return zone, note
    raise ScheduleError("the schedule names no timezone (time_zone_name) and its events no offset")


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
    return " ".join(name.split())


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


def _talk(event: Any, room: str, day: dict[str, Any], zone: str, where: str) -> _Talk:
    """One event as a part of the programme, or the one line that says what is missing."""
    if not isinstance(event, dict):
        raise ScheduleError(f"{where}: an event is not a mapping")
    title = event.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ScheduleError(f"{where}: an event has no title")
    where = f"{where}, '{title.strip()}'"
    moment = _moment(event.get("date"))
    if moment is None:  # no full date: the day's date and the start as wall time
        start = event.get("start")
        when = _moment(f"{day.get('date', '')}T00:00")
        if not isinstance(start, str) or when is None or not _HHMM.match(start.strip()):
            raise ScheduleError(f"{where}: has no 'date' and no day date with a 'start' HH:MM")
        hours = _minutes(start, where)
        local = pendulum.datetime(when.year, when.month, when.day, tz=zone)
        moment = local.add(minutes=hours)
    elif moment.tzinfo is None:
        moment = pendulum.instance(moment, tz=zone)
    if "duration" not in event:
        raise ScheduleError(f"{where}: has no 'duration'")
    minutes = _minutes(event["duration"], where)
    persons = event.get("persons") or []
    names = [
        str(p.get("public_name") or p.get("name") or p.get("full_public_name") or "").strip()
        for p in persons
        if isinstance(p, dict)
    ]
    kind = event.get("type")
    kind = kind.strip().lower() if isinstance(kind, str) and kind.strip() else None
    if kind in _BREAKS:
        kind = "break"
    elif kind == "end":  # the programme's own close, not a kind of talk
        kind = None
    ident = event.get("id") if event.get("id") is not None else event.get("guid")
    if ident is None:
        raise ScheduleError(f"{where}: has no 'id' or 'guid' to keep the host's place by")
    subtitle = event.get("subtitle")
    about = [event.get("track"), event.get("url")]
    return _Talk(
        start=pendulum.instance(moment).in_tz(zone),
        minutes=minutes or None,
        room=_room(room),  # the day's room it is listed under, as event.rooms names it
        title=title.strip(),
        by=", ".join(n for n in names if n),
        kind=kind,
        ident=f"event-{ident}" if isinstance(ident, int) else str(ident),
        subtitle=subtitle.strip() if isinstance(subtitle, str) else "",
        about=" · ".join(" ".join(x.split()) for x in about if isinstance(x, str) and x.strip()),
    )


def _lines(
    conference: dict[str, Any],
    title: str,
    zone: str,
    zone_note: str,
    rooms: list[str],
    talks: dict[date, list[_Talk]],
    source: str,
) -> Iterator[str]:
    yield "# yaml-language-server: $schema=./programme.schema.json"
    yield "#"
    yield f"# Imported from {source} by `kiosk import`. Edit it freely: a new import replaces it,"
    yield "# and the ids (from the schedule's) keep the host's place across an import."
    yield "# Check an edit with:  kiosk check programme.yaml"
    yield "event:"
    yield f"  title: {_scalar(title)}"
    yield f"  timezone: {zone}  # {zone_note}"
    languages = {
        str(e.get("language", "")).lower()
        for e in _events(conference["days"])
        if isinstance(e, dict) and e.get("language")
    }
    yield f"  language: {'nl' if languages == {'nl'} else 'en'}"
    if rooms:  # a calendar of one place has none: its items are for everyone
        yield f"  rooms: [{', '.join(_scalar(r, flow=True) for r in rooms)}]"
    url = conference.get("url")
    if isinstance(url, str) and url.strip():
        yield f"  notes: [{_scalar(url.strip(), flow=True)}]"
    days = sorted(talks)
    if len(days) == 1:
        yield f"  date: {days[0].isoformat()}"
        yield "programme:"
        yield from _items(talks[days[0]], "  ")
        return
    yield "days:"
    for day in days:
        yield f"  - date: {day.isoformat()}"
        yield "    programme:"
        yield from _items(talks[day], "      ")


def _items(talks: list[_Talk], indent: str) -> Iterator[str]:
    for talk in talks:
        for comment in (talk.about, talk.fitted):
            if comment:
                yield f"{indent}# {_UNPRINTABLE.sub('', comment)}"
        yield f"{indent}- start: {talk.start.strftime('%H:%M')}"
        pad = indent + "  "
        if talk.minutes:
            yield f"{pad}duration: {talk.minutes}"
        if talk.room:
            yield f"{pad}room: {_scalar(talk.room)}"
        yield f"{pad}title: {_scalar(talk.title)}"
        if talk.by:
            yield f"{pad}by: {_scalar(talk.by)}"
        if talk.subtitle:
            yield f"{pad}description: {_scalar(talk.subtitle)}"
        if talk.kind:
            yield f"{pad}kind: {_scalar(talk.kind)}"
        yield f"{pad}id: {_scalar(talk.ident)}"


def _scalar(text: str, flow: bool = False) -> str:
    """Text as YAML writes it by hand: plain where YAML reads it back the same, else quoted."""
    one = " ".join(text.split())
    probe = f"[{one}]" if flow else one
    try:
        back = yaml.safe_load(probe)
    except yaml.YAMLError:
        back = None
    same = back == [one] if flow else back == one
    if same and one and not one.startswith(("#", "-", "&", "*", "!", "%", "@", "`")):
        return one
    # JSON's escapes are YAML's; YAML also refuses raw what JSON leaves raw (DEL, C1, ...)
    quoted = json.dumps(one, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)
