"""kiosk serve (#6) in a real headless Chromium: the page draws the programme."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import shutil
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from serve_helpers import TITLE, now_titles, serve_kiosk, session

from kiosk.files import statefile

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install chromium)"
    ),
]

# textual.js keeps its xterm.js terminal in a local object that sets `websocket_url` first
# thing: a setter on Object.prototype, installed before the page's scripts, catches it.
CATCH_SESSION = """
Object.defineProperty(Object.prototype, "websocket_url", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "websocket_url", {value, writable: true, enumerable: true});
    window.kioskSession = this;
  },
});
"""
# What xterm.js holds on screen (the canvas draws exactly this), one line per row.
READ_TERMINAL = """(() => {
  const terminal = window.kioskSession && window.kioskSession.terminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active, rows = [];
  for (let y = 0; y < buffer.length; y++) rows.push(buffer.getLine(y).translateToString(true));
  return rows.join("\\n");
})()"""


@contextlib.contextmanager
def chromium(profile: Path) -> Iterator[int]:
    """Headless Chromium with DevTools on a loopback port; nothing leaves 127.0.0.1."""
    assert CHROMIUM is not None
    log = profile.parent / "chromium.log"  # a file, not a pipe: its chatter must never block it
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--no-proxy-server",
                # The page asks fonts.googleapis.com for a font: any name but 127.0.0.1 fails fast.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                f"--user-data-dir={profile}",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=1000,700",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=sink,
            start_new_session=True,
            env={**os.environ, "HOME": str(profile.parent)},
        )  # its crash reports stay in tmp
    try:
        ready = profile / "DevToolsActivePort"  # Chromium writes the port it chose here
        deadline = time.monotonic() + 10
        while not (ready.exists() and ready.read_text().strip()):
            assert process.poll() is None, log.read_text(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "chromium did not open DevTools in 10 s"
            time.sleep(0.05)
        yield int(ready.read_text().split()[0])
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # its own group: the renderers go too
        process.wait(5)


class DevTools:
    """The few DevTools protocol calls the test needs, over aiohttp's websocket client."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse):
        self.ws, self.ids = ws, itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        ident = next(self.ids)
        await self.ws.send_json({"id": ident, "method": method, "params": params})
        while True:  # events in between are not ours to read
            reply = await self.ws.receive_json(timeout=10)
            if reply.get("id") == ident:
                assert "error" not in reply, reply["error"]
                return reply["result"]

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")


@contextlib.asynccontextmanager
async def page_of(port: int) -> AsyncIterator[DevTools]:
    async with aiohttp.ClientSession() as client:
        async with client.get(f"http://127.0.0.1:{port}/json/list") as response:
            targets = await response.json()
        target = next(t for t in targets if t["type"] == "page")
        async with client.ws_connect(target["webSocketDebuggerUrl"]) as ws:
            yield DevTools(ws)


async def test_the_page_draws_the_programme(tmp_path: Path) -> None:
    with serve_kiosk(tmp_path) as served, chromium(tmp_path / "profile") as port:
        async with page_of(port) as page:
            await page.call("Page.enable")  # addScript... waits for it
            await page.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_SESSION)
            await page.call("Page.navigate", url=served.url)
            deadline, shown = time.monotonic() + 15, ""
            while not all(text in shown for text in (TITLE, "Nu", "Inloop", "Hierna")):
                assert time.monotonic() < deadline, f"the page showed:\n{shown}"
                shown = await page.evaluate(READ_TERMINAL)
                await asyncio.sleep(0.05)
            assert await page.evaluate("document.title") == TITLE
            # textual.js hides its intro once output arrives, and draws on a canvas.
            assert "-first-byte" in await page.evaluate("document.body.className")
            assert await page.evaluate("document.querySelectorAll('.xterm-screen canvas').length")
        assert not served.state.exists()  # a browser is a follower: it never writes the state


async def grid_in(tmp_path: Path, width: int, height: int, *extra: str) -> tuple[int, int]:
    """The terminal grid the served page gives a window of width x height pixels."""
    with serve_kiosk(tmp_path, *extra) as served, chromium(tmp_path / "profile") as port:
        async with page_of(port) as page:
            await page.call("Page.enable")
            await page.call(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=False,
            )
            await page.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_SESSION)
            await page.call("Page.navigate", url=served.url)
            deadline, shown = time.monotonic() + 15, ""
            while "Nu" not in shown:
                assert time.monotonic() < deadline, f"the page showed:\n{shown}"
                shown = await page.evaluate(READ_TERMINAL)
                await asyncio.sleep(0.05)
            html = await page.evaluate("document.documentElement.outerHTML")
            assert "fonts.googleapis.com" not in html, "the font comes from the kiosk itself"
            grid = await page.evaluate(
                "[window.kioskSession.terminal.cols, window.kioskSession.terminal.rows]"
            )
            return grid[0], grid[1]


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
async def test_a_tv_gets_the_grid_the_display_is_made_for(tmp_path: Path, width, height) -> None:
    cols, rows = await grid_in(tmp_path, width, height)
    # at least 80x24 and about as many rows whatever the screen (a 16:9 screen has room for
    # a few more columns): letters big enough for the back of the hall
    assert 80 <= cols <= 110 and 24 <= rows <= 26, (cols, rows)


async def test_another_grid_can_be_asked_for(tmp_path: Path) -> None:
    cols, rows = await grid_in(tmp_path, 1920, 1080, "--cells", "120x36")
    assert 120 <= cols <= 165 and 36 <= rows <= 39, (cols, rows)


async def shows(page: DevTools, text: str, limit: float = 20) -> str:
    """Wait until the page's terminal shows `text` (through reloads); what it showed."""
    deadline, shown = time.monotonic() + limit, ""
    while text not in shown:
        assert time.monotonic() < deadline, f"the page showed:\n{shown}"
        with contextlib.suppress(AssertionError, asyncio.TimeoutError, TypeError):
            shown = await page.evaluate(READ_TERMINAL) or ""  # "" while it reloads
        await asyncio.sleep(0.1)
    return shown


async def test_the_page_says_the_server_is_gone_and_comes_back_by_itself(tmp_path: Path) -> None:
    with chromium(tmp_path / "profile") as port:
        async with page_of(port) as page:
            await page.call("Page.enable")
            await page.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_SESSION)
            with serve_kiosk(tmp_path) as served:
                await page.call("Page.navigate", url=served.url)
                await shows(page, "Inloop")
                address = served.port
            deadline = time.monotonic() + 10
            while "-closed" not in (await page.evaluate("document.body.className") or ""):
                assert time.monotonic() < deadline, "the page never noticed the server went"
                await asyncio.sleep(0.1)
            said = await page.evaluate("document.querySelector('.closed-dialog').innerText")
            assert "De verbinding met de kiosk is weg" in said and "Restart" not in said
            with serve_kiosk(tmp_path, "--port", str(address)):
                await shows(page, "Inloop")  # no click: the page loaded itself again


async def test_the_page_sounds_the_kiosks_bell(tmp_path: Path) -> None:
    """As a break ends the kiosk rings: the page plays a tone (and counts it)."""
    from serve_helpers import PROGRAMME

    from kiosk.core.live import Live
    from kiosk.core.timeline import snapshot
    from kiosk.files.loader import load

    programme = load(PROGRAMME)
    first_break = next(i for i in programme.items if i.kind == "break")
    on = snapshot(programme, Live().state, first_break.start + timedelta(minutes=1))
    restart = on.next.start
    at = (restart - timedelta(seconds=5)).isoformat()  # time for the page to load first
    with serve_kiosk(tmp_path, "--at", at) as served, chromium(tmp_path / "profile") as port:
        async with page_of(port) as page:
            await page.call("Page.enable")
            await page.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_SESSION)
            await page.call("Page.navigate", url=served.url)
            await shows(page, "Pauze")
            assert not await page.evaluate("window.kioskBells || 0")  # not before
            deadline = time.monotonic() + 15
            while not await page.evaluate("window.kioskBells || 0"):
                assert time.monotonic() < deadline, "the page heard no bell"
                await asyncio.sleep(0.1)
            await asyncio.sleep(1.5)  # and only once
            assert await page.evaluate("window.kioskBells") == 1


PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}


async def tap(page: DevTools, selector: str) -> None:
    """A finger on the middle of the element, as a phone's touch screen sends it."""
    box = await page.evaluate(
        f"(() => {{ const e = document.querySelector({selector!r});"
        " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
        " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    point = [{"x": box[0], "y": box[1]}]
    await page.call("Input.dispatchTouchEvent", type="touchStart", touchPoints=point)
    await page.call("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])


async def phone_shows(page: DevTools, selector: str, text: str, limit: float = 10) -> None:
    deadline, shown = time.monotonic() + limit, ""
    while shown != text:
        assert time.monotonic() < deadline, f"the phone showed {shown!r}, not {text!r}"
        shown = await page.evaluate(
            f"(document.querySelector({selector!r}) || {{}}).textContent || ''"
        )
        await asyncio.sleep(0.05)


async def test_a_tap_on_the_phone_moves_the_hall_on(tmp_path: Path) -> None:
    with (
        serve_kiosk(tmp_path, "--control") as served,
        chromium(tmp_path / "profile") as port,
    ):
        token = (tmp_path / "live.token").read_text().strip()
        said = (tmp_path / "serve.out").read_text()
        assert f"/host?token={token}" in said and str(tmp_path / "live.token") in said
        async with page_of(port) as page, session(served) as hall:
            await hall.until(lambda: "Inloop" in now_titles(hall.output))
            await page.call("Page.enable")
            await page.call("Emulation.setDeviceMetricsOverride", **PHONE)
            await page.call("Emulation.setTouchEmulationEnabled", enabled=True)
            await page.call("Page.navigate", url=f"{served.url}host?token={token}")
            await phone_shows(page, "#now .title", "Inloop")
            await phone_shows(page, "#next .title", "Opening en welkom")
            # one-handed: big targets, nothing wider than the phone, no zoom needed
            sizes = await page.evaluate(
                "[...document.querySelectorAll('button')].map(b => b.getBoundingClientRect())"
                ".map(r => [r.width, r.height])"
            )
            assert all(w >= 48 and h >= 48 for w, h in sizes), sizes
            assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            # the big button says what it will do, as the help does for n
            await phone_shows(page, "#next-does", "Opening en welkom begint")

            seen = len(hall.output)
            started = time.monotonic()
            await tap(page, "#act-next")
            await phone_shows(page, "#now .title", "Opening en welkom")
            await hall.until(lambda: "Opening en welkom" in now_titles(hall.output[seen:]))
            assert time.monotonic() - started < 2.5  # within a second or two, as a key
            await phone_shows(page, "#said", "✓ Volgende ▶")

            await page.evaluate("document.getElementById('announce-text').value = 'Koffie!'")
            await tap(page, "#announce-send")
            await phone_shows(page, "#banner", "Koffie!")
            await hall.until(lambda: "Koffie!" in hall.output[seen:].decode(errors="replace"))

            await page.evaluate("document.getElementById('stage-text').value = 'Nog 5 min'")
            await tap(page, "#stage-send")
            await phone_shows(page, "#stage-now", "Nu voor de spreker: Nog 5 min")
            await hall.watch(1.5)  # the hall's screen never shows it
            assert "Nog 5 min" not in hall.output.decode(errors="replace")
        log, _ = statefile.read_log(statefile.log_path(served.state))
        assert [e.action for e in log] == ["next", "announce", "stage_message"]
