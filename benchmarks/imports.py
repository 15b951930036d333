"""How long `kiosk import` takes for a congress: 47 rooms, 4 days, about 1,000 talks.

    .venv/bin/python benchmarks/imports.py

The schedule is made here in frab's shape (days from 06:00 to 06:00, talks into the night, a
04:00 set, repeats under one id, HTML entities). Timed: reading the JSON, the conversion and
the check of what it wrote (`loads`), as `kiosk import -o` does them; and the whole command
in a fresh process. The bar (issue 27) is under 2 s. Prints the times; always exits 0.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pendulum

from kiosk.files.loader import loads
from kiosk.files.pretalx import read

ROOMS = [f"Saal {n}" for n in range(1, 48)]
DAYS = ["2023-12-27", "2023-12-28", "2023-12-29", "2023-12-30"]


def congress() -> dict:
    """About 1,000 talks: 5 or 6 a room a day, from 11:00, the last ones into the night."""
    days, n = [], 0
    for index, on in enumerate(DAYS, 1):
        start = pendulum.parse(f"{on}T06:00:00+01:00")
        rooms: dict[str, list[dict]] = {}
        for r, room in enumerate(ROOMS):
            events = []
            at = start.add(hours=5, minutes=5 * (r % 6))
            for k in range(5 + (r % 3 == 0)):
                n += 1
                minutes = 40 if k < 4 else 90  # the last one runs past midnight in some rooms
                events.append(
                    {
                        "id": n if r % 40 else n - n % 3,  # a few repeats under one id
                        "guid": f"00000000-0000-4000-8000-{n:012d}",
                        "date": at.isoformat(),
                        "start": at.strftime("%H:%M"),
                        "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
                        "room": room,
                        "title": f"Talk {n}: Don&#x27;t &amp; <em>do</em>",
                        "subtitle": "",
                        "track": "Science",
                        "type": "lecture",
                        "language": "en",
                        "abstract": "<p>An abstract of the talk, " + "long " * 40 + "</p>",
                        "url": f"https://fahrplan.example/events/{n}.html",
                        "persons": [{"public_name": f"Speaker {n}"}, {"public_name": "Co"}],
                    }
                )
                at = at.add(minutes=minutes + 150)
            rooms[room] = events
        rooms[ROOMS[0]].append(
            {
                "id": 90_000 + index,
                "guid": f"dj-{index}",
                "date": start.add(hours=22).isoformat(),
                "start": "04:00",
                "duration": "01:30",
                "room": ROOMS[0],
                "title": "DJ set",
                "type": "music",
                "persons": [],
            }
        )
        days.append(
            {
                "index": index,
                "date": on,
                "day_start": start.isoformat(),
                "day_end": start.add(days=1).isoformat(),
                "rooms": rooms,
            }
        )
    conference = {
        "acronym": "bench",
        "title": "Bench Congress",
        "time_zone_name": "Europe/Berlin",
        "url": "https://events.example/congress/",
        "rooms": [{"name": r} for r in ROOMS],
        "days": days,
    }
    return {"schedule": {"version": "1", "conference": conference}}


def main() -> int:
    data = congress()
    talks = sum(len(v) for d in data["schedule"]["conference"]["days"] for v in d["rooms"].values())
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "schedule.json"
        source.write_text(json.dumps(data), encoding="utf-8")
        times = []
        for _ in range(5):
            began = time.perf_counter()
            text = read(source)
            programme = loads(text, "programme.yaml")
            times.append(time.perf_counter() - began)
        out = Path(folder) / "programme.yaml"
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", "import", str(source), "-o", str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        command = time.perf_counter() - began
    print(
        f"{talks} talks in {len(ROOMS)} rooms over {len(DAYS)} days"
        f" ({len(programme.items)} items, {len(text) // 1024} KiB written)"
    )
    print(f"read + convert + check: median {statistics.median(times):.2f} s of {len(times)}")
    print(f"kiosk import -o, a fresh process: {command:.2f} s (exit {done.returncode})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
