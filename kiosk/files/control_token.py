"""The token that lets `kiosk serve --control` steer: made at its first start, kept in a file
only its user can read, beside the live state (`programme.state.token`; a rehearsal's state
shares the day's token, so a phone or a Stream Deck set up in the rehearsal works on the day)."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

REHEARSAL = ".rehearsal"  # files.statefile.default_path: programme.rehearsal.state.json
MIN_LENGTH = 16  # characters: a shorter one is no secret


class TokenError(Exception):
    """The token file cannot be used; the message says why and what to do."""


def token_path(state_path: Path) -> Path:
    """programme.state.json (and programme.rehearsal.state.json) -> programme.state.token."""
    stem = state_path.stem.replace(f"{REHEARSAL}.", ".", 1)
    return state_path.with_name(f"{stem}.token")


def load_or_make(path: Path) -> tuple[str, bool]:
    """The token in `path`, or a new one written there (0600): (token, whether it was made)."""
    try:
        return _load(path), False
    except FileNotFoundError:
        pass
    token = secrets.token_urlsafe(24)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # O_EXCL: never through a link someone else put there
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:  # another server made it this moment
        return _load(path), False
    except OSError as exc:
        raise TokenError(f"{path}: cannot be written ({exc.strerror})") from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(token + "\n")
    return token, True


def _load(path: Path) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise TokenError(f"{path}: cannot be read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            raise TokenError(f"{path} is not this user's file; remove it for a new token")
        if info.st_mode & 0o077:
            raise TokenError(
                f"{path} can be read by others (mode {stat.S_IMODE(info.st_mode):o}); "
                f"chmod 600 {path}, or remove it for a new token"
            )
        token = fh.read(1024).decode("ascii", "replace").strip()
    if len(token) < MIN_LENGTH or not token.isprintable() or " " in token:
        raise TokenError(f"{path} holds no usable token; remove it for a new one")
    return token
