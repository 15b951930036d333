"""The host's keys, as one list: the app binds them and the help screen lists them."""

from __future__ import annotations

# (keys as shown, word for what it does); the bindings themselves live in the app
HOST_KEYS: list[tuple[str, str]] = [
    ("n / → / space", "key_next"),
    ("p / ←", "key_prev"),
    ("c", "key_clock"),
    ("+", "key_later"),
    ("-", "key_earlier"),
    ("m", "key_announce"),
    ("u", "key_undo"),
    ("b", "key_blank"),
    ("t", "key_theme"),
    ("?", "key_help"),
    ("ctrl+q", "key_quit"),
]
