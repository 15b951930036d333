"""`kiosk import` of a congress-sized schedule, in each format it reads, against the 2 s bar.

    .venv/bin/python benchmarks/import_formats.py   # about 10 s

A congress is generated here (1,000 talks in 30 rooms over 2 days) as frab's schedule.json,
as frab's schedule.xml and as an iCalendar file; each is imported (read, converted, and the
programme read back by the loader, as `kiosk import` does) five times, and the median printed
as a markdown table. The generators are shared with tests/files/test_sources.py.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.files.loader import loads
from kiosk.files.sources import read

BAR = 2.0  # seconds, for 1,000 talks (issue: a congress imports in under 2 s)
REPEATS = 5


def congress(talks: int = 1000, rooms: int = 30, days: int = 2) -> dict:
    """A frab schedule.json dict: talks of 30 min every 40 min from 10:00, room by room."""
    names = [f"Hall {n}" for n in range(1, rooms + 1)]
    out = []
    per_day = -(-talks // days)
    n = 0
    for d in range(days):
        date = datetime(2024, 12, 27) + timedelta(days=d)
        listed: dict[str, list[dict]] = {name: [] for name in names}
        for k in range(min(per_day, talks - n)):
            n += 1
            room = names[k % rooms]
            start = date + timedelta(hours=10, minutes=40 * (k // rooms))
            listed[room].append(
                {
                    "id": n,
                    "guid": f"00000000-0000-4000-8000-{n:012d}",
                    "date": start.isoformat() + "+01:00",
                    "start": start.strftime("%H:%M"),
                    "duration": "00:30",
                    "room": room,
                    "title": f"Talk {n}: on things",
                    "subtitle": "",
                    "track": "Main",
                    "type": "Talk",
                    "persons": [{"id": n, "public_name": f"Speaker {n}"}],
                }
            )
        out.append({"index": d + 1, "date": date.date().isoformat(), "rooms": listed})
    conference = {
        "acronym": "congress",
        "title": "Congress",
        "time_zone_name": "Europe/Berlin",
        "rooms": [{"name": name} for name in names],
        "days": out,
    }
    return {"schedule": {"version": "1", "conference": conference}}


def as_json(data: dict) -> bytes:
    return json.dumps(data).encode()


def as_xml(data: dict) -> bytes:
    """The dict as frab writes schedule.xml (app/views/public/schedule/index.xml.haml)."""
    conference = data["schedule"]["conference"]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<schedule>", "  <conference>"]
    for key in ("acronym", "title", "time_zone_name"):
        if conference.get(key):
            lines.append(f"    <{key}>{escape(conference[key])}</{key}>")
    lines.append("  </conference>")
    for day in conference["days"]:
        lines.append(f'  <day index="{day.get("index", 1)}" date="{day["date"]}">')
        for room, events in day["rooms"].items():
            lines.append(f"    <room name={quoteattr(room)}>")
            for event in events:
                ids = f' id="{event["id"]}"' if "id" in event else ""
                ids += f' guid="{event["guid"]}"' if "guid" in event else ""
                lines.append(f"      <event{ids}>")
                keys = ("date", "start", "duration", "room", "title", "subtitle", "track", "type")
                for key in (*keys, "url"):
                    if event.get(key) is not None:
                        lines.append(f"        <{key}>{escape(str(event[key]))}</{key}>")
                lines.append("        <persons>")
                for person in event.get("persons", []):
                    name = person.get("public_name") or person.get("name") or ""
                    lines.append(f'          <person id="1">{escape(name)}</person>')
                lines.append("        </persons>")
                lines.append("      </event>")
            lines.append("    </room>")
        lines.append("  </day>")
    lines.append("</schedule>")
    return "\n".join(lines).encode()


def as_ics(data: dict) -> bytes:
    """The dict as an iCalendar export: one VEVENT a talk, LOCATION its room."""
    conference = data["schedule"]["conference"]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//kiosk benchmarks//EN",
        f"X-WR-CALNAME:{conference['title']}",
        f"X-WR-TIMEZONE:{conference['time_zone_name']}",
    ]
    for day in conference["days"]:
        for room, events in day["rooms"].items():
            for event in events:
                start = datetime.fromisoformat(event["date"]).replace(tzinfo=None)
                hours, minutes = map(int, event["duration"].split(":"))
                end = start + timedelta(hours=hours, minutes=minutes)
                tzid = conference["time_zone_name"]
                lines += [
                    "BEGIN:VEVENT",
                    f"UID:{event['guid']}",
                    f"DTSTAMP:{start:%Y%m%dT%H%M%S}Z",
                    f"DTSTART;TZID={tzid}:{start:%Y%m%dT%H%M%S}",
                    f"DTEND;TZID={tzid}:{end:%Y%m%dT%H%M%S}",
                    f"SUMMARY:{event['title']}",
                    f"LOCATION:{room}",
                    "END:VEVENT",
                ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines).encode()


def imported(path: Path) -> int:
    """What `kiosk import` does with the file: the programme's text, read back; its items."""
    return len(loads(read(path)).items)


def main() -> int:
    data = congress()
    rows = ["| format | talks | import (median of 5) | bar | result |", "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory(prefix="kiosk-imports-") as tmp:
        for name, write in (
            ("schedule.json", as_json),
            ("schedule.xml", as_xml),
            ("calendar.ics", as_ics),
        ):
            path = Path(tmp) / name
            path.write_bytes(write(data))
            times = []
            for _ in range(REPEATS):
                started = time.perf_counter()
                items = imported(path)
                times.append(time.perf_counter() - started)
            took = statistics.median(times)
            verdict = "PASS" if took < BAR else "FAIL"
            rows.append(f"| {name} | {items:,} | {took:.2f} s | < {BAR:.0f} s | {verdict} |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
