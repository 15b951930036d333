"""Shared by the `kiosk serve` tests: a server on a free loopback port, and a page's session."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp

PROGRAMME = Path(__file__).resolve().parents[2] / "programme.yaml"
TITLE = "Leercafé Blik op samenlevingsopbouw"
START_LIMIT = 10.0  # seconds for `kiosk serve` to listen
LISTENING = re.compile(r" at (http://127\.0\.0\.1:(\d+)/) ")
# Escape sequences (CSI, OSC, DCS and the short ones) become line breaks: what is left is text.
ESCAPES = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1bP.*?\x1b\\|\x1b[@-Z\\-_]",
    re.DOTALL,
)


@dataclass
class Served:
    url: str
    port: int
    programme: Path
    state: Path
    process: subprocess.Popen[bytes]


@contextlib.contextmanager
def serve_kiosk(tmp_path: Path, *extra: str, programme: Path = PROGRAMME) -> Iterator[Served]:
    """`kiosk serve` on 127.0.0.1 in its own process group; always stopped, children too."""
    source, programme = programme, tmp_path / "programme.yaml"
    if source != programme:  # a server started again keeps the file it had
        shutil.copy(source, programme)
    state, out = tmp_path / "live.json", tmp_path / "serve.out"
    with out.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk",
                "serve",
                str(programme),
                "--at",
                "13:45",
                "--state",
                str(state),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                *extra,
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_LIMIT
        # Port 0: the system picks a free one; the URL is printed once it listens.
        while not (found := LISTENING.search(out.read_text(errors="replace"))):
            assert process.poll() is None, f"kiosk serve ended: {out.read_text()}"
            assert time.monotonic() < deadline, f"kiosk serve did not start: {out.read_text()}"
            time.sleep(0.05)
        yield Served(found[1], int(found[2]), programme, state, process)
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes], patience: float = 5.0) -> None:
    """SIGTERM (the server ends its sessions), then SIGKILL whatever is left of the group."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(patience)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # the group is ours: start_new_session above
    process.wait(patience)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)  # signal 0: only asks whether any process of the group is left
    except ProcessLookupError:
        return False
    return True


def screen_lines(raw: bytes) -> list[str]:
    """The words a terminal would show, one run of text a line, bars and blanks dropped."""
    text = ESCAPES.sub("\n", raw.decode("utf-8", "replace"))
    return [line for part in text.split("\n") if (line := part.strip(" █▌▐"))]


def screen_text(raw: bytes) -> str:
    return "\n".join(screen_lines(raw))


def drew_row(raw: bytes, row: int) -> bool:
    """Whether this output moves the cursor to `row` (1-based): drawn at a size with that row."""
    return f"\x1b[{row};".encode() in raw


def now_titles(raw: bytes) -> list[str]:
    """The title under each "Nu" (now) label drawn in this output."""
    lines = screen_lines(raw)
    return [lines[i + 1] for i, line in enumerate(lines[:-1]) if line == "Nu"]


class Session:
    """What the page does over /ws: JSON text messages in, terminal output bytes back."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse):
        self.ws = ws
        self.output = b""  # every byte streamed so far
        self.pongs: list[str] = []

    async def send(self, kind: str, data: object) -> None:
        await self.ws.send_json([kind, data])

    async def until(self, done: Callable[[], bool], limit: float = 10.0) -> None:
        """Read what the server streams until done() holds; fail after `limit` seconds."""
        if not await self.watch(limit, done):
            raise AssertionError(f"gave up waiting; the screen showed:\n{screen_text(self.output)}")

    async def watch(self, seconds: float, done: Callable[[], bool] = lambda: False) -> bool:
        """Read what the server streams for `seconds`, or until done() holds (then True)."""
        deadline = time.monotonic() + seconds
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                message = await self.ws.receive(timeout=min(left, 0.5))
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.output += message.data
            elif message.type == aiohttp.WSMsgType.TEXT:
                kind, data = message.json()
                if kind == "pong":
                    self.pongs.append(data)
            else:
                raise AssertionError(f"the session ended: {message.type.name}")
        return True


@contextlib.asynccontextmanager
async def session(served: Served, width: int = 100, height: int = 30) -> AsyncIterator[Session]:
    """A browser tab's session, as textual.js opens it."""
    async with (
        aiohttp.ClientSession() as client,
        client.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width={width}&height={height}") as ws,
    ):
        page = Session(ws)
        await page.send("resize", {"width": width, "height": height})
        yield page
