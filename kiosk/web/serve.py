"""kiosk serve: the display in a browser (textual-serve), every tab a follower of the live state."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import html
import ipaddress
import json
import logging
import re
import shlex
import signal
import sys
from datetime import datetime
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from kiosk.core.problems import ProgrammeError
from kiosk.core.settings import Settings
from kiosk.core.text import displayable
from kiosk.files.clock import Clock
from kiosk.files.loader import load

SHUTDOWN = 3.0  # seconds for open tabs to close when stopped (aiohttp would wait 60)
CELLS = (80, 24)  # the grid the display is made for: a browser's font is sized to give it
MAX_SCREENS = 12  # each screen is a kiosk process of about 40 MB: a cap keeps the machine up
SIZES = ((20, 400), (8, 200))  # a client's terminal size, clamped: columns, rows
# Roboto Mono's cell, in em: how wide a character is and how tall a row (xterm.js's line)
CELL_EM = (0.6, 1.35)  # measured in Chromium: 22.2 x 51.4 px at a 38 px font
_FONT_LINK = re.compile(r'\s*<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com[^>]*>')
_XTERM_CSS = re.compile(r'href="([^"]*)css/xterm\.css"')
_CLOSED = re.compile(r'<div class="message">Session ended\.</div>\s*<button[^>]*>Restart</button>')


def is_loopback(host: str) -> bool:
    """Only this machine can connect: 'localhost', 127.0.0.0/8 or ::1."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name that may resolve to a network address


def warning(host: str, port: int) -> str | None:
    """What to say when the display is open to more than this machine."""
    if is_loopback(host):
        return None
    return (
        f"kiosk: warning: {host} is not loopback: anyone on that network can watch "
        f"this display on port {port}"
    )


def url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def follower_command(settings: Settings, at: datetime | None) -> str:
    """The shell command for one browser session: `kiosk run --follow`, paths made absolute
    because textual-serve runs it through a shell that only shares our working directory."""
    args = [
        sys.executable,
        "-m",
        "kiosk",
        "run",
        str(settings.programme_path.resolve()),
        "--follow",
        "--served",
        "--state",
        str(settings.state_path.resolve()),
    ]
    if at is not None:
        args += ["--at", at.isoformat()]  # with its offset: unambiguous in the DST fold hour
    if settings.speed != 1.0:
        args += ["--speed", repr(settings.speed)]
    if settings.theme:
        args += ["--theme", settings.theme]
    if settings.css is not None:
        args += ["--css", str(settings.css.resolve())]
    if settings.room is not None:
        args += ["--room", settings.room]
    # exec: the shell becomes the kiosk, whose parent is then this server: it ends with it
    return "exec " + shlex.join(args)


class KioskServer(Server):
    """textual-serve's Server, with a command per session, the event on the page, no logo."""

    def __init__(
        self,
        settings: Settings,
        title: str,
        tz: str,
        host: str,
        port: int,
        language: str = "nl",
        cells: tuple[int, int] = CELLS,
        max_screens: int = MAX_SCREENS,
    ):
        self.settings = settings
        self.language, self.cells, self.max_screens = language, cells, max_screens
        # One rehearsal clock for the whole server: a tab opened later joins at the same time
        # instead of starting again at --at.
        self.clock = Clock(tz, settings.start, settings.speed)
        self.sessions: set[asyncio.Task[object]] = set()  # one per open tab
        super().__init__(command="", host=host, port=port, title=title)

    @property
    def command(self) -> str:
        """Read by Server.handle_websocket once per browser session."""
        return follower_command(self.settings, self.clock.now() if self.clock.rehearsal else None)

    @command.setter
    def command(self, value: str) -> None:
        """Server.__init__ assigns a fixed command; ours is computed per session."""

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if len(self.sessions) >= self.max_screens:  # the one over the cap gets no kiosk
            refused = web.WebSocketResponse()
            await refused.prepare(request)
            await refused.close(code=1013, message=b"too many screens")  # 1013: try later
            return refused
        # Known, so that stopping the server can end them at once (end_sessions).
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)
        try:
            return await super().handle_websocket(_clamped(request))
        finally:
            self.sessions.discard(task)

    async def end_sessions(self) -> None:
        """Cancelled, a session tells its kiosk to quit and closes its tab cleanly; left to
        aiohttp's shutdown it would only be cut off after seconds of waiting."""
        for task in self.sessions:
            task.cancel()
        if self.sessions:
            await asyncio.wait(self.sessions, timeout=SHUTDOWN)

    def initialize_logging(self) -> None:
        # textual-serve logs with rich tracebacks and locals; a kiosk says one line instead.
        handler = logging.StreamHandler()
        handler.setFormatter(_OneLine("kiosk serve: %(message)s"))
        logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)

    async def on_startup(self, app: web.Application) -> None:
        """No logo: serve() prints the URL once the port is really ours."""

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        # The page tells the browser where the websocket is. textual-serve builds that from
        # --host, which is unreachable for another machine when it is 0.0.0.0: use the address
        # this browser reached us on. (No await before the template reads it: no race.)
        self.public_url = str(request.url.origin())
        if len(self.sessions) >= self.max_screens:
            return self.full_page()
        response = await super().handle_index(request)
        assert isinstance(response, web.Response) and response.text is not None
        response.text = self.page(response.text)
        return response

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: Any) -> None:
        """textual-serve's loop, with a resize from the page clamped like the first size."""
        resize = app_service.set_terminal_size

        async def clamped(width: object, height: object) -> None:
            await resize(_clamp(width, SIZES[0], 80), _clamp(height, SIZES[1], 24))

        app_service.set_terminal_size = clamped
        await super()._process_messages(websocket, app_service)

    def full_page(self) -> web.Response:
        """For the screen over the cap: a plain page that says so and looks again later."""
        from kiosk.core.words import Words

        said = html.escape(Words(self.language)("web_full", n=self.max_screens))
        return web.Response(
            status=503,
            content_type="text/html",
            text=(
                f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(self.title)}'
                '</title><meta http-equiv="refresh" content="30"></head>'
                '<body style="background:#11161c;color:#e8ecef;font:2em sans-serif;padding:2em">'
                f"<p>{said}</p></body></html>"
            ),
        )

    def page(self, text: str) -> str:
        """textual-serve's page, made for a screen on the wall: named after the event, its
        font from this server (venues often have no internet), sized so that any window gets
        the grid the display is made for, and, when the server goes away, a line that says
        so in the display's language and a page that comes back by itself (a TV has no mouse
        to press "Restart")."""
        from kiosk.core.words import Words

        static = m[1] if (m := _XTERM_CSS.search(text)) else "/static/"
        font = (
            "<style>@font-face { font-family: 'Roboto Mono'; font-weight: 100 900;"
            f" src: url('{static}fonts/RobotoMono-VariableFont_wght.ttf') format('truetype'); }}"
            "</style>"
        )
        text = _FONT_LINK.sub("", text, count=1)
        text = text.replace(
            "<head>", f"<head>\n    <title>{html.escape(self.title)}</title>\n    {font}", 1
        )
        lost = html.escape(Words(self.language)("web_lost"))
        text = _CLOSED.sub(f'<div class="message">{lost}</div>', text, count=1)
        grid = json.dumps({"cols": self.cells[0], "rows": self.cells[1], "cell": CELL_EM})
        return text.replace("</body>", f"<script>{_PAGE_SCRIPT % grid}</script>\n  </body>", 1)

    async def run(self) -> int:
        """Listen until SIGINT or SIGTERM: 0; or 1 with one line if the address is not ours."""
        self.initialize_logging()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C interrupts
                loop.add_signal_handler(sig, stop.set)
        runner = web.AppRunner(
            await self._make_app(), handle_signals=False, shutdown_timeout=SHUTDOWN
        )
        await runner.setup()
        try:
            try:
                await web.TCPSite(runner, self.host, self.port).start()
            except OSError as exc:  # in use, not an address of this machine, a privileged port
                why = exc.strerror or str(exc)
                if exc.errno == errno.EADDRINUSE:
                    why = "the port is in use (another kiosk serve?); choose another with --port"
                print(f"kiosk: cannot serve at {url(self.host, self.port)}: {why}", file=sys.stderr)
                return 1
            self.port = runner.addresses[0][1]  # the one the system chose for --port 0
            print(
                f"kiosk: serving {self.title} at {url(self.host, self.port)} (Ctrl+C stops)",
                flush=True,
            )
            if text := warning(self.host, self.port):
                print(text, file=sys.stderr, flush=True)
            await stop.wait()
            return 0
        finally:
            await self.end_sessions()
            await runner.cleanup()


# Runs before textual.js reads the terminal's font size (on load): the size that fits the grid
# in this window; a resize loads the page again at the new size (a follower loses nothing);
# a closed connection waits for the server and then loads the page again.
_PAGE_SCRIPT = """
(function () {
  const grid = %s;
  function fontSize() {
    const byWidth = window.innerWidth / (grid.cols * grid.cell[0]);
    const byHeight = window.innerHeight / (grid.rows * grid.cell[1]);
    return Math.max(8, Math.floor(Math.min(byWidth, byHeight)));
  }
  const terminal = document.getElementById("terminal");
  if (terminal) terminal.dataset.fontSize = String(fontSize());
  window.kioskFontSize = fontSize;
  let resized = null;
  window.addEventListener("resize", function () {
    clearTimeout(resized);
    resized = setTimeout(function () {
      if (String(fontSize()) !== terminal.dataset.fontSize) window.location.reload();
    }, 700);
  });
  function comeBack() {
    fetch(window.location.href, {cache: "no-store"})
      .then(function (r) { if (r.ok) window.location.reload(); else setTimeout(comeBack, 2000); })
      .catch(function () { setTimeout(comeBack, 2000); });
  }
  new MutationObserver(function () {
    if (document.body.classList.contains("-closed") && !window.kioskWaiting) {
      window.kioskWaiting = true;
      setTimeout(comeBack, 2000);
    }
  }).observe(document.body, {attributes: true, attributeFilter: ["class"]});
})();
"""


def _clamped(request: web.Request) -> web.Request:
    """The request with its terminal size within SIZES: a client cannot ask for a kiosk of a
    million cells."""
    query = request.query
    size = {
        "width": str(_clamp(query.get("width"), SIZES[0], 80)),
        "height": str(_clamp(query.get("height"), SIZES[1], 24)),
    }
    return request.clone(rel_url=request.rel_url.update_query(size))


def _clamp(value: object, limits: tuple[int, int], default: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        number = default
    return min(limits[1], max(limits[0], number))


class _OneLine(logging.Formatter):
    def formatException(self, ei: object) -> str:
        return ""


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    cells: tuple[int, int] = CELLS,
    max_screens: int = MAX_SCREENS,
) -> int:
    """Serve the display until stopped: 0; or 1 with one line when it cannot."""
    if not 0 <= port <= 65535:  # the socket would say it with a traceback
        print(
            f"kiosk: --port {port}: give a port from 1 to 65535 (0: any free one)", file=sys.stderr
        )
        return 1
    try:
        programme = load(settings.programme_path)  # cli checked it; again for title and zone
    except ProgrammeError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    event = programme.event
    server = KioskServer(
        settings,
        displayable(event.title),
        event.timezone,
        host,
        port,
        event.language,
        cells,
        max_screens,
    )
    return asyncio.run(server.run())
