"""The schedules `kiosk import` reads, each known by its content, and the one that reads it.

A pretalx or frab schedule.json (kiosk.files.pretalx), a frab, pretalx or Pentabarf
schedule.xml (kiosk.files.frab_xml) and an iCalendar file (kiosk.files.ical) all become the
same programme.yaml: the XML and the calendar are read into the dict a schedule.json parses
to, and kiosk.files.pretalx writes it, with its days, rooms, ids and fitting of clashes.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.files import pretalx
from kiosk.files.loader import MAX_BYTES
from kiosk.files.pretalx import ScheduleError

__all__ = ["FORMATS", "ScheduleError", "kind_of", "read"]

LIMIT = 20 * MAX_BYTES  # a schedule is far smaller; a calendar of years is not a programme
# what each reads, for a refusal that found none (cli.py says the same in import --help)
FORMATS = {
    "json": "pretalx or frab schedule.json",
    "xml": "frab, pretalx or Pentabarf (FOSDEM) schedule.xml",
    "ical": "iCalendar (.ics)",
}
_SUFFIXES = {".json": "json", ".xml": "xml", ".ics": "ical", ".ical": "ical", ".ifb": "ical"}


def zone_noted(text: str, note: str) -> str:
    """The programme's text with `note` as the comment that says where its timezone is from."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.startswith("  timezone: "):
            lines[n] = f"{line.split('  #')[0]}  # {note}"
            break
    return "\n".join(lines)


def kind_of(raw: bytes, name: str = "") -> str | None:
    """The format of a file's bytes ("json", "xml", "ical", "html"), from its content; from its name
    only when the content says nothing (so that a broken file is refused by its own reader,
    with its own words), and None when neither does."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")  # a BOM, then what it starts with
    if head[:1] in (b"{", b"["):
        return "json"
    if head[:1] == b"<":
        return "html" if head[:14].lower().startswith((b"<!doctype html", b"<html")) else "xml"
    if head[:15].upper() == b"BEGIN:VCALENDAR":
        return "ical"
    return _SUFFIXES.get(Path(name).suffix.lower())


def read(path: str | Path, *, timezone: str | None = None, rooms: str | None = None) -> str:
    """The programme.yaml text for the schedule or calendar at `path`.

    `timezone` is the venue's (`--timezone`), for a file that names none (old frab and
    Pentabarf exports, a calendar of floating times) or a wrong one; `rooms`: "A,B,C", only
    those rooms, in that order (`--rooms`)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(LIMIT + 1)
    except OSError as exc:
        raise ScheduleError(f"cannot be read ({exc.strerror})") from None
    if len(raw) > LIMIT:
        raise ScheduleError("is over 20 MiB; a schedule is far smaller")
    kind = kind_of(raw, path.name)
    if kind == "json":
        return pretalx.read(path, timezone=timezone, rooms=rooms)
    if kind == "xml":
        from kiosk.files import frab_xml

        data = frab_xml.schedule(raw)
        return pretalx.convert(data, path.name, timezone=timezone, rooms=rooms)
    if kind == "ical":
        from kiosk.files import ical

        calendar = ical.schedule(raw, timezone)
        text = pretalx.convert(calendar.data, path.name, rooms=rooms)
        return zone_noted(calendar.written(text), calendar.zone_note)
    if kind == "html":
        raise ScheduleError(
            "is a web page (HTML), not a schedule: save the schedule's export instead"
            " (schedule.json, schedule.xml or an .ics)"
        )
    start = raw.lstrip()[:20].decode("utf-8", "replace").split("\n")[0]
    raise ScheduleError(
        f"is in no format kiosk import reads ({', '.join(FORMATS.values())}):"
        f" it starts with {start!r}"
        if start
        else "is empty"
    )
