"""Every word on screen, one table per language, and the small phrases built from them."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pendulum

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "now": "Nu",
        "now_in": "Nu in {room}",
        "room_empty": "Vandaag niets in {room}",
        "next_in": "Hierna in {room}",
        "next": "Hierna",
        "approx": "ca.",
        "left": "nog {d}",
        "at_in": "om {t} · over {d}",
        "in": "over {d}",
        "starting": "begint nu",
        "walk_in_from": "{title} vanaf {t}",
        "starts_at": "Begint om {t}",
        "break_resume": "We gaan verder om {t} · over {d}",
        "drinks_until": "tot {t}",
        "thanks": "Bedankt voor je komst",
        "was_on": "Deze bijeenkomst was op {date}",
        "on_day": "Op {date}",
        "late": "loopt ca. {n} min uit",
        "early": "loopt ca. {n} min voor",
        "was": "was {t}",
        "from_t": "vanaf {t}",
        "overtime": "uitloop {d}",
        "resume_at": "We gaan verder om {t}",
        "min": "{n} min",
        "hours": "{h} u {m} min",
        "hours_only": "{h} u",
        "days": "{n} dagen",
        "day": "1 dag",
        "mode_clock": "volgt de klok",
        "mode_host": "host: {title} gestart om {t}",
        "delay": "vertraging {n:+d} min",
        "state_file": "status: {path}",
        "state_file_unwritable": "status: {path} kan niet worden geschreven ({error})",
        "announce_prompt": "Mededeling (Enter toont, leeg haalt weg, Esc annuleert)",
        "quit_question": "De kiosk afsluiten?",
        "yes": "Ja, afsluiten",
        "no": "Nee, doorgaan",
        "help_title": "Toetsen voor de host",
        "help_close": "Esc of ? sluit deze hulp",
        "key_next": "volgend onderdeel begint nu",
        "key_prev": "vorig onderdeel",
        "key_clock": "volg de klok weer",
        "key_later": "de rest 5 min later",
        "key_earlier": "de rest 5 min eerder",
        "key_announce": "mededeling typen (leeg haalt weg)",
        "key_undo": "laatste actie ongedaan maken",
        "key_blank": "scherm zwart (elke toets brengt het terug)",
        "key_theme": "volgend thema",
        "key_help": "deze hulp",
        "key_quit": "afsluiten (na bevestiging)",
        "reloaded": "programma bijgewerkt: {what}",
        "added": "{n} nieuw",
        "removed": "{n} weg",
        "changed": "{n} gewijzigd",
        "nothing_changed": "niets veranderd",
        "broken": "{where}: {message} (het laatste goede programma blijft staan)",
        "item_gone": "onderdeel '{id}' bestaat niet meer: het scherm volgt de klok",
        "state_damaged": (
            "statusbestand onleesbaar, apart gezet als {path}: het scherm volgt de klok"
        ),
        "state_unwritable": "statusbestand kan niet worden geschreven: {error}",
        "nothing_to_undo": "niets om ongedaan te maken",
    },
    "en": {
        "now": "Now",
        "now_in": "Now in {room}",
        "room_empty": "Nothing in {room} today",
        "next_in": "Next in {room}",
        "next": "Next",
        "approx": "approx.",
        "left": "{d} left",
        "at_in": "at {t} · in {d}",
        "in": "in {d}",
        "starting": "starting now",
        "walk_in_from": "{title} from {t}",
        "starts_at": "Starts at {t}",
        "break_resume": "We resume at {t} · in {d}",
        "drinks_until": "until {t}",
        "thanks": "Thank you for coming",
        "was_on": "This event was on {date}",
        "on_day": "On {date}",
        "late": "running about {n} min late",
        "early": "running about {n} min early",
        "was": "was {t}",
        "from_t": "from {t}",
        "overtime": "{d} over time",
        "resume_at": "We resume at {t}",
        "min": "{n} min",
        "hours": "{h} h {m} min",
        "hours_only": "{h} h",
        "days": "{n} days",
        "day": "1 day",
        "mode_clock": "following the clock",
        "mode_host": "host: {title} started at {t}",
        "delay": "delay {n:+d} min",
        "state_file": "state: {path}",
        "state_file_unwritable": "state: {path} cannot be written ({error})",
        "announce_prompt": "Announcement (Enter shows it, empty clears, Esc cancels)",
        "quit_question": "Quit the kiosk?",
        "yes": "Yes, quit",
        "no": "No, go on",
        "help_title": "Keys for the host",
        "help_close": "Esc or ? closes this help",
        "key_next": "next part starts now",
        "key_prev": "previous part",
        "key_clock": "follow the clock again",
        "key_later": "the rest 5 min later",
        "key_earlier": "the rest 5 min earlier",
        "key_announce": "type an announcement (empty clears)",
        "key_undo": "undo the last action",
        "key_blank": "blank the screen (any key brings it back)",
        "key_theme": "next theme",
        "key_help": "this help",
        "key_quit": "quit (after confirmation)",
        "reloaded": "programme updated: {what}",
        "added": "{n} added",
        "removed": "{n} removed",
        "changed": "{n} changed",
        "nothing_changed": "nothing changed",
        "broken": "{where}: {message} (the last good programme stays on screen)",
        "item_gone": "item '{id}' no longer exists: the screen follows the clock",
        "state_damaged": (
            "state file unreadable, kept aside as {path}: the screen follows the clock"
        ),
        "state_unwritable": "state file cannot be written: {error}",
        "nothing_to_undo": "nothing to undo",
    },
}


class Words:
    """The phrases of one language."""

    def __init__(self, language: str = "nl"):
        self.language = language if language in WORDS else "nl"
        self.table = WORDS[self.language]

    def __call__(self, key: str, **values: object) -> str:
        return self.table[key].format(**values)

    def span(self, delta: timedelta) -> str:
        """A stretch of time as attendees read it: 12 min, 1 u 5 min, 3 dagen (rounded up)."""
        minutes = max(0, math.ceil(delta.total_seconds() / 60))
        if minutes >= 48 * 60:
            return self("days", n=minutes // (24 * 60))
        if minutes >= 24 * 60:
            return self("day")
        if minutes >= 60:
            h, m = divmod(minutes, 60)
            return self("hours", h=h, m=m) if m else self("hours_only", h=h)
        return self("min", n=minutes)

    def day(self, day: date) -> str:
        return pendulum.date(day.year, day.month, day.day).format(
            "dddd D MMMM YYYY", locale=self.language
        )

    def drift(self, minutes: int) -> str:
        """The room's drift in words; small drifts (under 3 min) are not worth a line."""
        if abs(minutes) < 3:
            return ""
        n = abs(minutes) if abs(minutes) < 5 else 5 * round(abs(minutes) / 5)
        return self("late" if minutes > 0 else "early", n=n)
