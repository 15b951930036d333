"""The host's keys, one table: the app's bindings and the help screen both come from it."""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding, BindingType

from kiosk.core.actions import Action


class HostKey(NamedTuple):
    keys: str  # Textual's key names, comma-separated
    shown: str  # the keys as the help lists them
    action: str  # the app's action
    word: str  # what it does: a key of the words table
    priority: bool = False  # also while an overlay is on top


def host(action: Action) -> str:
    """The app's action for a host's key: `action_host` takes the word."""
    return f"host('{action}')"


HOST_KEYS: tuple[HostKey, ...] = (
    # a presenter clicker sends PageDown, PageUp and b or .: it is a host keyboard too
    HostKey("n,right,space,pagedown", "n → space", host(Action.NEXT), "key_next"),
    HostKey("p,left,pageup", "p ←", host(Action.PREVIOUS), "key_prev"),
    HostKey("c", "c", host(Action.CLOCK), "key_clock"),
    HostKey("plus,equals_sign", "+", host(Action.LATER), "key_later"),
    HostKey("minus,underscore", "-", host(Action.EARLIER), "key_earlier"),
    HostKey("m", "m", host(Action.ANNOUNCE), "key_announce"),
    HostKey("M", "M", host(Action.STAGE_MESSAGE), "key_stage"),
    HostKey("u", "u", host(Action.UNDO), "key_undo"),
    HostKey("b,full_stop", "b", host(Action.BLANK), "key_blank"),
    HostKey("t", "t", "next_theme", "key_theme"),
    HostKey("question_mark", "?", "help", "key_help"),
    HostKey("ctrl+q", "ctrl+q", "request_quit", "key_quit", priority=True),
)

BINDINGS: list[BindingType] = [
    *(Binding(k.keys, k.action, show=False, priority=k.priority) for k in HOST_KEYS),
    # ctrl+c would tell how to quit; a kiosk keeps quiet
    Binding("ctrl+c", "ignore", show=False, priority=True),
    # ctrl+l draws the whole screen again, as in other terminal programs: kiosk serve asks for
    # it when a browser screen joins a renderer whose other screens are drawn already
    Binding("ctrl+l", "redraw", show=False, priority=True),
]
