"""A host's programme and live state, mirrored from its `kiosk serve` into a folder of this
machine: `kiosk run --follow URL` then follows the copies like files on its own disk. When the
host is unreachable the copies stay, so the screen runs on with them on its own clock (a
restart too), and the next connection brings them up to date."""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kiosk.core.problems import ProgrammeError
from kiosk.files.atomic import write_text
from kiosk.files.loader import loads

QUIET = 25.0  # seconds without a byte (the server says something every 10): the line is gone
AGAIN = 1.0  # seconds between tries while the host is unreachable
PROGRAMME, STATE = "programme.yaml", "programme.state.json"  # the names a follower reads


class Unreachable(Exception):
    """The URL gave no programme: why, in one line."""


def url_of(text: str) -> str:
    """The server's address as given on the command line, with a trailing slash; only http(s)."""
    parts = urllib.parse.urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{text}' is not an http:// address of a kiosk serve")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def folder_for(url: str, cache: Path | None = None) -> Path:
    """Where this URL's copies live: one folder a server, kept between runs."""
    if cache is None:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        cache = Path(base) / "kiosk"
    parts = urllib.parse.urlsplit(url)
    where = f"{parts.hostname or ''}-{parts.port or parts.scheme}"  # no user:password@
    name = "".join(c if c.isalnum() or c in "-." else "-" for c in where)
    return cache / f"{name}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"


class Mirror:
    """Keeps `folder`'s programme and state the host's, in a thread of its own. `connected`
    says whether the host is being heard right now."""

    def __init__(self, url: str, folder: Path):
        self.url = url
        self.folder = folder
        self.programme_path = folder / PROGRAMME
        self.state_path = folder / STATE
        self.connected = False
        self._thread: threading.Thread | None = None

    def fetch(self, timeout: float = 5.0) -> None:
        """Copy both once, now; Unreachable if the host gave no programme."""
        try:
            programme = self._get("api/programme", timeout)
            state = self._get("api/state", timeout)
        except (OSError, ValueError, http.client.HTTPException) as exc:
            raise Unreachable(_why(exc)) from None
        self.take("programme", programme)
        self.take("state", state)
        self.connected = True  # heard just now: the screen starts without the mark

    def _get(self, path: str, timeout: float) -> dict[str, object]:
        with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
        if not isinstance(data, dict) or "text" not in data:
            raise ValueError(f"{self.url}{path} is not a kiosk serve's answer")
        return data

    def take(self, name: str, data: dict[str, object]) -> None:
        """One message of the host: its file, written here if it changed. A programme that
        does not load is not taken (the host's own screen keeps the last good one too)."""
        text = data.get("text")
        path = self.programme_path if name == "programme" else self.state_path
        if not isinstance(text, str):
            if name == "state":  # the host has no state: the screens follow the clock
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            return
        with contextlib.suppress(OSError, UnicodeDecodeError):  # no copy yet, or a damaged one
            if path.read_text(encoding="utf-8") == text:
                return
        if name == "programme":
            try:
                loads(text, str(path))
            except ProgrammeError:
                return
        write_text(path, text)

    def start(self) -> None:
        """Follow the host's pushes until the process ends (a daemon thread: it never holds
        the exit up)."""
        self._thread = threading.Thread(target=self._follow, name="mirror", daemon=True)
        self._thread.start()

    def _follow(self) -> None:
        while True:
            try:
                self._listen()
            except Exception:  # unreachable, cut off, garbled, a full disk: the copies
                pass  # stay, the screen says "geen verbinding", and it tries again
            finally:
                self.connected = False
            time.sleep(AGAIN)

    def _listen(self) -> None:
        """One connection to the host's events: each event's file taken as it comes."""
        request = urllib.request.Request(
            self.url + "api/events", headers={"Accept": "text/event-stream"}
        )
        with urllib.request.urlopen(request, timeout=QUIET) as stream:
            self.connected = True
            event, data = "", []
            for raw in stream:
                line = raw.decode("utf-8").rstrip("\r\n")
                name, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value  # as the standard says
                if name == "event":
                    event = value
                elif name == "data":
                    data.append(value)
                elif not line:  # the end of one event
                    if event in ("programme", "state") and data:
                        message = json.loads("\n".join(data))
                        if isinstance(message, dict):
                            self.take(event, message)
                    event, data = "", []


def _why(exc: Exception) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"it answered {exc.code} {exc.reason} (is it a kiosk serve?)"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason.strerror if isinstance(exc.reason, OSError) else exc.reason)
    return str(exc)
