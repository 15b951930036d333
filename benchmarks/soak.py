"""A soak run: event days at high speed with host keys, announcements, good and bad edits of the
programme and damage to the live state file, checking the kiosk after every step.

    .venv/bin/python benchmarks/soak.py --minutes 30     # the long run (wall-clock minutes)

`tests/test_soak.py` runs a short one. After every step: the app still runs (App.run_test
surfaces exceptions), its programme and live state are what the same edits and keys give in the
pure core (`kiosk.files.loader`, `kiosk.core.actions`), the screen shows `view.screen` of
`timeline.snapshot` at the same clock, and the state file holds the host's place whenever the
kiosk last wrote it. Memory is traced from the second day on and must not grow (`Report.limit`).
In the long run a step that hangs for two minutes dumps every thread's stack and ends the run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import faulthandler
import gc
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from kiosk.core.actions import act
from kiosk.core.live import Live, reconcile
from kiosk.core.model import Programme
from kiosk.core.problems import ProgrammeError
from kiosk.core.settings import Settings
from kiosk.core.timeline import Timeline, snapshot
from kiosk.core.times import parse_when
from kiosk.core.view import board
from kiosk.core.words import Words
from kiosk.files import statefile
from kiosk.files.clock import FixedClock
from kiosk.files.loader import load
from kiosk.tui.app import KioskApp, make_app
from kiosk.tui.widgets import NextPanel, NowPanel, PlainText

SIZE = (80, 24)
DAY = ("12:30", 6 * 3600)  # from an hour before the walk-in to half an hour after the close
RESTART = 0.02  # chance, after each step, that the host restarts the kiosk
WARM = 10  # steps into the first traced day before the first memory sample

EVENT: dict[str, Any] = {
    "title": "Leercafé Blik op samenlevingsopbouw",
    "subtitle": "Uitdagingen & keuzes",
    "date": "2022-11-22",
    "timezone": "Europe/Amsterdam",
    "language": "nl",
}
ITEMS: list[dict[str, Any]] = [
    {"start": "13.30", "title": "Inloop", "kind": "walk-in"},
    {"start": "14:00", "title": "Opening en welkom", "by": "De Schoor"},
    {"title": "Onderzoek opbouwwerk De Schoor", "by": "Movisie"},
    {"title": "Lezing Blik op de gemeenschap", "by": "Marcel Spierts"},
    {"title": "Pauze", "kind": "break", "duration": 15},
    {"title": "Presentatie drie verschillende praktijken"},
    {"title": "Pauze", "kind": "break"},
    {"title": "Dialoogtafels met uitwisseling in kleine groepen"},
    {"title": "Plenaire afsluiting"},
    {"start": "17.00", "title": "Borrel", "kind": "drinks", "fixed": True},
    {"start": "18:00", "title": "Einde", "kind": "end"},
]
TITLES = [
    "Workshop [zaal 2]",
    "Q&A: vragen?",
    "Koffie ☕ & thee",
    "[b]niet vet[/b]",
    "Rondleiding",
    "Lezing",
    "Pauze",
    "Intermezzo – muziek",
    "Ü-niversiteit",
]
TEXTS = [
    "Auto op het trottoir?",
    "Zaal 2 is open",
    "[red]geen markup[/red]",
    "Café é ü",
    "",
    "  spaties   overal  ",
    "De borrel begint later",
]
KEYS = {
    "n": "next",
    "right": "next",
    "space": "next",
    "p": "previous",
    "left": "previous",
    "c": "clock",
    "plus": "later",
    "minus": "earlier",
    "u": "undo",
    "b": "blank",
}


class SoakFailure(AssertionError):
    pass


@dataclass
class Report:
    seed: int
    steps: int = 0
    days: int = 0
    keys: int = 0
    announcements: int = 0
    good_edits: int = 0
    bad_edits: int = 0
    damages: int = 0
    second_hosts: int = 0  # a second host started on the same state file, and refused
    starts: int = 0  # kiosk starts: one a day, and restarts on the way
    memory: list[int] = field(default_factory=list)  # traced bytes at each sample

    @property
    def growth(self) -> int:
        """Last sample against the first; over many samples the medians of the first and the
        last third, which the noise of single samples hardly moves."""
        m = self.memory
        if len(m) < 6:
            return m[-1] - m[0] if len(m) > 1 else 0
        third = len(m) // 3
        return int(statistics.median(m[-third:]) - statistics.median(m[:third]))

    @property
    def limit(self) -> int:
        """Growth allowed: a single pair of samples is noisy (up to ~1.5 MiB, see `retained`),
        so a short run only catches a gross leak (~50 KiB a step); the medians of a long run
        (thousands of steps apart) catch a few hundred bytes a step."""
        return (3 if len(self.memory) < 6 else 1) * 2**20

    def line(self) -> str:
        mib = [f"{m / 2**20:.2f}" for m in self.memory]
        memory = f"{mib[0]} .. {mib[-1]} MiB, growth {self.growth / 1024:+.0f} KiB" if mib else "-"
        return (
            f"seed {self.seed}: {self.days} days, {self.steps} steps, {self.keys} keys, "
            f"{self.announcements} announcements, {self.good_edits} good and "
            f"{self.bad_edits} bad saves, {self.damages} damaged state files, "
            f"{self.second_hosts} second hosts refused, {self.starts} starts; "
            f"traced memory {memory}"
        )


# -- the programme as an organiser edits it ---------------------------------------------------


def render(event: dict[str, Any], items: list[dict[str, Any]], rng: random.Random) -> str:
    """YAML as a person writes it: flow items, times quoted or not (YAML 1.1 reads 14:00 as 840)."""

    def value(key: str, v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if key in ("start", "end") and rng.random() < 0.5:
            return str(v)
        return json.dumps(v, ensure_ascii=False) if isinstance(v, str) else str(v)

    lines = ["event:", *(f"  {k}: {value(k, v)}" for k, v in event.items()), "programme:"]
    for item in items:
        lines.append("  - {" + ", ".join(f"{k}: {value(k, v)}" for k, v in item.items()) + "}")
    return "\n".join(lines) + "\n"


def mutate(
    event: dict[str, Any], items: list[dict[str, Any]], rng: random.Random
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An organiser's change; the loader decides whether it is a good one."""
    event, items = dict(event), [dict(i) for i in items]
    middle = rng.randrange(1, len(items) - 1)
    kind = rng.choice(
        [
            "rename",
            "rename",
            "insert",
            "delete",
            "by",
            "language",
            "title",
            "move",
            "duration",
            "fixed",
            "id",
        ]
    )
    if kind == "rename":
        items[middle]["title"] = rng.choice(TITLES)
    elif kind == "insert" and len(items) < 30:
        items.insert(middle, {"title": rng.choice(TITLES)})
    elif kind == "delete" and len(items) > 4:
        del items[middle]
    elif kind == "by":
        items[middle]["by"] = rng.choice(["Movisie", "De Schoor", "[i]iemand[/i]"])
    elif kind == "language":
        event["language"] = "en" if event["language"] == "nl" else "nl"
    elif kind == "title":
        event["title"] = rng.choice(TITLES)
    elif kind == "move":
        anchored = [i for i in items if "start" in i]
        item = rng.choice(anchored)
        h, m = (int(x) for x in item["start"].replace(".", ":").split(":"))
        m = max(0, min(23 * 60 + 59, h * 60 + m + rng.choice([-15, -5, 5, 10])))
        item["start"] = f"{m // 60:02d}:{m % 60:02d}"
    elif kind == "duration":
        items[middle]["duration"] = rng.choice([5, 20, 45, "1h30m"])
    elif kind == "fixed":
        anchored = [i for i in items[1:] if "start" in i and i.get("kind") != "end"]
        if anchored:
            item = rng.choice(anchored)
            item["fixed"] = not item.get("fixed", False)
    elif kind == "id":
        items[middle]["id"] = rng.choice(["een", "twee", "pauze"])
    return event, items


def broken(text: str, rng: random.Random) -> bytes:
    """A save that cannot be used: empty, cut off, not text, not YAML, or not a programme."""
    kind = rng.choice(
        ["empty", "blank", "cut", "cut", "garbage", "unknown", "duplicate", "time", "yaml", "alias"]
    )
    if kind == "empty":
        return b""
    if kind == "blank":
        return b"\n  \n"
    if kind == "cut":
        return text.encode()[: rng.randrange(1, len(text.encode()))]
    if kind == "garbage":
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300)))
    if kind == "unknown":
        return text.replace("{title:", "{titel: x, title:", 1).encode()
    if kind == "duplicate":
        return text.replace("{title:", "{title: x, title:", 1).encode()
    if kind == "time":
        return text.replace("start: ", "start: 25:61 #", 1).encode()
    if kind == "yaml":
        return text.replace("programme:", "programme: [", 1).encode()
    return text.replace("event:", "event: &e", 1).encode()


def damage(path: Path, rng: random.Random) -> str:
    """Break the live state file the way disks, people and other programs do."""
    kinds = ["garbage", "json", "shape", "version", "field", "cut", "empty", "gone"]
    kind = rng.choice([*kinds, "far", "naive", "shift", "no item"])  # and values no host wrote
    current = path.read_bytes() if path.exists() else b"{}"

    def absurd(**state: object) -> bytes:
        clock = {"mode": "clock", "item_id": None, "started_at": None, "shift": 0}
        whole = {**clock, "shift_from": None, "announcement": None, "blank": False, **state}
        data = {"format": statefile.FORMAT, "version": statefile.VERSION, "state": whole}
        return json.dumps({**data, "history": []}).encode()

    content = {
        "garbage": bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))),
        "json": b'{"format": ',
        "shape": b"[1, 2, 3]",
        "version": json.dumps({"format": statefile.FORMAT, "version": 99}).encode(),
        "field": current.replace(b'"mode"', b'"mood"', 1),
        "cut": current[: len(current) // 2],
        "empty": b"",
        "far": absurd(mode="host", item_id="inloop", started_at="9999-12-31T23:59:59+00:00"),
        "naive": absurd(mode="host", item_id="inloop", started_at="2023-06-01T14:00:00"),
        "shift": absurd(shift=800, shift_from="2023-06-01T14:00:00+02:00"),
        "no item": absurd(mode="host", started_at="2023-06-01T14:00:00+02:00"),
    }.get(kind)
    if content is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(content)
    return kind


# -- the run ----------------------------------------------------------------------------------


def retained() -> int:
    """Traced bytes still in use, without the LRU caches of Textual and Rich (and of `re`).

    Those caches are bounded by design but take many MiB to fill (a cached blank Strip keeps
    its own caches of crops and filters, and so on), which would hide a leak or fake one. What
    still moves the figure (by up to ~1.5 MiB either way) are caches inside the running app's
    widgets, which fill during a session and go with it.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith(("textual", "rich")):
            continue
        for value in list(vars(module).values()):
            for member in [value, *(vars(value).values() if isinstance(value, type) else ())]:
                member = getattr(member, "__func__", member)  # classmethod, staticmethod
                if callable(getattr(member, "cache_clear", None)):
                    member.cache_clear()
    re.purge()  # the regular expressions' cache: bounded too (512), and filled as text comes
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


class Soak:
    def __init__(self, work: Path, seed: int, steps_per_day: int, watchdog: float | None = None):
        self.watchdog = watchdog  # seconds a step may take before the run dumps its stacks
        self.rng = random.Random(seed)
        self.report = Report(seed)
        self.steps_per_day = steps_per_day
        self.path = work / "programme.yaml"
        self.state_path = work / "programme.state.json"
        self.event, self.items = dict(EVENT), [dict(i) for i in ITEMS]
        self.good_text = render(self.event, self.items, self.rng)
        self.path.write_text(self.good_text, encoding="utf-8")
        self.programme: Programme = load(self.path)
        self.live = Live()
        self.problem = False  # the last save was refused: the host sees why
        self.written = False  # the state file holds what the kiosk last wrote
        self.damaged: str | None = None  # how the state file was last broken
        first = parse_when(DAY[0], self.programme.event.date, self.programme.event.timezone)
        self.day_start = first
        self.clock = FixedClock(self.programme.event.timezone, first)
        self.mtime = 0
        self.trail: deque[str] = deque(maxlen=12)

    # -- what the kiosk should show --------------------------------------------------------

    def fail(self, message: str) -> None:
        raise SoakFailure(
            f"seed {self.report.seed}, step {self.report.steps}: {message}\n"
            f"last steps: {list(self.trail)}"
        )

    def check(self, app: KioskApp) -> None:
        if not app.is_running:
            self.fail("the kiosk stopped")
        if app.programme != self.programme:
            self.fail("the kiosk's programme is not the last good save")
        if app.live != self.live:
            self.fail(f"host place lost: kiosk {app.live.state}, expected {self.live.state}")
        if self.written:
            try:
                on_disk = statefile.read(self.state_path, self.programme, keep_aside=False)
            except statefile.DamagedState as exc:
                self.fail(f"the kiosk wrote a state file it cannot read: {exc.reason}")
            if on_disk != self.live:
                self.fail("the state file does not hold the host's place")
        view = board(
            snapshot(self.programme, self.live.state, self.clock.now()),
            Words(self.programme.event.language),
        )
        main = app.screen_stack[0]

        def said(selector: str) -> str:
            """A line's text; '' for one not made (it never had anything to show)."""
            found = main.query(selector)
            return found.only_one(PlainText).text if found else ""

        shown = {
            "blank": main.has_class("-blank"),
            "clock": said("#clock-text"),
            "banner": said("#banner"),
            "now": main.query_one("#now-title", PlainText).text
            if main.query_one(NowPanel).display
            else "",
            "next": main.query_one("#next-title", PlainText).text
            if main.query_one(NextPanel).display
            else "",
            "problem": bool(said("#problem")),
        }
        wanted = {
            "blank": view.blank,
            "clock": view.header.clock,
            "now": view.now.title if view.now is not None else "",
            "next": view.next.title if view.next is not None else "",
            "problem": self.problem,
        }
        for key, value in wanted.items():
            if shown[key] != value:
                self.fail(f"screen shows {key} {shown[key]!r}, the core says {value!r}")
        if bool(view.banner) != bool(shown["banner"]) or (view.banner or "") not in shown["banner"]:
            self.fail(f"banner {shown['banner']!r}, announcement {view.banner!r}")

    def timeline(self) -> Timeline:
        return Timeline(self.programme, self.live.state)

    # -- steps -----------------------------------------------------------------------------

    async def key(self, app: KioskApp, pilot: Pilot) -> None:
        """A host action: mostly called directly (fast), sometimes typed through the bindings."""
        key = self.rng.choice(list(KEYS))
        action = KEYS[key]
        undo_nothing = action == "undo" and not self.live.history and not self.live.state.blank
        if self.rng.random() < 0.25:
            self.trail.append(f"key {key}")
            await pilot.press(key)
        else:
            self.trail.append(f"action {action}")
            app.action_host(action)
        live = act(self.live, self.timeline(), action, self.clock.now())
        # what changes the live state is written; undo with nothing to undo writes nothing
        self.written = self.written or (live != self.live and not undo_nothing)
        self.live = live
        self.report.keys += 1

    async def announce(self, app: KioskApp, pilot: Pilot) -> None:
        blank = self.live.state.blank
        await pilot.press("m")
        if blank:  # on a blank screen every host key only brings it back
            self.trail.append("key m (unblank)")
            self.live = act(self.live, self.timeline(), "announce", self.clock.now())
            self.written = True
            return
        text = self.rng.choice(TEXTS)
        if self.rng.random() < 0.2:
            self.trail.append("announce, then escape")
            await pilot.press("escape")
            return
        self.trail.append(f"announce {text!r}")
        if self.rng.random() < 0.3:
            await pilot.press("home", "ctrl+k", *text, "enter")  # typed, key by key
        else:  # pasted: Pilot spends ~50 ms a key waiting for the app to go idle
            app.screen.query_one(Input).value = text
            await pilot.press("enter")
        live = act(self.live, self.timeline(), "announce", self.clock.now(), text)
        self.written = self.written or live != self.live
        self.live = live
        self.report.announcements += 1

    async def overlay(self, app: KioskApp, pilot: Pilot) -> None:
        """Keys that touch no state: help, theme, and a quit the host declines."""
        keys = self.rng.choice([("question_mark", "escape"), ("t",), ("ctrl+q", "n")])
        self.trail.append(f"keys {keys}")
        await pilot.press(*keys)

    def save(self, data: bytes) -> None:
        """Save as an editor does: in place or by rename; each save gets its own mtime (editors
        save seconds apart, the soak milliseconds, within the file system's timestamp step)."""
        if self.rng.random() < 0.5:
            self.path.write_bytes(data)
        else:
            tmp = self.path.with_name(".programme.yaml.swp")
            tmp.write_bytes(data)
            os.replace(tmp, self.path)
        self.mtime = max(self.mtime + 1_000_000, time.time_ns())
        os.utime(self.path, ns=(self.mtime, self.mtime))

    async def edit(self, app: KioskApp) -> None:
        if self.rng.random() < 0.5:
            event, items = mutate(self.event, self.items, self.rng)
            text = render(event, items, self.rng)
            data = text.encode()
        else:
            event, items, text = self.event, self.items, ""
            data = broken(self.good_text, self.rng)
        if self.rng.random() < 0.2 and text:  # seen mid-save: cut off, then complete
            self.save(data[: len(data) // 3])
            await app.poll()
        self.save(data)
        for _ in range(3):  # the poll timer: a save is taken once it looks the same twice
            await app.poll()
        try:
            new = load(self.path)
        except ProgrammeError:
            self.trail.append(f"bad save {data[:40]!r}")
            self.problem = True
            self.report.bad_edits += 1
            return
        self.trail.append(f"good save ({len(new.items)} items)")
        live, _ = reconcile(self.live, new, self.programme)
        self.written = self.written or live is not self.live  # a changed place is written
        self.live = live
        self.event, self.items, self.good_text = event, items, text or data.decode()
        self.programme, self.problem = new, False
        self.report.good_edits += 1

    async def step(self, app: KioskApp, pilot: Pilot) -> None:
        if self.watchdog:  # a hang becomes a failure with every thread's stack in the log
            faulthandler.dump_traceback_later(self.watchdog, exit=True, file=sys.__stderr__)
        self.clock.advance(self.rng.expovariate(self.steps_per_day / DAY[1]))
        app.tick()  # the tick timer, at the soak's pace
        roll = self.rng.random()
        if roll < 0.40:
            await self.key(app, pilot)
        elif roll < 0.44:
            await self.announce(app, pilot)
        elif roll < 0.46:
            await self.overlay(app, pilot)
        elif roll < 0.72:
            await self.edit(app)
            await pilot.pause()  # what the scan found (a new programme, a problem) handled
        elif roll < 0.82:
            self.damaged = damage(self.state_path, self.rng)
            self.trail.append(f"state file damaged: {self.damaged}")
            self.written = False
            self.report.damages += 1
        elif roll < 0.85:
            self.second_host()
        else:
            self.trail.append("tick")
        # let timers and the screen's refresh run; a full pause (>= 20 ms) only now and then
        await (pilot.pause() if self.report.steps % 8 == 0 else asyncio.sleep(0))
        await app.flush()  # the host's last key on disk
        self.check(app)
        self.report.steps += 1
        if self.watchdog:
            faulthandler.cancel_dump_traceback_later()

    def second_host(self) -> None:
        """Someone starts the kiosk again in the same folder (a rehearsal started twice)."""
        try:
            statefile.HostLock(self.state_path).acquire()
        except statefile.Taken:
            self.trail.append("a second host, refused")
            self.report.second_hosts += 1
        else:
            self.fail("a second host took the state file of the running one")

    @contextlib.asynccontextmanager
    async def kiosk(self) -> AsyncIterator[tuple[KioskApp, Pilot]]:
        """A (re)started kiosk on the files as they are, like the host restarting it."""
        if self.good_text != self.path.read_text(encoding="utf-8", errors="replace"):
            self.save(self.good_text.encode())  # a kiosk does not start on a broken file
            self.problem = False
        settings = Settings(self.path, self.state_path)
        lock = statefile.HostLock(self.state_path)  # as `kiosk run` takes it
        lock.acquire()
        app = make_app(settings, None, self.clock)
        # what it finds in the state file: the place it last wrote, or (damaged) the clock
        damaged = None if self.written else self.damaged
        self.live, gone = reconcile(self.live if self.written else Live(), self.programme)
        self.written = self.written or gone is not None
        try:
            async with app.run_test(size=SIZE, notifications=True) as pilot:
                await pilot.pause()
                self.check(app)
                aside = self.state_path.with_name(self.state_path.name + ".damaged")
                if damaged not in (None, "gone") and not aside.exists():
                    self.fail("a damaged state file was not kept aside")
                self.damaged = None
                yield app, pilot
                await pilot.exit(None)  # as the app leaves: run_test alone lets a tick hit teardown
        finally:
            lock.release()

    async def sample(self, app: KioskApp, pilot: Pilot) -> None:
        """Traced memory once the app is at rest: no overlay still closing (an announcement's
        box that a loaded machine has not yet taken down holds a few MiB of its own), no
        write or look at the files in flight."""
        app.clear_notifications()  # toasts pass within seconds: not what a leak looks like
        for _ in range(50):
            await pilot.pause()
            if len(app.screen_stack) == 1:
                break
        await app.flush()
        looks = []
        for _ in range(3):  # the least of three looks: what a loaded machine still had in
            await pilot.pause()  # flight at one of them (a frame, a message) is not kept
            looks.append(retained())
        self.report.memory.append(min(looks))

    async def day(self, first_traced: bool = False) -> None:
        """One event day; restarts now and then. Memory is sampled at the end of the day and,
        on the first traced day, once it has warmed up (WARM steps in)."""
        self.clock.set(self.day_start)
        start, end = self.report.steps, self.report.steps + self.steps_per_day
        while self.report.steps < end:
            self.report.starts += 1
            async with self.kiosk() as (app, pilot):
                while self.report.steps < end:
                    await self.step(app, pilot)
                    early = first_traced and self.report.steps == start + WARM
                    if tracemalloc.is_tracing() and (early or self.report.steps == end):
                        await self.sample(app, pilot)
                    if self.rng.random() < RESTART:
                        self.trail.append("restart")
                        break
        self.report.days += 1


async def soak(
    work: Path,
    seed: int,
    steps_per_day: int = 300,
    days: int = 2,
    minutes: float | None = None,
    log: bool = False,
    watchdog: float | None = None,
) -> Report:
    """Run `days` event days (or as many as fit in `minutes`); raise SoakFailure on a fault.

    Memory is traced from the second day on: tracing slows the kiosk 3-4x, and the first day
    fills caches and imports what loads lazily. Growth: see `Report.growth`.
    """
    try:
        run = Soak(work, seed, steps_per_day, watchdog)
        deadline = time.monotonic() + minutes * 60 if minutes else None
        while (run.report.days < days) if deadline is None else time.monotonic() < deadline:
            if run.report.days == 1:
                tracemalloc.start()
            await run.day(first_traced=run.report.days == 1)
            if log:
                print(time.strftime("%H:%M:%S"), run.report.line(), flush=True)
        if run.report.growth > run.report.limit:
            run.fail(
                f"traced memory grew {run.report.growth / 1024:.0f} KiB: "
                f"{[round(m / 2**20, 2) for m in run.report.memory]} MiB"
            )
        return run.report
    finally:
        tracemalloc.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30, help="wall-clock duration")
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    parser.add_argument("--steps-per-day", type=int, default=600)
    args = parser.parse_args()
    print(f"soak: seed {args.seed}, {args.minutes:g} minutes", flush=True)
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as tmp:
        try:
            report = asyncio.run(
                soak(
                    Path(tmp),
                    args.seed,
                    args.steps_per_day,
                    minutes=args.minutes,
                    log=True,
                    watchdog=120,
                )
            )
        except SoakFailure as exc:
            print(f"FAIL {exc}", flush=True)
            return 1
    print(f"PASS {report.line()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
