"""kiosk serve: the display in a browser (textual-serve), every tab a follower of the live state."""

from __future__ import annotations

import asyncio
import base64
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
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from aiohttp import WSMsgType, web
from textual_serve.server import Server

from kiosk.core.model import Programme
from kiosk.core.problems import ProgrammeError
from kiosk.core.settings import Settings
from kiosk.core.stage import VIEWS
from kiosk.core.text import displayable
from kiosk.core.words import Words
from kiosk.files.clock import Clock
from kiosk.files.loader import load
from kiosk.web.control import Control
from kiosk.web.feed import Feed
from kiosk.web.viewers import Renderer, Rendering, Viewer, Viewers

SHUTDOWN = 3.0  # seconds for open tabs to close when stopped (aiohttp would wait 60)
CELLS = (80, 24)  # the grid the display is made for: a browser's font is sized to give it
MAX_SCREENS = 50  # screens at once: each is a websocket; a cap keeps an open network at bay
# renderers at once: each is a kiosk process of about 40 MB (screens of one room, theme and
# grid share one; a viewer asking for yet another rendering is refused)
MAX_RENDERERS = 12
THEME_NAMES = ("dark", "light", "contrast")  # kiosk.tui.themes: the shells do not import each other
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
    if settings.view != "hall":
        args += ["--view", settings.view]
    if settings.quiet:
        args.append("--quiet")
    # exec: the shell becomes the kiosk, whose parent is then this server: it ends with it
    return "exec " + shlex.join(args)


class KioskServer(Server):
    """textual-serve's Server, with a command per session, the event on the page, no logo."""

    def __init__(
        self,
        settings: Settings,
        programme: Programme,
        host: str,
        port: int,
        cells: tuple[int, int] = CELLS,
        max_screens: int = MAX_SCREENS,
        token: str | None = None,
    ):
        self.settings = settings
        self.cells, self.max_screens = cells, max_screens
        event = programme.event
        # One rehearsal clock for the whole server: a viewer opened later joins at the same
        # time instead of starting again at --at.
        self.clock = Clock(event.timezone, settings.start, settings.speed)
        self.sessions: set[asyncio.Task[object]] = set()  # one per open viewer
        self.viewers = Viewers(self.follower, max_screens, MAX_RENDERERS)
        self.feed = Feed(settings.programme_path, settings.state_path, programme)
        self.words = Words(event.language)
        # --control: the host's keys over HTTP, with this token; None: nothing steers
        self.control = None if token is None else Control(settings, token, self.feed, self.clock)
        super().__init__(command="", host=host, port=port, title=displayable(event.title))

    @property
    def command(self) -> str:
        """The default rendering's follower command (Server.__init__ reads it for its title)."""
        settings = self.settings
        return self.follower(Rendering(settings.room, settings.theme, *self.cells, settings.view))

    @command.setter
    def command(self, value: str) -> None:
        """Server.__init__ assigns a fixed command; ours is computed per renderer."""

    def follower(self, rendering: Rendering) -> str:
        """The follower command of one renderer, at the shared rehearsal clock's time."""
        settings = self.settings._replace(
            room=rendering.room, theme=rendering.theme, view=rendering.view
        )
        return follower_command(settings, self.clock.now() if self.clock.rehearsal else None)

    def rendering(self, request: web.Request) -> Rendering | None:
        """What a page or a viewer asks for: `?room=`, `?theme=` and `?view=` (the page), the
        same as one token in the websocket's path, the terminal's size; None: a room, theme or
        view there is not."""
        room, theme, view = self.settings.room, self.settings.theme, self.settings.view
        if token := request.match_info.get("rendering"):
            with contextlib.suppress(ValueError, TypeError):
                room, theme, view = json.loads(base64.urlsafe_b64decode(token.encode()))
        room = request.query.get("room", room) or None
        theme = request.query.get("theme", theme) or None
        view = request.query.get("view", view) or self.settings.view
        if (
            (room is not None and room not in self.feed.programme.event.rooms)
            or (theme is not None and theme not in THEME_NAMES)
            or view not in VIEWS
        ):
            return None
        width = _clamp(request.query.get("width"), SIZES[0], self.cells[0])
        height = _clamp(request.query.get("height"), SIZES[1], self.cells[1])
        return Rendering(room, theme, width, height, view)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One viewer: it watches the renderer of its rendering. What it sends is not passed on
        (a screen never steers; only --control's routes do, with the token), apart from its
        size: a new size is a new rendering."""
        socket = web.WebSocketResponse(heartbeat=15)
        await socket.prepare(request)
        rendering = self.rendering(request)
        viewer = Viewer(socket, request.remote or "")
        renderer = None if rendering is None else await self.viewers.watch(viewer, rendering)
        if renderer is None:  # over a cap (screens, renderers, looks of one address)
            viewer.writer.cancel()
            await socket.close(code=1013, message=b"too many screens")  # 1013: try later
            return socket
        task = asyncio.current_task()
        assert task is not None
        self.sessions.add(task)  # known, so that stopping the server ends it at once
        try:
            async for message in socket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    kind, data = message.json()
                    if kind == "ping":
                        viewer.send(json.dumps(["pong", data]))
                    elif kind == "resize":
                        moved = await self._resized(viewer, renderer, data["width"], data["height"])
                        if moved is None:
                            break
                        renderer = moved
                except (ValueError, TypeError, KeyError, IndexError):
                    continue  # not what a page sends: nothing to do with it
        except asyncio.CancelledError:
            await socket.close()
        finally:
            self.sessions.discard(task)
            viewer.writer.cancel()
            await self.viewers.unwatch(viewer, renderer)
        return socket

    async def _resized(
        self, viewer: Viewer, renderer: Renderer, width: object, height: object
    ) -> Renderer | None:
        """A viewer of another size (clamped) watches the renderer of that size."""
        rendering = renderer.rendering
        size = _clamp(width, SIZES[0], rendering.width), _clamp(height, SIZES[1], rendering.height)
        if size == (rendering.width, rendering.height):
            return renderer
        await self.viewers.unwatch(viewer, renderer)
        return await self.viewers.watch(viewer, rendering._replace(width=size[0], height=size[1]))

    async def end_sessions(self) -> None:
        """Cancelled, a session closes its tab cleanly; left to aiohttp's shutdown it would
        only be cut off after seconds of waiting. Then the renderers quit."""
        for task in self.sessions:
            task.cancel()
        if self.sessions:
            await asyncio.wait(self.sessions, timeout=SHUTDOWN)
        await self.feed.stop()
        if self.control is not None:
            await self.control.stop()
        await self.viewers.stop_all()

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
        rendering = self.rendering(request)
        if rendering is None:
            if request.query.get("view", VIEWS[0]) not in VIEWS:
                views = ", ".join(f"?view={view}" for view in VIEWS)
                return self.plain_page(404, self.words("web_no_view", views=views), again=False)
            return self.plain_page(404, self.words("web_unknown", rooms=self._rooms()), again=False)
        if self.viewers.count >= self.max_screens:
            return self.plain_page(503, self.words("web_full", n=self.max_screens))
        response = await super().handle_index(request)
        assert isinstance(response, web.Response) and response.text is not None
        token = base64.urlsafe_b64encode(
            json.dumps([rendering.room, rendering.theme, rendering.view]).encode()
        ).decode()
        text = response.text.replace('/ws"', f'/ws/{token}"', 1)
        response.text = self.page(text)
        return response

    def _rooms(self) -> str:
        rooms = self.feed.programme.event.rooms
        return ", ".join(f"?room={quote(room)}" for room in rooms) or "-"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{rendering}", self.handle_websocket)
        app.router.add_routes(self.feed.routes())
        if self.control is not None:
            app.router.add_routes(self.control.routes())

        async def feed(app: web.Application) -> AsyncIterator[None]:
            task = asyncio.create_task(self.feed.run())
            yield
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

        app.cleanup_ctx.append(feed)
        return app

    def plain_page(self, status: int, said: str, again: bool = True) -> web.Response:
        """A page with one line instead of the display: over the cap (and looking again every
        30 s), or asked for a room the programme does not have."""
        refresh = '<meta http-equiv="refresh" content="30">' if again else ""
        return web.Response(
            status=status,
            content_type="text/html",
            text=(
                f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(self.title)}'
                f"</title>{refresh}</head>"
                '<body style="background:#11161c;color:#e8ecef;font:2em sans-serif;padding:2em">'
                f"<p>{html.escape(said)}</p></body></html>"
            ),
        )

    def page(self, text: str) -> str:
        """textual-serve's page, made for a screen on the wall: named after the event, its
        font from this server (venues often have no internet), sized so that any window gets
        the grid the display is made for, and, when the server goes away, a line that says
        so in the display's language and a page that comes back by itself (a TV has no mouse
        to press "Restart")."""
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
        lost = html.escape(self.words("web_lost"))
        text = _CLOSED.sub(f'<div class="message">{lost}</div>', text, count=1)
        grid = json.dumps({"cols": self.cells[0], "rows": self.cells[1], "cell": CELL_EM})
        scripts = f"<script>window.kioskGrid = {grid};</script>\n  <script>{_PAGE_SCRIPT}</script>"
        return text.replace("</body>", f"{scripts}\n  </body>", 1)

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
            if self.control is not None:
                for line in self.control.lines_at_start(
                    self.host, self.port, is_loopback(self.host)
                ):
                    print(line, flush=True)
            await stop.wait()
            return 0
        finally:
            await self.end_sessions()
            await runner.cleanup()


# The page's own script (kiosk/web/static/page.js), read once: it reads its grid from
# window.kioskGrid, which the page sets just before it.
_PAGE_SCRIPT = (Path(__file__).parent / "static" / "page.js").read_text(encoding="utf-8")


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
    control: bool = False,
) -> int:
    """Serve the display until stopped: 0; or 1 with one line when it cannot. `control`: the
    host's keys over HTTP too, with the token beside the state file (made at the first start)."""
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
    token, made = None, False
    if control:
        from kiosk.files.control_token import TokenError, load_or_make, token_path

        try:
            token, made = load_or_make(token_path(settings.state_path))
        except TokenError as exc:
            print(f"kiosk: --control: {exc}", file=sys.stderr)
            return 1
    server = KioskServer(settings, programme, host, port, cells, max_screens, token)
    if server.control is not None:
        server.control.token_made = made
    return asyncio.run(server.run())
