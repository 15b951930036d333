"""The programme and the live state, read-only over HTTP, for screens on other machines:
`GET /api/programme` and `/api/state` as JSON, `/api/events` pushing both as server-sent events
when they change. Nothing here can change either: a follower elsewhere only reads."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path

from aiohttp import web

from kiosk.core.model import Programme
from kiosk.core.problems import ProgrammeError
from kiosk.files.loader import loads
from kiosk.files.watch import Watch

SCAN = 0.25  # seconds between scans of the files: a follower sees a host's key within a second
KEEP_ALIVE = 10.0  # seconds between comments on a quiet stream: a follower knows it is there
MAX_STREAMS = 100  # followers elsewhere at once: an open network cannot run the server down


class Feed:
    """The host's two files as they were last seen: the programme as its last good save (a
    save with a mistake is not passed on, as the host's screen keeps the last good one too),
    the state file as written (None: there is none, the screens follow the clock)."""

    def __init__(self, programme_path: Path, state_path: Path, programme: Programme):
        self.programme_path, self.state_path = programme_path, state_path
        self.programme = programme  # the last good one, for the server's own questions
        self.texts: dict[str, str | None] = {
            "programme": programme_path.read_text(encoding="utf-8"),
            "state": _text(state_path),
        }
        self._watches = {
            "programme": Watch(programme_path),
            "state": Watch(state_path, settle=False),  # written atomically by the host
        }
        self._changed = asyncio.Condition()
        self.version = 0
        self.streams: set[asyncio.Task[object]] = set()  # one per follower: stopped on exit

    def message(self, name: str) -> dict[str, str | None]:
        if name == "programme":
            return {"file": self.programme_path.name, "text": self.texts["programme"]}
        return {"text": self.texts["state"]}

    async def run(self) -> None:
        """Scan the files until cancelled; wake the streams when either changed."""
        while True:
            if await asyncio.to_thread(self._scan):
                async with self._changed:
                    self.version += 1
                    self._changed.notify_all()
            await asyncio.sleep(SCAN)

    def _scan(self) -> bool:
        changed = False
        if self._watches["programme"].poll():
            text = _text(self.programme_path)
            if text is not None:
                with contextlib.suppress(ProgrammeError):  # a mistake: the last good stays
                    self.programme = loads(text, str(self.programme_path))
                    changed = text != self.texts["programme"]
                    self.texts["programme"] = text
        if self._watches["state"].poll():
            text = _text(self.state_path)
            changed = changed or text != self.texts["state"]
            self.texts["state"] = text
        return changed

    async def stop(self) -> None:
        """End every stream now: a stopping server does not wait for its followers."""
        for task in self.streams:
            task.cancel()
        if self.streams:
            await asyncio.wait(self.streams, timeout=1.0)

    async def wait(self, version: int, timeout: float) -> int:
        """The version after `version`, or `version` again after `timeout` seconds."""
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: self.version != version), timeout
                )
            return self.version

    # -- the routes ------------------------------------------------------------------------

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/api/programme", self.handle_programme),
            web.get("/api/state", self.handle_state),
            web.get("/api/events", self.handle_events),
        ]

    async def handle_programme(self, request: web.Request) -> web.Response:
        return web.json_response(self.message("programme"))

    async def handle_state(self, request: web.Request) -> web.Response:
        return web.json_response(self.message("state"))

    async def handle_events(self, request: web.Request) -> web.StreamResponse:
        """Both at once, then each again when it changed; a comment when quiet."""
        if len(self.streams) >= MAX_STREAMS:
            raise web.HTTPServiceUnavailable(text="too many followers")
        task = asyncio.current_task()
        assert task is not None
        self.streams.add(task)
        try:
            return await self._stream(request)
        finally:
            self.streams.discard(task)

    async def _stream(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
        )
        await response.prepare(request)
        sent: dict[str, str | None] = {}
        version = self.version
        with contextlib.suppress(ConnectionError):  # the follower went: nothing to say
            while True:
                chunk = b""
                for name in ("programme", "state"):
                    if name not in sent or sent[name] != self.texts[name]:
                        sent[name] = self.texts[name]
                        data = json.dumps(self.message(name), ensure_ascii=False)
                        chunk += f"event: {name}\ndata: {data}\n\n".encode()
                await response.write(chunk or b": still here\n\n")
                version = await self.wait(version, KEEP_ALIVE)
        return response


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
