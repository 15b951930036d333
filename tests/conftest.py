"""Shared fixtures: the Leercafé programme in a temp folder, and a kiosk on a clock we move."""

from __future__ import annotations

import html
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from textual.pilot import Pilot

from kiosk.core.live import State
from kiosk.core.model import Programme
from kiosk.core.settings import Settings
from kiosk.core.timeline import Snapshot, snapshot
from kiosk.core.times import parse_when
from kiosk.files.clock import FixedClock
from kiosk.files.loader import load
from kiosk.tui.app import KioskApp, make_app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "files" / "examples"
PROGRAMME = ROOT / "programme.yaml"
TABLES = ROOT / "examples" / "leercafe-tables.yaml"  # the Leercafé with its dialogue tables
LOOKS = sorted((ROOT / "styles").glob("*.tcss"))  # the event looks an organiser passes with --css
# a moment of each phase of the Leercafé, as the screen tests look at them
PHASES = {
    "before": "12:00",
    "walk-in": "13:45",
    "during": "14:05",
    "break": "15:20",
    "drinks": "17:30",
    "after": "18:30",
}


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers a CPU. Many tests spend their time waiting (kiosks in terminals,
    servers, a browser, the clock of a test), and a second worker per CPU fills that time:
    the suite takes about 100 s instead of 130 s on two CPUs."""
    return 2 * (os.cpu_count() or 1)


@cache
def leercafe() -> Programme:
    """The Leercafé programme, loaded once."""
    return load(PROGRAMME)


def at(when: str, programme: Programme | None = None) -> datetime:
    """An instant on the event's day ('14:05') or an ISO date-time, in its timezone."""
    p = programme or leercafe()
    return parse_when(when, p.event.date, p.event.timezone)


def snap(when: str, state: State | None = None, programme: Programme | None = None) -> Snapshot:
    """The snapshot at `when` under `state` (default: following the clock)."""
    p = programme or leercafe()
    return snapshot(p, state or State(), at(when, p))


@pytest.fixture
def programme_file(tmp_path: Path) -> Path:
    target = tmp_path / "programme.yaml"
    shutil.copy(PROGRAMME, target)
    return target


@pytest.fixture
def tables_file(tmp_path: Path) -> Path:
    """The Leercafé with its dialogue tables in three rounds, a url and a bell."""
    target = tmp_path / "tables.yaml"
    shutil.copy(TABLES, target)
    return target


@pytest.fixture
def kiosk(programme_file: Path) -> Callable[..., KioskApp]:
    """make(at='14:05', follow=False, path=None, theme=None, ...): a kiosk on a FixedClock."""

    def make(
        at: str = "14:05",
        follow: bool = False,
        path: Path | None = None,
        theme: str | None = None,
        state: Path | None = None,
        served: bool = False,
        room: str | None = None,
        css: Path | None = None,
    ) -> KioskApp:
        path = path or programme_file
        programme = load(path)
        start = parse_when(at, programme.event.date, programme.event.timezone)
        settings = Settings(
            programme_path=path,
            state_path=state or path.with_name("programme.state.json"),
            theme=theme,
            follow=follow or served,
            served=served,
            room=room,
            css=css,
        )
        app = make_app(settings, programme, FixedClock(programme.event.timezone, start))
        heard: list[str] = []
        original = app.notify

        def notify(message: str, *args: Any, **kwargs: Any) -> None:
            heard.append(str(message))
            original(message, *args, **kwargs)

        app.notify = notify  # type: ignore[method-assign]
        NOTICES[app] = heard
        return app

    return make


NOTICES: WeakKeyDictionary[KioskApp, list[str]] = WeakKeyDictionary()


def notices(app: KioskApp) -> list[str]:
    """Every notice the app gave the host, in order."""
    return NOTICES[app]


async def scan_files(app: KioskApp, pilot: Pilot[int], scans: int = 3) -> None:
    """The poll timer, now: enough scans for a save to settle (one may have begun before it),
    then the app handles what they found."""
    for _ in range(scans):
        await app.poll()
    await pilot.pause()


def text_of(app: KioskApp, selector: str) -> str:
    """The text a PlainText shows, or '' when it is hidden (or, for a line most screens never
    show, not made at all)."""
    from kiosk.tui.widgets import PlainText

    found = app.query(selector)
    if not found:
        return ""
    widget = found.only_one(PlainText)
    return widget.text if widget.display else ""


def time_left(app: KioskApp, panel: str = "now") -> str:
    """The time left (or the countdown) as an attendee reads it: the big count with its unit
    ("nog 17 min") where it shows, else its words ("nog 17 min" at small sizes)."""
    from textual.widgets import Digits

    count = app.query_one(f"#{panel}-count")  # a box that is not drawn itself: its digits are
    if count.display and app.query_one(f"#{panel}-digits").region.width:
        digits = app.query_one(f"#{panel}-digits", Digits).value
        qualifier, _, unit = text_of(app, f"#{panel}-unit").split("\n")
        return " ".join(x for x in (qualifier, digits, unit) if x.strip())
    words = "#now-left" if panel == "now" else "#headline-countdown"
    return text_of(app, words)


def screen_lines(app: KioskApp) -> list[str]:
    """The screen as lines of plain text, as an attendee would read it (from the app's SVG)."""
    svg = app.export_screenshot()
    lines: dict[int, str] = {}
    pattern = r'<text[^>]*clip-path="url\(#[\w-]*-line-(\d+)\)"[^>]*>([^<]*)</text>'
    for number, chunk in re.findall(pattern, svg):
        lines[int(number)] = lines.get(int(number), "") + html.unescape(chunk)
    return [lines.get(n, "").replace("\u00a0", " ").rstrip() for n in range(max(lines) + 1)]


def screen_text(app: KioskApp) -> str:
    return "\n".join(screen_lines(app))


TOPICS = (
    "Buurthuis van de toekomst",
    "Wijkteams en bewoners",
    "Data in de wijk",
    "Samen koken en praten",
    "Energiecoöperaties die blijven",
    "Jongeren aan het woord",
    "De gemeente als partner",
)
SPEAKERS = ("Ans de Vries", "Rob de Boer", "Sanne Bakker", "Youssef El Amrani", "Lin Chen")


def big_hall(path: Path, rooms: int = 50) -> Path:
    """`big_hall_text` in a file."""
    path.write_text(big_hall_text(rooms), encoding="utf-8")
    return path


def big_hall_text(rooms: int = 50) -> str:
    """A congress of `rooms` rooms, as a big import gives one: the opening in the Grote zaal,
    two talks in every room (10:45 and 11:45), lunch, a round with a session in every room
    (13:30), the close at 15:00."""
    names = ["Grote zaal", *(f"Zaal {n}" for n in range(1, rooms))]
    lines = [
        "event:",
        "  title: Congres Samen sterk in de wijk",
        "  date: 2023-03-16",
        "  timezone: Europe/Amsterdam",
        "  venue: {name: Congrescentrum De Meent, address: Stadhuisplein 1 Almere}",
        f"  rooms: [{', '.join(names)}]",
        "programme:",
        "  - {start: 09:30, title: Ontvangst met koffie, kind: walk-in}",
        "  - {start: 10:00, end: 10:30, title: Opening, room: Grote zaal}",
    ]
    for start, end in (("10:45", "11:30"), ("11:45", "12:30")):
        for n, name in enumerate(names):
            title = f"{TOPICS[n % len(TOPICS)]} ({n + 1})"
            by = SPEAKERS[n % len(SPEAKERS)]
            lines.append(
                f"  - {{start: '{start}', end: '{end}', title: {title}, by: {by}, room: {name}}}"
            )
    lines += ["  - {start: 12:30, title: Lunch, kind: break}", "  - start: 13:30", "    end: 14:30"]
    lines += ["    title: Middagronde", "    sessions:"]
    for n, name in enumerate(names):
        lines.append(f"      - {{title: Werkplaats {TOPICS[n % len(TOPICS)]}, room: {name}}}")
    lines.append("  - {start: 15:00, title: Einde, kind: end}")
    return "\n".join(lines) + "\n"


# The terminal's own program, as in a terminal window or a tmux pane: a session of its own whose
# controlling terminal is the pty, so closing the pty's other side hangs it up as a window does
OWN_TERMINAL = (
    "import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0);"
    " os.execv(sys.executable, [sys.executable, *sys.argv[1:]])"
)


class InTerminal:
    """`kiosk run ...` in a pseudo-terminal of its own: the bytes a real terminal gets. With
    `own=False` the kiosk is not the terminal's own program (a shell's job started apart): a
    terminal that closes then sends it no signal."""

    def __init__(self, args: list[str], cwd: Path, own: bool = True):
        master, slave = pty.openpty()
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        first = [sys.executable, "-c", OWN_TERMINAL] if own else [sys.executable]
        self.process = subprocess.Popen(
            [*first, "-m", "kiosk", "run", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
            start_new_session=own,
        )
        os.close(slave)
        self.master = master
        self.output = b""

    def read_until(self, done: Callable[[], bool], seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not done():
            if select.select([self.master], [], [], 0.2)[0]:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:  # the kiosk has gone and closed its side
                    return

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)
