"""kiosk serve --control: the host's keys over HTTP, for a phone (`/host?token=…`), a Stream
Deck (Companion's "Generic HTTP") or curl (`POST /api/act`). Each action goes through the
host's inbox (files/inbox.py) to whoever holds the host lock: the host kiosk applies it as if
its key were pressed; with no host kiosk running, this server takes the lock for a moment and
applies it itself. Either way the same rules, undo history, state file and log as the keys.
Nothing steers without the token; without --control none of these routes exist."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import json
import secrets
import shlex
import socket
import time
from collections import deque
from pathlib import Path
from typing import Any

from aiohttp import web

from kiosk.core.actions import Action
from kiosk.core.live import Live, reconcile
from kiosk.core.notes import would
from kiosk.core.remote import Remote, parse
from kiosk.core.settings import Settings
from kiosk.core.text import displayable
from kiosk.core.tracks import Tracks
from kiosk.core.view import Board, board, host_mark
from kiosk.core.words import Words
from kiosk.files import inbox, statefile
from kiosk.files.clock import Clock
from kiosk.files.control_token import token_path
from kiosk.files.service import KioskFiles
from kiosk.web.feed import Feed

RATE = 10  # actions a second at most: a Stream Deck held down, or a loop gone wrong
MAX_BODY = 4096  # bytes of a request: an action and a line of text
TAKEN = 5.0  # seconds a host kiosk has to take an action before it is withdrawn (503)
LOOK = 0.05  # seconds between looks at whether it was taken, or the lock is free
BOARD = 1.0  # seconds between looks at the phone page's board: the clock moves it too
KEEP_ALIVE = 15.0  # seconds between comments on a quiet stream
MAX_PAGES = 20  # phone pages at once
STATIC = Path(__file__).parent / "static"


class Control:
    """The routes that steer, and what they need: the token, the feed (the programme and the
    state as the screens see them), the server's clock."""

    def __init__(self, settings: Settings, token: str, feed: Feed, clock: Clock):
        self.settings, self.token, self.feed, self.clock = settings, token, feed, clock
        # the host's files as this server writes them when no host kiosk runs
        self.files = KioskFiles(settings._replace(follow=False, served=False))
        self._alone = asyncio.Lock()  # one of this server's turns as the host at a time
        self._waiting: set[Path] = set()  # inbox entries this server sent, not yet taken
        self._taken_here: set[Path] = set()  # of those, the ones this server took itself
        self._recent: deque[float] = deque()  # the moments of the last second's actions
        self.monotonic = time.monotonic  # what the rate is measured by (tests hold it still)
        self.pages: set[asyncio.Task[object]] = set()
        self.token_made = False  # made at this start: said once, in full

    def lines_at_start(self, host: str, port: int, loopback: bool) -> list[str]:
        """What the server says of the remote once it listens: the phone's address (the
        token in full only when it was made now), where the token is kept, and who can reach
        it."""
        path = token_path(self.settings.state_path)
        address = _reachable(host)
        base = f"http://[{address}]:{port}" if ":" in address else f"http://{address}:{port}"
        if self.token_made:
            lines = [
                f"kiosk: the remote: {base}/host?token={self.token}",
                f"kiosk: its token (Authorization: Bearer …) is kept in {path}, for you alone;"
                f" see it again with: cat {shlex.quote(str(path))}; remove it for a new one",
            ]
        else:
            lines = [f"kiosk: the remote: {base}/host?token=… (the token is in {path})"]
        if loopback:
            lines.append(
                "kiosk: only this machine can reach it; for a phone on the venue's network"
                " give --host 0.0.0.0"
            )
        return lines

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/api/act", self.handle_act),
            web.get("/host", self.handle_page),
            web.get("/api/host/events", self.handle_board),
        ]

    # -- who may steer ---------------------------------------------------------------------

    def authorised(self, request: web.Request, page: bool = False) -> bool:
        """`Authorization: Bearer TOKEN`; for the page and its stream also `?token=`."""
        given = ""
        scheme, _, value = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer":
            given = value.strip()
        elif page:
            given = request.query.get("token", "")
        return hmac.compare_digest(given.encode(), self.token.encode())

    def _allowed(self) -> bool:
        """At most RATE actions in any second."""
        now = self.monotonic()
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        if len(self._recent) >= RATE:
            return False
        self._recent.append(now)
        return True

    # -- POST /api/act -----------------------------------------------------------------------

    async def handle_act(self, request: web.Request) -> web.Response:
        if not self.authorised(request):
            return _error(401, "give the token: Authorization: Bearer TOKEN", bearer=True)
        if not self._allowed():
            return _error(429, f"at most {RATE} actions a second", retry=True)
        body = await request.content.read(MAX_BODY + 1)
        if len(body) > MAX_BODY:
            return _error(400, f"the request is over {MAX_BODY} bytes")
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return _error(400, 'not JSON: give {"action": "next"}')
        try:
            remote = parse(data, self.feed.programme.event.rooms)
        except ValueError as exc:
            return _error(400, str(exc))
        try:
            by = await self.deliver(remote)
        except (OSError, inbox.NotOurs) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return _error(503, f"cannot reach the host's files: {why}")
        except Undelivered as exc:
            return _error(503, str(exc))
        room = f" in {remote.room}" if remote.room else ""
        print(
            f"kiosk: {time.strftime('%H:%M:%S')} {remote.action}{room} from"
            f" {request.remote or '?'}, applied by {by}",
            flush=True,
        )
        return web.json_response({"ok": True, "action": str(remote.action), "applied_by": by})

    async def deliver(self, remote: Remote) -> str:
        """Hand the action to the holder of the host lock and wait until it is taken: who
        applied it ("the host kiosk", or "this server" when none runs)."""
        path = self.settings.state_path
        # Sent in this server's turn: one turn as the host takes every entry this server sent
        # before it (another request's too), and those are known to be taken here.
        async with self._alone:
            entry = await asyncio.to_thread(inbox.send, path, remote)
            self._waiting.add(entry)
        try:
            deadline = time.monotonic() + TAKEN
            while await asyncio.to_thread(entry.exists):
                async with self._alone:  # no host kiosk: this server is the host for a moment
                    now = self.clock.now()
                    programme = self.feed.programme
                    if await asyncio.to_thread(self.files.steer_alone, programme, now):
                        self._taken_here |= self._waiting
                if entry in self._taken_here:
                    return "this server"
                if time.monotonic() >= deadline:
                    if await asyncio.to_thread(inbox.withdraw, entry):
                        raise Undelivered(
                            f"the host kiosk did not take the action in {TAKEN:.0f} s;"
                            " nothing was done"
                        )
                    break
                await asyncio.sleep(LOOK)
            # gone: a turn of this server's may have taken it and not yet said so (its entries
            # are marked once its look at the inbox is over); the lock waits for that turn
            async with self._alone:
                return "this server" if entry in self._taken_here else "the host kiosk"
        finally:
            self._waiting.discard(entry)
            self._taken_here.discard(entry)

    # -- the phone page ----------------------------------------------------------------------

    async def handle_page(self, request: web.Request) -> web.Response:
        words = Words(self.feed.programme.event.language)
        if not self.authorised(request, page=True):
            return _refused(401, words("remote_denied"), words.language)
        room = request.query.get("room") or None
        if room is not None and room not in self.feed.programme.event.rooms:
            # said here, once: the page itself would only say it cannot reach the kiosk
            room_words = words("remote_no_room", room=displayable(room)[:60])
            return _refused(400, room_words, words.language)
        nonce = secrets.token_urlsafe(16)
        title = f"{words('remote_title')} · {displayable(self.feed.programme.event.title)}"
        labels = {k.removeprefix("remote_"): v for k, v in words.table.items() if "remote_" in k}
        text = (
            _PAGE.replace("{{lang}}", words.language)
            .replace("{{page_title}}", html.escape(title))
            .replace("{{nonce}}", nonce)
            .replace("{{style}}", _STYLE)
            .replace("{{script}}", _SCRIPT)
            .replace("{{words}}", json.dumps(labels, ensure_ascii=False).replace("</", "<\\/"))
        )
        for key, value in labels.items():
            text = text.replace(f"{{{{{key}}}}}", html.escape(value))
        return web.Response(
            content_type="text/html",
            text=text,
            headers={
                "Cache-Control": "no-store",  # the token is in its address
                "Referrer-Policy": "no-referrer",
                "X-Frame-Options": "DENY",
                "Content-Security-Policy": (
                    f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}';"
                    " connect-src 'self'; base-uri 'none'; form-action 'none';"
                    " frame-ancestors 'none'"
                ),
            },
        )

    async def handle_board(self, request: web.Request) -> web.StreamResponse:
        """What the hall's screen (or a room's door, `?room=`) shows, as server-sent events
        `board`: again whenever it changes, a host's key or the clock."""
        if not self.authorised(request, page=True):
            return _error(401, "give the token", bearer=True)
        room = request.query.get("room") or None
        if room is not None and room not in self.feed.programme.event.rooms:
            return _error(400, f"room {room!r} is not one of the programme's rooms")
        if len(self.pages) >= MAX_PAGES:
            return _error(503, "too many remotes at once")
        task = asyncio.current_task()
        assert task is not None
        self.pages.add(task)
        try:
            response = web.StreamResponse(
                headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
            )
            await response.prepare(request)
            sent, quiet, version = "", time.monotonic(), self.feed.version
            with contextlib.suppress(ConnectionError):
                while True:
                    data = json.dumps(self.board_of(room), ensure_ascii=False)
                    if data != sent:
                        await response.write(f"event: board\ndata: {data}\n\n".encode())
                        sent, quiet = data, time.monotonic()
                    elif time.monotonic() - quiet > KEEP_ALIVE:
                        await response.write(b": still here\n\n")
                        quiet = time.monotonic()
                    version = await self.feed.wait(version, BOARD)
            return response
        finally:
            self.pages.discard(task)

    async def stop(self) -> None:
        for task in self.pages:
            task.cancel()
        if self.pages:
            await asyncio.wait(self.pages, timeout=1.0)

    def board_of(self, room: str | None) -> dict[str, Any]:
        """The screen as the phone shows it: the hall's words, and the host's mark."""
        programme = self.feed.programme
        live = self.live()
        words = Words(programme.event.language)
        now = self.clock.now()
        tracks = Tracks(programme, live.state, room)
        snap = tracks.snapshot(now)
        shown: Board = board(snap, words, room)
        return {
            "clock": shown.header.clock,
            "look": str(shown.look),
            "blank": shown.blank,
            "banner": shown.banner,
            "stage_message": displayable(live.state.stage_message or "") or None,
            "drift": shown.drift,
            "mark": host_mark(snap, words),
            "headline": None
            if shown.headline is None
            else {"text": shown.headline.text, "countdown": shown.headline.countdown},
            "now": None
            if shown.now is None
            else {
                "label": shown.now.label,
                "title": shown.now.title,
                "by": shown.now.by,
                "times": shown.now.times,
                "left": shown.now.left,
            },
            "next": None
            if shown.next is None
            else {"label": shown.next.label, "title": shown.next.title, "when": shown.next.when},
            "undo": bool(live.history),
            # what Volgende would do now, as the host's help says it for n (blank: any key
            # brings the screen back, and only that)
            "next_does": words("note_unblank")
            if live.state.blank
            else would(Action.NEXT, live, tracks.at(now), now, words),
        }

    def live(self) -> Live:
        """The host's live state as the screens follow it (the clock's, when it is unusable)."""
        text, programme = self.feed.texts["state"], self.feed.programme
        if text is None:
            return Live()
        try:
            live = statefile.checked(text, programme)
        except statefile.UNUSABLE:
            return Live()
        return reconcile(live, programme)[0]


class Undelivered(Exception):
    """No host kiosk took the action in time, and it was withdrawn."""


def _error(status: int, said: str, bearer: bool = False, retry: bool = False) -> web.Response:
    headers = {"WWW-Authenticate": "Bearer"} if bearer else {}
    if retry:
        headers["Retry-After"] = "1"
    return web.json_response({"error": said}, status=status, headers=headers)


def _reachable(host: str) -> str:
    """The address a phone types for `host`: for all of this machine's addresses (0.0.0.0,
    ::), the one of its way out to the network (no packet is sent); else `host` itself."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    family = socket.AF_INET6 if host == "::" else socket.AF_INET
    probe = "2001:db8::1" if family == socket.AF_INET6 else "192.0.2.1"  # documentation nets
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as udp:
            udp.connect((probe, 9))
            return str(udp.getsockname()[0])
    except OSError:
        return host


def _refused(status: int, said: str, language: str) -> web.Response:
    """The phone page refused, said in one plain line (never cached or passed on: the link
    holds the token)."""
    return web.Response(
        status=status,
        content_type="text/html",
        text=(
            f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            '<body style="background:#11161c;color:#e8ecef;font:1.3em sans-serif;padding:1em">'
            f"<p>{html.escape(said)}</p></body></html>"
        ),
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


# The page and its style and script (kiosk/web/static/host.*), read once
_PAGE = (STATIC / "host.html").read_text(encoding="utf-8")
_STYLE = (STATIC / "host.css").read_text(encoding="utf-8")
_SCRIPT = (STATIC / "host.js").read_text(encoding="utf-8")
