"""A frab, pretalx or Pentabarf schedule.xml as the dict frab's schedule.json parses to.

The three write one format with differences: frab and pretalx give each event a `guid`, a
full `<date>` and the conference's `<time_zone_name>`, and each `<day>` its `start` and `end`;
Pentabarf (FOSDEM) gives ids only, durations as HH:MM:SS or HH:MM, a `<day_change>` and,
before 2024, no timezone at all. The dict has the JSON's keys (conference title, acronym,
time_zone_name, url, days with index, date, day_start, day_end and rooms of events), so that
everything kiosk.files.pretalx does with a schedule.json it does with the XML too.

The parser is defusedxml's: no entity declarations, no external references.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from kiosk.files.pretalx import ScheduleError

# the conference's own fields, as schedule.json names them (the XML's tag where it differs)
_CONFERENCE = (
    "acronym",
    "title",
    "subtitle",
    "start",
    "end",
    "time_zone_name",
    "timeslot_duration",
    "day_change",
    "base_url",
    "url",
    "venue",
    "city",
)
_EVENT = (
    "date",
    "start",
    "duration",
    "room",
    "slug",
    "url",
    "title",
    "subtitle",
    "track",
    "type",
    "language",
    "abstract",
    "description",
    "logo",
)
_DIGITS = re.compile(r"^\d{1,18}$", re.ASCII)
_NEWLINE = b"\n"


def schedule(raw: bytes) -> dict[str, Any]:
    """The schedule.json dict for a schedule.xml's bytes, or the one line that says why not."""
    root = _parse(raw)
    if _tag(root) != "schedule":
        raise ScheduleError(
            f"is XML, but not a frab or Pentabarf schedule: its root is <{_tag(root)}>,"
            " not <schedule>"
        )
    conference_el = _child(root, "conference")
    if conference_el is None:
        raise ScheduleError("not a frab or Pentabarf schedule.xml: <schedule> has no <conference>")
    conference: dict[str, Any] = {}
    for key in _CONFERENCE:
        value = _text(conference_el, key)
        if value:
            conference[key] = value
    days: list[dict[str, Any]] = []
    rooms: list[str] = []
    for n, day_el in enumerate(_children(root, "day"), 1):
        days.append(_day(day_el, n, rooms))
    conference["days"] = days
    conference["rooms"] = [{"name": name} for name in rooms]
    version = _text(root, "version")
    return {"schedule": {"version": version, "conference": conference}}


def _parse(raw: bytes) -> Element:
    try:
        return SafeET.fromstring(raw)
    except ParseError as exc:
        line, column = exc.position
        what = str(exc).split(":")[0]  # expat's words, without its own "line, column"
        raise ScheduleError(
            f"is not well-formed XML: {what} at line {line}, column {column}"
        ) from None
    except DefusedXmlException as exc:
        # entities and external references are refused before they are looked at
        at = raw.find(b"<!ENTITY")
        where = f" at line {raw.count(_NEWLINE, 0, at) + 1}" if at >= 0 else ""
        raise ScheduleError(
            f"is XML with an entity declaration or external reference{where}"
            f" ({type(exc).__name__}): a schedule needs none, so it is not read"
        ) from None


def _day(day_el: Element, n: int, rooms: list[str]) -> dict[str, Any]:
    index = day_el.get("index", "")
    day: dict[str, Any] = {"index": int(index) if _DIGITS.match(index) else n}
    for attribute, key in (("date", "date"), ("start", "day_start"), ("end", "day_end")):
        value = (day_el.get(attribute) or "").strip()
        if value:
            day[key] = value
    events: dict[str, list[dict[str, Any]]] = {}
    for room_el in _children(day_el, "room"):
        name = (room_el.get("name") or "").strip()
        if name not in rooms:
            rooms.append(name)
        listed = events.setdefault(name, [])  # a room named twice in a day: one list
        listed.extend(_event(event_el, name) for event_el in _children(room_el, "event"))
    day["rooms"] = events
    return day


def _event(event_el: Element, room: str) -> dict[str, Any]:
    event: dict[str, Any] = {}
    for attribute in ("id", "guid"):
        value = (event_el.get(attribute) or "").strip()
        if value:
            # frab's JSON has the id as a number: the same ids whichever file is imported
            event[attribute] = int(value) if attribute == "id" and _DIGITS.match(value) else value
    for key in _EVENT:
        element = _child(event_el, key)
        if element is not None:
            event[key] = "".join(element.itertext()).strip()
    event["room"] = event.get("room") or room
    persons = _child(event_el, "persons")
    listed = _children(persons, "person") if persons is not None else []
    event["persons"] = [_person(person_el) for person_el in listed]
    links = _child(event_el, "links")
    event["links"] = [
        {"url": link.get("href", ""), "title": "".join(link.itertext()).strip()}
        for link in (_children(links, "link") if links is not None else [])
    ]
    return event


def _person(person_el: Element) -> dict[str, Any]:
    person: dict[str, Any] = {"public_name": "".join(person_el.itertext()).strip()}
    ident = (person_el.get("id") or "").strip()
    if ident:
        person["id"] = int(ident) if _DIGITS.match(ident) else ident
    return person


def _tag(element: Element) -> str:
    """The element's name without a namespace: `{urn:x}schedule` is a schedule too."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _children(element: Element, tag: str) -> list[Element]:
    return [child for child in element if _tag(child) == tag]


def _child(element: Element, tag: str) -> Element | None:
    found = _children(element, tag)
    return found[0] if found else None


def _text(element: Element, tag: str) -> str:
    child = _child(element, tag)
    return "".join(child.itertext()).strip() if child is not None else ""
