"""Browser screens that show the same thing share one renderer: one follower kiosk whose output
goes to every viewer (a browser screen's websocket) of its room, theme, view and grid. An extra
viewer costs a websocket, not a process; nothing a viewer sends reaches the kiosk (a screen on
the wall cannot steer)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Coroutine
from typing import NamedTuple

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

# What a viewer that joins a running renderer missed: the alternate screen, no cursor (as
# Textual's web driver starts); then ctrl+l asks the kiosk to draw everything again.
JOINED = b"\x1b[?1049h\x1b[?25l"
REDRAW = b"\x0c"
BEHIND = 256  # frames a viewer may be behind before it is closed (its page loads again)
LINGER = 10.0  # seconds a renderer stays after its last viewer: a page loading again rejoins
STOPPING = 3.0  # seconds a kiosk has to quit before it is killed
RENDERINGS_EACH = 4  # different renderings one address may watch at once (each can be a process)


class Rendering(NamedTuple):
    """What a renderer shows: viewers that agree on all of it share one."""

    room: str | None
    theme: str | None
    width: int
    height: int
    view: str = "hall"  # "stage": the speaker's screen


class Viewer:
    """One browser screen's websocket: what its renderer drew, sent in order by a writer of
    its own, so that a viewer on a slow network never holds up the others."""

    def __init__(self, socket: web.WebSocketResponse, address: str):
        self.socket, self.address = socket, address
        self.frames: asyncio.Queue[bytes | str] = asyncio.Queue(BEHIND)
        self.writer = asyncio.create_task(self._write())
        self.closed = False

    def send(self, frame: bytes | str) -> None:
        if self.closed:
            return
        try:
            self.frames.put_nowait(frame)
        except asyncio.QueueFull:  # it cannot keep up: closed, its page comes back by itself
            self.close()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.writer.cancel()
        _in_background(_quietly(self.socket.close()))

    async def _write(self) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            while True:
                frame = await self.frames.get()
                if isinstance(frame, bytes):
                    await self.socket.send_bytes(frame)
                else:
                    await self.socket.send_str(frame)


class Renderer:
    """One follower kiosk process and the viewers it draws for."""

    def __init__(self, rendering: Rendering, command: str, downloads: DownloadManager):
        self.rendering = rendering
        self.viewers: set[Viewer] = set()
        self.service = AppService(
            command,
            write_bytes=self._to_all,
            write_str=self._to_all,
            close=self._close_all,
            download_manager=downloads,
        )
        self.drawn = False  # whether the kiosk has drawn a frame a joining viewer missed
        self.leaving: asyncio.TimerHandle | None = None  # the stop after the last viewer

    async def start(self) -> None:
        await self.service.start(self.rendering.width, self.rendering.height)

    @property
    def ended(self) -> bool:
        task = self.service._task  # the task that reads the kiosk's output
        return task is None or task.done()

    async def join(self, viewer: Viewer) -> None:
        self.viewers.add(viewer)
        if self.drawn:  # the others are drawn: this one needs all of it at once
            viewer.send(JOINED)
            await self.service.send_bytes(REDRAW)

    async def stop(self) -> None:
        """Quit the kiosk; kill it if it does not quit in time."""
        try:
            await asyncio.wait_for(self.service.stop(), STOPPING)
        except TimeoutError:
            process = self.service._process
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()

    async def _to_all(self, frame: bytes | str) -> None:
        self.drawn = True
        for viewer in list(self.viewers):
            viewer.send(frame)
            if viewer.closed:  # it fell behind: no more frames for it
                self.viewers.discard(viewer)

    async def _close_all(self) -> None:
        """The kiosk ended (the server stops, or it failed): its viewers close and reload."""
        for viewer in list(self.viewers):
            viewer.close()
        self.viewers.clear()


class Viewers:
    """Every open viewer, by the renderer it watches; a renderer starts with its first viewer
    and stops a little after its last (a page that loads again finds it still there)."""

    def __init__(self, command: Callable[[Rendering], str], max_viewers: int, max_renderers: int):
        self.command = command
        self.max_viewers, self.max_renderers = max_viewers, max_renderers
        self.renderers: dict[Rendering, Renderer] = {}
        self.downloads = DownloadManager()
        self._changing = asyncio.Lock()  # one start or stop at a time: no renderer twice

    @property
    def count(self) -> int:
        return sum(len(r.viewers) for r in self.renderers.values())

    async def watch(self, viewer: Viewer, rendering: Rendering) -> Renderer | None:
        """The viewer joins the renderer of `rendering`, started if need be; None if that
        would be a viewer or a renderer too many (or too many renderings for one address)."""
        async with self._changing:
            if self.count >= self.max_viewers:
                return None
            renderer = self.renderers.get(rendering)
            if renderer is not None and renderer.ended:
                self._drop(renderer)
                renderer = None
            if renderer is None:
                if (
                    len(self.renderers) >= self.max_renderers
                    or self._renderings_of(viewer) >= RENDERINGS_EACH
                ):
                    return None
                renderer = Renderer(rendering, self.command(rendering), self.downloads)
                await renderer.start()
                task = renderer.service._task
                assert task is not None
                task.add_done_callback(lambda _: self._ended(renderer))
                self.renderers[rendering] = renderer
            if renderer.leaving is not None:
                renderer.leaving.cancel()
                renderer.leaving = None
            await renderer.join(viewer)
            return renderer

    def _renderings_of(self, viewer: Viewer) -> int:
        return sum(
            any(s.address == viewer.address for s in r.viewers) for r in self.renderers.values()
        )

    async def unwatch(self, viewer: Viewer, renderer: Renderer) -> None:
        renderer.viewers.discard(viewer)
        if not renderer.viewers and renderer.leaving is None and not renderer.ended:
            loop = asyncio.get_running_loop()
            renderer.leaving = loop.call_later(LINGER, self._stop_later, renderer)

    def _stop_later(self, renderer: Renderer) -> None:
        renderer.leaving = None
        if not renderer.viewers:
            self._drop(renderer)
            _in_background(renderer.stop())

    def _ended(self, renderer: Renderer) -> None:
        """Its kiosk is gone (it failed, or was killed): its viewers close and load again,
        and the next viewer of its rendering starts a new one."""
        self._drop(renderer)
        _in_background(renderer._close_all())

    def _drop(self, renderer: Renderer) -> None:
        if self.renderers.get(renderer.rendering) is renderer:
            del self.renderers[renderer.rendering]
        if renderer.leaving is not None:
            renderer.leaving.cancel()
            renderer.leaving = None

    async def stop_all(self) -> None:
        async with self._changing:
            renderers = list(self.renderers.values())
            for renderer in renderers:
                self._drop(renderer)
                await renderer._close_all()
        await asyncio.gather(*(r.stop() for r in renderers))


_BACKGROUND: set[asyncio.Task[None]] = set()  # held until done: the loop keeps weak references


def _in_background(work: Coroutine[object, object, None]) -> None:
    task = asyncio.get_running_loop().create_task(work)
    _BACKGROUND.add(task)
    task.add_done_callback(_BACKGROUND.discard)


async def _quietly(closing: Awaitable[object]) -> None:
    with contextlib.suppress(Exception):
        await closing
