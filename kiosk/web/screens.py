"""Browser screens that show the same thing share one renderer: one follower kiosk whose output
goes to every screen of its room, theme and grid. An extra screen costs a websocket, not a
process; nothing a screen sends reaches the kiosk (a screen on the wall cannot steer)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import NamedTuple

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

# What a screen that joins a running renderer missed: the alternate screen, no cursor (as
# Textual's web driver starts); then ctrl+l asks the kiosk to draw everything again.
JOINED = b"\x1b[?1049h\x1b[?25l"
REDRAW = b"\x0c"


class Look(NamedTuple):
    """What a renderer shows: screens that agree on all of it share one."""

    room: str | None
    theme: str | None
    width: int
    height: int


class Renderer:
    """One follower kiosk process and the screens it draws for."""

    def __init__(self, look: Look, command: str, downloads: DownloadManager):
        self.look = look
        self.screens: set[web.WebSocketResponse] = set()
        self.service = AppService(
            command,
            write_bytes=self._to_all,
            write_str=self._to_all_text,
            close=self._close_all,
            download_manager=downloads,
        )
        self.drawn = False  # whether the kiosk has drawn a frame a joining screen missed

    async def start(self) -> None:
        await self.service.start(self.look.width, self.look.height)

    async def join(self, screen: web.WebSocketResponse) -> None:
        self.screens.add(screen)
        if self.drawn:  # the others' screens are drawn: this one needs all of it at once
            with contextlib.suppress(ConnectionError, RuntimeError):
                await screen.send_bytes(JOINED)
            await self.service.send_bytes(REDRAW)

    def leave(self, screen: web.WebSocketResponse) -> None:
        self.screens.discard(screen)

    async def stop(self) -> None:
        await self.service.stop()

    @property
    def ended(self) -> bool:
        task = self.service._task  # the task that reads the kiosk's output
        return task is not None and task.done()

    async def _to_all(self, data: bytes) -> None:
        self.drawn = True
        await self._send(lambda screen: screen.send_bytes(data))

    async def _to_all_text(self, text: str) -> None:
        await self._send(lambda screen: screen.send_str(text))

    async def _send(self, send: Callable[[web.WebSocketResponse], object]) -> None:
        # one screen gone (a tab closed mid-frame) must not stop the others' frames
        for screen in list(self.screens):
            try:
                await send(screen)  # type: ignore[misc]
            except (ConnectionError, RuntimeError):
                self.screens.discard(screen)

    async def _close_all(self) -> None:
        """The kiosk ended (the server stops, or it failed): its screens close and reload."""
        for screen in list(self.screens):
            with contextlib.suppress(ConnectionError, RuntimeError):
                await screen.close()


class Screens:
    """Every open screen, by the renderer it watches; renderers start with their first screen
    and stop with their last."""

    def __init__(self, command: Callable[[Look], str], max_renderers: int):
        self.command = command
        self.max_renderers = max_renderers
        self.renderers: dict[Look, Renderer] = {}
        self.downloads = DownloadManager()
        self._changing = asyncio.Lock()  # one start or stop at a time: no renderer twice

    @property
    def count(self) -> int:
        return sum(len(r.screens) for r in self.renderers.values())

    async def watch(self, screen: web.WebSocketResponse, look: Look) -> Renderer | None:
        """The screen joins the renderer of this look, started if need be; None if that
        would be one renderer too many."""
        async with self._changing:
            renderer = self.renderers.get(look)
            if renderer is not None and renderer.ended:
                await self._end(renderer)
                renderer = None
            if renderer is None:
                if len(self.renderers) >= self.max_renderers:
                    return None
                renderer = Renderer(look, self.command(look), self.downloads)
                self.renderers[look] = renderer
                await renderer.start()
            await renderer.join(screen)
            return renderer

    async def unwatch(self, screen: web.WebSocketResponse, renderer: Renderer) -> None:
        async with self._changing:
            renderer.leave(screen)
            if not renderer.screens:
                await self._end(renderer)

    async def _end(self, renderer: Renderer) -> None:
        if self.renderers.get(renderer.look) is renderer:
            del self.renderers[renderer.look]
        await renderer.stop()

    async def stop_all(self) -> None:
        async with self._changing:
            for renderer in list(self.renderers.values()):
                await renderer._close_all()
                await self._end(renderer)
